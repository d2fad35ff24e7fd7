from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.sales import return_rate
from .ficha_sale_history import product_template_sql, size_value_sql


class FichaReturnLine(models.Model):
    """One row per done return move coming back from a customer."""

    _name = "ficha.return.line"
    _inherit = ["ficha.commercial.report"]
    _description = "Returns (Customer Sheet)"
    _auto = False
    _rec_name = "picking_id"
    _order = "date desc, id desc"

    move_id = fields.Many2one("stock.move", string="Return Move", readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Return", readonly=True)
    date = fields.Datetime(string="Return Date", readonly=True)
    origin_picking_id = fields.Many2one("stock.picking", string="Original Delivery", readonly=True)
    order_id = fields.Many2one(string="Original Order")
    sale_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True)
    lot_names = fields.Char(string="Lots/Serial Numbers", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    reason = fields.Char(string="Return Reason", readonly=True)
    credit_note_names = fields.Char(
        string="Credit Notes", readonly=True, help="Posted credit notes of the original order line."
    )
    product_return_rate = fields.Float(
        string="Product Return Rate (%)",
        compute="_compute_product_return_rate",
        digits=(16, 2),
        aggregator=None,
        help="Returned quantity of this product by this customer, as a percentage of the quantity "
        "shipped to the customer.",
    )

    def _select(self):
        return SQL(
            """
            SELECT m.id AS id,
                   m.id AS move_id,
                   m.picking_id AS picking_id,
                   m.date AS date,
                   -- what the rows show but a search by customer does not read, as subqueries:
                   -- PostgreSQL then reads them for the rows returned only, not for every
                   -- returned move it looks at
                   (SELECT om.picking_id FROM stock_move om WHERE om.id = m.origin_returned_move_id)
                       AS origin_picking_id,
                   sol.order_id AS order_id,
                   m.sale_line_id AS sale_line_id,
                   -- the order's customer and salesperson as the line stores them
                   COALESCE(sol.order_partner_id, pick.partner_id) AS partner_id,
                   p.commercial_partner_id AS commercial_partner_id,
                   m.company_id AS company_id,
                   sol.salesman_id AS user_id,
                   m.product_id AS product_id,
                   %(template)s AS product_tmpl_id,
                   %(category)s AS categ_id,
                   m.product_qty AS quantity,
                   %(unit)s AS product_uom,
                   pick.ficha_return_reason AS reason,
                   %(size)s AS size_id,
                   (SELECT STRING_AGG(DISTINCT lot.name, ', ' ORDER BY lot.name)
                      FROM stock_move_line ml
                      JOIN stock_lot lot ON lot.id = ml.lot_id
                     WHERE ml.move_id = m.id) AS lot_names,
                   (SELECT STRING_AGG(DISTINCT am.name, ', ' ORDER BY am.name)
                      FROM sale_order_line_invoice_rel rel
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move am ON am.id = aml.move_id
                     WHERE rel.order_line_id = m.sale_line_id AND am.state = 'posted'
                       AND am.move_type = 'out_refund'
                   ) AS credit_note_names
            """,
            template=product_template_sql("m.product_id", "id"),
            category=product_template_sql("m.product_id", "categ_id"),
            unit=product_template_sql("m.product_id", "uom_id"),
            size=size_value_sql("m.product_id", "m.company_id"),
        )

    def _from(self):
        return SQL(
            """
              FROM stock_move m
              -- a join, not ``to_customer_sql``: from it PostgreSQL expects few returned moves and
              -- looks up their lines and pickings (with the array it expected 1,788 and scanned
              -- every order line: the customer's returns 22 -> 43 ms)
              JOIN stock_location src ON src.id = m.location_id
              LEFT JOIN stock_picking pick ON pick.id = m.picking_id
              LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
              JOIN res_partner p ON p.id = COALESCE(sol.order_partner_id, pick.partner_id)
            """
        )

    def _where(self):
        return SQL(
            """
             WHERE m.state = 'done'
               AND src.usage = 'customer'
               -- PostgreSQL reads only the returned moves, from the index on
               -- origin_returned_move_id (2,000 of 101,000 moves in ficha_bench)
               AND m.origin_returned_move_id IS NOT NULL
            """
        )

    @api.depends("commercial_partner_id", "product_id")
    def _compute_product_return_rate(self):
        """Two grouped queries for the whole recordset (returns per customer and product, and the
        goods shipped of these products, ``ficha.query._shipped_goods``: the definition the
        customer's own return rate reads too), both through the ORM so the user's record rules
        apply."""
        partners = self.commercial_partner_id
        domain = [("commercial_partner_id", "in", partners.ids), ("product_id", "in", self.product_id.ids)]
        returned = {
            (partner.id, product.id): qty
            for partner, product, qty in self._read_group(
                domain, ["commercial_partner_id", "product_id"], ["quantity:sum"]
            )
        }
        shipped = self.env["ficha.query"]._shipped_goods(partners, self.product_id)
        for line in self:
            key = (line.commercial_partner_id.id, line.product_id.id)
            line.product_return_rate = return_rate(returned.get(key, 0.0), shipped.get(key, 0.0))

    def action_open_picking(self):
        self.ensure_one()
        self.picking_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": self.picking_id.id,
            "views": [(False, "form")],
            "target": "current",
        }
