from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- fields: financial --

    # -- fields: commercial --

    # -- fields: relationship --

    # -- fields: alerts --

    # -- computes: financial --

    # -- computes: commercial --

    # -- computes: relationship --

    # -- computes: alerts --

    # -- actions --

    def action_open_ficha(self):
        """Open the customer sheet of the partner's commercial entity.

        A contact person has no history of its own: invoices and orders are
        aggregated on the commercial entity, so its sheet is the company's.
        """
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.res_partner_action_ficha")
        action.update(
            {
                "res_id": self.commercial_partner_id.id,
                "view_mode": "form",
                "views": [(self.env.ref("ficha_cliente.res_partner_view_form_ficha").id, "form")],
                "target": "current",
            }
        )
        return action

    def action_open_partner_form(self):
        """Open the standard contact form, to edit the partner's master data."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # -- actions: financial --

    # -- actions: commercial --

    # -- actions: relationship --

    # -- actions: alerts --
