from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # -- commercial (sales history, quotations) --
    ficha_size_attribute_id = fields.Many2one(related="company_id.ficha_size_attribute_id", readonly=False)
    ficha_quotation_expiring_days = fields.Integer(
        related="company_id.ficha_quotation_expiring_days", readonly=False
    )
    ficha_quotation_idle_days = fields.Integer(related="company_id.ficha_quotation_idle_days", readonly=False)
    # -- end commercial --
