"""The customer's alerts on its quotations, orders and invoices (issue 19, item 4): the same the
user sees on the sheet, most severe first, at most three, and only for the sheet's users."""

from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_alerts import FichaAlertsCommon

TODAY = date(2025, 6, 16)


@freeze_time(TODAY)
class TestCustomerAlertsOnDocuments(FichaAlertsCommon):
    """``customer``: an invoice overdue since 2025-03-31 (danger, financial users only), a
    quotation expiring in 3 days, the last interaction 120 days ago and a credit note of 300.00 on
    1,000.00 invoiced this year (warnings and an information for sales users); ``quiet``: a new
    customer, no alert."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = new_test_user(
            cls.env,
            login="ficha_doc_sales",
            name="Gerente",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.billing = new_test_user(
            cls.env,
            login="ficha_doc_billing",
            name="Faturamento",
            groups="account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
        )
        cls.portal = new_test_user(
            cls.env, login="ficha_doc_portal", name="Portal", groups="base.group_portal"
        )
        cls.customer = cls._customer("Cliente Alertas Ltda")
        cls.portal.partner_id.parent_id = cls.customer
        cls.quiet = cls._customer("Cliente Tranquilo Ltda")
        cls._pay(cls._invoice(cls.customer, date(2024, 5, 10), 1000.0), date(2024, 5, 20))
        cls.invoice = cls._invoice(cls.customer, date(2025, 3, 1), 1000.0, due=date(2025, 3, 31))
        cls._invoice(cls.customer, date(2025, 4, 1), 300.0, refund=True)
        cls.quotation = cls._order(cls.customer, TODAY - timedelta(days=2), 400.0, confirm=False)
        cls.quotation.validity_date = TODAY + timedelta(days=3)
        cls._interaction(cls.customer, TODAY - timedelta(days=120))
        cls.quiet_order = cls._order(cls.quiet, TODAY, 100.0, confirm=False)
        cls.quiet_invoice = cls._invoice(cls.quiet, TODAY, 100.0)
        cls.vendor_bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": TODAY,
                "invoice_line_ids": [Command.create({"name": "Frete", "price_unit": 50.0})],
            }
        )

    def _sheet_alerts(self, user):
        """The alerts of the sheet's alerts page for ``user``, most severe first."""
        self.env.invalidate_all()
        return self.customer.with_user(user).ficha_alerts_json

    def _expected(self, user):
        alerts = self._sheet_alerts(user)[:3]
        return "\n".join(alert["message"] for alert in alerts), alerts[0]["severity"]

    def test_order_shows_the_sheet_alerts_of_a_salesperson(self):
        sheet = self._sheet_alerts(self.sales_manager)
        self.assertGreaterEqual(len(sheet), 3)
        self.assertNotIn("overdue", [alert["code"] for alert in sheet])  # not a receivables user
        self.env.invalidate_all()
        order = self.quotation.with_user(self.sales_manager)
        self.assertEqual(
            (order.ficha_customer_alerts, order.ficha_customer_alert_severity),
            self._expected(self.sales_manager),
        )
        self.assertEqual(len(order.ficha_customer_alerts.splitlines()), 3)
        self.assertIn("expiring", order.ficha_customer_alerts)

    def test_invoice_shows_the_sheet_alerts_of_an_accountant(self):
        sheet = self._sheet_alerts(self.billing)
        self.assertEqual(sheet[0]["code"], "overdue")
        self.env.invalidate_all()
        invoice = self.invoice.with_user(self.billing)
        self.assertEqual(invoice.ficha_customer_alert_severity, "danger")
        self.assertEqual(
            (invoice.ficha_customer_alerts, invoice.ficha_customer_alert_severity),
            self._expected(self.billing),
        )
        self.assertTrue(invoice.ficha_customer_alerts.startswith("Overdue"))
        self.assertEqual(len(invoice.ficha_customer_alerts.splitlines()), 3)
        # the order of the same user shows the same alerts
        self.assertEqual(
            self.quotation.with_user(self.billing).ficha_customer_alerts, invoice.ficha_customer_alerts
        )

    def test_nothing_without_alerts(self):
        self.env.invalidate_all()
        self.assertFalse(self.quiet.with_user(self.billing).ficha_alerts_json)
        order = self.quiet_order.with_user(self.billing)
        self.assertFalse(order.ficha_customer_alerts)
        self.assertFalse(order.ficha_customer_alert_severity)
        self.assertFalse(self.quiet_invoice.with_user(self.billing).ficha_customer_alerts)
        # a vendor bill is not where people bill the customer
        self.assertFalse(self.vendor_bill.ficha_customer_alerts)

    def test_many_documents_one_evaluation(self):
        orders = (self.quotation | self.quiet_order).with_user(self.billing)
        self.env.invalidate_all()
        orders.mapped("ficha_customer_alerts")  # registry caches warm
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        self.assertTrue(self.quotation.with_user(self.billing).ficha_customer_alerts)
        one = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        values = orders.mapped("ficha_customer_alerts")
        self.assertEqual(self.env.cr.sql_log_count - start, one, "the alerts' queries grow with the orders")
        self.assertTrue(values[0])

    def test_only_sheet_users_read_them(self):
        for record in (self.quotation, self.invoice):
            for field in ("ficha_customer_alerts", "ficha_customer_alert_severity"):
                with self.subTest(model=record._name, field=field), self.assertRaises(AccessError):
                    record.with_user(self.portal).read([field])

    def test_forms_hold_the_block_for_sheet_users(self):
        for model, view in (
            ("sale.order", "sale.view_order_form"),
            ("account.move", "account.view_move_form"),
        ):
            with self.subTest(model=model):
                arch = self.env[model].with_user(self.billing).get_view(self.env.ref(view).id)["arch"]
                block = etree.fromstring(arch).xpath("//div[@name='ficha_customer_alerts_danger']")
                self.assertEqual(len(block), 1)
                self.assertTrue(block[0].xpath(".//button[@name='action_ficha_open_customer_sheet']"))

    def test_link_opens_the_sheet(self):
        action = self.invoice.with_user(self.billing).action_ficha_open_customer_sheet()
        self.assertEqual(action["res_id"], self.customer.id)
        self.assertEqual(action["views"][0][0], self.env.ref("ficha_cliente.res_partner_view_form_ficha").id)
