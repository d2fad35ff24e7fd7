"""Helpers of the alerts and indicators tests: customer histories built from native documents."""

from datetime import datetime, timedelta

from odoo import Command, fields

from .common import FichaClienteCommon


class FichaAlertsCommon(FichaClienteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["product.product"].create(
            {"name": "Consultoria", "type": "service", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.goods = cls.env["product.product"].create(
            {"name": "Caixa", "type": "consu", "list_price": 50.0, "taxes_id": [Command.clear()]}
        )

    @classmethod
    def _customer(cls, name, **values):
        return cls.env["res.partner"].create(
            dict({"name": name, "is_company": True, "user_id": cls.salesman.id}, **values)
        )

    @classmethod
    def _order(cls, partner, day, amount, discount=0.0, product=None, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or cls.service).id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "discount": discount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(hours=12)
        return order

    @classmethod
    def _invoice(cls, partner, day, amount, due=None, refund=False):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_date_due": due or day,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.service.id, "price_unit": amount, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, day, amount=None):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": day, **({"amount": amount} if amount else {})})
        )
        return wizard._create_payments()

    @classmethod
    def _steady_history(cls, partner, today, months=24, amount=1000.0, every=30):
        """An order every ``every`` days, invoiced and paid on time, up to 10 days ago."""
        for index in range(months):
            day = today - timedelta(days=10 + every * (months - 1 - index))
            cls._order(partner, day, amount)

    @classmethod
    def _interaction(cls, partner, day):
        message = partner.message_post(body="Ligação de acompanhamento", message_type="comment")
        message.date = fields.Datetime.to_datetime(day)
        return message

    def _alerts(self, partner, today=None):
        result = self.env["ficha.alert.facts"]._evaluate(partner, today=today)[partner.id]
        return {alert.code: alert for alert in result["alerts"]}
