from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import sheet_arch
from .common_relationship import RelationshipCommon


class TestServices(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.equipment = Product.create(
            {"name": "Máquina Overloque", "type": "consu", "is_storable": True, "tracking": "serial"}
        )
        cls.part_a = Product.create({"name": "Agulha", "type": "consu", "list_price": 30.0})
        cls.part_b = Product.create({"name": "Correia Gasta", "type": "consu", "list_price": 10.0})
        cls.service = Product.create({"name": "Mão de Obra Técnica", "type": "service", "list_price": 150.0})
        Lot = cls.env["stock.lot"]
        cls.lot_1 = Lot.create(
            {"name": "SN-001", "product_id": cls.equipment.id, "company_id": cls.company.id}
        )
        cls.lot_2 = Lot.create(
            {"name": "SN-002", "product_id": cls.equipment.id, "company_id": cls.company.id}
        )
        Repair = cls.env["repair.order"]
        # First visit of SN-001, ordered by the contact person: parts added and removed,
        # a quotation with the parts and a service line.
        cls.repair_1 = Repair.create(
            {
                "partner_id": cls.contact.id,
                "product_id": cls.equipment.id,
                "lot_id": cls.lot_1.id,
                "user_id": cls.technician.id,
                "schedule_date": "2025-03-10 09:00:00",
                "move_ids": [
                    Command.create(
                        {"product_id": cls.part_a.id, "product_uom_qty": 2, "repair_line_type": "add"}
                    ),
                    Command.create(
                        {"product_id": cls.part_b.id, "product_uom_qty": 1, "repair_line_type": "remove"}
                    ),
                ],
            }
        )
        cls.repair_1.action_create_sale_order()
        cls.env["sale.order.line"].create(
            {"order_id": cls.repair_1.sale_order_id.id, "product_id": cls.service.id, "product_uom_qty": 1}
        )
        # SN-001 comes back under warranty; SN-002 comes once; a cancelled one does not count.
        cls.repair_2 = Repair.create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.equipment.id,
                "lot_id": cls.lot_1.id,
                "user_id": cls.technician.id,
                "under_warranty": True,
                "schedule_date": "2025-09-01 14:00:00",
            }
        )
        cls.repair_3 = Repair.create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.equipment.id,
                "lot_id": cls.lot_2.id,
                "schedule_date": "2025-05-01 10:00:00",
            }
        )
        cancelled = Repair.create(
            {"partner_id": cls.customer.id, "product_id": cls.equipment.id, "lot_id": cls.lot_1.id}
        )
        cancelled.action_repair_cancel()
        # Someone else's repair of the same serial number is not the customer's.
        other = cls.env["res.partner"].create({"name": "Outro Cliente"})
        Repair.create({"partner_id": other.id, "product_id": cls.equipment.id, "lot_id": cls.lot_1.id})

    def _rows(self, user=None):
        model = self.env["ficha.repair"]
        if user:
            model = model.with_user(user)
        return model.search([("commercial_partner_id", "=", self.customer.id)])

    def test_services_rendered_rows(self):
        rows = self._rows()
        self.assertEqual(rows.repair_id, self.repair_2 | self.repair_3 | self.repair_1)
        # newest first
        self.assertEqual(rows.mapped("repair_id"), self.repair_2 + self.repair_3 + self.repair_1)
        first = rows.filtered(lambda r: r.repair_id == self.repair_1)
        self.assertEqual(first.commercial_partner_id, self.customer)
        self.assertEqual(first.partner_id, self.contact)
        self.assertEqual(first.product_id, self.equipment)
        self.assertEqual(first.lot_id, self.lot_1)
        self.assertEqual(first.user_id, self.technician)
        self.assertEqual(first.state, "draft")
        self.assertEqual(first.parts_summary, "+2 Agulha, -1 Correia Gasta")
        self.assertEqual(first.services_summary, "Mão de Obra Técnica")
        # quotation: 2 needles at 30 and the service at 150 (untaxed)
        self.assertAlmostEqual(first.amount, 210.0)
        self.assertFalse(first.under_warranty)
        second = rows.filtered(lambda r: r.repair_id == self.repair_2)
        self.assertTrue(second.under_warranty)
        self.assertEqual(second.amount, 0.0)
        self.assertEqual(second.parts_summary, "")

    def test_equipment_came_back_count(self):
        rows = self._rows()
        counts = {row.repair_id: row.equipment_repair_count for row in rows}
        self.assertEqual(counts[self.repair_1], 2)
        self.assertEqual(counts[self.repair_2], 2)
        self.assertEqual(counts[self.repair_3], 1)

    def test_equipment_without_serial_counts_by_product(self):
        """Repairs of a product without lot/serial are the same equipment (no serial tells
        them apart), read by id as a page of the sheet reads its rows."""
        press = self.env["product.product"].create({"name": "Prensa Térmica", "type": "consu"})
        Repair = self.env["repair.order"]
        first = Repair.create({"partner_id": self.customer.id, "product_id": press.id})
        second = Repair.create({"partner_id": self.contact.id, "product_id": press.id})
        rows = self.env["ficha.repair"].browse([first.id, second.id])
        self.assertEqual(rows.mapped("equipment_repair_count"), [2, 2])
        self.assertEqual(self.env["ficha.repair"].browse(self.repair_3.id).equipment_repair_count, 1)

    def test_filter_by_state_and_equipment(self):
        self.repair_3.action_validate()
        self.repair_3.action_repair_start()
        Rows = self.env["ficha.repair"]
        base = [("commercial_partner_id", "=", self.customer.id)]
        self.assertEqual(Rows.search(base + [("state", "=", "under_repair")]).repair_id, self.repair_3)
        self.assertEqual(
            Rows.search(base + [("lot_id", "=", self.lot_1.id)]).repair_id, self.repair_1 | self.repair_2
        )
        groups = dict(Rows._read_group(base, ["lot_id"], ["__count"]))
        self.assertEqual(groups, {self.lot_1: 2, self.lot_2: 1})

    def test_done_repair_has_its_date(self):
        machine = self.env["product.product"].create({"name": "Máquina Reta", "type": "consu"})
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": machine.id,
                "user_id": self.technician.id,
                "move_ids": [
                    Command.create(
                        {"product_id": self.part_a.id, "product_uom_qty": 1, "repair_line_type": "add"}
                    )
                ],
            }
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        row = self.env["ficha.repair"].search([("repair_id", "=", repair.id)])
        self.assertEqual(row.state, "done")
        self.assertTrue(row.date_done)
        self.assertEqual(row.equipment_repair_count, 1)

    def test_sheet_lists_and_counts_repairs(self):
        customer = self.customer.with_user(self.technician)
        self.assertEqual(customer.ficha_repair_count, 3)
        self.assertEqual(len(customer.ficha_repair_ids), 3)
        self.assertEqual(self.contact.with_user(self.technician).ficha_repair_count, 3)
        action = customer.action_ficha_open_repairs()
        self.assertEqual(action["res_model"], "ficha.repair")
        self.assertEqual(action["domain"], [("commercial_partner_id", "=", self.customer.id)])

    def test_open_repair_in_its_own_form(self):
        row = self._rows(self.technician).filtered(lambda r: r.repair_id == self.repair_1)
        action = row.action_open_repair()
        self.assertEqual((action["res_model"], action["res_id"]), ("repair.order", self.repair_1.id))

    def test_access(self):
        # Repair orders are for stock users (repair's own access): a plain salesperson cannot read
        # the list nor open it; the page is hidden for him.
        with self.assertRaises(AccessError):
            self._rows(self.salesman)
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).action_ficha_open_repairs()
        arch = sheet_arch(self.env, self.salesman)
        self.assertNotIn("ficha_repair_ids", arch)
        # A technician without sales rights still sees the services of the repair's quotation.
        stock_only = new_test_user(self.env, login="ficha_stock_only", groups="stock.group_stock_user")
        row = self._rows(stock_only).filtered(lambda r: r.repair_id == self.repair_1)
        self.assertEqual(row.services_summary, "Mão de Obra Técnica")
        # Another company's user does not see this company's repairs of a shared customer.
        self.assertFalse(self._rows(self.user_b))
        self.assertEqual(len(self._rows(self.technician)), 3)
