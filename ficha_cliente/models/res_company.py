from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

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
