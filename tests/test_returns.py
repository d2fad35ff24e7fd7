import unittest
from datetime import datetime

from freezegun import freeze_time

from odoo.addons.ficha_cliente.tools.sales import return_rate

from .common_commercial import CommercialCommon


class TestReturnRate(unittest.TestCase):
    def test_return_rate_pure(self):
        self.assertEqual(return_rate(1, 8), 12.5)
        self.assertEqual(return_rate(0, 8), 0.0)
        self.assertEqual(return_rate(2, 3), 66.67)
        self.assertEqual(return_rate(1, 0), 0.0)
        self.assertEqual(return_rate(None, None), 0.0)


class TestReturns(CommercialCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2024-04-01 14:00:00"):
            cls.return_picking = cls._return(
                cls.delivery_a, {cls.tshirt_m: [(cls.lot_b, 1)]}, reason="Tamanho errado"
            )

    def _rows(self, user=None):
        self.env.invalidate_all()
        partner = self.customer.with_user(user) if user else self.customer
        return partner.ficha_return_line_ids

    def test_return_row(self):
        self.assertEqual(self.return_picking.state, "done")
        self.assertEqual(self.return_picking.ficha_return_reason, "Tamanho errado")
        row = self._rows()
        self.assertEqual(len(row), 1)
        self.assertEqual(row.date, datetime(2024, 4, 1, 14, 0))
        self.assertEqual(row.picking_id, self.return_picking)
        self.assertEqual(row.origin_picking_id, self.delivery_a)
        self.assertEqual(row.order_id, self.order_a)
        self.assertEqual(row.sale_line_id, self.line_a_tshirt)
        self.assertEqual(row.product_id, self.tshirt_m)
        self.assertEqual(row.size_id.name, "M")
        self.assertEqual(row.lot_names, "LOT-B")
        self.assertEqual(row.quantity, 1)
        self.assertEqual(row.reason, "Tamanho errado")
        self.assertEqual(row.commercial_partner_id, self.customer)
        self.assertEqual(row.user_id, self.salesman)
        self.assertFalse(row.credit_note_names)

    def test_return_rates(self):
        # 1 of the 5 T-shirts M shipped came back: 20 %; customer: 1 of 8 items shipped.
        self.assertEqual(self._rows().product_return_rate, 20.0)
        self.assertEqual(self.customer.ficha_return_rate, 12.5)
        self.assertEqual(self.tshirt_m.ficha_return_rate, 20.0)
        self.assertEqual(self.tshirt_g.ficha_return_rate, 0.0)
        # The sales history keeps the shipped quantity; Odoo nets the delivered one.
        history = self.customer.ficha_sale_history_ids.filtered(
            lambda r: r.order_line_id == self.line_a_tshirt
        )
        self.assertEqual((history.qty_shipped, history.qty_delivered), (5, 4))

    def test_rate_and_rows_share_the_definition_of_shipped_goods(self):
        """The customer's return rate and its returned products' rates read one definition of what
        was shipped (``ficha.query._shipped_goods``), in the Returns page's two sections: the
        rate all the customer's goods, the rows only their products."""
        shipped = self.env["ficha.query"]._shipped_goods(self.customer)
        self.assertEqual(sum(shipped.values()), 8)
        self.assertEqual(shipped[(self.customer.id, self.tshirt_m.id)], 5)
        self.assertGreater(len(shipped), 1)
        self.assertEqual(
            self.env["ficha.query"]._shipped_goods(self.customer, self.tshirt_m),
            {(self.customer.id, self.tshirt_m.id): 5},
        )
        rate = self.customer.web_read({"ficha_return_rate": {}})[0]
        self.env.invalidate_all()
        rows = self.customer.web_read({"ficha_return_line_ids": {"fields": {"product_return_rate": {}}}})[0]
        self.assertEqual(rate["ficha_return_rate"], 12.5)
        self.assertEqual([row["product_return_rate"] for row in rows["ficha_return_line_ids"]], [20.0])

    def test_services_are_not_shipped(self):
        """Only the lines Odoo delivers by stock moves count as shipped: a service sold and
        delivered (by hand) adds nothing to the customer's goods shipped nor to its rate."""
        service = self.env["product.product"].create({"name": "Instalação", "type": "service"})
        order = self._create_order(self.customer, self.salesman, "2024-04-01", [(service, 3, 50.0, 0.0)])
        order.order_line.qty_delivered = 3
        self.assertEqual(order.order_line.qty_delivered_method, "manual")
        history = self.customer.ficha_sale_history_ids.filtered(lambda r: r.order_id == order)
        self.assertEqual((history.qty_delivered_method, history.qty_shipped), ("manual", 0.0))
        shipped = self.env["ficha.query"]._shipped_goods(self.customer)
        self.assertNotIn((self.customer.id, service.id), shipped)
        self.assertEqual(sum(shipped.values()), 8)
        self.assertEqual(self.customer.ficha_return_rate, 12.5)

    def test_return_without_reason_and_without_lot(self):
        with freeze_time("2024-05-02 08:00:00"):
            second = self._return(self.delivery_a, {self.product: [(None, 2)]})
        self.assertFalse(second.ficha_return_reason)
        rows = self._rows().filtered(lambda r: r.picking_id == second)
        self.assertEqual((rows.product_id, rows.quantity), (self.product, 2))
        self.assertFalse(rows.reason)
        self.assertFalse(rows.lot_names)
        self.assertFalse(rows.size_id)
        self.assertEqual(rows.product_return_rate, 100.0)
        # Newest first.
        self.assertEqual(self._rows()[0], rows)

    def test_own_documents_only(self):
        self.assertEqual(len(self._rows(self.salesman)), 1)
        self.assertFalse(self._rows(self.salesman_b))
        self.assertEqual(self.customer.with_user(self.salesman_b).ficha_return_rate, 0.0)
        self.assertEqual(len(self._rows(self.sales_manager)), 1)

    def test_credit_note_of_the_returned_line(self):
        invoice = self.order_a._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.filtered(lambda line: line.product_id != self.tshirt_m).unlink()
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        self.env.invalidate_all()
        self.assertEqual(self._rows().credit_note_names, refund.name)
        history = self.customer.ficha_sale_history_ids.filtered(lambda r: r.order_id == self.order_a)
        self.assertEqual(set(history.mapped("invoice_names")), {invoice.name})

    def test_full_list_and_picking(self):
        action = self.customer.with_user(self.salesman).action_ficha_view_returns()
        self.assertEqual(action["res_model"], "ficha.return.line")
        self.assertEqual(action["domain"], [("commercial_partner_id", "=", self.customer.id)])
        row = self._rows(self.salesman)
        self.assertEqual(row.action_open_picking()["res_id"], self.return_picking.id)
        self.assertEqual(row.action_open_ficha_item()["res_id"], self.tshirt_m.id)

    def test_reason_in_the_return_wizard_and_picking_forms(self):
        wizard_arch = self.env["stock.return.picking"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="ficha_return_reason"', wizard_arch)
        picking_arch = self.env["stock.picking"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="ficha_return_reason"', picking_arch)
