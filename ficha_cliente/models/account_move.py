from odoo import api, fields, models

from ..tools.sql_indexes import create_covering_index
from .ficha_alert_state import SEVERITIES

# Covering partial index on the customer invoices and credit notes (``init``): what the sheet
# counts and sums per customer is read from the index alone (index-only scan). Odoo indexes
# account_move on partner_id, not on the commercial entity: the queries go through the partner.
MOVE_INDEXES = {
    "ficha_cliente_move_customer_cover_idx": "move_type IN ('out_invoice', 'out_refund')",
}
MOVE_INDEX_INCLUDE = ["company_id", "move_type", "state", "amount_untaxed_signed"]


class AccountMove(models.Model):
    _inherit = "account.move"

    # The customer's alerts as its sheet shows them to the user, on customer invoices and credit
    # notes (an assessment of the customer: the sheet's users only, not the portal customer).
    ficha_customer_alerts = fields.Text(
        string="Customer Alerts",
        compute="_compute_ficha_customer_alerts",
        help="The customer's most severe alerts (at most three) as its sheet shows them to you.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_customer_alert_severity = fields.Selection(
        SEVERITIES,
        string="Most Severe Customer Alert",
        compute="_compute_ficha_customer_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    def init(self):
        """The covering index on customer invoices (dropped by the uninstall hook).

        The invoices by month (alert facts, indicators) and the sheet's invoice count are read
        from the index alone instead of one table row per invoice. Posting already writes a new
        entry in every index of the invoice (Odoo indexes ``state``); carrying
        ``amount_untaxed_signed`` means a draft's amount edit is no in-place (HOT) update either.
        Timings: README, Benchmark.
        """
        result = super().init()
        for name, where in MOVE_INDEXES.items():
            create_covering_index(
                self.env.cr, name, "account_move", ["partner_id", "invoice_date"], MOVE_INDEX_INCLUDE, where
            )
        return result

    @api.depends("partner_id", "move_type")
    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_customer_alerts(self):
        """Customer invoices and credit notes only; one evaluation of the alerts for the customers
        of the whole recordset."""
        customer_moves = self.filtered(lambda move: move.move_type in ("out_invoice", "out_refund"))
        alerts = customer_moves.partner_id._ficha_document_alerts()
        for move in self:
            lines, severity = (False, False)
            if move in customer_moves:
                lines, severity = alerts.get(move.partner_id.commercial_partner_id.id, (False, False))
            move.ficha_customer_alerts = lines
            move.ficha_customer_alert_severity = severity

    def action_ficha_open_customer_sheet(self):
        """Open the customer's sheet from the invoice."""
        self.ensure_one()
        return self.partner_id.action_open_ficha()
