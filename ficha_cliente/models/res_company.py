from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # -- fields: relationship --
    ficha_reference_stale_months = fields.Integer(
        "References Stale After (Months)",
        default=6,
        help="Customer references not checked for this many months are flagged on the sheet "
        "(0 disables the flag).",
    )

    # -- constraints: relationship --
    @api.constrains("ficha_reference_stale_months")
    def _check_ficha_reference_stale_months(self):
        for company in self:
            if company.ficha_reference_stale_months < 0:
                raise ValidationError(
                    self.env._("The number of months after which references are stale cannot be negative.")
                )
