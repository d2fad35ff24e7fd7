"""Relationship area of the sheet: services, warnings, references, the timeline."""

from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.relationship import collect_warnings, days_without_interaction, stale_cutoff

# Repair orders being worked on (confirmed, under repair), as repair's own "in progress".
REPAIR_IN_PROGRESS_STATES = ("confirmed", "under_repair")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- fields: relationship --
    ficha_repair_ids = fields.One2many(
        "ficha.repair", "commercial_partner_id", "Services Rendered", groups="stock.group_stock_user"
    )
    ficha_repair_count = fields.Integer(
        "Repair Orders", compute="_compute_ficha_repair_count", groups="stock.group_stock_user"
    )
    ficha_repair_in_progress_count = fields.Integer(
        "Repairs in Progress",
        compute="_compute_ficha_repair_count",
        help="Confirmed repair orders not repaired yet.",
        groups="stock.group_stock_user",
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

    # -- computes: relationship --

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_repair_count(self):
        # one grouped query: all repairs and those in progress, by state
        commercial = self.commercial_partner_id
        counts, in_progress = defaultdict(int), defaultdict(int)
        for partner, state, count in self.env["ficha.repair"]._read_group(
            [("commercial_partner_id", "in", commercial.ids)],
            ["commercial_partner_id", "state"],
            ["__count"],
        ):
            counts[partner] += count
            if state in REPAIR_IN_PROGRESS_STATES:
                in_progress[partner] += count
        for partner in self:
            partner.ficha_repair_count = counts.get(partner.commercial_partner_id, 0)
            partner.ficha_repair_in_progress_count = in_progress.get(partner.commercial_partner_id, 0)

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
        today = fields.Date.context_today(self)
        last = self.env["ficha.query"]._last_interactions(self, today)
        for partner in self:
            date = last.get(partner.commercial_partner_id)
            partner.ficha_last_interaction_date = date or False
            days = days_without_interaction(date, today, fallback=partner.commercial_partner_id.create_date)
            partner.ficha_days_without_interaction = days or 0

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
