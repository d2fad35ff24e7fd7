from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ficha_late_fine_percent = fields.Float(related="company_id.ficha_late_fine_percent", readonly=False)
    ficha_late_interest_percent = fields.Float(
        related="company_id.ficha_late_interest_percent", readonly=False
    )

    # -- fields: relationship --
    ficha_reference_stale_months = fields.Integer(
        related="company_id.ficha_reference_stale_months", readonly=False
    )
