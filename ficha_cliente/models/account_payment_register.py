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

        A partial payment registered meanwhile (another user, another path) leaves the line
        open but with less to pay than the wizard showed: paying the amount shown would leave
        an unwanted customer credit. The open amounts at opening come in the context
        (``ficha_settle_residuals``, set by ``ficha.installment.action_settle``); a line whose
        open amount differs, or is missing from it, is refused.
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
        opened = self.env.context.get("ficha_settle_residuals")
        changed = lines.filtered(lambda line: not self._ficha_residual_unchanged(line, opened))
        if changed:
            raise UserError(
                self.env._(
                    "The open amount of these installments changed since the payment was opened "
                    "(perhaps another user registered a payment): %s. No payment was registered; "
                    "settle them again from the list.",
                    ", ".join(changed.mapped("move_name")),
                )
            )

    def _ficha_residual_unchanged(self, line, opened):
        """Whether the line's open amount is still the one in ``opened`` ({line id: amount},
        as JSON gives it back: keys are strings). Anything unreadable counts as changed."""
        try:
            amount = float(opened[str(line.id)])
        except (TypeError, KeyError, ValueError):
            return False
        return not line.currency_id.compare_amounts(amount, line.amount_residual_currency)
