from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.audiences import SALES_REPORT_READERS
from ..tools.sales import return_rate, yearly_series


class ProductProduct(models.Model):
    _inherit = "product.product"

    ficha_sale_history_ids = fields.One2many(
        "ficha.sale.history",
        "product_id",
        string="Sales History",
        groups=SALES_REPORT_READERS,
    )
    ficha_return_line_ids = fields.One2many(
        "ficha.return.line", "product_id", string="Returns", groups=SALES_REPORT_READERS
    )
    ficha_pending_line_ids = fields.One2many(
        "ficha.pending.line",
        "product_id",
        string="Pending Deliveries",
        groups=SALES_REPORT_READERS,
    )
    ficha_repair_ids = fields.Many2many(
        "repair.order",
        string="Repairs",
        compute="_compute_ficha_repair_ids",
        help="Repairs of this item or where it was used as a part.",
        groups="stock.group_stock_user",
    )
    ficha_return_rate = fields.Float(
        string="Return Rate (%)",
        compute="_compute_ficha_item_figures",
        digits=(16, 2),
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_yearly_sales = fields.Json(
        compute="_compute_ficha_item_figures", groups="ficha_cliente.ficha_cliente_group_user"
    )
    ficha_yearly_sales_html = fields.Html(
        string="Sales in the Last 5 Years",
        compute="_compute_ficha_item_figures",
        sanitize=False,
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    def _compute_ficha_repair_ids(self):
        if not self.ids or not self.env["repair.order"].has_access("read"):
            self.ficha_repair_ids = False
            return
        repairs = self.env["repair.order"].search(
            ["|", ("product_id", "in", self.ids), ("move_ids.product_id", "in", self.ids)],
            order="schedule_date desc, id desc",
        )
        for product in self:
            product.ficha_repair_ids = repairs.filtered(
                lambda r, p=product: r.product_id == p or p in r.move_ids.product_id
            )

    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_item_figures(self):
        """One grouped query per source (sales by year, shipped, returned) for the recordset.

        Both report models apply the user's record rules, so a salesperson limited to own
        documents sees the figures of own orders only.
        """
        this_year = fields.Date.context_today(self).year
        history = self.env["ficha.sale.history"]
        if not history.has_access("read") or not self.env["ficha.return.line"].has_access("read"):
            self.ficha_return_rate = 0.0
            self.ficha_yearly_sales = False
            self.ficha_yearly_sales_html = False
            return
        domain = [
            ("product_id", "in", self.ids),
            ("company_id", "in", self.env.companies.ids),
        ]
        by_year = {}
        for product, year, amount, qty in history._read_group(
            domain + [("date", ">=", f"{this_year - 4}-01-01")],
            ["product_id", "date:year"],
            ["price_subtotal:sum", "product_uom_qty:sum"],
        ):
            by_year.setdefault(product.id, {})[year.year] = (amount, qty)
        shipped = dict(history._read_group(domain, ["product_id"], ["qty_shipped:sum"]))
        returned = dict(self.env["ficha.return.line"]._read_group(domain, ["product_id"], ["quantity:sum"]))
        for product in self:
            years = by_year.get(product.id, {})
            amounts = yearly_series({y: v[0] for y, v in years.items()}, this_year)
            quantities = dict(yearly_series({y: v[1] for y, v in years.items()}, this_year))
            product.ficha_yearly_sales = [
                {"year": year, "amount": amount, "quantity": quantities[year]} for year, amount in amounts
            ]
            product.ficha_return_rate = return_rate(returned.get(product, 0.0), shipped.get(product, 0.0))
            product.ficha_yearly_sales_html = product._ficha_yearly_sales_table(product.ficha_yearly_sales)

    def _ficha_yearly_sales_table(self, rows):
        currency = self.env.company.currency_id
        head = Markup("").join(Markup("<th class='text-end'>%s</th>") % row["year"] for row in rows)
        qty = Markup("").join(Markup("<td class='text-end'>%s</td>") % f"{row['quantity']:g}" for row in rows)
        amount = Markup("").join(
            Markup("<td class='text-end'>%s</td>") % currency.format(row["amount"]) for row in rows
        )
        return Markup(
            "<table class='table table-sm o_ficha_yearly_sales'><thead><tr><th></th>%s</tr></thead>"
            "<tbody><tr><th>%s</th>%s</tr><tr><th>%s</th>%s</tr></tbody></table>"
        ) % (head, escape(self.env._("Quantity")), qty, escape(self.env._("Net Amount")), amount)

    def action_open_ficha_item(self):
        """Open the item sheet of this product."""
        self.ensure_one()
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_user"):
            raise AccessError(self.env._("Only users of the customer sheet can do this."))
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.product_product_action_ficha_item")
        action.update(
            {
                "res_id": self.id,
                "view_mode": "form",
                "views": [(self.env.ref("ficha_cliente.product_product_view_form_ficha_item").id, "form")],
                "target": "current",
            }
        )
        return action

    def action_ficha_view_sales(self):
        self.ensure_one()
        return self.env["ficha.sale.history"]._ficha_action(
            [("product_id", "=", self.id)], self.env._("Sales of %s", self.display_name)
        )
