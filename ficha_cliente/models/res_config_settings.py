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
