from odoo import api, fields, models
from odoo.tools import SQL

# SQL fragments shared by the commercial report views (sales history, returns, pending lines).


def size_value_sql(product_column, company_column):
    """Scalar subquery: the product.attribute.value id of the variant's size attribute.

    The size attribute is the company's ``ficha_size_attribute_id``, or else an attribute
    named Size/Tamanho. A product without that attribute gives NULL.
    """
    return SQL(
        """(SELECT ptav.product_attribute_value_id
              FROM product_variant_combination pvc
              JOIN product_template_attribute_value ptav
                ON ptav.id = pvc.product_template_attribute_value_id
             WHERE pvc.product_product_id = %(product)s
               AND ptav.attribute_id = COALESCE(
                    (SELECT rc.ficha_size_attribute_id FROM res_company rc WHERE rc.id = %(company)s),
                    (SELECT MIN(pa.id) FROM product_attribute pa
                      WHERE LOWER(pa.name->>'en_US') IN ('size', 'tamanho')
                         OR LOWER(pa.name->>'pt_BR') IN ('size', 'tamanho')))
             LIMIT 1)""",
        product=SQL(product_column),
        company=SQL(company_column),
    )


def to_customer_sql(location_column):
    """Condition: ``location_column`` is a customer location. The locations are an array read once
    per query (an init plan), not a join or a semi-join per row: the subqueries per order line
    that look up its deliveries use it (the goods shipped of a customer's 12,200 lines in
    ficha_bench: 94 -> 62 ms in psql)."""
    return SQL(
        "%s = ANY(ARRAY(SELECT id FROM stock_location WHERE usage = 'customer'))", SQL(location_column)
    )


def product_template_sql(product_column, column):
    """Scalar subquery: the ``column`` of the template of the variant ``product_column``. The
    report views read the product's template, category and unit this way, not by joins:
    PostgreSQL then reads them for the rows returned only (a page of a customer's rows), not for
    every row it looks at."""
    return SQL(
        """(SELECT t.%(column)s
              FROM product_product pp
              JOIN product_template t ON t.id = pp.product_tmpl_id
             WHERE pp.id = %(product)s)""",
        column=SQL.identifier(column),
        product=SQL(product_column),
    )


def lot_names_sql(move_condition):
    """Scalar subquery: distinct lot/serial names of the done move lines of the moves
    matching ``move_condition`` (an ``SQL`` on alias ``m``), sorted and joined with ', '."""
    return SQL(
        """(SELECT STRING_AGG(DISTINCT lot.name, ', ' ORDER BY lot.name)
              FROM stock_move m
              JOIN stock_move_line ml ON ml.move_id = m.id
              JOIN stock_lot lot ON lot.id = ml.lot_id
             WHERE %s AND m.state = 'done')""",
        move_condition,
    )


# Fields read by the report queries: flushed before any search on the reports.
COMMERCIAL_REPORT_DEPENDS = {
    "sale.order.line": [
        "order_id",
        "state",
        "order_partner_id",
        "salesman_id",
        "company_id",
        "product_id",
        "product_uom",
        "product_uom_qty",
        "qty_delivered",
        "qty_delivered_method",
        "price_unit",
        "discount",
        "price_subtotal",
        "display_type",
        "is_downpayment",
        "customer_lead",
        "invoice_lines",
    ],
    "sale.order": [
        "date_order",
        "partner_id",
        "user_id",
        "state",
        "currency_id",
        "currency_rate",
        "commitment_date",
    ],
    "res.partner": ["commercial_partner_id"],
    "product.product": ["product_tmpl_id", "product_template_attribute_value_ids"],
    "product.template": ["categ_id", "type", "uom_id"],
    "product.template.attribute.value": ["product_attribute_value_id", "attribute_id"],
    "product.attribute": ["name"],
    "res.company": ["ficha_size_attribute_id", "currency_id"],
    "stock.move": [
        "sale_line_id",
        "state",
        "date",
        "product_qty",
        "location_id",
        "location_dest_id",
        "origin_returned_move_id",
        "picking_id",
        "company_id",
        "product_id",
    ],
    "stock.move.line": ["move_id", "lot_id"],
    "stock.lot": ["name"],
    "stock.location": ["usage"],
    "stock.picking": ["ficha_return_reason", "partner_id"],
    "account.move": ["name", "state", "move_type"],
    "account.move.line": ["move_id"],
}


class FichaCommercialReport(models.AbstractModel):
    """What the commercial report views (sales history, returns, pending items) share: the
    columns every row has, the flush of the tables they read, the query's assembly and the
    actions. Each report writes its own ``_select()``, ``_from()`` and ``_where()``."""

    _name = "ficha.commercial.report"
    _description = "Commercial Report of the Customer Sheet"
    _depends = COMMERCIAL_REPORT_DEPENDS

    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Customer Entity", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    size_id = fields.Many2one("product.attribute.value", string="Size", readonly=True)
    product_uom = fields.Many2one("uom.uom", string="Unit of Measure", readonly=True)

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        raise NotImplementedError

    def _from(self):
        raise NotImplementedError

    def _where(self):
        raise NotImplementedError

    @api.model
    def _ficha_action(self, domain, name):
        """The full list/pivot/graph of the report, restricted to ``domain``."""
        self.check_access("read")  # callable over RPC: no action on a report the user cannot read
        action = self.env["ir.actions.actions"]._for_xml_id(f"ficha_cliente.{self._table}_action")
        action.update({"domain": domain, "name": name})
        return action

    def action_open_ficha_item(self):
        """Open the item sheet of the row's product."""
        self.ensure_one()
        return self.product_id.action_open_ficha_item()


class FichaSaleHistory(models.Model):
    """One row per confirmed sales order line: the items sold to a customer."""

    _name = "ficha.sale.history"
    _inherit = ["ficha.commercial.report"]
    _description = "Sales History (Customer Sheet)"
    _auto = False
    _rec_name = "order_id"
    _order = "date desc, id desc"

    order_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True)
    date = fields.Datetime(string="Order Date", readonly=True)
    date_delivered = fields.Datetime(string="Delivery Date", readonly=True)
    lot_names = fields.Char(string="Lots/Serial Numbers", readonly=True)
    invoice_names = fields.Char(string="Invoices", readonly=True)
    product_uom_qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    qty_delivered = fields.Float(string="Delivered", digits="Product Unit of Measure", readonly=True)
    qty_delivered_method = fields.Char(
        string="Method to update delivered qty",
        readonly=True,
        help="The order line's, as Odoo stores it: 'stock_move' for the goods its pickings deliver.",
    )
    qty_shipped = fields.Float(
        string="Shipped",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity that left for the customer (product unit), before returns.",
    )
    price_unit = fields.Float(
        string="Unit Price",
        digits="Product Price",
        aggregator="avg",
        readonly=True,
        help="In the company currency, at the order's rate.",
    )
    discount = fields.Float(string="Discount %", digits="Discount", aggregator="avg", readonly=True)
    price_subtotal = fields.Monetary(
        string="Net Amount", readonly=True, help="Untaxed, in the company currency at the order's rate."
    )
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)

    def _select(self):
        return SQL(
            """
            SELECT l.id AS id,
                   l.id AS order_line_id,
                   l.order_id AS order_id,
                   s.date_order AS date,
                   -- the order's customer as the line stores it: searched with the product, Odoo's
                   -- indexes on both columns of the line find the lines without reading the orders
                   l.order_partner_id AS partner_id,
                   p.commercial_partner_id AS commercial_partner_id,
                   l.company_id AS company_id,
                   s.user_id AS user_id,
                   l.product_id AS product_id,
                   -- product, category and currency as subqueries, not joins: PostgreSQL then
                   -- reads them for the rows of the page only, after sorting the customer's lines
                   %(template)s AS product_tmpl_id,
                   %(category)s AS categ_id,
                   l.product_uom AS product_uom,
                   l.product_uom_qty AS product_uom_qty,
                   l.qty_delivered AS qty_delivered,
                   l.qty_delivered_method AS qty_delivered_method,
                   l.price_unit / COALESCE(NULLIF(s.currency_rate, 0), 1) AS price_unit,
                   l.discount AS discount,
                   l.price_subtotal / COALESCE(NULLIF(s.currency_rate, 0), 1) AS price_subtotal,
                   (SELECT c.currency_id FROM res_company c WHERE c.id = l.company_id) AS currency_id,
                   %(size)s AS size_id,
                   %(lots)s AS lot_names,
                   (SELECT MAX(m.date)
                      FROM stock_move m
                     WHERE m.sale_line_id = l.id AND m.state = 'done' AND %(to_customer)s
                   ) AS date_delivered,
                   (SELECT SUM(m.product_qty)
                      FROM stock_move m
                     WHERE m.sale_line_id = l.id AND m.state = 'done' AND %(to_customer)s
                   ) AS qty_shipped,
                   (SELECT STRING_AGG(DISTINCT am.name, ', ' ORDER BY am.name)
                      FROM sale_order_line_invoice_rel rel
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move am ON am.id = aml.move_id
                     WHERE rel.order_line_id = l.id AND am.state = 'posted' AND am.move_type = 'out_invoice'
                   ) AS invoice_names
            """,
            template=product_template_sql("l.product_id", "id"),
            category=product_template_sql("l.product_id", "categ_id"),
            size=size_value_sql("l.product_id", "l.company_id"),
            lots=lot_names_sql(SQL("m.sale_line_id = l.id AND %s", to_customer_sql("m.location_dest_id"))),
            to_customer=to_customer_sql("m.location_dest_id"),
        )

    def _from(self):
        return SQL(
            """
              FROM sale_order_line l
              -- left joins (every line has its order, every order its customer): a query that
              -- reads neither, such as the goods shipped by customer and product of the return
              -- rates, then reads the lines alone (PostgreSQL drops such joins; 12,200 lines of the
              -- big customer of ficha_bench: 94 -> 49 ms with the array of locations, ``to_customer_sql``)
              LEFT JOIN sale_order s ON s.id = l.order_id
              LEFT JOIN res_partner p ON p.id = s.partner_id
            """
        )

    def _where(self):
        return SQL(
            """
             -- the order's state as the line stores it (a related field of Odoo's)
             WHERE l.state = 'sale'
               AND l.display_type IS NULL
               AND NOT COALESCE(l.is_downpayment, FALSE)
            """
        )

    def action_open_order(self):
        self.ensure_one()
        return self.order_id.action_ficha_open()
