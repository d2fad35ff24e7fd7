"""Commercial area of the sheet: sales history, returns, items to deliver, quotations, orders."""

from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.audiences import SALES_REPORT_READERS
from ..tools.sales import return_rate
from .res_partner import SHEET_PAGE_ROWS


class ResPartner(models.Model):
    _inherit = "res.partner"

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
    ficha_has_lots = fields.Boolean(
        string="Lots in the Latest Sales",
        compute="_compute_ficha_has_lots",
        groups=SALES_REPORT_READERS,
        help="A line of the sheet's latest sales has a lot or serial number: the sheet shows the lot column.",
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

    # -- computes: commercial --

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_recent_sale_history(self):
        rows = {}
        if self.env["ficha.sale.history"].has_access("read"):
            order = "date desc, id desc"
            since = self._ficha_latest_orders_date()
            if since:
                rows = self._ficha_first_rows("ficha.sale.history", order, domain=[("date", ">=", since)])
            if not since or len(rows.get(self.commercial_partner_id.id, [])) < SHEET_PAGE_ROWS:
                rows = self._ficha_first_rows("ficha.sale.history", order)
        for partner in self:
            partner.ficha_recent_sale_history_ids = [
                Command.set(rows.get(partner.commercial_partner_id.id, []))
            ]

    def _ficha_latest_orders_date(self):
        """For one customer's sheet: the date of its ``SHEET_PAGE_ROWS``-th latest confirmed order
        in the selected companies (None with fewer orders, or for several customers).

        A sales history line is dated by its order, so the page's latest lines are among those of
        the orders since that date, whenever these hold a page of lines the user may see (else the
        caller reads without the bound). PostgreSQL then reads a few orders' lines instead of
        sorting all the customer's lines (84,000 for the benchmark's big customer). Only a bound:
        nothing of the orders is shown, and the lines are searched with the user's rights.
        """
        if len(self.commercial_partner_id) != 1 or not self.commercial_partner_id.id:
            return None
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("state", "=", "sale"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["date_order"],
                order="date_order desc",
                offset=SHEET_PAGE_ROWS - 1,
                limit=1,
            )
        )
        return orders.date_order or None

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_has_lots(self):
        # the lines the sheet's list shows anyway: their columns are read once, for both
        for partner in self:
            partner.ficha_has_lots = any(partner.ficha_recent_sale_history_ids.mapped("lot_names"))

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
        # the goods shipped per product, summed here: the definition the rows' product rates read
        shipped = defaultdict(float)
        for (partner_id, __), quantity in (
            self.env["ficha.query"]._shipped_goods(self.commercial_partner_id).items()
        ):
            shipped[partner_id] += quantity
        returned = dict(
            self.env["ficha.return.line"]._read_group(domain, ["commercial_partner_id"], ["quantity:sum"])
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.ficha_return_rate = return_rate(returned.get(commercial, 0.0), shipped[commercial.id])

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
