from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    def _create_payments(self):
        """When opened from the customer sheet, settle each installment once only.

        Two users may open the wizard on the same installment. The selected lines are locked
        before the payment is created: the second transaction waits for the first, then fails
        with a serialization error and Odoo retries it; on the retry it finds the line settled
        and stops with a clear message instead of registering a second payment.
        """
        if self.env.context.get("ficha_settle"):
            self._ficha_lock_open_lines()
        return super()._create_payments()

    def _ficha_lock_open_lines(self):
        lines = self.line_ids
        if not lines:
            return
        self.env.cr.execute(
            SQL("SELECT id FROM account_move_line WHERE id IN %s FOR UPDATE", tuple(lines.ids))
        )
        lines.invalidate_recordset(["reconciled", "amount_residual", "amount_residual_currency"])
        settled = lines.filtered("reconciled")
        if settled:
            raise UserError(
                self.env._(
                    "These installments were settled meanwhile (perhaps by another user): %s. "
                    "No payment was registered; reload the list.",
                    ", ".join(settled.mapped("move_name")),
                )
            )
