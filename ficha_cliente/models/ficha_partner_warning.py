from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FichaPartnerWarning(models.Model):
    """A warning about a customer written on its sheet (Odoo's native sale/invoice/picking
    warnings stay on the partner; the sheet shows both)."""

    _name = "ficha.partner.warning"
    _description = "Customer Sheet: Warning"
    _order = "severity_rank desc, date desc, id desc"
    _inherit = "ficha.partner.note"
    # who wrote it, for which customer, in which company: set at creation, never moved
    _ficha_fixed_fields = ("partner_id", "company_id", "user_id")

    warning_type = fields.Selection(
        [
            ("credit", "Credit"),
            ("commercial", "Commercial"),
            ("delivery", "Delivery"),
            ("legal", "Legal"),
            ("other", "Other"),
        ],
        "Type",
        required=True,
        default="commercial",
    )
    severity = fields.Selection(
        [("info", "Information"), ("warning", "Warning"), ("block", "Blocking")],
        required=True,
        default="warning",
    )
    severity_rank = fields.Integer(compute="_compute_severity_rank", store=True)
    message = fields.Text(required=True)
    valid_until = fields.Date(help="The warning stops showing on the sheet after this date.")
    user_id = fields.Many2one(
        "res.users", "Author", required=True, readonly=True, default=lambda self: self.env.user
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    active = fields.Boolean(default=True)
    is_expired = fields.Boolean(compute="_compute_is_expired", search="_search_is_expired")

    @api.depends("severity")
    def _compute_severity_rank(self):
        ranks = {"info": 0, "warning": 1, "block": 2}
        for warning in self:
            warning.severity_rank = ranks.get(warning.severity, 0)

    @api.depends("valid_until")
    @api.depends_context("tz")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for warning in self:
            warning.is_expired = bool(warning.valid_until and warning.valid_until < today)

    def _search_is_expired(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on expired warnings."))
        today = fields.Date.context_today(self)
        expired = [("valid_until", "!=", False), ("valid_until", "<", today)]
        if (operator == "=") == value:
            return expired
        return ["|", ("valid_until", "=", False), ("valid_until", ">=", today)]

    @api.constrains("message")
    def _check_message(self):
        for warning in self:
            if not (warning.message or "").strip():
                raise ValidationError(self.env._("A warning needs a message."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # the author is whoever writes it
            vals["user_id"] = self.env.uid
        return super().create(vals_list)

    def _ficha_fixed_fields_message(self, fields_label):
        return self.env._(
            "The customer, company and author of a warning cannot be changed (%s): "
            "archive it and write a new one.",
            fields_label,
        )
