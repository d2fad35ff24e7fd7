import unittest

from freezegun import freeze_time

from odoo import Command
from odoo.addons.ficha_cliente.tools.sales import yearly_series

from .common_commercial import CommercialCommon


class TestYearlySeries(unittest.TestCase):
    def test_yearly_series_pure(self):
        self.assertEqual(
            yearly_series({2024: 360.0, 2019: 5.0}, 2025),
            [(2021, 0.0), (2022, 0.0), (2023, 0.0), (2024, 360.0), (2025, 0.0)],
        )
        self.assertEqual(yearly_series({}, 2000, years=2), [(1999, 0.0), (2000, 0.0)])


class TestItemSheet(CommercialCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_customer = cls.env["res.partner"].create({"name": "Outra Loja", "is_company": True})
        cls.order_other = cls._create_order(
            cls.other_customer, cls.salesman_b, "2025-02-01 10:00:00", [(cls.tshirt_m, 2, 85.0, 0.0)]
        )
        cls._deliver(cls.order_other, {cls.order_other.order_line: [(cls.lot_a, 2)]})

    def test_item_history_across_customers(self):
        item = self.tshirt_m
        self.assertEqual(
            {
                (row.commercial_partner_id, row.product_uom_qty, row.price_unit, row.discount, row.lot_names)
                for row in item.ficha_sale_history_ids
            },
            {(self.customer, 5, 80.0, 10.0, "LOT-A, LOT-B"), (self.other_customer, 2, 85.0, 0.0, "LOT-A")},
        )
        self.assertEqual(set(item.ficha_sale_history_ids.size_id.mapped("name")), {"M"})
        self.assertFalse(item.ficha_pending_line_ids)
        self.assertEqual(self.tshirt_g.ficha_pending_line_ids.order_line_id, self.line_b)
        # On hand: 10 + 10 received in LOT-A/LOT-B, 5 + 2 delivered.
        self.assertEqual(item.qty_available, 13)

    @freeze_time("2025-06-20 12:00:00")
    def test_yearly_sales_for_five_years(self):
        self.assertEqual(
            self.tshirt_m.ficha_yearly_sales,
            [
                {"year": 2021, "amount": 0.0, "quantity": 0.0},
                {"year": 2022, "amount": 0.0, "quantity": 0.0},
                {"year": 2023, "amount": 0.0, "quantity": 0.0},
                {"year": 2024, "amount": 360.0, "quantity": 5.0},
                {"year": 2025, "amount": 170.0, "quantity": 2.0},
            ],
        )
        self.assertIn("2021", self.tshirt_m.ficha_yearly_sales_html)
        # A salesperson limited to own documents sees the figures of own orders only.
        self.env.invalidate_all()
        yearly = self.tshirt_m.with_user(self.salesman).ficha_yearly_sales
        self.assertEqual([row["amount"] for row in yearly], [0.0, 0.0, 0.0, 360.0, 0.0])

    def test_own_documents_on_the_item_sheet(self):
        self.env.invalidate_all()
        self.assertEqual(
            self.tshirt_m.with_user(self.salesman_b).ficha_sale_history_ids.order_id, self.order_other
        )

    def test_repairs_where_the_item_was_used(self):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.product.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {"product_id": self.tshirt_m.id, "product_uom_qty": 1, "repair_line_type": "add"}
                    )
                ],
            }
        )
        self.assertEqual(self.tshirt_m.ficha_repair_ids, repair)
        self.assertEqual(self.product.ficha_repair_ids, repair)
        self.assertFalse(self.tshirt_g.ficha_repair_ids)

    def test_item_sheet_view_reuses_the_section_lists(self):
        form = self.env.ref("ficha_cliente.product_product_view_form_ficha_item")
        self.assertEqual(form.mode, "primary")
        views = self.env["product.product"].with_user(self.salesman).get_views([(form.id, "form")])
        arch = views["views"]["form"]["arch"]
        for name in (
            "ficha_sale_history_ids",
            "ficha_return_line_ids",
            "ficha_pending_line_ids",
            "qty_available",
        ):
            self.assertIn(f'name="{name}"', arch)
        # Same list as the customer sheet: the action_open_ficha_item button comes with it.
        sub_list = views["models"]["ficha.sale.history"]
        self.assertIn("lot_names", sub_list["fields"])
        action = self.tshirt_m.with_user(self.salesman).action_open_ficha_item()
        self.assertEqual(action["res_id"], self.tshirt_m.id)
        menu = self.env.ref("ficha_cliente.product_product_menu_ficha_item")
        self.assertEqual(menu.parent_id, self.env.ref("ficha_cliente.ficha_cliente_menu_root"))
        self.assertEqual(menu.action, self.env.ref("ficha_cliente.product_product_action_ficha_item"))
