from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # -- fields: relationship --
    ficha_reference_stale_months = fields.Integer(
        related="company_id.ficha_reference_stale_months", readonly=False
    )
