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

    @api.constrains("ficha_late_fine_percent", "ficha_late_interest_percent")
    def _check_ficha_late_charges(self):
        for company in self:
            if not (
                0 <= company.ficha_late_fine_percent <= 100
                and 0 <= company.ficha_late_interest_percent <= 100
            ):
                raise ValidationError(self.env._("Late charges are percentages between 0 and 100."))
