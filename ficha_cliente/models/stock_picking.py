from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ficha_return_reason = fields.Char(
        string="Return Reason", copy=False, help="Why the customer returned the goods (optional)."
    )
