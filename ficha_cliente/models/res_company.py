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
