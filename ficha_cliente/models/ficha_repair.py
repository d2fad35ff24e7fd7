from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL


class FichaRepair(models.Model):
    """Repair orders of a customer, on its commercial entity (a report: SQL view).

    One row per repair order that is not cancelled. ``equipment_repair_count`` counts the
    customer's repairs of the same product and lot/serial in the same company: how many times
    the equipment came back.
    """

    _name = "ficha.repair"
    _description = "Customer Sheet: Services Rendered"
    _auto = False
    _order = "schedule_date desc, id desc"
    _rec_name = "name"
    # Flushed before the view is read, so it never shows stale data.
    _depends = {
        "repair.order": [
            "name",
            "partner_id",
            "company_id",
            "schedule_date",
            "state",
            "move_id",
            "product_id",
            "lot_id",
            "user_id",
            "under_warranty",
            "sale_order_id",
            "write_date",
        ],
        "res.partner": ["commercial_partner_id"],
        "res.company": ["currency_id"],
        "sale.order": ["currency_id", "amount_untaxed"],
        "stock.move": ["date"],
    }

    repair_id = fields.Many2one("repair.order", readonly=True)
    name = fields.Char("Reference", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    partner_id = fields.Many2one("res.partner", "Contact", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    schedule_date = fields.Datetime("Scheduled Date", readonly=True)
    date_done = fields.Datetime("Repaired On", readonly=True)
    state = fields.Selection(
        [
            ("draft", "New"),
            ("confirmed", "Confirmed"),
            ("under_repair", "Under Repair"),
            ("done", "Repaired"),
        ],
        readonly=True,
    )
    product_id = fields.Many2one("product.product", "Equipment", readonly=True)
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True)
    user_id = fields.Many2one("res.users", "Technician", readonly=True)
    under_warranty = fields.Boolean(readonly=True)
    sale_order_id = fields.Many2one("sale.order", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(readonly=True, help="Untaxed amount of the repair's quotation.")
    equipment_repair_count = fields.Integer(
        "Times Repaired",
        readonly=True,
        aggregator="max",
        help="Repairs of this equipment (product and lot/serial) for this customer in this company.",
    )
    parts_summary = fields.Char("Parts Replaced", compute="_compute_parts_and_services")
    services_summary = fields.Char("Services Executed", compute="_compute_parts_and_services")

    def init(self):
        # Earlier versions created the rows as a database view of this name: drop it.
        tools.drop_view_if_exists(self.env.cr, self._table)

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        return SQL(
            """
                SELECT r.id AS id,
                       r.id AS repair_id,
                       r.name AS name,
                       p.commercial_partner_id AS commercial_partner_id,
                       r.partner_id AS partner_id,
                       r.company_id AS company_id,
                       r.schedule_date AS schedule_date,
                       CASE WHEN r.state = 'done' THEN COALESCE(m.date, r.write_date) END AS date_done,
                       r.state AS state,
                       r.product_id AS product_id,
                       r.lot_id AS lot_id,
                       r.user_id AS user_id,
                       COALESCE(r.under_warranty, FALSE) AS under_warranty,
                       r.sale_order_id AS sale_order_id,
                       COALESCE(so.currency_id, c.currency_id) AS currency_id,
                       COALESCE(so.amount_untaxed, 0.0) AS amount,
                       -- a subquery through the customer's contacts, not a window over every
                       -- repair: reading a page of rows by id then reads those rows only (20 rows
                       -- of the big customer of ficha_bench: 27 -> 3 ms), however many repairs
                       -- the database holds
                       CASE WHEN r.product_id IS NOT NULL THEN (
                           SELECT COUNT(*)
                             FROM res_partner contact
                             JOIN repair_order same ON same.partner_id = contact.id
                            WHERE contact.commercial_partner_id = p.commercial_partner_id
                              AND same.company_id = r.company_id
                              AND same.product_id = r.product_id
                              AND same.lot_id IS NOT DISTINCT FROM r.lot_id
                              AND same.state != 'cancel'
                       ) END AS equipment_repair_count
            """
        )

    def _from(self):
        return SQL(
            """
                  FROM repair_order r
                  JOIN res_partner p ON p.id = r.partner_id
                  JOIN res_company c ON c.id = r.company_id
             LEFT JOIN sale_order so ON so.id = r.sale_order_id
             LEFT JOIN stock_move m ON m.id = r.move_id
            """
        )

    def _where(self):
        return SQL("WHERE r.state != 'cancel'")

    @api.depends("repair_id")
    def _compute_parts_and_services(self):
        # Rows are readable by those who read repair orders (same access and company rule).
        # A technician may have no access to sales: the quotation's service lines of the
        # repairs he can read are read with sudo, after that check.
        readable = self.repair_id._filtered_access("read")
        for row in self:
            if row.repair_id not in readable:
                row.parts_summary = row.services_summary = False
                continue
            parts = []
            for move in row.repair_id.move_ids.filtered(lambda m: m.state != "cancel"):
                # added parts: +qty; removed or recycled parts: -qty
                sign = "+" if move.repair_line_type == "add" else "-"
                qty = tools.float_repr(move.product_uom_qty, 2).rstrip("0").rstrip(".")
                parts.append(f"{sign}{qty} {move.product_id.display_name}")
            row.parts_summary = ", ".join(parts)
            services = row.repair_id.sudo().sale_order_id.order_line.filtered(
                lambda line: line.product_id.type == "service" and not line.display_type
            )
            row.services_summary = ", ".join(services.mapped("product_id.display_name"))

    def action_open_repair(self):
        """Open the repair order in repair's own form."""
        self.ensure_one()
        repair = self.repair_id
        if not repair.has_access("read"):
            raise AccessError(self.env._("You are not allowed to open this repair order."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
