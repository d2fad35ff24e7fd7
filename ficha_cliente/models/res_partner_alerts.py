"""Alerts area of the sheet: live alerts, health, behaviour pattern, indicators, the daily level."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_date

from ..tools.alert_catalogue import CATALOGUE
from ..tools.alert_rules import SEVERITY_RANK, max_severity
from ..tools.audiences import FINANCIAL, REPAIRS, SALES_REPORT_READERS
from ..tools.section_badges import section_badges
from .ficha_alert_state import ALERT_LEVELS, LEVEL_OF_SEVERITY, SEVERITIES


class ResPartner(models.Model):
    _inherit = "res.partner"

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
    # Live alerts, patterns and health of the commercial entity (not stored): one evaluation for
    # the header's banner and the alerts page, which the sheet reads with the banner (the page
    # shows what the banner says, with no read of its own). The alerts as data (code, severity,
    # message; most severe first): the side menu's badges and the alerts shown on the customer's
    # orders and invoices read them.
    ficha_alerts_json = fields.Json(
        string="Alerts",
        compute="_compute_ficha_alert_banner",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
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
    ficha_recent_return_rate = fields.Float(
        string="Returns in the Last 12 Months (%)",
        digits=(16, 1),
        compute="_compute_ficha_alert_banner",
        groups=SALES_REPORT_READERS,
        help="Credit notes against invoices of the last 12 months, as the return rate alert reads them.",
    )
    # The side menu of the sheet, {page name: {"text", "level"}}, in two halves read side by side
    # (``tools/section_badges.py``): the badges of the sections' own figures, read with the
    # header's figures, and those following an alert, read with the banner's alerts.
    ficha_section_badges = fields.Json(
        string="Section Badges",
        compute="_compute_ficha_section_badges",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_alert_badges = fields.Json(
        string="Alert Badges",
        compute="_compute_ficha_alert_badges",
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
    # What the customer buys most: no rule reads it, so it is read apart (the sales history page).
    ficha_preference_summary = fields.Text(
        string="Preferences",
        compute="_compute_ficha_preference_summary",
        groups=SALES_REPORT_READERS,
        help="The products and product categories the customer bought most in the 12 months up to its "
        "latest order.",
    )
    ficha_indicators_data = fields.Json(
        string="Sales Indicators",
        compute="_compute_ficha_indicators_data",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_indicators_receivables_data = fields.Json(
        string="Receivables Indicators",
        compute="_compute_ficha_indicators_receivables_data",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )

    # -- computes: alerts --
    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_section_badges(self):
        """The side menu's badges of the sections' own figures that the user may see.

        Read with the header's figures (the summary section), without the alerts: each figure comes
        from its section's own compute, a fixed number of grouped queries for the recordset,
        whatever the customer's volume.
        """
        user = self.env.user
        financial = user.has_group(FINANCIAL)
        sales = user.has_groups(SALES_REPORT_READERS)
        warnings = self.filtered("id")._ficha_get_active_warnings()
        for partner in self:
            if not partner.id:
                partner.ficha_section_badges = {}
                continue
            figures = {"warning_severities": [warning["severity"] for warning in warnings[partner.id]]}
            if financial:
                figures["overdue_count"] = partner.ficha_overdue_count
            if sales:
                figures.update(
                    quotation_expiring_count=partner.ficha_quotation_expiring_count,
                    quotation_expired_count=partner.ficha_quotation_expired_count,
                    pending_late_count=partner.ficha_pending_late_count,
                )
            partner.ficha_section_badges = section_badges(figures, [], self.env._)

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_alert_badges(self):
        """The side menu's badges that follow the alerts the user sees: the alerts' own (the
        alerts page, the sales pattern, no interaction) and those of a figure an alert is about
        (the credit limit, the late repairs, the return rate), at the alert's severity.

        Read with the banner's alerts (the banner section): the credit and the last interaction
        come from the queries the alerts' facts ran (``ficha.query``'s figures are read once per
        read), the repairs in progress from one grouped query.
        """
        user = self.env.user
        financial = user.has_group(FINANCIAL)
        sales = user.has_groups(SALES_REPORT_READERS)
        repairs = user.has_group(REPAIRS)
        titles = self._get_ficha_alert_titles()
        for partner in self:
            if not partner.id:
                partner.ficha_alert_badges = {}
                continue
            figures = {"days_without_interaction": partner.ficha_days_without_interaction}
            if financial:
                figures["credit_use_rate"] = partner.ficha_credit_use_rate
            if sales:
                # the return rate alert's own figure (the last 12 months, from the facts the
                # banner read), not the whole history of shipped quantities
                figures["return_rate"] = partner.ficha_recent_return_rate
            if repairs:
                figures["repair_in_progress_count"] = partner.ficha_repair_in_progress_count
            partner.ficha_alert_badges = section_badges(
                figures, partner.ficha_alerts_json or [], self.env._, titles=titles
            )

    def _ficha_document_alerts(self, limit=3):
        """``{commercial partner id: (lines, most severe)}`` of the alerts the user sees on these
        partners' sheets (the banner's), most severe first, at most ``limit`` lines: what the
        customer's orders and invoices show. One evaluation for the whole recordset."""
        partners = self.commercial_partner_id.filtered("id")
        result = {}
        for partner in partners:
            alerts = partner.ficha_alerts_json or []
            if alerts:
                result[partner.id] = (
                    "\n".join(alert["message"] for alert in alerts[:limit]),
                    alerts[0]["severity"],
                )
        return result

    def _ficha_alert_results(self):
        """``{commercial partner id: evaluation}`` of the recordset's alerts
        (``ficha.alert.facts._evaluate``): one evaluation per read of the sheet for the banner's
        fields and the alerts page's, which the banner's section reads together."""
        partners = self.filtered("id")
        return self.env["ficha.alert.facts"]._evaluate(partners) if partners else {}

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_alert_banner(self):
        results = self._ficha_alert_results()
        for partner in self:
            result = results.get(partner.commercial_partner_id.id) if partner.id else None
            alerts = result["alerts"] if result else []
            partner.ficha_alert_count = len(alerts)
            partner.ficha_alert_banner_html = self._prepare_ficha_alert_banner(alerts)
            partner.ficha_alerts_json = [alert.to_dict() for alert in alerts]
            recent_returns = result["patterns"]["recent_return_rate"] if result else None
            partner.ficha_recent_return_rate = 100.0 * (recent_returns or 0.0)

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_alerts(self):
        """The alerts page and the health, from the banner's evaluation; since when each alert
        fires, from the daily check's states."""
        results = self._ficha_alert_results()
        since = (
            {
                (state.partner_id.id, state.code): state.first_seen
                for state in self.env["ficha.alert.state"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", list(results)),
                        ("company_id", "=", self.env.company.id),
                    ]
                )
            }
            if results
            else {}
        )
        for partner in self:
            result = results.get(partner.commercial_partner_id.id) if partner.id else None
            if not result:
                partner.update(
                    {
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

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_preference_summary(self):
        partners = self.filtered("id")
        sentences = self.env["ficha.alert.facts"]._describe_preferences(partners) if partners else {}
        for partner in self:
            lines = sentences.get(partner.commercial_partner_id.id) if partner.id else None
            partner.ficha_preference_summary = "\n".join(lines) if lines else False

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
        """``{code: title}`` of the alert catalogue, in the user's language."""
        return {code: kind.title._translate(self.env.lang) for code, kind in CATALOGUE.items()}

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

    def _ficha_indicators(self, part):
        """``{partner: data}`` of one part of the 5-year indicators (``ficha_indicators.PARTS``)."""
        partners = self.filtered("id")
        results = (
            self.env["ficha.indicators"]._compute_indicators(partners, parts=(part,)) if partners else {}
        )
        return {
            partner: results.get(partner.commercial_partner_id.id, False) if partner.id else False
            for partner in self
        }

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_indicators_data(self):
        for partner, data in self._ficha_indicators("sales").items():
            partner.ficha_indicators_data = data

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_indicators_receivables_data(self):
        for partner, data in self._ficha_indicators("receivables").items():
            partner.ficha_indicators_receivables_data = data
