from odoo import fields, models

from ..tools.alert_rules import DEFAULT_THRESHOLDS


class ResCompany(models.Model):
    _inherit = "res.company"

    # -- alerts: thresholds of the alert rules (tools/alert_rules.py, key = name without "ficha_alert_") --
    ficha_alert_stopped_factor = fields.Float(
        "Stopped Buying Factor",
        default=DEFAULT_THRESHOLDS["stopped_factor"],
        help="Warn when the days since the last order exceed this many times the customer's usual interval.",
    )
    ficha_alert_stopped_danger_factor = fields.Float(
        "Stopped Buying Danger Factor", default=DEFAULT_THRESHOLDS["stopped_danger_factor"]
    )
    ficha_alert_stopped_min_days = fields.Integer(
        "Stopped Buying Minimum Days", default=DEFAULT_THRESHOLDS["stopped_min_days"]
    )
    ficha_alert_ticket_drop_pct = fields.Float(
        "Ticket Drop (%)", default=DEFAULT_THRESHOLDS["ticket_drop_pct"]
    )
    ficha_alert_volume_drop_pct = fields.Float(
        "Volume Drop (%)", default=DEFAULT_THRESHOLDS["volume_drop_pct"]
    )
    ficha_alert_volume_drop_danger_pct = fields.Float(
        "Volume Drop Danger (%)", default=DEFAULT_THRESHOLDS["volume_drop_danger_pct"]
    )
    ficha_alert_paying_later_days = fields.Float(
        "Paying Later (extra days)", default=DEFAULT_THRESHOLDS["paying_later_days"]
    )
    ficha_alert_overdue_amount = fields.Float("Overdue Above", default=DEFAULT_THRESHOLDS["overdue_amount"])
    ficha_alert_overdue_danger_days = fields.Integer(
        "Overdue Danger Days", default=DEFAULT_THRESHOLDS["overdue_danger_days"]
    )
    ficha_alert_credit_warning_pct = fields.Float(
        "Credit Limit Warning (%)", default=DEFAULT_THRESHOLDS["credit_warning_pct"]
    )
    ficha_alert_return_rate_factor = fields.Float(
        "Return Rate Factor", default=DEFAULT_THRESHOLDS["return_rate_factor"]
    )
    ficha_alert_return_rate_min_pct = fields.Float(
        "Return Rate Minimum (%)", default=DEFAULT_THRESHOLDS["return_rate_min_pct"]
    )
    ficha_alert_discount_extra_points = fields.Float(
        "Discount Above Usual (points)", default=DEFAULT_THRESHOLDS["discount_extra_points"]
    )
    ficha_alert_quotation_expiring_days = fields.Integer(
        "Quotation Expiring Days", default=DEFAULT_THRESHOLDS["quotation_expiring_days"]
    )
    ficha_alert_delivery_late_days = fields.Integer(
        "Delivery Late Days", default=DEFAULT_THRESHOLDS["delivery_late_days"]
    )
    ficha_alert_repair_late_days = fields.Integer(
        "Repair Late Days", default=DEFAULT_THRESHOLDS["repair_late_days"]
    )
    ficha_alert_no_interaction_days = fields.Integer(
        "No Interaction Days", default=DEFAULT_THRESHOLDS["no_interaction_days"]
    )
    # -- end alerts --
