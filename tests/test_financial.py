"""Installment history, financial indicators, settling and export, on a real accounting scenario."""

import io
from datetime import date
from urllib.parse import parse_qs, urlparse

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import sheet_arch
from .common_financial import TODAY, FichaFinancialCommon


@freeze_time(TODAY)
class TestInstallments(FichaFinancialCommon):
    def _document_names(self):
        """Numbers of invoices A to E and of credit note RC (the scenario's documents)."""
        moves = (self.inv_a, self.inv_b, self.inv_c, self.refund_c, self.inv_d, self.inv_e)
        return tuple(move.name for move in moves)

    @staticmethod
    def _table_rows(table, names):
        """The rows of an installment table of the sheet, as tuples of the ``names`` (one string)."""
        return [tuple(row[name] for name in names.split()) for row in table["rows"]]

    def test_rows_and_statuses(self):
        self.maxDiff = None
        Installment = self.env["ficha.installment"].with_user(self.accountant)
        rows = Installment.search([("commercial_partner_id", "=", self.customer.id)], order="id")
        got = {
            (row.document_name, row.installment_label): (
                row.invoice_date,
                row.date_due,
                row.amount_original,
                row.amount_residual,
                row.date_settled,
                row.days_late,
                row.status,
            )
            for row in rows
        }
        a, b, c, rc, d, e = self._document_names()
        self.assertEqual(
            got,
            {
                (a, "1/3"): (
                    date(2024, 1, 1),
                    date(2024, 1, 31),
                    400.0,
                    0.0,
                    date(2024, 1, 25),
                    0,
                    "paid_on_time",
                ),
                (a, "2/3"): (
                    date(2024, 1, 1),
                    date(2024, 3, 1),
                    300.0,
                    0.0,
                    date(2024, 3, 13),
                    12,
                    "paid_late",
                ),
                (a, "3/3"): (date(2024, 1, 1), date(2024, 3, 31), 300.0, 200.0, False, 76, "overdue"),
                (b, "1/1"): (date(2024, 5, 20), date(2024, 6, 19), 500.0, 500.0, False, 0, "open"),
                (c, "1/1"): (
                    date(2024, 2, 1),
                    date(2024, 2, 1),
                    200.0,
                    0.0,
                    date(2024, 2, 10),
                    9,
                    "credit_note",
                ),
                # settled when the credit note was issued, not on the invoice's date
                (rc, "1/1"): (
                    date(2024, 2, 10),
                    date(2024, 2, 10),
                    -200.0,
                    0.0,
                    date(2024, 2, 10),
                    0,
                    "credit_note",
                ),
                (d, "1/1"): (date(2024, 4, 1), date(2024, 4, 1), 150.0, 150.0, False, 75, "overdue"),
                # 100.00 EUR at 0.5 EUR per unit of company currency.
                (e, "1/1"): (date(2024, 6, 1), date(2024, 7, 1), 200.0, 200.0, False, 0, "open"),
            },
        )
        # The contact person's invoice is on the company's history, the draft, the cancelled
        # invoice and the second company's invoice are not.
        self.assertEqual(rows.partner_id, self.customer | self.contact)
        self.assertNotIn(self.draft, rows.move_id)
        self.assertNotIn(self.cancelled, rows.move_id)
        self.assertNotIn(self.inv_h, rows.move_id)

    def test_latest_installments_table(self):
        """The sheet's first page: the latest installments by due date, each with its installment's
        own values (dates as the web client reads them), and the fields' own labels."""
        self.maxDiff = None
        table = self.customer.with_user(self.accountant).ficha_recent_installments_json
        a, b, c, rc, d, e = self._document_names()
        got = self._table_rows(
            table,
            "document_name installment_label invoice_date date_due amount_original amount_residual "
            "date_settled days_late status status_label amount_updated",
        )
        self.assertEqual(
            got,
            [
                (e, "1/1", "2024-06-01", "2024-07-01", 200.0, 200.0, False, 0, "open", "Open", None),
                (b, "1/1", "2024-05-20", "2024-06-19", 500.0, 500.0, False, 0, "open", "Open", None),
                # 150.00, 75 days late: 2 % fine (3.00) + 1 % a month pro rata (3.75)
                (d, "1/1", "2024-04-01", "2024-04-01", 150.0, 150.0, False, 75, "overdue", "Overdue", 156.75),
                (a, "3/3", "2024-01-01", "2024-03-31", 300.0, 200.0, False, 76, "overdue", "Overdue", 209.07),
                (
                    a,
                    "2/3",
                    "2024-01-01",
                    "2024-03-01",
                    300.0,
                    0.0,
                    "2024-03-13",
                    12,
                    "paid_late",
                    "Paid Late",
                    None,
                ),
                (
                    rc,
                    "1/1",
                    "2024-02-10",
                    "2024-02-10",
                    -200.0,
                    0.0,
                    "2024-02-10",
                    0,
                    "credit_note",
                    "Settled by Credit Note",
                    None,
                ),
                (
                    c,
                    "1/1",
                    "2024-02-01",
                    "2024-02-01",
                    200.0,
                    0.0,
                    "2024-02-10",
                    9,
                    "credit_note",
                    "Settled by Credit Note",
                    None,
                ),
                (
                    a,
                    "1/3",
                    "2024-01-01",
                    "2024-01-31",
                    400.0,
                    0.0,
                    "2024-01-25",
                    0,
                    "paid_on_time",
                    "Paid on Time",
                    None,
                ),
            ],
        )
        # the rows are the installments (a row opens its document through its id)
        rows = self.env["ficha.installment"].browse([row["id"] for row in table["rows"]])
        self.assertEqual(rows.mapped("move_id")[:2], self.inv_e | self.inv_b)
        self.assertEqual({row["currency_id"] for row in table["rows"]}, {self.company.currency_id.id})
        self.assertEqual(table["columns"]["amount_residual"], "Open Amount")
        self.assertEqual(table["columns"]["amount_updated"], "Updated Amount")
        self.assertEqual(len(table["columns"]), 10)
        # the same installments in the language of the user reading them
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["ficha_cliente"], ["pt_BR"], overwrite=True)
        table = (
            self.customer.with_user(self.accountant).with_context(lang="pt_BR").ficha_recent_installments_json
        )
        self.assertEqual(table["rows"][2]["status_label"], "Vencida")
        self.assertEqual(table["columns"]["date_due"], "Vencimento")

    def test_pending_installments_table(self):
        """The financial page's pending installments: the open ones first due, each with its
        updated amount (late charges of the overdue ones), the columns of the installments' list
        for open installments."""
        table = self.customer.with_user(self.accountant).ficha_first_pending_installments_json
        a, b, __, __, d, e = self._document_names()
        got = self._table_rows(
            table, "document_name installment_label date_due amount_residual days_late status amount_updated"
        )
        self.assertEqual(
            got,
            [
                (a, "3/3", "2024-03-31", 200.0, 76, "overdue", 209.07),
                (d, "1/1", "2024-04-01", 150.0, 75, "overdue", 156.75),
                (b, "1/1", "2024-06-19", 500.0, 0, "open", 500.0),
                (e, "1/1", "2024-07-01", 200.0, 0, "open", 200.0),
            ],
        )
        # the columns of the installments' list for open installments: no invoice date, original
        # amount or settlement date
        self.assertEqual(len(table["columns"]), 7)
        self.assertFalse({"invoice_date", "amount_original", "date_settled"} & set(table["columns"]))
        self.assertEqual(table["columns"]["amount_updated"], "Updated Amount")
        # a customer with nothing pending: no row (the page says so instead)
        newcomer = self.env["res.partner"].create({"name": "Cliente Sem Parcelas", "is_company": True})
        self.assertEqual(
            newcomer.with_user(self.accountant).ficha_first_pending_installments_json["rows"], []
        )

    def test_status_is_searchable(self):
        Installment = self.env["ficha.installment"].with_user(self.accountant)
        base = [("commercial_partner_id", "=", self.customer.id)]

        def labels(status, operator="="):
            rows = Installment.search(base + [("status", operator, status)])
            return sorted(f"{row.document_name} {row.installment_label}" for row in rows)

        self.assertEqual(labels("overdue"), sorted([f"{self.inv_a.name} 3/3", f"{self.inv_d.name} 1/1"]))
        self.assertEqual(labels("open"), sorted([f"{self.inv_b.name} 1/1", f"{self.inv_e.name} 1/1"]))
        self.assertEqual(labels("paid_late"), [f"{self.inv_a.name} 2/3"])
        self.assertEqual(
            labels(["paid_on_time", "credit_note"], "in"),
            sorted([f"{self.inv_a.name} 1/3", f"{self.inv_c.name} 1/1", f"{self.refund_c.name} 1/1"]),
        )
        self.assertEqual(len(labels(["overdue", "open"], "not in")), 4)
        with freeze_time("2024-06-20"):
            # Five days later the contact person's invoice is overdue too.
            self.assertIn(f"{self.inv_b.name} 1/1", labels("overdue"))

    def test_partial_not_yet_due(self):
        with freeze_time("2024-03-20"):
            row = self.installment(self.inv_a, 3)
            # Paid 100.00 of 300.00 (the data does not travel in time), not yet due: partly paid.
            self.assertEqual((row.status, row.days_late, row.amount_residual), ("partial", 0, 200.0))
        self._pay(self._installments(self.inv_b), "2024-06-10", amount=50.0)
        row = self.installment(self.inv_b)
        self.assertEqual((row.status, row.amount_residual, row.days_late), ("partial", 450.0, 0))

    def test_updated_amount_preview(self):
        # 200.00 open, 76 days late: 2 % fine (4.00) + 1 % a month pro rata (5.07).
        self.assertAlmostEqual(self.installment(self.inv_a, 3).amount_updated, 209.07)
        self.assertEqual(self.installment(self.inv_b).amount_updated, 500.0)
        self.company.ficha_late_interest_percent = 0.0
        self.env["ficha.installment"].invalidate_model()
        self.assertEqual(self.installment(self.inv_d).amount_updated, 153.0)

    def test_own_documents_salesperson_sees_own_invoices_only(self):
        """A salesperson given the financial viewer group without accounting rights sees, as in
        Odoo's invoice menus, the invoices that are theirs or unassigned."""
        own = new_test_user(
            self.env,
            login="ficha_own_financial",
            groups="sales_team.group_sale_salesman,ficha_cliente.ficha_cliente_group_financial",
        )
        (self.inv_a | self.inv_b | self.inv_c | self.refund_c | self.inv_e).invoice_user_id = own
        self.inv_d.invoice_user_id = self.salesman
        rows = (
            self.env["ficha.installment"]
            .with_user(own)
            .search([("commercial_partner_id", "=", self.customer.id)])
        )
        self.assertEqual(rows.move_id, self.inv_a | self.inv_b | self.inv_c | self.refund_c | self.inv_e)
        self.assertEqual(self.customer.with_user(own).ficha_overdue_amount, 200.0)
        # The invoicing user still sees them all.
        self.assertEqual(self.customer.with_user(self.accountant).ficha_overdue_amount, 350.0)

    def test_second_company_has_its_own_installments(self):
        Installment = (
            self.env["ficha.installment"]
            .with_user(self.accountant)
            .with_context(allowed_company_ids=[self.company_2.id])
        )
        rows = Installment.search([("commercial_partner_id", "=", self.customer.id)])
        self.assertEqual(rows.move_id, self.inv_h)
        self.assertEqual((rows.status, rows.days_late, rows.amount_residual), ("overdue", 45, 700.0))

    def test_only_financial_users_read_installments(self):
        with self.assertRaises(AccessError):
            self.env["ficha.installment"].with_user(self.salesman).search([])
        viewer = new_test_user(self.env, login="ficha_readonly", groups="account.group_account_readonly")
        rows = (
            self.env["ficha.installment"]
            .with_user(viewer)
            .search([("commercial_partner_id", "=", self.customer.id)])
        )
        self.assertEqual(len(rows), 8)
        # A user of the main company only does not see the second company's installments.
        self.assertFalse(
            self.env["ficha.installment"].with_user(viewer).search([("company_id", "=", self.company_2.id)])
        )


@freeze_time(TODAY)
class TestFinancialIndicators(FichaFinancialCommon):
    def test_figures(self):
        customer = self.customer
        self.assertEqual(customer.ficha_open_amount, 1050.0)  # 200 + 500 + 150 + 200
        self.assertEqual(customer.ficha_overdue_amount, 350.0)
        self.assertEqual(customer.ficha_overdue_count, 2)
        self.assertEqual(customer.ficha_oldest_overdue_days, 76)
        # Paid in the last five years, credit notes left out: one on time, one 12 days late.
        self.assertEqual(customer.ficha_settled_count, 2)
        self.assertEqual(customer.ficha_on_time_rate, 50.0)
        self.assertEqual(customer.ficha_avg_days_late, 6.0)
        self.assertEqual(customer.ficha_max_days_late, 12)
        self.assertEqual(customer.ficha_payment_verdict, "Has installments overdue for 76 days")
        # The contact person's sheet shows the company's figures.
        self.assertEqual(self.contact.ficha_open_amount, 1050.0)
        self.assertEqual(self.contact.ficha_overdue_count, 2)

    def test_figures_follow_today(self):
        with freeze_time("2024-03-20"):
            self.env.invalidate_all()
            # Before the partial payment and invoices D/E/B: A 3/3 open (300), paid on time A 1/3,
            # A 2/3 paid late.
            self.assertEqual(self.customer.ficha_overdue_amount, 0.0)
            self.assertEqual(self.customer.ficha_oldest_overdue_days, 0)
        with freeze_time("2029-03-14"):
            self.env.invalidate_all()
            # More than five years after the payment of 2024-01-25 and 2024-03-13: nothing counted.
            self.assertEqual(self.customer.ficha_settled_count, 0)
            self.assertEqual(self.customer.ficha_on_time_rate, 0.0)

    def test_second_company_separate_figures(self):
        customer = self.customer.with_context(allowed_company_ids=[self.company_2.id])
        self.assertEqual(customer.ficha_open_amount, 700.0)
        self.assertEqual(customer.ficha_overdue_amount, 700.0)
        self.assertEqual(customer.ficha_oldest_overdue_days, 45)
        self.assertEqual(customer.ficha_settled_count, 0)

    def _confirmed_order(self, quantity, price):
        """A confirmed order of the customer's contact: one line of the product, no tax."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_id": False,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def test_credit_limit_use(self):
        self.company.account_use_credit_limit = True
        self.customer.with_company(self.company).credit_limit = 5000.0
        self._confirmed_order(3, 100.0)
        self.env.invalidate_all()
        self.assertEqual(self.customer.ficha_uninvoiced_amount, 300.0)
        self.assertEqual(self.customer.ficha_credit_used_amount, 1350.0)
        self.assertEqual(self.customer.ficha_credit_limit, 5000.0)
        self.assertEqual(self.customer.ficha_credit_use_rate, 27.0)

    def test_credit_limit_use_ignores_over_invoiced_orders(self):
        # Invoiced a little more than ordered (the invoice's price edited): Odoo's own credit
        # check leaves orders with nothing left to invoice out; so does the sheet, and a cent of
        # rounding on an order invoiced in full never shows as a negative amount to invoice.
        self.company.account_use_credit_limit = True
        self.customer.with_company(self.company).credit_limit = 5000.0
        orders = self._confirmed_order(1, 100.0) | self._confirmed_order(1, 200.0)
        invoice = orders[0]._create_invoices()
        invoice.invoice_line_ids.price_unit = 101.5
        invoice.action_post()
        self.assertEqual(orders[0].order_line.untaxed_amount_to_invoice, -1.5)
        self.env.invalidate_all()
        self.assertEqual(self.customer.ficha_uninvoiced_amount, 200.0)
        facts = self.env["ficha.alert.facts"]._collect(self.customer)[self.customer.commercial_partner_id.id]
        self.assertEqual(facts["uninvoiced_amount"], 200.0)

    def test_customer_without_history_and_supplier(self):
        empty = self.env["res.partner"].create({"name": "Sem Historico"})
        supplier = self.env["res.partner"].create({"name": "Fornecedor"})
        self._invoice(supplier, "2024-05-01", 80.0, self.term_now, move_type="in_invoice")
        for partner in (empty, supplier):
            self.assertEqual(partner.ficha_open_amount, 0.0)
            self.assertEqual(partner.ficha_overdue_count, 0)
            self.assertEqual(partner.ficha_on_time_rate, 0.0)
            self.assertEqual(partner.ficha_credit_use_rate, 0.0)
            self.assertEqual(partner.ficha_payment_verdict, "No payment history yet")
            self.assertFalse(partner.ficha_installment_ids)

    def test_whole_recordset_in_constant_queries(self):
        """The number of queries does not grow with the number of partners (nor documents)."""
        others = self.env["res.partner"].create([{"name": f"Outro {i}"} for i in range(5)])
        self._invoice(others[0], "2024-05-01", 10.0, self.term_now)

        def count_queries(partners):
            self.env.invalidate_all()
            partners.mapped("ficha_open_amount")  # warm the caches of companies, currency, rules
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners.mapped("ficha_credit_use_rate")
            partners.mapped("ficha_payment_verdict")
            return self.env.cr.sql_log_count - before

        one = count_queries(self.customer)
        self.assertLessEqual(one, 12)
        self.assertEqual(count_queries(self.customer | self.contact | others), one)

    def test_sheet_reads_a_page_of_installments(self):
        """What the web client asks for the installments page: 20 rows, figures in the header."""
        self.env.invalidate_all()
        data = self.customer.with_user(self.accountant).web_read(
            {
                "ficha_open_amount": {},
                "ficha_on_time_rate": {},
                "ficha_installment_ids": {
                    "fields": {"document_name": {}, "status": {}, "days_late": {}, "amount_updated": {}},
                    "limit": 2,
                    "order": "date_due asc",
                },
            }
        )[0]
        self.assertEqual(data["ficha_open_amount"], 1050.0)
        self.assertEqual(data["ficha_on_time_rate"], 50.0)
        self.assertEqual(len(data["ficha_installment_ids"]), 8)
        # Only the first page is read; the others are ids until the user pages on.
        read = [row for row in data["ficha_installment_ids"] if "status" in row]
        self.assertEqual(
            [(row["document_name"], row["status"], row["days_late"]) for row in read],
            [(self.inv_a.name, "paid_on_time", 0), (self.inv_c.name, "credit_note", 9)],
        )

    def test_archived_customer_keeps_its_figures(self):
        self.customer.action_archive()
        self.assertEqual(self.customer.ficha_open_amount, 1050.0)
        self.assertEqual(self.customer.ficha_overdue_count, 2)

    def test_fields_hidden_from_users_without_financial_rights(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).read(["ficha_open_amount"])
        arch = sheet_arch(self.env, self.salesman)
        self.assertNotIn("ficha_open_amount", arch)
        self.assertNotIn('name="installments"', arch)
        arch = sheet_arch(self.env, self.accountant)
        self.assertIn("ficha_open_amount", arch)
        self.assertIn("action_export_financial_xlsx", arch)


@freeze_time(TODAY)
class TestSettle(FichaFinancialCommon):
    def test_settle_opens_native_wizard_for_exactly_the_lines(self):
        rows = self.installment(self.inv_d) | self.installment(self.inv_a, 3)
        action = rows.with_user(self.accountant).action_settle()
        self.assertEqual(action["res_model"], "account.payment.register")
        self.assertEqual(action["context"]["active_model"], "account.move.line")
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(rows.move_line_id.ids))
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(action["context"])
            .create({"payment_date": TODAY, "group_payment": True})
        )
        self.assertEqual(wizard.amount, 350.0)
        wizard.action_create_payments()
        self.env.invalidate_all()
        for row in rows:
            self.assertEqual(row.status, "paid_late")
            self.assertEqual(row.date_settled, TODAY)
        self.assertEqual(self.installment(self.inv_d).days_late, 75)
        self.assertEqual(self.customer.ficha_overdue_amount, 0.0)
        self.assertEqual(self.customer.ficha_open_amount, 700.0)
        # A second settlement of the same installment (another user, a stale list) is refused.
        with self.assertRaisesRegex(UserError, "already settled"):
            self.installment(self.inv_d).with_user(self.accountant).action_settle()

    def test_settle_refused_when_the_open_amount_changed_meanwhile(self):
        """The wizard opened on 150.00; someone registers 50.00 on the same installment before
        the user confirms: paying the 150.00 shown would leave a 50.00 customer credit."""
        line = self._installments(self.inv_d)
        action = self.installment(self.inv_d).with_user(self.accountant).action_settle()
        self._pay(line, "2024-06-14", amount=50.0)
        payments = self.env["account.payment"].search_count([])
        # the web client creates the wizard with the values it showed, on confirming
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(action["context"])
            .create({"payment_date": TODAY, "amount": 150.0})
        )
        with self.assertRaisesRegex(UserError, "changed"):
            wizard.action_create_payments()
        self.assertEqual(self.env["account.payment"].search_count([]), payments)
        self.assertEqual(line.amount_residual, 100.0)
        # reopened, the wizard shows and pays what is left
        action = self.installment(self.inv_d).with_user(self.accountant).action_settle()
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(action["context"])
            .create({"payment_date": TODAY})
        )
        self.assertEqual(wizard.amount, 100.0)
        payment = wizard._create_payments()
        self.assertEqual((payment.amount, line.amount_residual), (100.0, 0.0))

    def test_settle_bad_input(self):
        Installment = self.env["ficha.installment"].with_user(self.accountant)
        with self.assertRaises(MissingError):
            Installment.browse(999999).action_settle()
        with self.assertRaisesRegex(UserError, "Select the installments"):
            Installment.browse().action_settle()
        # another company's installment, not in the user's companies
        row_2 = (
            self.env["ficha.installment"]
            .with_context(allowed_company_ids=[self.company.id, self.company_2.id])
            .search([("move_id", "=", self.inv_h.id)])
        )
        with self.assertRaises(AccessError):
            Installment.browse(row_2.ids).action_settle()
        # a tampered context (the open amounts it carries are the client's) is refused
        line = self._installments(self.inv_d)
        context = self.installment(self.inv_d).with_user(self.accountant).action_settle()["context"]
        for residuals in ({str(line.id): "abc"}, {}, "abc"):
            with self.subTest(residuals=residuals):
                wizard = (
                    self.env["account.payment.register"]
                    .with_user(self.accountant)
                    .with_context(context, ficha_settle_residuals=residuals)
                    .create({"payment_date": TODAY})
                )
                with self.assertRaisesRegex(UserError, "changed"):
                    wizard.action_create_payments()
        self.assertEqual(line.amount_residual, 150.0)

    def test_payment_reversal_reopens_the_installment(self):
        payment = self._pay(self._installments(self.inv_d), "2024-04-20")
        row = self.installment(self.inv_d)
        self.assertEqual((row.status, row.days_late), ("paid_late", 19))
        payment.action_draft()
        payment.action_cancel()
        self.env.invalidate_all()
        self.assertEqual((row.status, row.days_late, row.amount_residual), ("overdue", 75, 150.0))
        self.assertEqual(self.customer.ficha_overdue_amount, 350.0)

    def test_settle_refused_without_invoicing_rights(self):
        viewer = new_test_user(self.env, login="ficha_readonly2", groups="account.group_account_readonly")
        row = self.installment(self.inv_d)
        with self.assertRaises(AccessError):
            row.with_user(viewer).action_settle()
        with self.assertRaises(AccessError):
            row.with_user(self.salesman).action_settle()

    def test_settle_refuses_mixed_companies(self):
        rows = self.installment(self.inv_d) | self.env["ficha.installment"].with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        ).search([("move_id", "=", self.inv_h.id)])
        with self.assertRaisesRegex(UserError, "one company"):
            rows.with_context(allowed_company_ids=[self.company.id, self.company_2.id]).with_user(
                self.accountant
            ).action_settle()

    def test_open_document(self):
        action = self.installment(self.inv_a, 2).with_user(self.accountant).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("account.move", self.inv_a.id))

    def test_full_list_action(self):
        action = self.contact.with_user(self.accountant).action_view_ficha_pending_installments()
        self.assertEqual(action["res_model"], "ficha.installment")
        self.assertEqual(action["domain"], [("commercial_partner_id", "=", self.customer.id)])
        self.assertEqual(action["context"], {"search_default_filter_pending": 1})
        self.assertEqual(action["name"], "Installments of Cliente Teste Ltda")
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).action_view_ficha_installments()


@freeze_time(TODAY)
class TestFinancialExport(FichaFinancialCommon):
    def test_workbook_of_the_customer(self):
        self.customer.name = "=Cliente Teste Ação"
        filename, content = self.customer.with_user(self.accountant)._ficha_financial_xlsx()
        self.assertEqual(filename, "financial_situation_Cliente_Teste_Acao_2024-06-15.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows()}
        self.assertEqual(summary["Customer"], "=Cliente Teste Ação")
        self.assertEqual(book["Summary"]["B1"].data_type, "s")
        self.assertEqual(summary["Open Amount"], 1050.0)
        self.assertEqual(summary["Overdue Amount"], 350.0)
        self.assertEqual(summary["Overdue Installments"], 2)
        self.assertEqual(summary["Paid on Time (%)"], 50.0)
        self.assertEqual(summary["Maximum Days Late"], 12)
        self.assertEqual(summary["Export Date"].date(), TODAY)
        self.assertEqual(summary["Company"], self.company.name)
        sheet = book["Installments"]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 9)  # 8 installments and the totals row
        first = rows[0]  # ordered by due date: INV A 1/3
        self.assertEqual(first[:8], (self.inv_a.name, "1/3", first[2], first[3], 400.0, 0.0, first[6], 0))
        self.assertEqual(
            (first[2].date(), first[3].date(), first[6].date()),
            (date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 25)),
        )
        self.assertEqual(first[8], "Paid on Time")
        overdue = next(row for row in rows if row[0] == self.inv_d.name)
        self.assertEqual(
            (overdue[5], overdue[7], overdue[8], overdue[9]), (150.0, 75, "Overdue", 153.0 + 3.75)
        )
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(rows[-1][4], 1850.0)  # 1000 + 500 + 200 - 200 + 150 + 200
        self.assertEqual(rows[-1][5], 1050.0)
        # Brazilian conventions: dd/mm/yyyy dates, amounts with the company currency symbol.
        money = f'"{self.company.currency_id.symbol}" #,##0.00'
        self.assertEqual(
            (sheet["C2"].number_format, sheet["D2"].number_format, sheet["G2"].number_format),
            ("dd/mm/yyyy", "dd/mm/yyyy", "dd/mm/yyyy"),
        )
        self.assertEqual((sheet["E2"].number_format, sheet["F2"].number_format), (money, money))
        self.assertEqual(sheet["J2"].number_format, money)
        self.assertEqual(sheet["E10"].number_format, money)  # totals row
        self.assertEqual(book["Summary"]["B6"].number_format, "dd/mm/yyyy")  # Export Date
        self.assertEqual(book["Summary"]["A7"].value, "Open Amount")
        self.assertEqual(book["Summary"]["B7"].number_format, money)

    def test_action_and_rights(self):
        action = self.contact.with_user(self.accountant).action_export_financial_xlsx()
        url = urlparse(action["url"])
        self.assertEqual(url.path, f"/ficha_cliente/financial_xlsx/{self.customer.id}")
        self.assertEqual(parse_qs(url.query)["company_ids"], [str(self.company.id)])
        viewer = new_test_user(self.env, login="ficha_readonly3", groups="account.group_account_readonly")
        for user in (viewer, self.salesman, self.basic_user):
            with self.assertRaises(AccessError):
                self.customer.with_user(user).action_export_financial_xlsx()


@tagged("post_install", "-at_install")
class TestFinancialExportRoute(FichaFinancialCommon, HttpCase):
    def test_download_and_refusals(self):
        self.authenticate("ficha_accountant", "ficha_accountant")
        url = f"/ficha_cliente/financial_xlsx/{self.customer.id}?company_ids={self.company.id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("financial_situation_Cliente_Teste_Ltda_", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        self.assertEqual(book["Summary"]["B1"].value, self.customer.name)
        # A company the user does not belong to cannot be requested through the URL.
        other = self.env["res.company"].create({"name": "Alheia"})
        self.assertEqual(self.url_open(url.replace(f"={self.company.id}", f"={other.id}")).status_code, 403)
        # A partner the user cannot read (another company's private contact) is refused.
        private = self.env["res.partner"].create({"name": "Privado", "company_id": other.id})
        self.assertEqual(self.url_open(f"/ficha_cliente/financial_xlsx/{private.id}").status_code, 404)
        self.assertEqual(self.url_open("/ficha_cliente/financial_xlsx/999999999").status_code, 404)
        # A salesperson gets nothing.
        self.authenticate("ficha_salesman", "ficha_salesman")
        self.assertEqual(self.url_open(url).status_code, 403)
