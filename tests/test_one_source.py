"""One definition per figure: the credit figure is Odoo's own, and money is in the company
currency the same way in the header, the financial section, the indicators, the alerts' words
and the export."""

import io

import openpyxl
from freezegun import freeze_time

from odoo import Command

from .common import FichaClienteCommon, indicators_data


class OneSourceCommon(FichaClienteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.user_id = False
        cls.tax = cls.env["account.tax"].create(
            {"name": "Imposto 10%", "amount": 10.0, "amount_type": "percent", "type_tax_use": "sale"}
        )
        cls.receivable = cls.customer.property_account_receivable_id

    @classmethod
    def _invoice(cls, day, amount, currency=None, due=None):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": day,
                "invoice_date_due": due or day,
                **({"currency_id": currency.id} if currency else {}),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _order(cls, amount, tax=None, pricelist=None, day="2025-06-20"):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": False,
                **({"pricelist_id": pricelist.id} if pricelist else {}),
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.set(tax.ids if tax else [])],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = f"{day} 10:00:00"
        return order

    @classmethod
    def _payment(cls, amount, day, invoice=None):
        if invoice:
            return (
                cls.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"payment_date": day, "amount": amount})
                ._create_payments()
            )
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": amount,
                "date": day,
            }
        )
        payment.action_post()
        return payment


@freeze_time("2025-06-30 12:00:00")
class TestOneCreditFigure(OneSourceCommon):
    """An invoice of 1,000.00 paid 300.00, a payment of 200.00 not matched to any invoice, and a
    confirmed order of 500.00 + 10% tax not invoiced: Odoo's credit check counts 500.00 of
    receivable balance and 550.00 to invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_use_credit_limit = True
        cls.customer.credit_limit = 1100.0
        cls.invoice = cls._invoice("2025-05-10", 1000.0, due="2025-06-10")
        cls._payment(300.0, "2025-06-01", invoice=cls.invoice)
        cls._payment(200.0, "2025-06-15")
        cls.order = cls._order(500.0, tax=cls.tax)

    def test_sheet_credit_is_odoos_credit(self):
        odoo = self.customer.with_company(self.company)
        self.assertEqual((odoo.credit, odoo.credit_to_invoice), (500.0, 550.0))
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual(sheet.ficha_receivable_balance, odoo.credit)
        self.assertEqual(sheet.ficha_uninvoiced_amount, odoo.credit_to_invoice)
        self.assertEqual(sheet.ficha_credit_used_amount, 1050.0)
        self.assertEqual(sheet.ficha_customer_credit_amount, 200.0)
        # the installments stay what they are: 700.00 open, overdue since 10/06
        self.assertEqual((sheet.ficha_open_amount, sheet.ficha_overdue_amount), (700.0, 700.0))
        self.assertEqual((sheet.ficha_credit_limit, round(sheet.ficha_credit_use_rate, 1)), (1100.0, 95.5))

    def test_alert_uses_the_same_figure(self):
        result = self.env["ficha.alert.facts"].with_user(self.accountant)._evaluate(self.customer)
        alerts = {alert.code: alert for alert in result[self.customer.id]["alerts"]}
        self.assertEqual(alerts["credit_limit"].severity, "warning")
        self.assertIn("$\xa01,050.00 used ($\xa0500.00 open receivables", alerts["credit_limit"].message)
        self.assertIn("$\xa0550.00 confirmed orders not invoiced", alerts["credit_limit"].message)

    def test_company_without_credit_limits(self):
        self.company.account_use_credit_limit = False
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual((sheet.ficha_credit_limit, sheet.ficha_credit_use_rate), (0.0, 0.0))
        self.assertEqual(sheet.ficha_credit_used_amount, 1050.0)
        result = self.env["ficha.alert.facts"].with_user(self.accountant)._evaluate(self.customer)
        self.assertNotIn("credit_limit", {alert.code for alert in result[self.customer.id]["alerts"]})

    def test_export_shows_the_credit_and_the_customer_credits(self):
        __, content = self.customer.with_user(self.accountant)._ficha_financial_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(max_col=2)}
        self.assertEqual(summary["Receivable Balance"], 500.0)
        self.assertEqual(summary["Customer Credits"], 200.0)
        self.assertEqual(summary["Confirmed, Not Invoiced"], 550.0)
        self.assertEqual(summary["Credit Used"], 1050.0)
        self.assertEqual(summary["Credit Limit"], 1100.0)


@freeze_time("2025-06-30 12:00:00")
class TestToInvoiceInAnotherUnit(OneSourceCommon):
    """An order of 2 dozen at 120.00 a dozen + 10% tax, invoiced 12 units (one dozen) at 10.00:
    one dozen is left to invoice, 132.00, as Odoo's credit check converts the invoiced units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_use_credit_limit = True
        order = cls._order(120.0, tax=cls.tax)
        order.order_line.write({"product_uom": cls.env.ref("uom.product_uom_dozen").id, "product_uom_qty": 2})
        order.order_line.price_unit = 120.0
        invoice = order._create_invoices()
        invoice.invoice_line_ids.write(
            {"product_uom_id": cls.env.ref("uom.product_uom_unit").id, "quantity": 12, "price_unit": 10.0}
        )
        invoice.action_post()
        cls.order = order

    def test_the_dozen_left_to_invoice(self):
        self.assertEqual(self.order.order_line.qty_invoiced, 1.0)
        odoo = self.customer.with_company(self.company)
        self.assertEqual(odoo.credit_to_invoice, 132.0)
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual(sheet.ficha_uninvoiced_amount, 132.0)


@freeze_time("2025-06-30 12:00:00")
class TestCompanyCurrencyEverywhere(OneSourceCommon):
    """In EUR at 1 EUR = 2.00 of the company currency: an invoice of 300.00 EUR due on 01/05 and
    an order of 100.00 EUR are 600.00 and 200.00 everywhere."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].search([("currency_id", "=", cls.eur.id)]).unlink()
        cls.env["res.currency.rate"].create({"currency_id": cls.eur.id, "name": "2024-01-01", "rate": 0.5})
        pricelist = cls.env["product.pricelist"].create({"name": "Euro", "currency_id": cls.eur.id})
        cls.invoice = cls._invoice("2025-04-01", 300.0, currency=cls.eur, due="2025-05-01")
        cls.order = cls._order(100.0, pricelist=pricelist)
        cls.company.account_use_credit_limit = True
        cls.customer.credit_limit = 700.0

    def test_same_amounts_in_every_place(self):
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual(self.order.currency_id, self.eur)
        # header and financial section
        self.assertEqual((sheet.ficha_open_amount, sheet.ficha_overdue_amount), (600.0, 600.0))
        self.assertEqual((sheet.ficha_uninvoiced_amount, sheet.ficha_credit_used_amount), (200.0, 800.0))
        # indicators
        data = indicators_data(sheet)
        figures = {m["key"]: m["full"][-1] for section in data["sections"] for m in section["metrics"]}
        self.assertEqual(
            (figures["invoiced"], figures["ordered"], figures["average_ticket"], figures["due"]),
            (600.0, 200.0, 200.0, 600.0),
        )
        # alerts' words
        result = self.env["ficha.alert.facts"].with_user(self.accountant)._evaluate(self.customer)
        alerts = {alert.code: alert.message for alert in result[self.customer.id]["alerts"]}
        self.assertIn("$\xa0600.00 past due", alerts["overdue"])
        self.assertIn("$\xa0800.00 used", alerts["credit_limit"])
        facts = result[self.customer.id]["facts"]
        self.assertEqual(sum(amount for __, amount, __ in facts["orders"]), 200.0)
        self.assertEqual(sum(gross for __, gross, __ in facts["discount_months"]), 200.0)
        # export
        __, content = sheet._ficha_financial_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(max_col=2)}
        self.assertEqual((summary["Open Amount"], summary["Overdue Amount"]), (600.0, 600.0))
        self.assertEqual(summary["Credit Used"], 800.0)
        rows = list(book["Installments"].iter_rows(min_row=2, values_only=True))
        self.assertIn(600.0, rows[0])

    def test_orders_at_two_rates_on_one_day(self):
        """An order in the company currency on the same day as the EUR one, 10% off 50.00: the
        day's sums, grouped by the orders' rates, add up in the company currency."""
        order = self._order(50.0)
        order.order_line.discount = 10.0
        result = self.env["ficha.alert.facts"].with_user(self.accountant)._evaluate(self.customer)
        facts = result[self.customer.id]["facts"]
        self.assertEqual(facts["orders"], [(order.date_order.date(), 245.0, 2)])
        [(__, gross, discount)] = facts["discount_months"]
        self.assertAlmostEqual(gross, 250.0)
        self.assertAlmostEqual(discount, 5.0)
        data = indicators_data(self.customer.with_user(self.accountant))
        figures = {m["key"]: m["full"][-1] for section in data["sections"] for m in section["metrics"]}
        self.assertEqual((figures["ordered"], figures["order_count"]), (245.0, 2))
        self.assertEqual(figures["average_discount"], 2.0)
