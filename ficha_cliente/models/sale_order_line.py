from odoo import models
from odoo.tools.sql import create_index

# Partial index on the confirmed order lines with an amount still to invoice (``init``).
SALE_LINE_INDEXES = {
    "ficha_cliente_sol_to_invoice_idx": "state = 'sale' AND untaxed_amount_to_invoice > 0",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def init(self):
        """A partial index on the order lines still to invoice (dropped by the uninstall hook).

        The credit figure looks for the orders with a line left to invoice: with the index it
        reads those lines only, not every order line of the customer. Timings: README, Benchmark.
        """
        result = super().init()
        for name, where in SALE_LINE_INDEXES.items():
            create_index(self.env.cr, name, "sale_order_line", ["order_partner_id"], where=where)
        return result
