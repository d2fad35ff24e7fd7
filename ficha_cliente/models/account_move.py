from odoo import models
from odoo.tools import SQL

from ..tools.sql_indexes import create_covering_index

# Covering partial index on the customer invoices and credit notes (``init``): what the sheet
# counts and sums per customer is read from the index alone (index-only scan). Odoo indexes
# account_move on partner_id, not on the commercial entity: the queries go through the partner.
MOVE_INDEXES = {
    "ficha_cliente_move_customer_cover2_idx": "move_type IN ('out_invoice', 'out_refund')",
}
MOVE_INDEX_INCLUDE = [
    "id",
    "company_id",
    "move_type",
    "state",
    "amount_untaxed_signed",
    "amount_total_signed",
]
# Indexes of earlier versions, replaced by the one above (dropped by ``init`` and at uninstall):
# without the total (the customer's purchases, taxes included).
SUPERSEDED_MOVE_INDEXES = ("ficha_cliente_move_customer_cover_idx",)


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "ficha.customer.alerts.mixin"]

    def init(self):
        """The covering index on customer invoices (dropped by the uninstall hook).

        The invoices by month (alert facts, indicators), the customer's purchases (financial
        position) and the sheet's invoice count are read from the index alone instead of one
        table row per invoice. Posting already writes a new entry in every index of the invoice
        (Odoo indexes ``state``); carrying the amounts means a draft's amount edit is no in-place
        (HOT) update either. Timings: README, Benchmark.
        """
        result = super().init()
        for name in SUPERSEDED_MOVE_INDEXES:
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
        for name, where in MOVE_INDEXES.items():
            create_covering_index(
                self.env.cr, name, "account_move", ["partner_id", "invoice_date"], MOVE_INDEX_INCLUDE, where
            )
        return result

    def _ficha_alert_documents(self):
        """Customer invoices and credit notes only."""
        return self.filtered(lambda move: move.move_type in ("out_invoice", "out_refund"))
