from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.installments import STATUS_SELECTION, days_late, installment_status, updated_amount
from ..tools.sql_indexes import create_covering_index

# Partial indexes on account_move_line for the view (``init``): all installments, open ones.
INSTALLMENT_INDEXES = {
    "ficha_cliente_aml_installment_cover2_idx": "display_type = 'payment_term'",
    "ficha_cliente_aml_open_installment_cover2_idx": (
        "display_type = 'payment_term' AND (reconciled IS NULL OR reconciled = FALSE)"
    ),
}
# Both indexes also carry the columns that the figures over a customer's installments read
# (open and overdue amounts, punctuality, alert facts, indicators), so PostgreSQL answers them
# from the index alone (index-only scan) instead of visiting one table page per row.
# ``move_id`` is there because PostgreSQL still asks for it after leaving out the view's join
# on account_move. Reconciling already writes a new entry in every index of the line (Odoo
# indexes ``matching_number`` and has ``amount_residual`` in an index's condition, which rules
# out PostgreSQL's in-place "HOT" updates), so carrying these columns adds no index write.
INSTALLMENT_INDEX_INCLUDE = [
    "company_id",
    "account_id",
    "move_id",
    "parent_state",
    "balance",
    "amount_residual",
    "reconciled",
    "ficha_date_settled",
    "ficha_settled_by_refund",
    "date",
    "invoice_date",
]


def on_receivable_account(alias):
    """The journal item ``alias`` is on a receivable account.

    The accounts are a list read once, not a join per row, so the rows keep the order of the
    indexes on the installments (shared by the view and ``ficha.query``)."""
    return SQL(
        "%s = ANY(ARRAY(SELECT id FROM account_account WHERE account_type = 'asset_receivable'))",
        SQL.identifier(alias, "account_id"),
    )


def overdue_domain(today):
    """Installments overdue on ``today``: open after their due date (a credit note's open amount
    is negative, so the amount alone tells it apart)."""
    return [("reconciled", "=", False), ("amount_residual", ">", 0), ("date_due", "<", today)]


# Indexes of earlier versions, replaced by the ones above (dropped by ``init`` and at uninstall).
SUPERSEDED_INDEXES = (
    "ficha_cliente_aml_installment_idx",
    "ficha_cliente_aml_open_installment_idx",
    # without the invoice date (the payment term actually taken)
    "ficha_cliente_aml_installment_cover_idx",
    "ficha_cliente_aml_open_installment_cover_idx",
)


class FichaInstallment(models.Model):
    """One receivable installment of a customer invoice or credit note (a read-only SQL view).

    The view holds only what does not depend on today's date; status, days late and the
    late-charge preview are computed in Python from it, so they follow the user's today.
    """

    _name = "ficha.installment"
    _description = "Customer Installment"
    _auto = False
    _rec_name = "document_name"
    # Plain columns only: with the indexes of ``init`` a page of a 90,000-installment customer is
    # read from the index in order, not sorted after computing every row (the line id follows
    # the installment's order within a document).
    _order = "date_due desc, id desc"
    # Flushed before the view is read, so it never shows stale data.
    _depends = {
        "account.move.line": [
            "move_id",
            "move_name",
            "partner_id",
            "company_id",
            "company_currency_id",
            "date_maturity",
            "balance",
            "amount_residual",
            "reconciled",
            "parent_state",
            "display_type",
            "account_id",
            "ficha_date_settled",
            "ficha_settled_by_refund",
            "date",
            "invoice_date",
        ],
        "account.move": ["move_type", "name", "partner_id", "invoice_date"],
        "account.account": ["account_type"],
    }

    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note"), ("out_receipt", "Receipt")],
        string="Type",
        readonly=True,
    )
    document_name = fields.Char(string="Document Number", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    installment_seq = fields.Integer(string="Installment Sequence", readonly=True)
    installment_count = fields.Integer(string="Installments of the Document", readonly=True)
    installment_label = fields.Char(string="Installment", compute="_compute_installment_label")
    invoice_date = fields.Date(string="Issue Date", readonly=True)
    date = fields.Date(string="Accounting Date", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    amount_original = fields.Monetary(string="Original Amount", readonly=True)
    amount_residual = fields.Monetary(string="Open Amount", readonly=True)
    date_settled = fields.Date(
        string="Settlement Date",
        readonly=True,
        help="Date the installment's last reconciliation took effect: the later of its own date "
        "and the date of the payment or credit note that settled it.",
    )
    settle_kind = fields.Selection(
        [
            ("paid_on_time", "Paid on Time"),
            ("paid_late", "Paid Late"),
            ("credit_note", "Settled by Credit Note"),
        ],
        string="Settled How",
        readonly=True,
    )
    settled_days_late = fields.Integer(string="Days Late at Settlement", readonly=True)
    late_count = fields.Integer(
        string="Paid Late (count)",
        readonly=True,
        help="1 for an installment paid after its due date, else 0: summed, it counts late payments.",
    )
    is_partial = fields.Boolean(string="Partly Paid", readonly=True)
    reconciled = fields.Boolean(string="Fully Settled", readonly=True)
    status = fields.Selection(STATUS_SELECTION, compute="_compute_status", search="_search_status")
    days_late = fields.Integer(compute="_compute_status")
    amount_updated = fields.Monetary(
        string="Updated Amount",
        compute="_compute_amount_updated",
        help="Open amount plus the company's late fine and pro rata monthly interest (a preview).",
    )

    @api.depends("installment_seq", "installment_count")
    def _compute_installment_label(self):
        for installment in self:
            installment.installment_label = f"{installment.installment_seq}/{installment.installment_count}"

    @api.depends("settle_kind", "amount_original", "amount_residual", "date_due", "date_settled")
    @api.depends_context("tz")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for installment in self:
            status = installment_status(
                installment.settle_kind,
                installment.amount_original,
                installment.amount_residual,
                installment.date_due,
                today,
                # only a credit note's installment is negative (as in _table_query)
                is_refund=installment.amount_original < 0,
            )
            installment.status = status
            installment.days_late = days_late(status, installment.date_due, installment.date_settled, today)

    @api.depends("status", "days_late", "amount_residual", "company_id")
    def _compute_amount_updated(self):
        # Monetary values are rounded with their currency when set: fetch it once, up front.
        self.currency_id.fetch(["rounding", "decimal_places"])
        for installment in self:
            company = installment.company_id
            days = installment.days_late if installment.status == "overdue" else 0
            installment.amount_updated = updated_amount(
                installment.amount_residual,
                days,
                company.ficha_late_fine_percent,
                company.ficha_late_interest_percent,
            )

    def _search_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the installment status: %s", operator))
        values = [value] if isinstance(value, str) or not value else list(value)
        today = fields.Date.context_today(self)
        # the search needs no column of the document (see _table_query)
        overdue = overdue_domain(today)
        not_overdue = [
            ("reconciled", "=", False),
            "|",
            ("amount_residual", "<=", 0),
            ("date_due", ">=", today),
        ]
        domains = {
            "overdue": overdue,
            "partial": expression.AND([not_overdue, [("is_partial", "=", True)]]),
            "open": expression.AND([not_overdue, [("is_partial", "=", False)]]),
        }
        domain = expression.OR(
            [domains.get(status) or [("settle_kind", "=", status)] for status in values if status]
            or [expression.FALSE_DOMAIN]
        )
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain

    def init(self):
        """Indexes on the journal items the view reads, partial so they stay small.

        Without them a page of the installment list and the open and overdue figures read every
        journal item of the customer (invoice lines included) through the partner index, then
        sort; with them they read the customer's installments, or its open ones, in due date
        order. The figures over all installments are read from the index alone (see
        ``INSTALLMENT_INDEX_INCLUDE``). Dropped by the uninstall hook. Timings: README, Benchmark.
        """
        result = super().init()
        for name in SUPERSEDED_INDEXES:
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
        for name, where in INSTALLMENT_INDEXES.items():
            create_covering_index(
                self.env.cr,
                name,
                "account_move_line",
                ["partner_id", "date_maturity DESC", "id DESC"],
                INSTALLMENT_INDEX_INCLUDE,
                where,
            )
        return result

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        return SQL(
            """
            SELECT aml.id AS id,
                   aml.id AS move_line_id,
                   aml.move_id AS move_id,
                   move.move_type AS move_type,
                   aml.move_name AS document_name,
                   move.partner_id AS partner_id,
                   -- Odoo puts the commercial entity on receivable lines (as _credit_debit_get reads
                   -- it), and account_move_line_partner_id_ref_idx serves this filter.
                   aml.partner_id AS commercial_partner_id,
                   aml.company_id AS company_id,
                   aml.company_currency_id AS currency_id,
                   (SELECT COUNT(*) FROM account_move_line sibling
                     WHERE sibling.move_id = aml.move_id AND sibling.display_type = 'payment_term'
                       AND (sibling.date_maturity, sibling.id) <= (aml.date_maturity, aml.id)
                   )::integer AS installment_seq,
                   (SELECT COUNT(*) FROM account_move_line sibling
                     WHERE sibling.move_id = aml.move_id AND sibling.display_type = 'payment_term'
                   )::integer AS installment_count,
                   aml.invoice_date AS invoice_date,
                   aml.date AS date,
                   aml.date_maturity AS date_due,
                   aml.balance AS amount_original,
                   aml.amount_residual AS amount_residual,
                   -- the date the reconciliation took effect (see account.move.line), never
                   -- before the installment's own date: a payment received before its invoice
                   -- is on time, not early by days when the invoice did not exist
                   CASE WHEN aml.reconciled THEN aml.ficha_date_settled END AS date_settled,
                   CASE
                       WHEN NOT aml.reconciled THEN NULL
                       WHEN aml.balance < 0 OR aml.ficha_settled_by_refund THEN 'credit_note'
                       WHEN aml.ficha_date_settled IS NULL
                            OR aml.ficha_date_settled <= aml.date_maturity THEN 'paid_on_time'
                       ELSE 'paid_late'
                   END AS settle_kind,
                   CASE
                       WHEN aml.reconciled
                       THEN GREATEST(0, COALESCE(aml.ficha_date_settled - aml.date_maturity, 0))
                       ELSE 0
                   END::integer AS settled_days_late,
                   -- settle_kind = 'paid_late' as a number, so the punctuality figures sum it
                   -- while grouping by customer only (no sort of every installment by kind)
                   CASE
                       WHEN NOT aml.reconciled THEN 0
                       WHEN aml.balance < 0 OR aml.ficha_settled_by_refund THEN 0
                       WHEN aml.ficha_date_settled IS NULL
                            OR aml.ficha_date_settled <= aml.date_maturity THEN 0
                       ELSE 1
                   END AS late_count,
                   (NOT aml.reconciled AND aml.amount_residual <> aml.balance) AS is_partial,
                   aml.reconciled AS reconciled
            """
        )

    def _from(self):
        return SQL(
            """
              FROM account_move_line aml
              -- A LEFT JOIN that PostgreSQL leaves out of the queries that read no column of it
              -- (the figures over all installments): every receivable installment line
              -- (display_type 'payment_term') belongs to a customer invoice, credit note or receipt,
              -- and only a credit note's is negative (Odoo refuses negative invoices).
         LEFT JOIN account_move move ON move.id = aml.move_id
            """
        )

    def _where(self):
        return SQL(
            """
             WHERE aml.parent_state = 'posted'
               AND aml.display_type = 'payment_term'
               AND %(on_receivable_account)s
               AND aml.balance <> 0
            """,
            on_receivable_account=on_receivable_account("aml"),
        )

    def _check_settle_rights(self):
        if not (
            self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial_manager")
            and self.env.user.has_group("account.group_account_invoice")
        ):
            raise AccessError(self.env._("Only users with invoicing rights can settle installments."))

    def action_settle(self):
        """Open Odoo's own payment registration for exactly the selected installments."""
        self._check_settle_rights()
        if not self:
            raise UserError(self.env._("Select the installments to settle."))
        lines = self.move_line_id
        lines.check_access("write")
        if len(lines.company_id) > 1:
            raise UserError(self.env._("Settle installments of one company at a time."))
        if lines.filtered(
            lambda line: line.account_type != "asset_receivable" or line.parent_state != "posted"
        ):
            raise UserError(self.env._("Only posted receivable installments can be settled."))
        settled = lines.filtered(
            lambda line: line.reconciled or line.currency_id.is_zero(line.amount_residual_currency)
        )
        if settled:
            raise UserError(
                self.env._(
                    "These installments are already settled (perhaps by another user just now): %s",
                    ", ".join(settled.mapped("move_name")),
                )
            )
        # the open amounts shown now: the payment is refused if they change before it is made
        residuals = {str(line.id): line.amount_residual_currency for line in lines}
        return lines.action_register_payment(ctx={"ficha_settle": True, "ficha_settle_residuals": residuals})

    def action_open_document(self):
        """Open the invoice or credit note (its form prints and previews the PDF)."""
        self.ensure_one()
        self.move_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
