from markupsafe import Markup

from odoo import api, fields, models

from ..tools.alert_catalogue import audience_of
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
    customer list can filter by alerts.

    The check runs as superuser over every document, so a state holds no figure: only the
    alert's code, severity and dates. Who sees a state (security/ficha_alert_state_security.xml):
    users of the alert's audience (``audience_group_id``, from ``tools/alert_catalogue``: no
    receivables alert without the financial group), in their companies, and a salesperson
    limited to own documents only for own customers. The figures are on the sheet, live.
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
    name = fields.Char("Alert", compute="_compute_name")
    audience_group_id = fields.Many2one(
        "res.groups",
        "Audience",
        required=True,
        ondelete="cascade",
        help="Group whose data the alert is derived from: only its users see the alert.",
    )
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

    @api.depends("code")
    @api.depends_context("lang")
    def _compute_name(self):
        titles = self.env["res.partner"]._get_ficha_alert_titles()
        for state in self:
            state.name = titles.get(state.code, state.code)

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
        results = self.env["ficha.alert.facts"].sudo()._evaluate(commercial, today=today, all_alerts=True)
        states = self.search([("partner_id", "in", commercial.ids), ("company_id", "=", company.id)])
        by_key = {(state.partner_id.id, state.code): state for state in states}
        audiences = {}
        seen = self.browse()
        to_create = []
        for partner in commercial:
            for alert in results[partner.id]["alerts"]:
                state = by_key.get((partner.id, alert.code))
                if state:
                    if state.severity != alert.severity:
                        state.severity = alert.severity
                    seen |= state
                else:
                    audience = audience_of(alert.code)
                    if audience not in audiences:
                        audiences[audience] = self.env.ref(audience).id
                    to_create.append(
                        {
                            "partner_id": partner.id,
                            "company_id": company.id,
                            "code": alert.code,
                            "severity": alert.severity,
                            "audience_group_id": audiences[audience],
                            "first_seen": today,
                            "last_seen": today,
                        }
                    )
        seen.write({"last_seen": today})
        seen |= self.create(to_create)
        (states - seen).unlink()
        seen.filtered(
            lambda state: state.severity == DANGER and not state.activity_created
        )._create_activities()
        return seen

    def _create_activities(self):
        """One to-do per customer for its new danger alerts, for its salesperson (or the administrator).

        The activity names the alerts and points to the sheet: no amount, no financial detail
        (whoever reads the customer's chatter reads it)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        for partner, states in self.grouped("partner_id").items():
            user = partner.user_id or fallback_user
            titles = states.with_context(lang=user.lang).mapped("name")
            activity = (
                self.env["mail.activity"]
                .sudo()
                .with_context(lang=user.lang)
                .create(
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": todo.id,
                        "summary": self.with_context(lang=user.lang).env._(
                            "Customer alert: %(alerts)s: see the customer sheet",
                            alerts=", ".join(titles).lower(),
                        ),
                        "note": Markup("<br/>").join(titles),
                        "user_id": user.id,
                        "date_deadline": max(states.mapped("last_seen")),
                    }
                )
            )
            states.write({"activity_created": True, "activity_id": activity.id})
