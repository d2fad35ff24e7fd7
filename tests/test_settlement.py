"""The settlement date kept on the journal items (account.move.line.ficha_date_settled): set by
reconciling, cleared by unreconciling, and the same when filled in SQL at install."""

from datetime import date

from freezegun import freeze_time

from odoo.tools import SQL

from .common_financial import TODAY, FichaFinancialCommon


@freeze_time(TODAY)
class TestSettlementColumns(FichaFinancialCommon):
    def settlement(self, lines):
        lines.invalidate_recordset(["ficha_date_settled", "ficha_settled_by_refund"])
        return [(line.ficha_date_settled or None, line.ficha_settled_by_refund) for line in lines]

    def test_values_of_the_scenario(self):
        a1, a2, a3 = self._installments(self.inv_a)
        self.assertEqual(
            self.settlement(a1 | a2 | a3),
            # 3/3 is partly paid: its last payment is known, the sheet shows no settlement yet
            [(date(2024, 1, 25), False), (date(2024, 3, 13), False), (date(2024, 4, 10), False)],
        )
        self.assertEqual(self.installment(self.inv_a, 3).date_settled, False)
        self.assertEqual(self.settlement(self._installments(self.inv_c)), [(date(2024, 2, 10), True)])
        self.assertEqual(self.settlement(self._installments(self.inv_d)), [(None, False)])
        # only installments carry it: not the payment's own receivable line
        payment_line = a1.matched_credit_ids.credit_move_id
        self.assertEqual(self.settlement(payment_line), [(None, False)])

    def test_follows_payments_and_their_cancellation(self):
        line = self._installments(self.inv_d)
        first = self._pay(line, "2024-05-02", amount=50.0)
        self.assertEqual(self.settlement(line), [(date(2024, 5, 2), False)])
        self._pay(line, "2024-05-20")
        self.assertEqual(self.settlement(line), [(date(2024, 5, 20), False)])
        row = self.installment(self.inv_d)
        self.assertEqual((row.status, row.date_settled, row.days_late), ("paid_late", date(2024, 5, 20), 49))
        # the first payment cancelled: the installment is open again, its last payment stays known
        first.action_draft()
        first.action_cancel()
        self.assertEqual(self.settlement(line), [(date(2024, 5, 20), False)])
        self.env.invalidate_all()
        self.assertEqual((row.status, row.date_settled, row.amount_residual), ("overdue", False, 50.0))
        line.remove_move_reconcile()
        self.assertEqual(self.settlement(line), [(None, False)])

    def test_credit_note_and_payment_together_are_a_payment(self):
        line = self._installments(self.inv_d)
        refund = self._invoice(self.customer, "2024-04-05", 100.0, self.term_now, move_type="out_refund")
        (line | self._installments(refund)).reconcile()
        self.assertEqual(self.settlement(line), [(date(2024, 4, 5), True)])
        self._pay(line, "2024-04-25")
        self.assertEqual(self.settlement(line), [(date(2024, 4, 25), False)])
        self.assertEqual(self.installment(self.inv_d).status, "paid_late")

    def test_filled_in_sql_as_computed(self):
        """The install fills the columns in one statement: the same values as the ORM's."""
        lines = self.env["account.move.line"].search([("partner_id", "=", self.customer.id)])
        computed = self.settlement(lines)
        self.assertIn((date(2024, 2, 10), True), computed)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE account_move_line SET ficha_date_settled = NULL, ficha_settled_by_refund = NULL"
                " WHERE id = ANY(%s)",
                lines.ids,
            )
        )
        lines.invalidate_recordset()
        self.assertEqual(set(self.settlement(lines)), {(None, False)})
        lines._ficha_update_settlement(SQL("aml.id = ANY(%s)", lines.ids))
        self.assertEqual(self.settlement(lines), computed)

    def test_exchange_difference_is_not_a_settlement(self):
        """A credit note in EUR at a lower rate than the invoice's: Odoo books the difference
        in an exchange entry reconciled with the installment. The entry is bookkeeping: the
        installment is still settled by a credit note, on the credit note's date."""
        self.env["res.currency.rate"].create(
            {"currency_id": self.eur.id, "name": "2024-07-01", "rate": 0.625, "company_id": self.company.id}
        )
        line = self._installments(self.inv_e)
        refund = self._invoice(
            self.customer, "2024-07-10", 100.0, self.term_now, currency=self.eur, move_type="out_refund"
        )
        (line | self._installments(refund)).reconcile()
        exchange_moves = (line.matched_debit_ids | line.matched_credit_ids).exchange_move_id
        self.assertTrue(exchange_moves, "the rates differ: Odoo books an exchange difference")
        self.assertEqual(line.amount_residual, 0.0)
        self.assertEqual(self.settlement(line), [(date(2024, 7, 10), True)])
        row = self.installment(self.inv_e)
        self.assertEqual(
            (row.settle_kind, row.date_settled, row.amount_original),
            ("credit_note", date(2024, 7, 10), 200.0),
        )
