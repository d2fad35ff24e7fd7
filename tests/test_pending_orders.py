import unittest
from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.ficha_cliente.tools.sales import days_late

from .common_commercial import CommercialCommon


class TestDaysLate(unittest.TestCase):
    def test_days_late_pure(self):
        self.assertEqual(days_late(date(2025, 6, 10), date(2025, 6, 20)), 10)
        self.assertEqual(days_late(datetime(2025, 6, 10, 23, 59), date(2025, 6, 10)), 0)
        self.assertEqual(days_late(date(2025, 6, 10), date(2025, 6, 1)), 0)
        self.assertEqual(days_late(False, date(2025, 6, 1)), 0)
        # Across a leap day and a year boundary.
        self.assertEqual(days_late(date(2024, 2, 28), date(2024, 3, 1)), 2)
        self.assertEqual(days_late(date(2024, 12, 31), date(2025, 1, 1)), 1)


class TestPendingOrders(CommercialCommon):
    def _rows(self, user=None):
        self.env.invalidate_all()
        partner = self.customer.with_user(user) if user else self.customer
        return partner.ficha_pending_line_ids

    @freeze_time("2025-06-20 12:00:00")
    def test_partial_delivery_is_pending_and_late(self):
        row = self._rows()
        self.assertEqual(row.order_line_id, self.line_b)
        self.assertEqual(row.order_id, self.order_b)
        self.assertEqual(row.product_id, self.tshirt_g)
        self.assertEqual(row.size_id.name, "G")
        self.assertEqual((row.product_uom_qty, row.qty_delivered, row.qty_pending), (4, 1, 3))
        self.assertEqual(row.date_promised, datetime(2025, 6, 10, 12, 0))
        self.assertEqual(row.days_late, 10)
        self.assertTrue(row.is_late)
        self.assertEqual((self.customer.ficha_pending_count, self.customer.ficha_pending_late_count), (1, 1))
        self.assertEqual(self.env["ficha.pending.line"].search([("is_late", "=", True)]), row)
        self.assertFalse(self.env["ficha.pending.line"].search([("is_late", "=", False)]))

    @freeze_time("2025-06-08 12:00:00")
    def test_not_late_before_the_promised_date(self):
        row = self._rows()
        self.assertEqual(row.days_late, 0)
        self.assertFalse(row.is_late)
        self.assertEqual((self.customer.ficha_pending_count, self.customer.ficha_pending_late_count), (1, 0))
        self.assertEqual(self.env["ficha.pending.line"].search([("is_late", "=", False)]), row)

    @freeze_time("2025-06-11 02:00:00")
    def test_late_in_the_user_timezone(self):
        # 02:00 UTC on the 11th is still the 10th in São Paulo: promised today, not late yet.
        self.salesman_b.tz = "America/Sao_Paulo"
        row = self._rows(self.salesman_b)
        self.assertEqual((row.days_late, row.is_late), (0, False))
        lines = self.env["ficha.pending.line"].with_user(self.salesman_b)
        self.assertFalse(lines.search([("is_late", "=", True)]))
        self.salesman_b.tz = "UTC"
        self.env.invalidate_all()
        self.assertEqual(lines.search([("is_late", "=", True)]).days_late, 1)

    @freeze_time("2025-07-01 12:00:00")
    def test_promised_date_from_the_delivery_without_commitment(self):
        order = self._create_order(
            self.customer, self.salesman, "2025-06-25 10:00:00", [(self.product, 3, 10.0, 0)]
        )
        order.picking_ids.scheduled_date = datetime(2025, 6, 28, 9, 0)
        row = self._rows().filtered(lambda r: r.order_id == order)
        self.assertEqual(row.date_promised, datetime(2025, 6, 28, 9, 0))
        self.assertEqual(row.days_late, 3)
        self.assertEqual(row.qty_pending, 3)

    def test_fully_delivered_and_services_are_not_pending(self):
        service = self.env["product.product"].create({"name": "Instalação", "type": "service"})
        self._create_order(self.customer, self.salesman, "2025-06-25", [(service, 1, 50.0, 0)])
        self.assertEqual(self._rows().order_line_id, self.line_b)
        # Delivering the rest removes the line.
        self._deliver(self.order_b, {self.line_b: [(self.lot_c, 3)]})
        self.assertFalse(self._rows())
        self.assertEqual(self.customer.ficha_pending_count, 0)

    @freeze_time("2025-06-20 12:00:00")
    def test_own_documents_only(self):
        self.assertFalse(self._rows(self.salesman))
        self.assertEqual(self.customer.with_user(self.salesman).ficha_pending_late_count, 0)
        self.assertEqual(self._rows(self.salesman_b).order_line_id, self.line_b)
        self.assertEqual(self.customer.with_user(self.salesman_b).ficha_pending_late_count, 1)

    def test_open_order_and_full_list(self):
        row = self._rows(self.salesman_b)
        action = row.action_open_order()
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", self.order_b.id))
        self.assertEqual(action["views"], [(self.env.ref("sale.view_order_form").id, "form")])
        action = self.customer.with_user(self.salesman_b).action_ficha_view_pending()
        self.assertEqual(action["res_model"], "ficha.pending.line")
