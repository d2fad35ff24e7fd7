from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ficha_late_fine_percent = fields.Float(related="company_id.ficha_late_fine_percent", readonly=False)
    ficha_late_interest_percent = fields.Float(
        related="company_id.ficha_late_interest_percent", readonly=False
    )

    # -- commercial (sales history, quotations) --
    ficha_size_attribute_id = fields.Many2one(related="company_id.ficha_size_attribute_id", readonly=False)
    ficha_quotation_expiring_days = fields.Integer(
        related="company_id.ficha_quotation_expiring_days", readonly=False
    )
    ficha_quotation_idle_days = fields.Integer(related="company_id.ficha_quotation_idle_days", readonly=False)
    # -- end commercial --

    # -- alerts: thresholds of the alert rules --
    ficha_alert_stopped_factor = fields.Float(related="company_id.ficha_alert_stopped_factor", readonly=False)
    ficha_alert_stopped_danger_factor = fields.Float(
        related="company_id.ficha_alert_stopped_danger_factor", readonly=False
    )
    ficha_alert_stopped_min_days = fields.Integer(
        related="company_id.ficha_alert_stopped_min_days", readonly=False
    )
    ficha_alert_ticket_drop_pct = fields.Float(
        related="company_id.ficha_alert_ticket_drop_pct", readonly=False
    )
    ficha_alert_volume_drop_pct = fields.Float(
        related="company_id.ficha_alert_volume_drop_pct", readonly=False
    )
    ficha_alert_volume_drop_danger_pct = fields.Float(
        related="company_id.ficha_alert_volume_drop_danger_pct", readonly=False
    )
    ficha_alert_paying_later_days = fields.Float(
        related="company_id.ficha_alert_paying_later_days", readonly=False
    )
    ficha_alert_overdue_amount = fields.Float(related="company_id.ficha_alert_overdue_amount", readonly=False)
    ficha_alert_overdue_danger_days = fields.Integer(
        related="company_id.ficha_alert_overdue_danger_days", readonly=False
    )
    ficha_alert_credit_warning_pct = fields.Float(
        related="company_id.ficha_alert_credit_warning_pct", readonly=False
    )
    ficha_alert_return_rate_factor = fields.Float(
        related="company_id.ficha_alert_return_rate_factor", readonly=False
    )
    ficha_alert_return_rate_min_pct = fields.Float(
        related="company_id.ficha_alert_return_rate_min_pct", readonly=False
    )
    ficha_alert_discount_extra_points = fields.Float(
        related="company_id.ficha_alert_discount_extra_points", readonly=False
    )
    ficha_alert_delivery_late_days = fields.Integer(
        related="company_id.ficha_alert_delivery_late_days", readonly=False
    )
    ficha_alert_repair_late_days = fields.Integer(
        related="company_id.ficha_alert_repair_late_days", readonly=False
    )
    ficha_alert_no_interaction_days = fields.Integer(
        related="company_id.ficha_alert_no_interaction_days", readonly=False
    )
    # -- end alerts --

    # -- fields: relationship --
    ficha_reference_stale_months = fields.Integer(
        related="company_id.ficha_reference_stale_months", readonly=False
    )
