"""Settlement dates are reconciliation dates: an installment is settled on the date its
reconciliation took effect (Odoo's ``account.partial.reconcile.max_date``, the later of the two
documents), never before the installment's own date."""

import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.modules.migration import load_script
from odoo.tools import SQL

from .common_financial import FichaFinancialCommon

MIGRATION = "ficha_cliente/migrations/18.0.1.4.0/post-migrate.py"


@freeze_time("2024-12-01")
class TestSettlementDates(FichaFinancialCommon):
    """Two customers of their own, so their figures hold only these documents:

    - *Loja Devolução*: invoice of 2024-10-17 due the same day, settled by its credit note of
      2024-10-27;
    - *Loja Adiantada*: a payment of 2024-10-05 received before its invoice of 2024-10-10 (due
      2024-11-10) and matched with it; a second invoice of 2024-10-10 (due 2024-11-10) paid on
      2024-11-20, ten days late.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term_31 = cls.env["account.payment.term"].create(
            {
                "name": "31 days",
                "line_ids": [Command.create({"value": "percent", "value_amount": 100.0, "nb_days": 31})],
            }
        )
        cls.returner = cls.env["res.partner"].create({"name": "Loja Devolução", "is_company": True})
        cls.invoice = cls._invoice(cls.returner, "2024-10-17", 300.0, cls.term_now)
        reversal = (
            cls.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create({"date": date(2024, 10, 27), "journal_id": cls.invoice.journal_id.id, "reason": "Return"})
        )
        reversal.refund_moves()
        cls.refund = cls.invoice.reversal_move_ids
        cls.refund.action_post()  # posting a reversal reconciles it with the invoice

        cls.prepayer = cls.env["res.partner"].create({"name": "Loja Adiantada", "is_company": True})
        cls.payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.prepayer.id,
                "amount": 250.0,
                "date": "2024-10-05",
            }
        )
        cls.payment.action_post()
        cls.prepaid_invoice = cls._invoice(cls.prepayer, "2024-10-10", 250.0, cls.term_31)
        received = cls.payment.move_id.line_ids.filtered(
            lambda line: line.account_id == cls.payment.destination_account_id
        )
        # As the invoice's "Outstanding credits: Add" button does.
        cls.prepaid_invoice.js_assign_outstanding_line(received.id)
        cls.late_invoice = cls._invoice(cls.prepayer, "2024-10-10", 100.0, cls.term_31)
        cls._pay(cls._installments(cls.late_invoice), "2024-11-20")

    def test_credit_note_settles_both_on_its_own_date(self):
        invoice_line = self._installments(self.invoice)
        refund_line = self._installments(self.refund)
        self.assertEqual(invoice_line.matched_credit_ids.credit_move_id, refund_line)
        self.assertEqual(
            (invoice_line.ficha_date_settled, refund_line.ficha_date_settled),
            (date(2024, 10, 27), date(2024, 10, 27)),
        )
        row = self.installment(self.invoice)
        self.assertEqual(
            (row.date_due, row.date_settled, row.status, row.days_late, row.settled_days_late),
            (date(2024, 10, 17), date(2024, 10, 27), "credit_note", 10, 10),
        )
        # The credit note's own installment: settled when it was issued, not on the invoice's date.
        refund_row = self.installment(self.refund)
        self.assertEqual(
            (
                refund_row.amount_original,
                refund_row.invoice_date,
                refund_row.date_due,
                refund_row.date_settled,
                refund_row.status,
                refund_row.days_late,
            ),
            (-300.0, date(2024, 10, 27), date(2024, 10, 27), date(2024, 10, 27), "credit_note", 0),
        )

    def test_payment_before_its_invoice_settles_on_the_invoice_date(self):
        line = self._installments(self.prepaid_invoice)
        self.assertTrue(line.reconciled)
        self.assertEqual(self.payment.move_id.date, date(2024, 10, 5))
        self.assertEqual((line.date, line.date_maturity), (date(2024, 10, 10), date(2024, 11, 10)))
        self.assertEqual(line.ficha_date_settled, date(2024, 10, 10))
        row = self.installment(self.prepaid_invoice)
        self.assertEqual(
            (
                row.date_settled,
                row.settle_kind,
                row.status,
                row.days_late,
                row.settled_days_late,
                row.late_count,
            ),
            (date(2024, 10, 10), "paid_on_time", "paid_on_time", 0, 0, 0),
        )
        late = self.installment(self.late_invoice)
        self.assertEqual(
            (late.date_settled, late.status, late.days_late), (date(2024, 11, 20), "paid_late", 10)
        )
        # One on time (0 days, not 36 days early), one 10 days late.
        prepayer = self.prepayer
        self.assertEqual(
            (
                prepayer.ficha_settled_count,
                prepayer.ficha_on_time_rate,
                prepayer.ficha_avg_days_late,
                prepayer.ficha_max_days_late,
            ),
            (2, 50.0, 5.0, 10),
        )

    def test_export_shows_the_reconciliation_date(self):
        _filename, content = self.returner.with_user(self.accountant)._ficha_financial_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Installments"]
        header = [cell.value for cell in sheet[1]]
        settled, late = header.index("Settlement Date"), header.index("Days Late")
        rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(
            (rows[self.invoice.name][settled].date(), rows[self.invoice.name][late]),
            (date(2024, 10, 27), 10),
        )
        self.assertEqual(
            (rows[self.refund.name][settled].date(), rows[self.refund.name][late]),
            (date(2024, 10, 27), 0),
        )

    def test_migration_recomputes_the_dates(self):
        """18.0.1.4.0 recomputes the column of every installment, filled before with the
        counterpart's date."""
        refund_line = self._installments(self.refund)
        prepaid_line = self._installments(self.prepaid_invoice)
        self.env.flush_all()
        for line, old_date in ((refund_line, date(2024, 10, 17)), (prepaid_line, date(2024, 10, 5))):
            self.env.cr.execute(
                SQL("UPDATE account_move_line SET ficha_date_settled = %s WHERE id = %s", old_date, line.id)
            )
        (refund_line | prepaid_line).invalidate_recordset(["ficha_date_settled"])
        self.assertEqual(
            (refund_line.ficha_date_settled, prepaid_line.ficha_date_settled),
            (date(2024, 10, 17), date(2024, 10, 5)),
        )
        load_script(MIGRATION, "ficha_cliente_post_migrate_18_0_1_4_0").migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(
            (refund_line.ficha_date_settled, prepaid_line.ficha_date_settled),
            (date(2024, 10, 27), date(2024, 10, 10)),
        )
        self.assertEqual(self.installment(self.refund).date_settled, date(2024, 10, 27))
