from odoo import api, fields, models
from odoo.exceptions import UserError


class FichaPartnerNote(models.AbstractModel):
    """What the sheet's users write about a customer (warnings, references): kept on the
    commercial entity, in one company, and never moved once written.

    ``_ficha_fixed_fields`` are set at creation and refused on write (the superuser excepted):
    moving a note to another customer or company, or re-authoring it, would plant it where
    nobody wrote it. ``_ficha_fixed_fields_message`` says what to do instead.
    """

    _name = "ficha.partner.note"
    _description = "Customer Sheet: Note on a Customer"
    _check_company_auto = True
    _ficha_fixed_fields = ("partner_id", "company_id")

    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        # on the commercial entity, like everything on the sheet (read once for the batch)
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        commercial = {partner.id: partner.commercial_partner_id.id for partner in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = commercial[vals["partner_id"]]
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            changed = [
                name
                for name in self._ficha_fixed_fields
                if name in vals and any(record[name].id != vals[name] for record in self)
            ]
            if changed:
                raise UserError(
                    self._ficha_fixed_fields_message(
                        ", ".join(self._fields[name]._description_string(self.env) for name in changed)
                    )
                )
        return super().write(vals)

    def _ficha_fixed_fields_message(self, fields_label):
        raise NotImplementedError()
