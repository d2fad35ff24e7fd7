from collections import defaultdict

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ..tools.alert_rules import SEVERITY_RANK, max_severity
from ..tools.audiences import SALES_REPORT_READERS
from ..tools.financial_xlsx import build_financial_workbook, safe_filename
from ..tools.installments import (
    days_late,
    five_years_before,
    installment_status,
    payment_verdict,
    updated_amount,
)
from ..tools.relationship import collect_warnings, days_without_interaction, stale_cutoff
from ..tools.sales import return_rate
from .ficha_alert_state import ALERT_LEVELS, LEVEL_OF_SEVERITY, SEVERITIES

# Rows of a list's first page on the sheet (the lists' limit="20"); the full lists open paged.
SHEET_PAGE_ROWS = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- fields: financial --

    ficha_installment_ids = fields.One2many(
        "ficha.installment",
        "commercial_partner_id",
        string="Installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_pending_installment_ids = fields.One2many(
        "ficha.installment",
        "commercial_partner_id",
        string="Pending Installments",
        domain=[("reconciled", "=", False)],
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_open_amount = fields.Monetary(
        string="Open Amount",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Open amount of the customer's posted receivable installments (credit notes deducted).",
    )
    ficha_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_overdue_count = fields.Integer(
        string="Overdue Installments",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_oldest_overdue_days = fields.Integer(
        string="Oldest Overdue (days)",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_settled_count = fields.Integer(
        string="Installments Paid (5 years)",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_on_time_rate = fields.Float(
        string="Paid on Time (%)",
        digits=(16, 1),
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Share of the installments paid in the last 5 years that were paid by their due date.",
    )
    ficha_avg_days_late = fields.Float(
        string="Average Days Late",
        digits=(16, 1),
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_max_days_late = fields.Integer(
        string="Maximum Days Late",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_uninvoiced_amount = fields.Monetary(
        string="Confirmed, Not Invoiced",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Untaxed amount still to invoice on confirmed sales orders.",
    )
    ficha_credit_used_amount = fields.Monetary(
        string="Credit Used",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Open amount plus confirmed orders not invoiced yet.",
    )
    ficha_credit_limit = fields.Monetary(
        string="Credit Limit of the Company",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_credit_use_rate = fields.Float(
        string="Credit Limit Used (%)",
        digits=(16, 1),
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Credit used against the credit limit; 0 when the customer has no credit limit.",
    )
    ficha_payment_verdict = fields.Char(
        string="Payment Behaviour",
        compute="_compute_ficha_financial",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )

    # The sheet's first page of the biggest lists: a bounded set, so opening the sheet costs the
    # same for a customer with 90,000 installments (a One2many sends all its ids to the browser).
    ficha_recent_installment_ids = fields.Many2many(
        "ficha.installment",
        string="Latest Installments",
        compute="_compute_ficha_recent_installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_first_pending_installment_ids = fields.Many2many(
        "ficha.installment",
        string="First Pending Installments",
        compute="_compute_ficha_first_pending_installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )

    # -- fields: commercial --
    ficha_sale_history_ids = fields.One2many(
        "ficha.sale.history",
        "commercial_partner_id",
        string="Sales History",
        groups=SALES_REPORT_READERS,
    )
    ficha_return_line_ids = fields.One2many(
        "ficha.return.line",
        "commercial_partner_id",
        string="Returns",
        groups=SALES_REPORT_READERS,
    )
    ficha_recent_sale_history_ids = fields.Many2many(
        "ficha.sale.history",
        string="Latest Sales",
        compute="_compute_ficha_recent_sale_history",
        groups=SALES_REPORT_READERS,
    )
    ficha_pending_line_ids = fields.One2many(
        "ficha.pending.line",
        "commercial_partner_id",
        string="Items Awaiting Delivery",
        groups=SALES_REPORT_READERS,
    )
    ficha_quotation_ids = fields.Many2many(
        "sale.order",
        string="Quotations Under Negotiation",
        compute="_compute_ficha_quotations",
        help="Quotations in draft or sent of the customer's commercial entity, in the current companies.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_quotation_expired_count = fields.Integer(
        string="Expired Quotations",
        compute="_compute_ficha_quotations",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_quotation_expiring_count = fields.Integer(
        string="Expiring Quotations",
        compute="_compute_ficha_quotations",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_quotation_idle_count = fields.Integer(
        string="Idle Quotations",
        compute="_compute_ficha_quotations",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_sale_order_count = fields.Integer(
        string="Sales Orders",
        compute="_compute_ficha_sale_counts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_quotation_count = fields.Integer(
        string="Quotations",
        compute="_compute_ficha_sale_counts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_invoice_count = fields.Integer(
        string="Posted Invoices",
        compute="_compute_ficha_invoice_count",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    ficha_pending_count = fields.Integer(
        string="Items to Deliver",
        compute="_compute_ficha_pending_counts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_pending_late_count = fields.Integer(
        string="Late Deliveries",
        compute="_compute_ficha_pending_counts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_return_rate = fields.Float(
        string="Return Rate (%)",
        compute="_compute_ficha_return_rate",
        digits=(16, 2),
        help="Quantity returned by the customer as a percentage of the quantity shipped to it.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    # -- fields: relationship --
    ficha_repair_ids = fields.One2many(
        "ficha.repair", "commercial_partner_id", "Services Rendered", groups="stock.group_stock_user"
    )
    ficha_repair_count = fields.Integer(
        "Repair Orders", compute="_compute_ficha_repair_count", groups="stock.group_stock_user"
    )
    ficha_warning_ids = fields.One2many(
        "ficha.partner.warning",
        "partner_id",
        "Sheet Warnings",
        context={"active_test": False},
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_warning_level = fields.Selection(
        [("none", "None"), ("info", "Information"), ("warning", "Warning"), ("block", "Blocking")],
        "Warning Level",
        compute="_compute_ficha_warnings",
        help="Most severe active warning of the customer (native sale/invoice/delivery warnings "
        "and the sheet's own).",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_warning_banner = fields.Html(
        compute="_compute_ficha_warnings", sanitize=False, groups="ficha_cliente.ficha_cliente_group_user"
    )
    ficha_reference_ids = fields.One2many(
        "ficha.partner.reference", "partner_id", "References", groups="ficha_cliente.ficha_cliente_group_user"
    )
    ficha_stale_reference_count = fields.Integer(
        "Stale References",
        compute="_compute_ficha_stale_reference_count",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_interaction_ids = fields.One2many(
        "ficha.interaction",
        "commercial_partner_id",
        "Timeline",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_last_interaction_date = fields.Datetime(
        "Last Interaction",
        compute="_compute_ficha_last_interaction",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_days_without_interaction = fields.Integer(
        "Days Without Interaction",
        compute="_compute_ficha_last_interaction",
        help="Days since the last done interaction (message, logged call, done activity, past "
        "meeting, won/lost opportunity); since the customer was created when there was none.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    # -- fields: alerts --
    # The daily check's alerts (ficha.alert.state) that the user may see: filters the customer list.
    ficha_alert_level = fields.Selection(
        ALERT_LEVELS,
        string="Alert Level",
        compute="_compute_ficha_alert_level",
        search="_search_ficha_alert_level",
        groups="ficha_cliente.ficha_cliente_group_user",
        help="Most severe of the customer's alerts that you may see, at the last daily alert check.",
    )
    # Live alerts, patterns and health of the commercial entity (not stored).
    ficha_alerts_json = fields.Json(
        string="Alerts", compute="_compute_ficha_alerts", groups="ficha_cliente.ficha_cliente_group_user"
    )
    # The header's banner: the rules only, without the facts that only the pattern's plain
    # words read (preferred products and categories), so the header costs less.
    ficha_alert_banner_html = fields.Html(
        string="Alert Banner",
        compute="_compute_ficha_alert_banner",
        sanitize=True,
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_alert_details_html = fields.Html(
        string="Alert Details",
        compute="_compute_ficha_alerts",
        sanitize=True,
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_alert_count = fields.Integer(
        string="Alert Count",
        compute="_compute_ficha_alert_banner",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_alert_max_severity = fields.Selection(
        SEVERITIES,
        string="Most Severe Alert",
        compute="_compute_ficha_alerts",
        search="_search_ficha_alert_max_severity",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_health_score = fields.Integer(
        string="Health Score",
        compute="_compute_ficha_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_health_factors = fields.Text(
        string="Health Factors",
        compute="_compute_ficha_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_pattern_summary = fields.Text(
        string="Behaviour Pattern",
        compute="_compute_ficha_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_indicators_data = fields.Json(
        string="Indicators",
        compute="_compute_ficha_indicators_data",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    # -- computes: financial --

    def _ficha_installment_domain(self):
        """Installments of these partners' commercial entities in the selected companies."""
        return [
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("company_id", "in", self.env.companies.ids),
        ]

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_financial(self):
        Installment = self.env["ficha.installment"]
        today = fields.Date.context_today(self)
        base = self._ficha_installment_domain()
        open_amounts = dict(
            Installment._read_group(
                base + [("reconciled", "=", False)], ["commercial_partner_id"], ["amount_residual:sum"]
            )
        )
        overdue = {
            partner: (amount, count, oldest)
            for partner, amount, count, oldest in Installment._read_group(
                base + [("status", "=", "overdue")],
                ["commercial_partner_id"],
                ["amount_residual:sum", "__count", "date_due:min"],
            )
        }
        settled = defaultdict(lambda: {"count": 0, "on_time": 0, "days": 0, "max": 0})
        for partner, count, late, days, max_days in Installment._read_group(
            base
            + [
                ("settle_kind", "in", ("paid_on_time", "paid_late")),
                ("date_settled", ">=", five_years_before(today)),
            ],
            ["commercial_partner_id"],
            ["__count", "late_count:sum", "settled_days_late:sum", "settled_days_late:max"],
        ):
            settled[partner] = {"count": count, "on_time": count - late, "days": days, "max": max_days}
        for partner in self:
            commercial = partner.commercial_partner_id
            overdue_amount, overdue_count, oldest = overdue.get(commercial, (0.0, 0, None))
            paid = settled[commercial]
            partner.ficha_currency_id = self.env.company.currency_id
            partner.ficha_open_amount = open_amounts.get(commercial, 0.0)
            partner.ficha_overdue_amount = overdue_amount
            partner.ficha_overdue_count = overdue_count
            partner.ficha_oldest_overdue_days = (today - oldest).days if oldest else 0
            partner.ficha_settled_count = paid["count"]
            partner.ficha_on_time_rate = 100.0 * paid["on_time"] / paid["count"] if paid["count"] else 0.0
            partner.ficha_avg_days_late = paid["days"] / paid["count"] if paid["count"] else 0.0
            partner.ficha_max_days_late = paid["max"]
            partner.ficha_payment_verdict = payment_verdict(
                paid["count"],
                partner.ficha_on_time_rate,
                partner.ficha_avg_days_late,
                overdue_count,
                partner.ficha_oldest_overdue_days,
                self.env._,
            )

    def _ficha_first_rows(self, model_name, order, domain=(), limit=SHEET_PAGE_ROWS):
        """The first ``limit`` rows (in ``order``) of ``model_name`` for each partner's commercial
        entity, in one query for the whole recordset (record rules applied).

        :return: ``{commercial partner id: [row ids in order]}``
        """
        Model = self.env[model_name]
        domain = self._ficha_commercial_domain() + list(domain)
        if len(self.commercial_partner_id) == 1:
            # One sheet (the usual case): a plain ORDER BY ... LIMIT the planner can stop early.
            return {self.commercial_partner_id.id: list(Model._search(domain, order=order, limit=limit))}
        query = Model._search(domain)
        partner_sql = Model._field_to_sql(query.table, "commercial_partner_id", query)
        ranked = query.select(
            SQL("%s AS id", SQL.identifier(query.table, "id")),
            SQL("%s AS partner_id", partner_sql),
            SQL(
                "ROW_NUMBER() OVER (PARTITION BY %s ORDER BY %s) AS rank",
                partner_sql,
                Model._order_to_sql(order, query),
            ),
        )
        rows = defaultdict(list)
        for row_id, partner_id in self.env.execute_query(
            SQL(
                "SELECT id, partner_id FROM (%s) ranked WHERE rank <= %s ORDER BY partner_id, rank",
                ranked,
                limit,
            )
        ):
            rows[partner_id].append(row_id)
        return rows

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_recent_installments(self):
        rows = self._ficha_first_rows("ficha.installment", "date_due desc, id desc")
        for partner in self:
            partner.ficha_recent_installment_ids = [
                Command.set(rows.get(partner.commercial_partner_id.id, []))
            ]

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_first_pending_installments(self):
        rows = self._ficha_first_rows(
            "ficha.installment", "date_due, id", domain=[("reconciled", "=", False)]
        )
        for partner in self:
            partner.ficha_first_pending_installment_ids = [
                Command.set(rows.get(partner.commercial_partner_id.id, []))
            ]

    def _ficha_uninvoiced_amounts(self):
        """Untaxed amount to invoice on confirmed orders, per commercial entity, in company currency.

        Lines invoiced beyond their amount (a negative amount to invoice) are left out, as Odoo's
        own credit check leaves out orders with nothing left to invoice.
        """
        amounts = defaultdict(float)
        SaleLine = self.env["sale.order.line"]
        if not SaleLine.has_access("read"):
            return amounts
        company = self.env.company
        today = fields.Date.context_today(self)
        for partner, currency, amount in SaleLine._read_group(
            [
                ("order_partner_id", "child_of", self.commercial_partner_id.ids),
                ("company_id", "in", self.env.companies.ids),
                ("state", "=", "sale"),
                ("untaxed_amount_to_invoice", ">", 0),
            ],
            ["order_partner_id", "currency_id"],
            ["untaxed_amount_to_invoice:sum"],
        ):
            amounts[partner.commercial_partner_id] += currency._convert(
                amount, company.currency_id, company, today
            )
        # Sums of converted lines leave cents of rounding noise (R$ -0,01): round once per customer.
        return defaultdict(float, {key: company.currency_id.round(value) for key, value in amounts.items()})

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_credit_use(self):
        uninvoiced = self._ficha_uninvoiced_amounts()
        for partner in self:
            commercial = partner.commercial_partner_id
            used = partner.ficha_open_amount + uninvoiced.get(commercial, 0.0)
            # an accounting field of the customer: the sheet's financial viewers see it here
            limit = commercial.sudo().credit_limit
            partner.ficha_uninvoiced_amount = uninvoiced.get(commercial, 0.0)
            partner.ficha_credit_used_amount = used
            partner.ficha_credit_limit = limit
            partner.ficha_credit_use_rate = 100.0 * used / limit if limit > 0 else 0.0

    # -- computes: commercial --

    def _ficha_commercial_domain(self, field="commercial_partner_id"):
        return [(field, "in", self.commercial_partner_id.ids), ("company_id", "in", self.env.companies.ids)]

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_recent_sale_history(self):
        rows = {}
        if self.env["ficha.sale.history"].has_access("read"):
            rows = self._ficha_first_rows("ficha.sale.history", "date desc, id desc")
        for partner in self:
            partner.ficha_recent_sale_history_ids = [
                Command.set(rows.get(partner.commercial_partner_id.id, []))
            ]

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_quotations(self):
        """One search for the quotations of the whole recordset, one grouped query on their
        messages (``sale.order._compute_ficha_quotation_alerts``): query count does not grow."""
        if not self.env["sale.order"].has_access("read"):
            self.ficha_quotation_ids = False
            self.ficha_quotation_expired_count = 0
            self.ficha_quotation_expiring_count = 0
            self.ficha_quotation_idle_count = 0
            return
        quotations = self.env["sale.order"].search(
            self._ficha_commercial_domain("partner_id.commercial_partner_id")
            + [("state", "in", ("draft", "sent"))],
            order="date_order desc, id desc",
        )
        # Reading the flags on the whole set computes them in one batch.
        by_partner = {}
        for order in quotations:
            stats = by_partner.setdefault(
                order.partner_id.commercial_partner_id.id,
                {"ids": [], "expired": 0, "expiring": 0, "idle": 0},
            )
            stats["ids"].append(order.id)
            stats["expired"] += order.ficha_is_expired
            stats["expiring"] += order.ficha_is_expiring
            stats["idle"] += order.ficha_is_idle
        for partner in self:
            stats = by_partner.get(partner.commercial_partner_id.id, {})
            partner.ficha_quotation_ids = [Command.set(stats.get("ids", []))]
            partner.ficha_quotation_expired_count = stats.get("expired", 0)
            partner.ficha_quotation_expiring_count = stats.get("expiring", 0)
            partner.ficha_quotation_idle_count = stats.get("idle", 0)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_sale_counts(self):
        counts = defaultdict(int)
        if not self.env["sale.order"].has_access("read"):
            self.ficha_sale_order_count = self.ficha_quotation_count = 0
            return
        # Orders and quotations counted apart: the confirmed ones from the addon's covering index
        # on confirmed orders, the quotations (few) from Odoo's index on the state. Archived
        # contact persons' orders included (their partners are searched without active_test).
        SaleOrder = self.env["sale.order"].with_context(active_test=False)
        domain = self._ficha_commercial_domain("partner_id.commercial_partner_id")
        for kind, states in (("sale", ("sale",)), ("quotation", ("draft", "sent"))):
            for partner, count in SaleOrder._read_group(
                domain + [("state", "in", states)], ["partner_id"], ["__count"]
            ):
                counts[partner.commercial_partner_id.id, kind] += count
        for partner in self:
            commercial = partner.commercial_partner_id.id
            partner.ficha_sale_order_count = counts.get((commercial, "sale"), 0)
            partner.ficha_quotation_count = counts.get((commercial, "quotation"), 0)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_invoice_count(self):
        # By partner, archived contact persons included: the addon's covering index on customer
        # invoices (keyed by partner, not by commercial entity) answers the count alone.
        counts = defaultdict(int)
        for partner, count in (
            self.env["account.move"]
            .with_context(active_test=False)
            ._read_group(
                self._ficha_commercial_domain("partner_id.commercial_partner_id")
                + [("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
                ["partner_id"],
                ["__count"],
            )
        ):
            counts[partner.commercial_partner_id] += count
        for partner in self:
            partner.ficha_invoice_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_pending_counts(self):
        pending_lines = self.env["ficha.pending.line"]
        if not pending_lines.has_access("read"):
            self.ficha_pending_count = self.ficha_pending_late_count = 0
            return
        domain = self._ficha_commercial_domain()
        pending = dict(pending_lines._read_group(domain, ["commercial_partner_id"], ["__count"]))
        late = dict(
            pending_lines._read_group(
                domain + [("is_late", "=", True)], ["commercial_partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.ficha_pending_count = pending.get(partner.commercial_partner_id, 0)
            partner.ficha_pending_late_count = late.get(partner.commercial_partner_id, 0)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_return_rate(self):
        if not self.env["ficha.return.line"].has_access("read"):
            self.ficha_return_rate = 0.0
            return
        domain = self._ficha_commercial_domain()
        # Only goods are shipped: leaving services out spares the lookup of their deliveries. The
        # lines are searched by their own customer and product columns (archived contacts and
        # products included), which Odoo indexes: the goods lines come without reading the others.
        shipped = dict(
            self.env["ficha.sale.history"]
            .with_context(active_test=False)
            ._read_group(
                self._ficha_commercial_domain("partner_id.commercial_partner_id")
                + [("product_id.type", "=", "consu")],
                ["commercial_partner_id"],
                ["qty_shipped:sum"],
            )
        )
        returned = dict(
            self.env["ficha.return.line"]._read_group(domain, ["commercial_partner_id"], ["quantity:sum"])
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.ficha_return_rate = return_rate(
                returned.get(commercial, 0.0), shipped.get(commercial, 0.0)
            )

    # -- computes: relationship --

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_repair_count(self):
        commercial = self.commercial_partner_id
        counts = dict(
            self.env["ficha.repair"]._read_group(
                [("commercial_partner_id", "in", commercial.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.ficha_repair_count = counts.get(partner.commercial_partner_id, 0)

    def _ficha_get_active_warnings(self):
        """Active warnings of each partner's commercial entity, most severe first.

        :return: ``{partner_id: [{source, severity, message}, ...]}``
        """
        today = fields.Date.context_today(self)
        commercial = self.commercial_partner_id
        sheet_warnings = self.env["ficha.partner.warning"].search_fetch(
            [("partner_id", "in", commercial.ids), ("is_expired", "=", False)],
            ["partner_id", "warning_type", "severity", "message", "valid_until"],
        )
        type_labels = dict(sheet_warnings._fields["warning_type"]._description_selection(self.env))
        by_partner = {}
        for warning in sheet_warnings:
            by_partner.setdefault(warning.partner_id.id, []).append(
                {
                    "source": type_labels.get(warning.warning_type),
                    "severity": warning.severity,
                    "message": warning.message,
                    "valid_until": warning.valid_until,
                }
            )
        result = {}
        for partner in self:
            entity = partner.commercial_partner_id
            native = [
                (self.env._("Sales"), entity.sale_warn, entity.sale_warn_msg),
                (self.env._("Invoicing"), entity.invoice_warn, entity.invoice_warn_msg),
                (self.env._("Delivery"), entity.picking_warn, entity.picking_warn_msg),
            ]
            result[partner.id] = collect_warnings(native, by_partner.get(entity.id, []), today)
        return result

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    @api.depends(
        "commercial_partner_id.sale_warn",
        "commercial_partner_id.sale_warn_msg",
        "commercial_partner_id.invoice_warn",
        "commercial_partner_id.invoice_warn_msg",
        "commercial_partner_id.picking_warn",
        "commercial_partner_id.picking_warn_msg",
        "commercial_partner_id.ficha_warning_ids.severity",
        "commercial_partner_id.ficha_warning_ids.message",
        "commercial_partner_id.ficha_warning_ids.valid_until",
        "commercial_partner_id.ficha_warning_ids.active",
    )
    def _compute_ficha_warnings(self):
        classes = {"block": "alert-danger", "warning": "alert-warning", "info": "alert-info"}
        icons = {"block": "fa-ban", "warning": "fa-exclamation-triangle", "info": "fa-info-circle"}
        labels = {
            "block": self.env._("Blocking"),
            "warning": self.env._("Warning"),
            "info": self.env._("Information"),
        }
        warnings = self._ficha_get_active_warnings()
        for partner in self:
            active = warnings[partner.id]
            partner.ficha_warning_level = active[0]["severity"] if active else "none"
            partner.ficha_warning_banner = (
                Markup("").join(
                    Markup(
                        '<div class="alert {cls} mb-1 py-1" role="alert">'
                        '<i class="fa {icon} me-1"></i><strong>{label} ({source}):</strong> {message}</div>'
                    ).format(
                        cls=classes[warning["severity"]],
                        icon=icons[warning["severity"]],
                        label=labels[warning["severity"]],
                        source=escape(warning["source"] or ""),
                        message=escape(warning["message"]),
                    )
                    for warning in active
                )
                if active
                else False
            )

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_stale_reference_count(self):
        cutoff = stale_cutoff(fields.Date.context_today(self), self.env.company.ficha_reference_stale_months)
        counts = {}
        if cutoff:
            counts = dict(
                self.env["ficha.partner.reference"]._read_group(
                    [
                        ("partner_id", "in", self.commercial_partner_id.ids),
                        ("company_id", "in", self.env.companies.ids),
                        "|",
                        ("last_checked_date", "=", False),
                        ("last_checked_date", "<=", cutoff),
                    ],
                    ["partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.ficha_stale_reference_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_last_interaction(self):
        last = self.env["ficha.query"]._last_interactions(self)
        today = fields.Date.context_today(self)
        for partner in self:
            date = last.get(partner.commercial_partner_id)
            partner.ficha_last_interaction_date = date or False
            days = days_without_interaction(date, today, fallback=partner.commercial_partner_id.create_date)
            partner.ficha_days_without_interaction = days or 0

    # -- computes: alerts --
    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_alert_banner(self):
        partners = self.filtered("id")
        results = self.env["ficha.alert.facts"]._evaluate(partners, details=False) if partners else {}
        for partner in self:
            result = results.get(partner.commercial_partner_id.id) if partner.id else None
            alerts = result["alerts"] if result else []
            partner.ficha_alert_count = len(alerts)
            partner.ficha_alert_banner_html = self._prepare_ficha_alert_banner(alerts)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_alerts(self):
        partners = self.filtered("id")
        results = self.env["ficha.alert.facts"]._evaluate(partners) if partners else {}
        since = {
            (state.partner_id.id, state.code): state.first_seen
            for state in self.env["ficha.alert.state"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        }
        for partner in self:
            result = results.get(partner.commercial_partner_id.id) if partner.id else None
            if not result:
                partner.update(
                    {
                        "ficha_alerts_json": [],
                        "ficha_alert_details_html": False,
                        "ficha_alert_max_severity": False,
                        "ficha_health_score": 100,
                        "ficha_health_factors": False,
                        "ficha_pattern_summary": False,
                    }
                )
                continue
            alerts = result["alerts"]
            partner.update(
                {
                    "ficha_alerts_json": [alert.to_dict() for alert in alerts],
                    "ficha_alert_details_html": self._prepare_ficha_alert_details(
                        alerts,
                        {
                            code: day
                            for (pid, code), day in since.items()
                            if pid == partner.commercial_partner_id.id
                        },
                    ),
                    "ficha_alert_max_severity": max_severity(alerts),
                    "ficha_health_score": result["score"],
                    "ficha_health_factors": "\n".join(
                        self.env._("-%(points)s: %(alert)s", points=points, alert=alert.message)
                        for alert, points in result["factors"]
                    )
                    or False,
                    "ficha_pattern_summary": "\n".join(
                        self.env["ficha.alert.facts"]._describe(result["patterns"])
                    ),
                }
            )

    def _ficha_alert_ranks(self, partner_ids=None):
        """``{partner id: most severe rank}`` of the daily check's alerts the user may see (their
        rules apply), in the current company."""
        domain = [("company_id", "=", self.env.company.id)]
        if partner_ids is not None:
            domain.append(("partner_id", "in", partner_ids))
        return {
            partner.id: rank
            for partner, rank in self.env["ficha.alert.state"]._read_group(
                domain, ["partner_id"], ["severity_rank:max"]
            )
        }

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_alert_level(self):
        levels = {rank: LEVEL_OF_SEVERITY[severity] for severity, rank in SEVERITY_RANK.items()}
        ranks = self._ficha_alert_ranks(self.commercial_partner_id.ids)
        for partner in self:
            partner.ficha_alert_level = levels.get(ranks.get(partner.commercial_partner_id.id), "0_none")

    def _search_ficha_alert_level(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = set(value if isinstance(value, (list, tuple, set)) else [value])
        levels = {rank: LEVEL_OF_SEVERITY[severity] for severity, rank in SEVERITY_RANK.items()}
        ranks = self._ficha_alert_ranks()
        matching = [pid for pid, rank in ranks.items() if levels.get(rank) in values]
        if "0_none" in values or False in values:
            # no visible alert: every partner but those with another level
            others = [pid for pid, rank in ranks.items() if levels.get(rank) not in values]
            domain = [("commercial_partner_id", "not in", others)]
        else:
            domain = [("commercial_partner_id", "in", matching)]
        return domain if operator in ("=", "in") else ["!", *domain]

    def _search_ficha_alert_max_severity(self, operator, value):
        """Search on the daily check's alerts (the live alerts are not stored)."""
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = value if isinstance(value, (list, tuple)) else [value]
        levels = [LEVEL_OF_SEVERITY.get(severity, "0_none") for severity in values]
        return [("ficha_alert_level", "in" if operator in ("=", "in") else "not in", levels)]

    def _prepare_ficha_alert_banner(self, alerts):
        if not alerts:
            return False
        rows = Markup("").join(
            Markup('<div class="alert alert-%(css)s py-1 px-2 mb-1" role="alert">%(message)s</div>')
            % {"css": "info" if alert.severity == "info" else alert.severity, "message": alert.message}
            for alert in alerts
        )
        return Markup('<div class="o_ficha_alert_banner">%s</div>') % rows

    def _get_ficha_alert_titles(self):
        _ = self.env._
        return {
            "stopped_buying": _("Stopped buying"),
            "ticket_drop": _("Average ticket drop"),
            "volume_drop": _("Purchase volume drop"),
            "paying_later": _("Paying later than usual"),
            "overdue": _("Overdue installments"),
            "credit_limit": _("Credit limit"),
            "return_rate": _("Return rate above usual"),
            "discount_above_usual": _("Discount above usual"),
            "quotation_expiry": _("Quotations expiring"),
            "delivery_late": _("Late deliveries"),
            "repair_late": _("Late repairs"),
            "no_interaction": _("No recent interaction"),
            "references_stale": _("Stale references"),
        }

    def _prepare_ficha_alert_details(self, alerts, since):
        """The alerts page: one row per alert with its explanation and since when it fires."""
        if not alerts:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No alert: the customer follows its usual pattern."
            )
        titles = self._get_ficha_alert_titles()
        severities = dict(self.env["ficha.alert.state"]._fields["severity"]._description_selection(self.env))
        rows = Markup("").join(
            Markup(
                '<tr><td><span class="badge text-bg-%(css)s">%(severity)s</span></td>'
                "<td><strong>%(title)s</strong></td><td>%(message)s</td><td>%(since)s</td></tr>"
            )
            % {
                "css": alert.severity,
                "severity": severities.get(alert.severity, alert.severity),
                "title": titles.get(alert.code, alert.code),
                "message": alert.message,
                "since": format_date(self.env, since[alert.code]) if since.get(alert.code) else "",
            }
            for alert in alerts
        )
        header = Markup("<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>") % (
            self.env._("Severity"),
            self.env._("Alert"),
            self.env._("Explanation"),
            self.env._("Since"),
        )
        return Markup('<table class="table table-sm o_ficha_alert_details">%s<tbody>%s</tbody></table>') % (
            header,
            rows,
        )

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_indicators_data(self):
        partners = self.filtered("id")
        results = self.env["ficha.indicators"]._compute_indicators(partners) if partners else {}
        for partner in self:
            partner.ficha_indicators_data = (
                results.get(partner.commercial_partner_id.id, False) if partner.id else False
            )

    # -- the sheet's lazily loaded sections --

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Give each ``<widget name="ficha_section" view_ref="module.xmlid"/>`` the id of its view.

        A section (the header summary, each notebook page) is an embedded form of its own view,
        read when it is shown: the sheet's own ``web_read`` holds only the identity. The arch is
        cached by Odoo, so this runs once per view and language, not once per opening.
        """
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            for node in arch.iterfind(".//widget[@name='ficha_section']"):
                section_view = self.env.ref(node.get("view_ref", ""), raise_if_not_found=False)
                if section_view:
                    node.set("view_id", str(section_view.id))
        return arch, view

    # -- actions --

    def action_open_ficha(self):
        """Open the customer sheet of the partner's commercial entity.

        A contact person has no history of its own: invoices and orders are
        aggregated on the commercial entity, so its sheet is the company's.
        """
        self.ensure_one()
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_user"):
            raise AccessError(self.env._("Only users of the customer sheet can do this."))
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.res_partner_action_ficha")
        action.update(
            {
                "res_id": self.commercial_partner_id.id,
                "view_mode": "form",
                "views": [(self.env.ref("ficha_cliente.res_partner_view_form_ficha").id, "form")],
                "target": "current",
            }
        )
        return action

    def action_open_partner_form(self):
        """Open the standard contact form, to edit the partner's master data."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # -- actions: financial --

    def _ficha_check_financial_manager(self):
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial_manager"):
            raise AccessError(self.env._("Only users allowed to export and settle can do this."))

    def action_view_ficha_installments(self, pending_only=False):
        """The full installment list of the customer (paged, filterable, with the Settle button)."""
        self.ensure_one()
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial"):
            raise AccessError(self.env._("Only financial users can see installments."))
        self.check_access("read")
        commercial = self.commercial_partner_id
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.ficha_installment_action")
        action["domain"] = [("commercial_partner_id", "=", commercial.id)]
        action["name"] = self.env._("Installments of %s", commercial.display_name)
        action["context"] = {"search_default_filter_pending": 1} if pending_only else {}
        return action

    def action_view_ficha_pending_installments(self):
        return self.action_view_ficha_installments(pending_only=True)

    def action_export_financial_xlsx(self):
        """Download the customer's financial situation as an Excel workbook."""
        self.ensure_one()
        self._ficha_check_financial_manager()
        self.check_access("read")
        company_ids = ",".join(str(company_id) for company_id in self.env.companies.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"/ficha_cliente/financial_xlsx/{self.commercial_partner_id.id}?company_ids={company_ids}",
            "target": "self",
        }

    def _ficha_financial_xlsx(self):
        """Return (file name, workbook bytes) of the commercial entity's financial situation.

        Rights are checked here too, so every caller (action, route) goes through them.
        """
        self.ensure_one()
        self._ficha_check_financial_manager()
        self.check_access("read")
        partner = self.commercial_partner_id
        partner.check_access("read")
        today = fields.Date.context_today(self)
        company = self.env.company
        _ = self.env._
        summary = [
            (_("Customer"), partner.display_name),
            (_("Tax ID"), partner.vat or ""),
            (_("City"), partner.city or ""),
            (_("Company"), ", ".join(self.env.companies.mapped("name"))),
            (_("Currency"), company.currency_id.name),
            (_("Export Date"), today),
            (_("Open Amount"), partner.ficha_open_amount, "money"),
            (_("Overdue Amount"), partner.ficha_overdue_amount, "money"),
            (_("Overdue Installments"), partner.ficha_overdue_count),
            (_("Oldest Overdue (days)"), partner.ficha_oldest_overdue_days),
            (_("Paid on Time (%)"), round(partner.ficha_on_time_rate, 1)),
            (_("Average Days Late"), round(partner.ficha_avg_days_late, 1)),
            (_("Maximum Days Late"), partner.ficha_max_days_late),
            (_("Credit Limit"), partner.ficha_credit_limit, "money"),
            (_("Credit Used"), partner.ficha_credit_used_amount, "money"),
            (_("Credit Limit Used (%)"), round(partner.ficha_credit_use_rate, 1)),
            (_("Payment Behaviour"), partner.ficha_payment_verdict),
        ]
        labels = {
            "Summary": _("Summary"),
            "Installments": _("Installments"),
            "Total": _("Total"),
            "Document": _("Document"),
            "Installment": _("Installment"),
            "Issue Date": _("Issue Date"),
            "Due Date": _("Due Date"),
            "Original Amount": _("Original Amount"),
            "Open Amount": _("Open Amount"),
            "Settlement Date": _("Settlement Date"),
            "Days Late": _("Days Late"),
            "Status": _("Status"),
            "Updated Amount": _("Updated Amount"),
        }
        filename = safe_filename(partner.name, today)
        content = build_financial_workbook(
            summary,
            partner._ficha_installment_rows(),
            labels=labels,
            currency_symbol=company.currency_id.symbol,
        )
        return filename, content

    def _ficha_installment_rows(self, batch_size=2000):
        """Yield the installments as plain dicts, in due date order.

        One query (record rules applied by ``_search``) read batch by batch, and status, days
        late and updated amount from the plain functions the list's fields use: building 90,000
        records to read ten values each would cost more than the workbook itself.
        """
        Installment = self.env["ficha.installment"]
        today = fields.Date.context_today(self)
        statuses = dict(Installment._fields["status"]._description_selection(self.env))
        charges = {
            company.id: (company.ficha_late_fine_percent, company.ficha_late_interest_percent)
            for company in self.env.companies
        }
        columns = [
            "document_name",
            "installment_seq",
            "installment_count",
            "invoice_date",
            "date_due",
            "amount_original",
            "amount_residual",
            "date_settled",
            "settle_kind",
            "company_id",
        ]
        query = Installment._search(
            self._ficha_installment_domain(), order="date_due, move_id, installment_seq"
        )
        self.env.cr.execute(query.select(*(SQL.identifier(query.table, column) for column in columns)))
        while rows := self.env.cr.fetchmany(batch_size):
            for name, seq, count, issued, due, original, residual, settled, kind, company_id in rows:
                status = installment_status(kind, original, residual, due, today, is_refund=original < 0)
                late = days_late(status, due, settled, today)
                fine, interest = charges.get(company_id, (0.0, 0.0))
                yield {
                    "document": name,
                    "installment": f"{seq}/{count}",
                    "issue_date": issued,
                    "due_date": due,
                    "amount_original": original,
                    "amount_residual": residual,
                    "settlement_date": settled,
                    "days_late": late,
                    "status": statuses.get(status, ""),
                    "amount_updated": updated_amount(
                        residual, late if status == "overdue" else 0, fine, interest
                    ),
                }

    # -- actions: commercial --

    def _prepare_ficha_quotation_vals(self):
        """Values of a new quotation for the commercial entity: its pricelist, payment terms
        and salesperson (the current user when the customer's salesperson would hide the
        quotation from a user limited to own documents)."""
        partner = self.commercial_partner_id
        user = partner.user_id
        if not user or (
            not self.env.user.has_group("sales_team.group_sale_salesman_all_leads") and user != self.env.user
        ):
            user = self.env.user
        return {
            "partner_id": partner.id,
            "pricelist_id": partner.property_product_pricelist.id,
            "payment_term_id": partner.property_payment_term_id.id,
            "user_id": user.id,
            "company_id": self.env.company.id,
        }

    def _ficha_sale_warning_partner(self):
        """The partner whose native sale warning Odoo's order form shows when this partner is
        chosen (sale's ``_onchange_partner_id_warning``): its own, else its parent's; the
        parent's block wins over the partner's mere warning. Empty when there is none."""
        self.ensure_one()
        partner = self
        if partner.sale_warn == "no-message" and partner.parent_id:
            partner = partner.parent_id
        if not partner.sale_warn or partner.sale_warn == "no-message":
            return self.browse()
        if partner.sale_warn != "block" and partner.parent_id.sale_warn == "block":
            partner = partner.parent_id
        return partner

    def _ficha_quotation_warnings(self):
        """What to heed before quoting from this partner's sheet, as (blocking messages,
        warning messages): Odoo's native sale warnings, checked as sale's form does for the
        partner quoted from and for the order's partner (the commercial entity), and the
        sheet's current warnings on the commercial entity in the company of the order.

        The sheet's warnings are read as superuser, the company filtered here: they stop
        whoever may quote, even a user who does not read the sheet.
        """
        self.ensure_one()
        blocks, warnings = [], []
        sources = self.browse()
        for partner in self | self.commercial_partner_id:
            sources |= partner._ficha_sale_warning_partner()
        for source in sources:
            message = source.sale_warn_msg or source.display_name
            (blocks if source.sale_warn == "block" else warnings).append(message)
        sheet_warnings = (
            self.env["ficha.partner.warning"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", self.env.company.id),
                    ("severity", "in", ("block", "warning")),
                    ("is_expired", "=", False),
                ]
            )
        )
        for warning in sheet_warnings:
            (blocks if warning.severity == "block" else warnings).append(warning.message)
        return blocks, warnings

    def action_new_quotation(self):
        """Create one quotation for the customer and open it in sale's own form.

        Refused, with their messages, when a blocking warning applies (Odoo's own "Blocking
        Message" or a blocking sheet warning); a warning's message shows as a notification
        before the quotation opens.
        """
        self.ensure_one()
        self.check_access("read")
        self.env["sale.order"].check_access("create")
        partner = self.commercial_partner_id
        if not partner.active:
            raise UserError(
                self.env._("%s is archived: restore the customer before quoting it.", partner.display_name)
            )
        if partner.company_id and partner.company_id != self.env.company:
            raise UserError(
                self.env._(
                    "%(customer)s belongs to %(company)s: switch to that company to quote it.",
                    customer=partner.display_name,
                    company=partner.company_id.name,
                )
            )
        blocks, warnings = self._ficha_quotation_warnings()
        if blocks:
            raise UserError(
                self.env._(
                    "%(customer)s cannot be quoted:\n%(messages)s",
                    customer=partner.display_name,
                    messages="\n".join(blocks),
                )
            )
        order = self.env["sale.order"].create(self._prepare_ficha_quotation_vals())
        action = order.action_ficha_open()
        if not warnings:
            return action
        # as sale's form shows its warning on choosing the customer: the message, then the order
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Warning for %s", partner.display_name),
                "message": "\n".join(warnings),
                "type": "warning",
                "sticky": True,
                "next": action,
            },
        }

    def _ficha_sale_action(self, xmlid, states):
        self.ensure_one()
        self.env["sale.order"].check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["domain"] = [
            ("partner_id", "child_of", self.commercial_partner_id.id),
            ("state", "in", states),
        ]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_ficha_view_sale_orders(self):
        return self._ficha_sale_action("sale.action_orders", ["sale"])

    def action_ficha_view_quotations(self):
        return self._ficha_sale_action("sale.action_quotations_with_onboarding", ["draft", "sent"])

    def action_ficha_view_invoices(self):
        """The customer's posted invoices and credit notes, in account's own views."""
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_invoice") and not self.env.user.has_group(
            "account.group_account_readonly"
        ):
            raise AccessError(self.env._("Only invoicing and accounting users can open the invoices."))
        action = self.env["ir.actions.actions"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
        ]
        action["context"] = {"default_move_type": "out_invoice", "move_type": "out_invoice"}
        return action

    def _ficha_report_action(self, model, name):
        self.ensure_one()
        self.check_access("read")
        return self.env[model]._ficha_action(
            [("commercial_partner_id", "=", self.commercial_partner_id.id)],
            self.env._("%(section)s: %(customer)s", section=name, customer=self.commercial_partner_id.name),
        )

    def action_ficha_view_sales_history(self):
        return self._ficha_report_action("ficha.sale.history", self.env._("Sales History"))

    def action_ficha_view_returns(self):
        return self._ficha_report_action("ficha.return.line", self.env._("Returns"))

    def action_ficha_view_pending(self):
        return self._ficha_report_action("ficha.pending.line", self.env._("Items Awaiting Delivery"))

    # -- actions: relationship --

    def _ficha_check_relationship_access(self):
        """Quick actions of the sheet: sheet users who can read the customer."""
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_user"):
            raise AccessError(self.env._("Only users of the customer sheet can do this."))
        self.check_access("read")

    def action_ficha_open_repairs(self):
        """Full list (list/pivot/graph) of the customer's repair orders."""
        self.ensure_one()
        self._ficha_check_relationship_access()
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(self.env._("You are not allowed to see repair orders."))
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.ficha_repair_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["display_name"] = self.env._("Services Rendered: %s", self.commercial_partner_id.display_name)
        return action

    def action_ficha_open_interactions(self):
        """Full timeline of the customer, to filter and group."""
        self.ensure_one()
        self._ficha_check_relationship_access()
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.ficha_interaction_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["display_name"] = self.env._("Timeline: %s", self.commercial_partner_id.display_name)
        return action

    def _ficha_activity_schedule_action(self, activity_type=None):
        partner = self.commercial_partner_id
        context = {
            "active_model": "res.partner",
            "active_id": partner.id,
            "active_ids": [partner.id],
        }
        if activity_type:
            context["default_activity_type_id"] = activity_type.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Call") if activity_type else self.env._("Schedule Activity"),
            "res_model": "mail.activity.schedule",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def action_ficha_schedule_activity(self):
        """Schedule an activity on the customer with mail's own scheduler."""
        self.ensure_one()
        self._ficha_check_relationship_access()
        return self._ficha_activity_schedule_action()

    def action_ficha_log_call(self):
        """Log a call: mail's scheduler preset on a Call activity ("Schedule & Mark as Done")."""
        self.ensure_one()
        self._ficha_check_relationship_access()
        call = self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        if not call:
            raise AccessError(self.env._("The 'Call' activity type is missing."))
        return self._ficha_activity_schedule_action(call)

    def action_ficha_create_opportunity(self):
        """Create an opportunity for the customer in CRM's own form."""
        self.ensure_one()
        self._ficha_check_relationship_access()
        self.env["crm.lead"].check_access("create")
        partner = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Opportunity"),
            "res_model": "crm.lead",
            "view_mode": "form",
            "views": [(self.env.ref("crm.crm_lead_view_form").id, "form")],
            "target": "current",
            "context": {
                "default_type": "opportunity",
                "default_partner_id": partner.id,
                "default_user_id": self.env.uid,
            },
        }

    # -- actions: alerts --
