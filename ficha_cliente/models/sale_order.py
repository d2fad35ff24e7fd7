from odoo import fields, models

from ..tools.quotations import latest, quotation_alerts
from ..tools.sql_indexes import create_covering_index

# Messages that count as an interaction on a quotation: mails, notes, logged activities.
INTERACTION_MESSAGE_TYPES = ("comment", "email", "email_outgoing")

# Covering partial index on the confirmed orders (``init``): the orders of the alert facts and
# the sheet's order count are read from the index alone (index-only scan).
ORDER_INDEXES = {"ficha_cliente_so_confirmed_cover_idx": "state = 'sale'"}
ORDER_INDEX_INCLUDE = ["id", "company_id", "currency_rate", "amount_untaxed"]


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ficha.customer.alerts.mixin"]

    ficha_last_activity_date = fields.Datetime(
        string="Last Activity",
        compute="_compute_ficha_quotation_alerts",
        help="Latest of the order date, the last message or note, and the last completed activity.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    # The sheet's flags of a quotation (its list's colours): for the sheet's users only. "Idle"
    # reads the internal notes and activities, which the portal customer does not see.
    ficha_is_expired = fields.Boolean(
        string="Expired",
        compute="_compute_ficha_quotation_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_is_expiring = fields.Boolean(
        string="Expiring",
        compute="_compute_ficha_quotation_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_is_idle = fields.Boolean(
        string="No Recent Activity",
        compute="_compute_ficha_quotation_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    def init(self):
        """The covering index on confirmed orders (dropped by the uninstall hook).

        The orders by day (alert facts, indicators) and the sheet's count of confirmed orders are
        read from the index alone instead of one table row per order. Confirming already writes a
        new entry in every index of the order (Odoo indexes ``state``); carrying ``amount_untaxed``
        means a quotation's amount edit is no in-place (HOT) update either. Timings: README,
        Benchmark.
        """
        result = super().init()
        for name, where in ORDER_INDEXES.items():
            create_covering_index(
                self.env.cr, name, "sale_order", ["partner_id", "date_order"], ORDER_INDEX_INCLUDE, where
            )
        return result

    def _compute_ficha_quotation_alerts(self):
        """Date-dependent: not stored. One grouped query on mail.message for the recordset."""
        last_message = {}
        if self.ids:
            for res_id, date in (
                self.env["mail.message"]
                .sudo()
                ._read_group(
                    [
                        ("model", "=", "sale.order"),
                        ("res_id", "in", self.ids),
                        "|",
                        ("message_type", "in", INTERACTION_MESSAGE_TYPES),
                        ("mail_activity_type_id", "!=", False),
                    ],
                    ["res_id"],
                    ["date:max"],
                )
            ):
                last_message[res_id] = date
        today = fields.Date.context_today(self)
        for order in self:
            order.ficha_last_activity_date = latest(order.date_order, last_message.get(order.id))
            alerts = {"expired": False, "expiring": False, "idle": False}
            if order.state in ("draft", "sent"):
                alerts = quotation_alerts(
                    order.validity_date,
                    order.ficha_last_activity_date
                    and fields.Date.context_today(order, order.ficha_last_activity_date),
                    today,
                    expiring_days=order.company_id.ficha_quotation_expiring_days,
                    idle_days=order.company_id.ficha_quotation_idle_days,
                )
            order.ficha_is_expired = alerts["expired"]
            order.ficha_is_expiring = alerts["expiring"]
            order.ficha_is_idle = alerts["idle"]

    def action_ficha_open(self):
        """Open the order in sale's own form (confirm, edit, cancel, print)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.id,
            "views": [(self.env.ref("sale.view_order_form").id, "form")],
            "target": "current",
        }
