from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.alert_rules import DEFAULT_THRESHOLDS


class ResCompany(models.Model):
    _inherit = "res.company"

    ficha_late_fine_percent = fields.Float(
        string="Late Fine (%)",
        digits=(16, 4),
        help="One-off fine on an overdue installment (Brazil: multa), previewed on the customer sheet.",
    )
    ficha_late_interest_percent = fields.Float(
        string="Monthly Late Interest (%)",
        digits=(16, 4),
        help="Interest per month on an overdue installment, pro rata by day (Brazil: juros de mora).",
    )

    # -- fields: relationship --
    ficha_reference_stale_months = fields.Integer(
        "References Stale After (Months)",
        default=6,
        help="Customer references not checked for this many months are flagged on the sheet "
        "(0 disables the flag).",
    )

    @api.constrains("ficha_late_fine_percent", "ficha_late_interest_percent")
    def _check_ficha_late_charges(self):
        for company in self:
            if not (
                0 <= company.ficha_late_fine_percent <= 100
                and 0 <= company.ficha_late_interest_percent <= 100
            ):
                raise ValidationError(self.env._("Late charges are percentages between 0 and 100."))

    # -- commercial (sales history, quotations) --
    ficha_size_attribute_id = fields.Many2one(
        "product.attribute",
        string="Size Attribute",
        help="Attribute whose value is shown as the size of the items on the customer sheet. "
        "Empty: an attribute named 'Size' or 'Tamanho'.",
    )
    ficha_quotation_expiring_days = fields.Integer(
        string="Quotation Expiring Within (days)",
        default=7,
        help="A quotation whose validity date falls within this many days is flagged as expiring.",
    )
    ficha_quotation_idle_days = fields.Integer(
        string="Quotation Idle After (days)",
        default=15,
        help="A quotation without any message or activity for this many days is flagged as idle.",
    )

    @api.constrains("ficha_quotation_expiring_days", "ficha_quotation_idle_days")
    def _check_ficha_quotation_days(self):
        for company in self:
            if company.ficha_quotation_expiring_days < 0 or company.ficha_quotation_idle_days < 0:
                raise ValidationError(self.env._("The quotation alert periods cannot be negative."))

    # -- end commercial --

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

    # -- constraints: relationship --
    @api.constrains("ficha_reference_stale_months")
    def _check_ficha_reference_stale_months(self):
        for company in self:
            if company.ficha_reference_stale_months < 0:
                raise ValidationError(
                    self.env._("The number of months after which references are stale cannot be negative.")
                )
