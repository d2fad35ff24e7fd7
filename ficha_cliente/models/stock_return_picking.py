from odoo import fields, models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    ficha_return_reason = fields.Char(string="Return Reason", help="Optional: stored on the return.")

    def _prepare_picking_default_values(self):
        vals = super()._prepare_picking_default_values()
        if self.ficha_return_reason:
            vals["ficha_return_reason"] = self.ficha_return_reason.strip()
        return vals
