"""The sheet in a real browser, as a salesperson and as an accountant (issue 9).

Both tours open Master Data (Cadastros) → Customer Sheet from the apps menu, search the
customer, open its sheet, read the alert and warning banners, open the chatter's page and read its
note, visit every page the user may see and create a quotation from the sheet; the accountant also
downloads the export. A third tour goes to the next customer with the pager: its summary and first
page are read once each.
"""

import shutil
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user


class TestSheetTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="tour_salesman",
            password="tour_salesman",
            name="Vendedor Tour",
            groups="sales_team.group_sale_salesman",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="tour_accountant",
            password="tour_accountant",
            name="Contador Tour",
            # The accountant follows every salesperson's customers: all documents, not own ones only.
            groups="sales_team.group_sale_salesman_all_leads,account.group_account_invoice",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Cliente Ltda",
                "is_company": True,
                "customer_rank": 1,
                "user_id": cls.salesman.id,
                "vat": "11.444.777/0001-61",
                "street": "Rua das Flores, 100",
                "city": "Campinas",
                "zip": "13010-000",
                "phone": "+55 19 3333-4444",
                "email": "compras@tourcliente.com.br",
                "category_id": [Command.create({"name": "Atacado"})],
                "property_payment_term_id": cls.env.ref("account.account_payment_term_30days").id,
            }
        )
        today = fields.Date.context_today(cls.customer)
        product = cls.env["product.product"].create(
            {"name": "Camiseta Tour", "type": "consu", "list_price": 80.0, "taxes_id": [Command.clear()]}
        )
        # Alert for everyone: a quotation expiring in 3 days (quotation_expiry, warning).
        cls.quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,
                "validity_date": today + timedelta(days=3),
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": 5, "tax_id": [Command.clear()]}
                    )
                ],
            }
        )
        # Alert for financial users only: 1,000.00 overdue for 90 days (overdue, danger).
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": today - timedelta(days=120),
                "invoice_date_due": today - timedelta(days=90),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "price_unit": 1000.0, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.action_post()
        # A note in the customer's chatter, shown on the sheet's Messages and Notes page.
        cls.customer.message_post(
            body="Cliente pediu boleto para 28 dias", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        # A warning of the sheet, shown in the banner to every sheet user.
        cls.env["ficha.partner.warning"].create(
            {
                "partner_id": cls.customer.id,
                "warning_type": "delivery",
                "severity": "warning",
                "message": "Entregar somente com agendamento",
            }
        )

    def setUp(self):
        super().setUp()
        # A missing browser makes Odoo skip tours silently: here it is a failure.
        self.assertTrue(
            shutil.which("chromium") or shutil.which("google-chrome"), "Chromium is not installed"
        )

    def _new_quotations(self, user):
        return self.env["sale.order"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("id", "!=", self.quotation.id),
                ("create_uid", "=", user.id),
            ]
        )

    def test_tour_as_salesperson(self):
        self.start_tour("/odoo", "ficha_cliente_sales_tour", login="tour_salesman")
        quotation = self._new_quotations(self.salesman)
        self.assertEqual(len(quotation), 1)
        self.assertEqual(quotation.state, "draft")
        self.assertEqual(quotation.user_id, self.salesman)
        self.assertEqual(quotation.payment_term_id, self.customer.property_payment_term_id)

    def test_tour_as_accountant(self):
        self.start_tour("/odoo", "ficha_cliente_accountant_tour", login="tour_accountant")
        quotation = self._new_quotations(self.accountant)
        self.assertEqual(len(quotation), 1)
        self.assertEqual(quotation.state, "draft")
        # Seeing all documents, the accountant creates it for the customer's own salesperson.
        self.assertEqual(quotation.user_id, self.salesman)

    def test_pager_reads_each_section_once(self):
        for name in ("Pager Cliente A Ltda", "Pager Cliente B Ltda"):
            self.env["res.partner"].create({"name": name, "is_company": True, "customer_rank": 1})
        self.start_tour("/odoo", "ficha_cliente_pager_tour", login="tour_accountant")
