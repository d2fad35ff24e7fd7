from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from ..tools.relationship import is_reference_stale


class FichaPartnerReference(models.Model):
    """A commercial, bank or personal reference given by a customer, and its last check."""

    _name = "ficha.partner.reference"
    _description = "Customer Sheet: Reference"
    _order = "reference_type, name, id"
    _inherit = "ficha.partner.note"
    # whose reference it is and in which company: set at creation, never moved
    _ficha_fixed_fields = ("partner_id", "company_id")

    currency_id = fields.Many2one(related="company_id.currency_id")
    reference_type = fields.Selection(
        [("commercial", "Commercial"), ("bank", "Bank"), ("personal", "Personal")],
        "Type",
        required=True,
        default="commercial",
    )
    name = fields.Char(required=True, help="Company, bank or person giving the reference.")
    contact_name = fields.Char("Contact")
    phone = fields.Char()
    email = fields.Char()
    customer_since = fields.Date(help="Since when the customer buys from (or banks with) this reference.")
    credit_granted = fields.Monetary(help="Credit this reference grants the customer.")
    last_checked_date = fields.Date("Last Checked")
    check_result = fields.Selection([("good", "Good"), ("regular", "Regular"), ("bad", "Bad")], "Result")
    notes = fields.Text()
    is_stale = fields.Boolean(
        "Check Overdue",
        compute="_compute_is_stale",
        help="Not checked for the number of months set in the company's settings.",
    )

    @api.depends("last_checked_date", "company_id.ficha_reference_stale_months")
    @api.depends_context("tz")
    def _compute_is_stale(self):
        today = fields.Date.context_today(self)
        for reference in self:
            reference.is_stale = is_reference_stale(
                reference.last_checked_date, today, reference.company_id.ficha_reference_stale_months
            )

    @api.constrains("credit_granted", "last_checked_date", "customer_since")
    def _check_values(self):
        today = fields.Date.context_today(self)
        for reference in self:
            if reference.credit_granted < 0:
                raise ValidationError(self.env._("The credit granted by a reference cannot be negative."))
            if reference.last_checked_date and reference.last_checked_date > today:
                raise ValidationError(self.env._("A reference cannot be checked in the future."))
            if reference.customer_since and reference.customer_since > today:
                raise ValidationError(self.env._("'Customer since' cannot be a future date."))

    @api.constrains("email")
    def _check_email(self):
        for reference in self:
            if reference.email and not email_normalize(reference.email):
                raise ValidationError(
                    self.env._("%(email)s is not a valid email address.", email=reference.email)
                )

    def _ficha_fixed_fields_message(self, fields_label):
        return self.env._(
            "The customer and company of a reference cannot be changed (%s): "
            "a sales manager can delete it; write a new one.",
            fields_label,
        )
