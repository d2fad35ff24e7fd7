"""One query per figure and read: the figures several fields of one ``web_read`` need (the
credit, the overdue installments, the last interaction, the paid installments) are read once
(``ficha.query._memo``), and never outlive the read."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.addons.ficha_cliente.models.ficha_query import MEMO_KEY

from .common import FichaClienteCommon


@freeze_time("2025-06-30 12:00:00")
class TestQueryMemo(FichaClienteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_use_credit_limit = True
        cls.customer.credit_limit = 10000.0
        cls._invoice(1000.0)

    @classmethod
    def _invoice(cls, amount):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": "2025-05-01",
                "invoice_date_due": "2025-05-31",
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _read_queries(self, *field_groups):
        """Queries of one ``web_read`` per group of fields, on an empty cache."""
        partner = self.customer
        for fields in field_groups:  # warm the registry caches (views, rules, groups)
            partner.web_read({name: {} for name in fields})
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        for fields in field_groups:
            partner.web_read({name: {} for name in fields})
            self.env.invalidate_all()
        return self.env.cr.sql_log_count - before

    def test_one_read_queries_a_shared_figure_once(self):
        """The credit use (financial situation) and the alert banner (credit limit rule) both read
        the credit position, the overdue installments and the paid installments: in one read, once."""
        credit, banner = ["ficha_credit_use_rate"], ["ficha_alert_count"]
        apart = self._read_queries(credit, banner)
        together = self._read_queries(credit + banner)
        # the receivable position, the orders left to invoice (the lines and their orders: two)
        self.assertLessEqual(together, apart - 3)
        self.assertEqual(self.customer.ficha_credit_used_amount, 1000.0)
        self.assertNotIn(MEMO_KEY, self.env.cr.cache)

    def test_a_write_after_a_read_is_seen(self):
        Query = self.env["ficha.query"]
        read = {"ficha_receivable_balance": {}, "ficha_alert_count": {}}
        self.assertEqual(self.customer.web_read(read)[0]["ficha_receivable_balance"], 1000.0)
        self._invoice(500.0)
        self.env.invalidate_all()
        self.assertEqual(self.customer.web_read(read)[0]["ficha_receivable_balance"], 1500.0)
        # inside a memo block the same arguments give the same answer, outside it a fresh one
        today = date(2025, 6, 30)
        with Query._memo():
            first = Query._overdue(self.customer, today)
            self.assertIs(Query._overdue(self.customer, today), first)
            self.assertIsNot(Query._overdue(self.customer, date(2025, 7, 31)), first)
        self.assertIsNot(Query._overdue(self.customer, today), first)
        self.assertEqual(first, [(self.customer.id, 1500.0, 2, date(2025, 5, 31))])
