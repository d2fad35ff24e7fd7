from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    # -- constraints: relationship --
    @api.constrains("ficha_reference_stale_months")
    def _check_ficha_reference_stale_months(self):
        for company in self:
            if company.ficha_reference_stale_months < 0:
                raise ValidationError(
                    self.env._("The number of months after which references are stale cannot be negative.")
                )
