from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from ..tools.sql_indexes import create_covering_index

# Covering partial index on the posted journal items by partner, account and date (``init``):
# a customer's receivable movements (``ficha.query._receivable_movements``: the indicators' money
# movement, the largest month-end balance) are read from the index alone, the customer's other
# items (invoice lines, taxes) left out by the account in the key.
MOVE_LINE_INDEXES = {"ficha_cliente_aml_receivable_cover_idx": "parent_state = 'posted'"}
MOVE_LINE_INDEX_INCLUDE = ["company_id", "balance", "payment_id", "statement_line_id"]


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # When and how an installment was settled, kept by the ORM like Odoo's own amount_residual
    # (same triggers: the line's partials). A fact of the reconciliation, not of today's date:
    # the sheet's figures over 90,000 installments read it instead of looking up each line's
    # reconciliations (see ficha.installment). The date is the one the reconciliation took
    # effect, Odoo's ``account.partial.reconcile.max_date`` (the later of the two lines' dates,
    # as the aged receivable reads it): a credit note of 27/10 that settles an invoice of 17/10
    # settles both on 27/10, and a payment of 05/10 matched with an invoice of 10/10 settles it
    # on 10/10, never before the installment existed.
    ficha_date_settled = fields.Date(
        string="Last Settlement Date",
        compute="_compute_ficha_settlement",
        store=True,
        copy=False,
        help="Customer installments: latest date on which a reconciliation of the line took effect, "
        "the later of the installment's date and the payment's or credit note's date (currency "
        "exchange difference entries are bookkeeping, not a settlement).",
    )
    ficha_settled_by_refund = fields.Boolean(
        string="Settled by Credit Notes",
        compute="_compute_ficha_settlement",
        store=True,
        copy=False,
        help="Customer installments: every counterpart reconciled with the line is a credit note.",
    )

    def _auto_init(self):
        """Create the columns and fill them in one statement: computing them through the ORM
        for every journal item of a big database would take hours."""
        fill = not column_exists(self.env.cr, "account_move_line", "ficha_date_settled")
        if fill:
            create_column(self.env.cr, "account_move_line", "ficha_date_settled", "date")
            create_column(self.env.cr, "account_move_line", "ficha_settled_by_refund", "boolean")
        result = super()._auto_init()
        if fill:
            self._ficha_update_settlement(SQL("TRUE"))
        return result

    def init(self):
        """The covering index on posted journal items (dropped by the uninstall hook).

        Without it the receivable movements of the big customer of ficha_bench (114,100 items)
        were read through Odoo's partner index, one table page per item among its 224,000 (or a
        parallel sequential scan): 100 ms; from the index alone, 25 ms. It holds every posted
        item with its partner (21 MB on ficha_bench, 423,000 items); posting already writes
        every index of the item (``parent_state`` is in Odoo's own partial index).
        """
        result = super().init()
        for name, where in MOVE_LINE_INDEXES.items():
            create_covering_index(
                self.env.cr,
                name,
                "account_move_line",
                ["partner_id", "account_id", "date"],
                MOVE_LINE_INDEX_INCLUDE,
                where,
            )
        return result

    @api.model
    def _ficha_settlement_query(self, lines_condition):
        """Settlement date (latest ``max_date`` of the line's partial reconciliations) and "all
        counterparts are credit notes" of the installments (``display_type = 'payment_term'``)
        matching ``lines_condition`` (on alias ``aml``)."""
        return SQL(
            """
            SELECT aml.id, MAX(link.max_date), BOOL_AND(counterpart_move.move_type = 'out_refund')
              FROM (SELECT debit_move_id AS line_id, credit_move_id AS counterpart_id, max_date
                      FROM account_partial_reconcile
                     UNION ALL
                    SELECT credit_move_id, debit_move_id, max_date
                      FROM account_partial_reconcile) link
              JOIN account_move_line aml ON aml.id = link.line_id
              JOIN account_move_line counterpart ON counterpart.id = link.counterpart_id
              JOIN account_move counterpart_move ON counterpart_move.id = counterpart.move_id
             WHERE aml.display_type = 'payment_term'
               AND %s
               AND NOT EXISTS (
                   SELECT 1 FROM account_partial_reconcile exchange
                    WHERE exchange.exchange_move_id = counterpart.move_id
               )
          GROUP BY aml.id
            """,
            lines_condition,
        )

    def _ficha_update_settlement(self, lines_condition):
        """Set the columns in SQL for the installments matching ``lines_condition`` (install and
        migrations)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_move_line line
                   SET ficha_date_settled = settlement.max,
                       ficha_settled_by_refund = settlement.bool_and
                  FROM (%s) settlement
                 WHERE line.id = settlement.id
                """,
                self._ficha_settlement_query(lines_condition),
            )
        )
        self.env["account.move.line"].invalidate_model(["ficha_date_settled", "ficha_settled_by_refund"])

    @api.depends(
        "display_type",
        "matched_debit_ids",
        "matched_credit_ids",
        "matched_debit_ids.exchange_move_id",
        "matched_credit_ids.exchange_move_id",
        "matched_debit_ids.max_date",
        "matched_credit_ids.max_date",
    )
    def _compute_ficha_settlement(self):
        installments = self.filtered(lambda line: line.display_type == "payment_term")._origin
        settlements = {}
        if installments:
            # As _compute_amount_residual: the partials are read in SQL, so write them first.
            self.env["account.partial.reconcile"].flush_model()
            self.env["account.move.line"].flush_model(["move_id", "display_type"])
            self.env["account.move"].flush_model(["move_type"])
            self.env.cr.execute(self._ficha_settlement_query(SQL("aml.id = ANY(%s)", installments.ids)))
            settlements = {line_id: (day, by_refund) for line_id, day, by_refund in self.env.cr.fetchall()}
        for line in self:
            day, by_refund = settlements.get(line._origin.id, (False, False))
            line.ficha_date_settled = day
            line.ficha_settled_by_refund = bool(by_refund)
