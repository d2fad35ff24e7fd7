from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models

from ..tools.alert_rules import DANGER, INFO, SEVERITY_RANK, WARNING

SEVERITIES = [(INFO, "Info"), (WARNING, "Warning"), (DANGER, "Danger")]
ALERT_LEVELS = [("0_none", "No Alert"), ("1_info", "Info"), ("2_warning", "Warning"), ("3_danger", "Danger")]
LEVEL_OF_SEVERITY = {INFO: "1_info", WARNING: "2_warning", DANGER: "3_danger"}
CRON_BATCH = 500


class FichaAlertState(models.Model):
    """Alerts firing for a customer, as seen by the daily scheduled action.

    Alerts are computed live on the sheet; this is the daily snapshot that
    remembers since when each alert fires and whether its follow-up activity
    was created, so that the activity is created once per episode and the
    customer list can filter and sort by alerts.
    """

    _name = "ficha.alert.state"
    _description = "Customer Alert State"
    _order = "severity_rank desc, first_seen, id"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    code = fields.Char(required=True)
    severity = fields.Selection(SEVERITIES, required=True)
    severity_rank = fields.Integer(compute="_compute_severity_rank", store=True)
    message = fields.Char()
    first_seen = fields.Date(required=True)
    last_seen = fields.Date(required=True)
    activity_created = fields.Boolean(help="The follow-up activity of this episode was created.")
    activity_id = fields.Many2one("mail.activity", ondelete="set null")
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")

    _sql_constraints = [
        (
            "partner_company_code_uniq",
            "unique(partner_id, company_id, code)",
            "An alert fires once per customer.",
        ),
    ]

    @api.depends("severity")
    def _compute_severity_rank(self):
        for state in self:
            state.severity_rank = SEVERITY_RANK.get(state.severity, 0)

    # -- business methods --

    @api.model
    def _cron_refresh_alerts(self):
        """Daily: refresh the alert states of every customer of every company."""
        for company in self.env["res.company"].search([]):
            env = self.with_company(company).with_context(allowed_company_ids=company.ids)
            customers = (
                env.env["res.partner"]
                .search(["|", ("customer_rank", ">", 0), ("sale_order_ids", "!=", False)])
                .commercial_partner_id
            )
            for start in range(0, len(customers), CRON_BATCH):
                env._refresh_alerts(customers[start : start + CRON_BATCH])

    def _refresh_alerts(self, partners, today=None):
        """Sync the states of ``partners`` (in the current company) with their alerts.

        New states are created, changed ones updated, alerts that stopped
        firing are removed; a danger alert gets one to-do activity for the
        salesperson of the customer.
        """
        company = self.env.company
        today = today or fields.Date.context_today(self)
        commercial = partners.commercial_partner_id
        results = (
            self.env["ficha.alert.facts"]
            .sudo()
            ._evaluate(commercial, today=today, all_alerts=True, details=False)
        )
        states = self.search([("partner_id", "in", commercial.ids), ("company_id", "=", company.id)])
        by_key = {(state.partner_id.id, state.code): state for state in states}
        seen = self.browse()
        to_create = []
        levels = defaultdict(list)
        for partner in commercial:
            alerts = results[partner.id]["alerts"]
            for alert in alerts:
                state = by_key.get((partner.id, alert.code))
                if state:
                    if (state.severity, state.message) != (alert.severity, alert.message):
                        state.write({"severity": alert.severity, "message": alert.message})
                    seen |= state
                else:
                    to_create.append(
                        {
                            "partner_id": partner.id,
                            "company_id": company.id,
                            "code": alert.code,
                            "severity": alert.severity,
                            "message": alert.message,
                            "first_seen": today,
                            "last_seen": today,
                        }
                    )
            level = LEVEL_OF_SEVERITY[alerts[0].severity] if alerts else "0_none"
            if partner.ficha_alert_level != level:
                levels[level].append(partner.id)
        for level, partner_ids in levels.items():
            self.env["res.partner"].browse(partner_ids).write({"ficha_alert_level": level})
        seen.write({"last_seen": today})
        seen |= self.create(to_create)
        (states - seen).unlink()
        seen.filtered(
            lambda state: state.severity == DANGER and not state.activity_created
        )._create_activities()
        return seen

    def _create_activities(self):
        """One to-do per customer for its new danger alerts, for its salesperson (or the administrator)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        for partner, states in self.grouped("partner_id").items():
            activity = (
                self.env["mail.activity"]
                .sudo()
                .create(
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": todo.id,
                        "summary": self.env._("Customer alert: %(alert)s", alert=states[0].message),
                        "note": Markup("<br/>").join(states.mapped("message")),
                        "user_id": (partner.user_id or fallback_user).id,
                        "date_deadline": max(states.mapped("last_seen")),
                    }
                )
            )
            states.write({"activity_created": True, "activity_id": activity.id})
