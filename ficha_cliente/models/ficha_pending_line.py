from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools.sales import days_late
from .ficha_sale_history import size_value_sql, to_customer_sql

# Partial index on sale_order_line for the view (``init``): lines of goods still to deliver.
PENDING_LINE_INDEXES = {
    "ficha_cliente_sol_pending_idx": (
        "state = 'sale' AND qty_delivered_method = 'stock_move' AND display_type IS NULL"
        " AND qty_delivered < product_uom_qty"
    ),
}


class FichaPendingLine(models.Model):
    """Confirmed order lines of goods not fully delivered yet."""

    _name = "ficha.pending.line"
    _inherit = ["ficha.commercial.report"]
    # read besides what every commercial report reads (merged with the parent's ``_depends``)
    _depends = {"sale.order.line": ["state", "qty_delivered_method"]}
    _description = "Items Awaiting Delivery (Customer Sheet)"
    _auto = False
    _rec_name = "order_id"
    _order = "date_promised, id"

    order_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    date_promised = fields.Datetime(
        string="Promised Date",
        readonly=True,
        help="The order's delivery date if set, else the scheduled date of the pending delivery, "
        "else the order date plus the line's lead time.",
    )
    product_uom_qty = fields.Float(string="Ordered", digits="Product Unit of Measure", readonly=True)
    qty_delivered = fields.Float(string="Delivered", digits="Product Unit of Measure", readonly=True)
    qty_pending = fields.Float(string="To Deliver", digits="Product Unit of Measure", readonly=True)
    days_late = fields.Integer(compute="_compute_days_late", aggregator="max")
    is_late = fields.Boolean(compute="_compute_days_late", search="_search_is_late")

    def _select(self):
        return SQL(
            """
            SELECT l.id AS id,
                   l.id AS order_line_id,
                   l.order_id AS order_id,
                   s.date_order AS date_order,
                   COALESCE(
                       s.commitment_date,
                       (SELECT MIN(m.date)
                          FROM stock_move m
                         WHERE m.sale_line_id = l.id AND m.state NOT IN ('done', 'cancel')
                           AND %(to_customer)s),
                       s.date_order + COALESCE(l.customer_lead, 0) * INTERVAL '1 day'
                   ) AS date_promised,
                   s.partner_id AS partner_id,
                   p.commercial_partner_id AS commercial_partner_id,
                   l.company_id AS company_id,
                   s.user_id AS user_id,
                   l.product_id AS product_id,
                   pp.product_tmpl_id AS product_tmpl_id,
                   t.categ_id AS categ_id,
                   l.product_uom AS product_uom,
                   l.product_uom_qty AS product_uom_qty,
                   l.qty_delivered AS qty_delivered,
                   l.product_uom_qty - l.qty_delivered AS qty_pending,
                   %(size)s AS size_id
            """,
            size=size_value_sql("l.product_id", "l.company_id"),
            to_customer=to_customer_sql("m.location_dest_id"),
        )

    def _from(self):
        return SQL(
            """
              FROM sale_order_line l
              JOIN sale_order s ON s.id = l.order_id
              -- the line's own copies of the order's customer and state, and its delivery
              -- method: the conditions of the partial index of init(), which holds the few
              -- lines still to deliver among a big customer's 100,000 (services included)
              JOIN res_partner p ON p.id = l.order_partner_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template t ON t.id = pp.product_tmpl_id
            """
        )

    def _where(self):
        return SQL(
            """
             WHERE l.state = 'sale'
               AND l.qty_delivered_method = 'stock_move'
               AND l.display_type IS NULL
               AND l.qty_delivered < l.product_uom_qty
               AND NOT COALESCE(l.is_downpayment, FALSE)
               AND t.type = 'consu'
            """
        )

    def init(self):
        """A partial index on the order lines still to deliver (dropped by the uninstall hook).

        Without it the late and pending counts compute the promised date of every line of the
        customer; with it, of the lines still to deliver only. Timings: README, Benchmark.
        """
        result = super().init()
        for name, where in PENDING_LINE_INDEXES.items():
            create_index(self.env.cr, name, "sale_order_line", ["order_partner_id"], where=where)
        return result

    @api.depends("date_promised")
    def _compute_days_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            promised = line.date_promised and fields.Date.context_today(self, line.date_promised)
            line.days_late = days_late(promised, today)
            line.is_late = line.days_late > 0

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(self.env._("Unsupported search on late items."))
        # Midnight of the user's today, in UTC like the stored datetimes.
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local_midnight = tz.localize(datetime.combine(fields.Date.context_today(self), time.min))
        start_of_today = local_midnight.astimezone(pytz.utc).replace(tzinfo=None)
        late = (operator == "=") == bool(value)
        return [("date_promised", "<" if late else ">=", start_of_today)]

    def action_open_order(self):
        self.ensure_one()
        return self.order_id.action_ficha_open()
