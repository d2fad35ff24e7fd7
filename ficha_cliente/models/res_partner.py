from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.sales import return_rate


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- fields: financial --

    # -- fields: commercial --
    ficha_sale_history_ids = fields.One2many(
        "ficha.sale.history", "commercial_partner_id", string="Sales History"
    )
    ficha_return_line_ids = fields.One2many("ficha.return.line", "commercial_partner_id", string="Returns")
    ficha_pending_line_ids = fields.One2many(
        "ficha.pending.line", "commercial_partner_id", string="Items Awaiting Delivery"
    )
    ficha_quotation_ids = fields.Many2many(
        "sale.order",
        string="Quotations Under Negotiation",
        compute="_compute_ficha_quotations",
        help="Quotations in draft or sent of the customer's commercial entity, in the current companies.",
    )
    ficha_quotation_expired_count = fields.Integer(
        string="Expired Quotations", compute="_compute_ficha_quotations"
    )
    ficha_quotation_expiring_count = fields.Integer(
        string="Expiring Quotations", compute="_compute_ficha_quotations"
    )
    ficha_quotation_idle_count = fields.Integer(string="Idle Quotations", compute="_compute_ficha_quotations")
    ficha_sale_order_count = fields.Integer(string="Sales Orders", compute="_compute_ficha_sale_counts")
    ficha_quotation_count = fields.Integer(string="Quotations", compute="_compute_ficha_sale_counts")
    ficha_invoice_count = fields.Integer(
        string="Posted Invoices",
        compute="_compute_ficha_invoice_count",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    ficha_pending_count = fields.Integer(string="Items to Deliver", compute="_compute_ficha_pending_counts")
    ficha_pending_late_count = fields.Integer(
        string="Late Deliveries", compute="_compute_ficha_pending_counts"
    )
    ficha_return_rate = fields.Float(
        string="Return Rate (%)",
        compute="_compute_ficha_return_rate",
        digits=(16, 2),
        help="Quantity returned by the customer as a percentage of the quantity shipped to it.",
    )

    # -- fields: relationship --

    # -- fields: alerts --

    # -- computes: financial --

    # -- computes: commercial --

    def _ficha_commercial_domain(self, field="commercial_partner_id"):
        return [(field, "in", self.commercial_partner_id.ids), ("company_id", "in", self.env.companies.ids)]

    @api.depends_context("company", "uid")
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

    @api.depends_context("company", "uid")
    def _compute_ficha_sale_counts(self):
        counts = {}
        if not self.env["sale.order"].has_access("read"):
            self.ficha_sale_order_count = self.ficha_quotation_count = 0
            return
        for partner, state, count in self.env["sale.order"]._read_group(
            self._ficha_commercial_domain("partner_id.commercial_partner_id")
            + [("state", "in", ("draft", "sent", "sale"))],
            ["partner_id", "state"],
            ["__count"],
        ):
            key = (partner.commercial_partner_id.id, "sale" if state == "sale" else "quotation")
            counts[key] = counts.get(key, 0) + count
        for partner in self:
            commercial = partner.commercial_partner_id.id
            partner.ficha_sale_order_count = counts.get((commercial, "sale"), 0)
            partner.ficha_quotation_count = counts.get((commercial, "quotation"), 0)

    @api.depends_context("company", "uid")
    def _compute_ficha_invoice_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                self._ficha_commercial_domain()
                + [("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.ficha_invoice_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends_context("company", "uid")
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

    @api.depends_context("company", "uid")
    def _compute_ficha_return_rate(self):
        if not self.env["ficha.return.line"].has_access("read"):
            self.ficha_return_rate = 0.0
            return
        domain = self._ficha_commercial_domain()
        shipped = dict(
            self.env["ficha.sale.history"]._read_group(domain, ["commercial_partner_id"], ["qty_shipped:sum"])
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

    # -- computes: alerts --

    # -- actions --

    def action_open_ficha(self):
        """Open the customer sheet of the partner's commercial entity.

        A contact person has no history of its own: invoices and orders are
        aggregated on the commercial entity, so its sheet is the company's.
        """
        self.ensure_one()
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

    def action_new_quotation(self):
        """Create one quotation for the customer and open it in sale's own form."""
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
        order = self.env["sale.order"].create(self._prepare_ficha_quotation_vals())
        return order.action_ficha_open()

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

    # -- actions: alerts --
