"""Who sees what: groups, public methods over RPC, record rules, multi-company figures."""

import inspect
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import HttpCase, tagged

from .common import indicators_data, sheet_arch
from .common_security import FichaSecurityCommon

GROUPS = (
    "ficha_cliente.ficha_cliente_group_user",
    "ficha_cliente.ficha_cliente_group_financial",
    "ficha_cliente.ficha_cliente_group_financial_manager",
)

# Every public method the addon defines on a model, by model. A new one must be added here
# and to ``test_public_methods_refuse_users_without_rights`` (or to OPEN_METHODS, saying why).
PUBLIC_METHODS = {
    "ficha.commercial.report": {"action_open_ficha_item"},
    "ficha.installment": {"action_settle", "action_open_document"},
    "ficha.interaction": {"action_open_document"},
    "ficha.pending.line": {"action_open_order", "action_open_ficha_item"},
    "ficha.repair": {"action_open_repair"},
    "ficha.return.line": {"action_open_picking", "action_open_ficha_item"},
    "ficha.sale.history": {"action_open_order", "action_open_ficha_item"},
    "product.product": {"action_open_ficha_item", "action_ficha_view_sales"},
    "sale.order": {"action_ficha_open", "action_ficha_open_customer_sheet"},
    "account.move": {"action_ficha_open_customer_sheet"},
    "ficha.customer.alerts.mixin": {"action_ficha_open_customer_sheet"},
    "res.partner": {
        "action_open_ficha",
        "action_open_partner_form",
        "action_view_ficha_installments",
        "action_view_ficha_pending_installments",
        "action_ficha_view_aging",
        "action_export_financial_xlsx",
        "action_new_quotation",
        "action_ficha_view_sale_orders",
        "action_ficha_view_quotations",
        "action_ficha_view_invoices",
        "action_ficha_view_sales_history",
        "action_ficha_view_returns",
        "action_ficha_view_pending",
        "action_ficha_open_repairs",
        "action_ficha_open_interactions",
        "action_ficha_schedule_activity",
        "action_ficha_log_call",
        "action_ficha_create_opportunity",
    },
}
# Opens the standard contact form, which any internal user already reads through Contacts.
OPEN_METHODS = {("res.partner", "action_open_partner_form")}


def addon_public_methods(env):
    """{model: {method names}} of the public methods defined in the addon's own code."""
    found = {}
    for name in env.registry:
        for cls in type(env[name]).__mro__:
            if not cls.__module__.startswith("odoo.addons.ficha_cliente."):
                continue
            for attr, value in vars(cls).items():
                if attr.startswith("_") or not inspect.isfunction(value):
                    continue
                # overrides of the ORM's own methods (their access checks are Odoo's), and the
                # sheet's web_read of several sections (each a web_read: test_access_matrix checks
                # it refuses what web_read refuses, profile by profile)
                if attr in (
                    "init",
                    "create",
                    "write",
                    "unlink",
                    "copy",
                    "read",
                    "web_read",
                    "search_fetch",
                    "ficha_web_read_sections",
                ):
                    continue
                found.setdefault(name, set()).add(attr)
    return found


@freeze_time("2025-06-30 12:00:00")
class TestGroups(FichaSecurityCommon):
    def test_groups_of_each_profile(self):
        expected = {
            self.basic_user: (False, False, False),
            self.salesman: (True, False, False),
            self.sales_all: (True, False, False),
            self.sheet_user: (True, False, False),
            self.acc_readonly: (True, True, False),
            self.invoice_user: (True, True, True),
            self.accountant: (True, True, True),
        }
        for user, groups in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(tuple(user.has_group(group) for group in GROUPS), groups)

    def test_financial_figures_only_for_accounting_readers(self):
        for user in (self.basic_user, self.salesman, self.sales_all, self.sheet_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.customer.with_user(user).read(["ficha_open_amount"])
        for user in (self.acc_readonly, self.invoice_user):
            with self.subTest(user=user.login):
                self.assertEqual(self.customer.with_user(user).ficha_open_amount, 800.0)
                self.assertEqual(self.customer.with_user(user).ficha_overdue_amount, 800.0)

    def sheet_arch(self, user):
        return sheet_arch(self.env, user)

    def test_sheet_pages_and_buttons_per_group(self):
        # a sheet user without sales rights sees neither the sales pages nor the figures
        self.assertNotIn('name="sales_history"', self.sheet_arch(self.sheet_user))
        for user in (self.salesman, self.sales_all, self.sheet_user):
            arch = self.sheet_arch(user)
            with self.subTest(user=user.login):
                self.assertNotIn('name="financial"', arch)
                self.assertNotIn('name="installments"', arch)
                self.assertNotIn("ficha_open_amount", arch)
                self.assertNotIn("action_export_financial_xlsx", arch)
                if user != self.sheet_user:
                    self.assertIn('name="sales_history"', arch)
        arch = self.sheet_arch(self.acc_readonly)
        self.assertIn('name="financial"', arch)
        self.assertIn("ficha_open_amount", arch)
        self.assertNotIn("action_export_financial_xlsx", arch)
        arch = self.sheet_arch(self.invoice_user)
        self.assertIn("action_export_financial_xlsx", arch)

    def test_export_and_settle_need_invoicing_rights(self):
        row = self.env["ficha.installment"].search([("move_id", "=", self.inv_own.id)])
        for user in (self.acc_readonly, self.salesman, self.sheet_user, self.basic_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    row.with_user(user).action_settle()
                with self.assertRaises(AccessError):
                    self.customer.with_user(user).action_export_financial_xlsx()
        action = row.with_user(self.invoice_user).action_settle()
        self.assertEqual(action["res_model"], "account.payment.register")
        self.assertEqual(action["context"]["active_ids"], row.move_line_id.ids)
        url = self.customer.with_user(self.invoice_user).action_export_financial_xlsx()["url"]
        self.assertEqual(
            url, f"/ficha_cliente/financial_xlsx/{self.customer.id}?company_ids={self.company.id}"
        )


@freeze_time("2025-06-30 12:00:00")
class TestPublicMethods(FichaSecurityCommon):
    def test_every_public_method_is_listed(self):
        self.assertEqual(addon_public_methods(self.env), PUBLIC_METHODS)

    def _records(self):
        """One real record per model for the RPC calls (a missing row: an id that was never read)."""
        env = self.env

        def first(model):
            return env[model].search([], limit=1) or env[model].browse(1)

        # the abstract ficha.commercial.report is called through its three report models
        return {
            "ficha.installment": env["ficha.installment"].search([("move_id", "=", self.inv_own.id)]),
            "ficha.interaction": first("ficha.interaction"),
            "ficha.pending.line": env["ficha.pending.line"].search([("order_id", "=", self.order_own.id)]),
            "ficha.repair": first("ficha.repair"),
            "ficha.return.line": first("ficha.return.line"),
            "ficha.sale.history": env["ficha.sale.history"].search([("order_id", "=", self.order_own.id)]),
            "product.product": self.product,
            "sale.order": self.order_own,
            "account.move": self.inv_own,
            "res.partner": self.customer,
        }

    def test_public_methods_on_missing_or_foreign_records_write_nothing(self):
        """Ids that do not exist, or of the other company, given over RPC to a user with every
        right of the main company: a clear error, and no order, payment or activity written."""
        user = self.invoice_user
        user.groups_id |= self.env.ref("sales_team.group_sale_salesman_all_leads")
        counts = {
            model: self.env[model].search_count([])
            for model in ("sale.order", "account.payment", "mail.activity", "crm.lead")
        }
        foreign = {
            "res.partner": self.env["res.partner"].create(
                {"name": "Só da Filial", "company_id": self.company_2.id}
            ),
            "ficha.installment": self.env["ficha.installment"].search([("move_id", "=", self.inv_c2.id)]),
            "sale.order": self.order_c2,
        }
        tried = 0
        for model, methods in PUBLIC_METHODS.items():
            if self.env[model]._abstract:  # called through the models that inherit them
                continue
            records = [self.env[model].browse(999999)]
            if model in foreign:
                records.append(foreign[model])
            for record in records:
                for method in sorted(methods):
                    with self.subTest(model=model, method=method, record=record.id):
                        # (Odoo's assertRaises takes one exception class)
                        try:
                            with self.env.cr.savepoint():
                                getattr(record.with_user(user), method)()
                        except (AccessError, MissingError, UserError):
                            tried += 1
                        else:
                            self.fail(f"{model}.{method} accepted record {record.id}")
        self.assertGreater(tried, 40)
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)

    def test_public_methods_refuse_users_without_rights(self):
        records = self._records()
        self.assertTrue(records["ficha.installment"])
        self.assertTrue(records["ficha.sale.history"])
        self.assertTrue(records["ficha.pending.line"])
        for model, methods in PUBLIC_METHODS.items():
            for method in sorted(methods):
                if (model, method) in OPEN_METHODS or model not in records:
                    continue
                with self.subTest(model=model, method=method), self.assertRaises(AccessError):
                    getattr(records[model].with_user(self.basic_user), method)()

    def test_sheet_only_user_gets_no_sales_or_financial_data(self):
        customer = self.customer.with_user(self.sheet_user)
        self.assertEqual(customer.action_open_ficha()["res_id"], self.customer.id)
        for method in (
            "action_ficha_view_sales_history",
            "action_ficha_view_returns",
            "action_ficha_view_pending",
            "action_ficha_view_sale_orders",
            "action_new_quotation",
            "action_ficha_view_invoices",
            "action_view_ficha_installments",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(customer, method)()
        # the 5-year figures show no order or invoice the user could not open
        sales = {
            metric["key"]: metric["full"][-1]
            for section in indicators_data(customer)["sections"]
            for metric in section["metrics"]
        }
        self.assertEqual((sales["invoiced"], sales["ordered"], sales["order_count"]), (0.0, 0.0, 0.0))
        self.assertNotIn("due", sales)


@freeze_time("2025-06-30 12:00:00")
class TestRecordRules(FichaSecurityCommon):
    def orders_seen(self, model, user, company_ids=None):
        records = self.env[model].with_user(user)
        if company_ids:
            records = records.with_context(allowed_company_ids=company_ids)
        return set(records.search([("commercial_partner_id", "=", self.customer.id)]).order_id.ids)

    def test_report_views_follow_own_documents(self):
        own, other = self.order_own.id, self.order_b.id
        for model in ("ficha.sale.history", "ficha.pending.line"):
            with self.subTest(model=model):
                self.assertEqual(self.orders_seen(model, self.salesman), {own})
                self.assertEqual(self.orders_seen(model, self.salesman_b), {other})
                self.assertEqual(self.orders_seen(model, self.sales_all), {own, other})
                self.assertEqual(self.orders_seen(model, self.acc_readonly), {own, other})
                self.assertEqual(self.orders_seen(model, self.multi_user), {own, other})
                self.assertEqual(
                    self.orders_seen(model, self.multi_user, [self.company_2.id]), {self.order_c2.id}
                )
                with self.assertRaises(AccessError):
                    self.orders_seen(model, self.sheet_user)

    def test_sheet_lists_and_counts_follow_own_documents(self):
        mine = self.customer.with_user(self.salesman)
        self.assertEqual(mine.ficha_sale_history_ids.order_id, self.order_own)
        self.assertEqual(mine.ficha_pending_line_ids.order_id, self.order_own)
        self.assertEqual(mine.ficha_quotation_ids, self.quote_own)
        self.assertEqual((mine.ficha_sale_order_count, mine.ficha_quotation_count), (1, 1))
        everyone = self.customer.with_user(self.sales_all)
        self.assertEqual(everyone.ficha_quotation_ids, self.quote_own | self.quote_b)
        self.assertEqual((everyone.ficha_sale_order_count, everyone.ficha_quotation_count), (2, 2))

    def test_timeline_shows_own_orders_only(self):
        orders = self.order_own | self.order_b | self.quote_own | self.quote_b
        for order in orders:
            order.message_post(body=f"Nota {order.name}", message_type="comment")
        timeline = self.env["ficha.interaction"].with_user(self.salesman)
        seen = timeline.search([("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)])
        self.assertEqual(set(seen.mapped("res_id")), set((self.order_own | self.quote_own).ids))
        seen = (
            self.env["ficha.interaction"]
            .with_user(self.sheet_user)
            .search([("res_model", "=", "sale.order")])
        )
        self.assertFalse(seen)

    def indicators(self, user, company_ids=None):
        customer = self.customer.with_user(user)
        if company_ids:
            customer = customer.with_context(allowed_company_ids=company_ids)
        data = indicators_data(customer)
        self.assertEqual(data["years"], [2021, 2022, 2023, 2024, 2025])
        return {m["key"]: m["full"][-1] for section in data["sections"] for m in section["metrics"]}

    def test_five_year_figures_follow_own_documents(self):
        figures = self.indicators(self.salesman)
        self.assertEqual(
            (figures["invoiced"], figures["ordered"], figures["order_count"]), (300.0, 300.0, 1.0)
        )
        figures = self.indicators(self.salesman_b)
        self.assertEqual(
            (figures["invoiced"], figures["ordered"], figures["order_count"]), (500.0, 500.0, 1.0)
        )
        figures = self.indicators(self.sales_all)
        self.assertEqual(
            (figures["invoiced"], figures["ordered"], figures["order_count"]), (800.0, 800.0, 2.0)
        )
        figures = self.indicators(self.acc_readonly)
        self.assertEqual(
            (figures["invoiced"], figures["due"], figures["open_balance"]), (800.0, 800.0, 800.0)
        )

    def test_shared_customer_shows_each_company_figures(self):
        first = self.indicators(self.multi_user, [self.company.id])
        second = self.indicators(self.multi_user, [self.company_2.id])
        both = self.indicators(self.multi_user, [self.company.id, self.company_2.id])
        self.assertEqual((first["invoiced"], first["ordered"], first["open_balance"]), (800.0, 800.0, 800.0))
        self.assertEqual(
            (second["invoiced"], second["ordered"], second["open_balance"]), (700.0, 700.0, 700.0)
        )
        self.assertEqual((both["invoiced"], both["ordered"]), (1500.0, 1500.0))
        customer = self.customer.with_user(self.multi_user)
        self.assertEqual(
            customer.with_context(allowed_company_ids=[self.company_2.id]).ficha_open_amount, 700.0
        )
        self.assertEqual(
            customer.with_context(allowed_company_ids=[self.company.id]).ficha_open_amount, 800.0
        )
        self.assertEqual(
            customer.with_context(allowed_company_ids=[self.company_2.id]).ficha_sale_order_count, 1
        )
        # a user of the main company only cannot switch to the second one
        with self.assertRaises(AccessError):
            self.customer.with_user(self.invoice_user).with_context(
                allowed_company_ids=[self.company_2.id]
            ).read(["ficha_open_amount"])

    def test_alerts_of_a_salesperson_count_own_orders_only(self):
        facts = self.env["ficha.alert.facts"].with_user(self.salesman)._collect(self.customer)
        self.assertEqual([row[1:] for row in facts[self.customer.id]["orders"]], [(300.0, 1)])
        facts = self.env["ficha.alert.facts"].with_user(self.sales_all)._collect(self.customer)
        self.assertEqual(sum(row[2] for row in facts[self.customer.id]["orders"]), 2)
        self.assertEqual(sum(row[1] for row in facts[self.customer.id]["orders"]), 800.0)


@tagged("post_install", "-at_install")
class TestExportRouteCompanies(FichaSecurityCommon, HttpCase):
    def summary(self, response):
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        return {row[0].value: row[1].value for row in book["Summary"].iter_rows(max_col=2)}

    def test_export_is_limited_to_the_user_companies(self):
        url = f"/ficha_cliente/financial_xlsx/{self.customer.id}?company_ids=%s"
        self.authenticate("sec_multi", "sec_multi")
        summary = self.summary(self.url_open(url % self.company_2.id))
        self.assertEqual((summary["Company"], summary["Open Amount"]), ("Filial Segura", 700.0))
        summary = self.summary(self.url_open(url % self.company.id))
        self.assertEqual(summary["Open Amount"], 800.0)
        self.assertEqual(self.url_open(url % "1,abc").status_code, 404)
        # invoicing rights in the main company only: the second company's data is refused
        self.authenticate("sec_invoice", "sec_invoice")
        self.assertEqual(self.url_open(url % self.company_2.id).status_code, 403)
        self.assertEqual(self.summary(self.url_open(url % self.company.id))["Open Amount"], 800.0)
        # financial viewers and sheet users cannot export
        for login in ("sec_readonly", "sec_sheet", "ficha_basic"):
            self.authenticate(login, login)
            self.assertEqual(self.url_open(url % self.company.id).status_code, 403, login)

    def test_missing_and_unreadable_customers_answer_alike(self):
        """The URL does not tell which customer ids exist: 404 for a missing customer and for
        one the user cannot read; 403 for a user who may not export, whatever the id."""
        private = self.env["res.partner"].create({"name": "Privado", "company_id": self.company_2.id})
        archived = self.env["res.partner"].create(
            {"name": "Arquivado Ltda", "is_company": True, "active": False}
        )
        url = "/ficha_cliente/financial_xlsx/%s?company_ids=%s"
        urls = {
            "missing": url % (999999999, self.company.id),
            "other company": url % (private.id, self.company.id),
        }
        self.authenticate("sec_invoice", "sec_invoice")
        answers = {name: self.url_open(address) for name, address in urls.items()}
        self.assertEqual(
            {name: answer.status_code for name, answer in answers.items()},
            {"missing": 404, "other company": 404},
        )
        self.assertEqual(answers["missing"].content, answers["other company"].content)
        # an archived customer's history is still exported
        self.assertEqual(
            self.summary(self.url_open(url % (archived.id, self.company.id)))["Customer"], "Arquivado Ltda"
        )
        # strings where numbers are expected
        self.assertEqual(self.url_open("/ficha_cliente/financial_xlsx/abc").status_code, 404)
        self.assertEqual(self.url_open(url % (self.customer.id, "abc")).status_code, 404)
        # in its own company, the same customer is exported to whoever works there
        self.authenticate("sec_multi", "sec_multi")
        self.assertEqual(
            self.summary(self.url_open(url % (private.id, self.company_2.id)))["Customer"], "Privado"
        )
        # without the right to export: 403, existing or not
        for login in ("sec_readonly", "sec_sheet"):
            self.authenticate(login, login)
            for address in (*urls.values(), url % (self.customer.id, self.company.id)):
                with self.subTest(login=login, url=address):
                    self.assertEqual(self.url_open(address).status_code, 403)
