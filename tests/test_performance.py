"""Query-count guards of the customer sheet: opening it costs the same whatever the customer's size.

The sheet is read as the web client reads it: ``web_read`` with the specification the browser
derives from the form view (``benchmark/view_spec.py``, shared with ``scripts/benchmark.sh``).
"""

import importlib.util
from datetime import date, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from .common_alerts import FichaAlertsCommon

_SPEC_PATH = Path(__file__).resolve().parent.parent / "benchmark" / "view_spec.py"
_spec = importlib.util.spec_from_file_location("ficha_benchmark_view_spec", _SPEC_PATH)
view_spec_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(view_spec_module)
view_spec = view_spec_module.view_spec
section_specs = view_spec_module.section_specs
opening_reads = view_spec_module.opening_reads

TODAY = date(2025, 6, 16)
# Queries of each part of the sheet (as assertQueryCount counts them), the same for 2 and for 12
# documents of each kind: the form's own web_read ("sheet"), then each section, an embedded form
# read when it is shown (the header summary at once, a page when it is opened). Raise one only
# for a new query that does not depend on the customer's volume (a new figure, a new count).
# The credit figure (summary, financial, alerts) is Odoo's own: the amount still to invoice is
# computed by the ORM on the orders with a line left to invoice (their lines, products, invoice
# lines and currencies: a fixed number of reads), next to one query of the receivable position.
SHEET_QUERIES = {
    "sheet": 23,
    # The header's two sections, read side by side. The alert banner: the alerts' facts (orders,
    # order lines, credit, invoices, installments, overdue, quotations, deliveries, repairs, last
    # interaction), and the side menu's badges that follow the alerts (ficha_alert_badges), from
    # those facts (the credit and the last interaction are read once per read) plus the repairs
    # by state; and the alerts page's figures, from the same evaluation, plus since when each
    # alert fires (the daily check's states); the customer's contacts, the timeline's condition
    # on the partners of its documents (ficha.interaction._condition_to_sql).
    "banner": 19,
    # The headline figures and the badges of the sections' own figures (ficha_section_badges): the
    # open and overdue installments, the paid ones, the active warnings, the quotations, the
    # items awaiting delivery.
    "summary": 13,
    # the latest installments: their ids, then their values (one read, the currency included)
    "installments": 6,
    # the financial page's two sections, read side by side: the customer's position and aging
    # (purchases, receivable movements by month, installments by aging bucket, the largest
    # invoice's name); the payments and credit (open and overdue, paid installments, credit,
    # the pending installments)
    "financial": 8,
    "financial_payments": 11,
    # the indicators' two parts, each read on its own: orders and order lines by day (and the
    # invoices for a user without the receivables); invoices, installments and receivable
    # movements by day
    "indicators": 6,
    "indicators_receivables": 7,
    # the timeline's rows and the latest interaction, both by the customer's contacts (read once)
    "agenda": 8,
    # the report's one list (shared with the item sheet and the full report) has the product
    # category column too (hidden by default): the categories' names; and the date of the
    # customer's 20th latest order, the bound of its latest lines (when those orders hold fewer
    # lines than a page that the user may see, one query more reads them without the bound);
    # the preferences: the latest order's day, the amounts by product, the products' names and
    # categories
    "sales_history": 16,
    "services": 11,
    # the Returns page's two sections: the customer's return rate; its returned items, each with
    # its product's rate
    "returns": 3,
    "returns_lines": 2,
    "orders": 13,
    "quotations": 9,
}
# Queries of the customer list's first page (web_search_read), the same for 2 and 12 customers; one
# of them reads the alert level the user may see (the daily check's states, their rules applied).
CUSTOMER_LIST_QUERIES = 6


@freeze_time(TODAY)
class TestSheetQueryCount(FichaAlertsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = new_test_user(
            cls.env,
            login="ficha_perf_reader",
            name="Gerente Teste",
            groups="sales_team.group_sale_salesman_all_leads,account.group_account_invoice,"
            "stock.group_stock_user,ficha_cliente.ficha_cliente_group_financial_manager",
        )
        cls.small = cls._customer("Cliente Pequeno Ltda")
        cls.big = cls._customer("Cliente Grande Ltda")
        cls._history(cls.small, 2)
        cls._history(cls.big, 12)

    @classmethod
    def _history(cls, partner, size):
        """``size`` documents of each kind: paid and open invoices, orders to deliver,
        quotations, repairs, warnings, references and messages."""
        cls.env["res.partner"].create(
            [{"name": f"Contato {n}", "parent_id": partner.id} for n in range(size)]
        )
        for index in range(size):
            day = TODAY - timedelta(days=20 * (size - index))
            invoice = cls._invoice(partner, day, 100.0 + index, due=day + timedelta(days=10))
            if index % 2:
                cls._pay(invoice, day + timedelta(days=15))
            cls._order(partner, day, 50.0 + index, product=cls.goods)
            cls._order(partner, day, 70.0 + index, confirm=False)
            cls.env["repair.order"].create(
                {"partner_id": partner.id, "product_id": cls.goods.id, "schedule_date": day}
            )
            cls.env["ficha.partner.warning"].create({"partner_id": partner.id, "message": f"Aviso {index}"})
            cls.env["ficha.partner.reference"].create(
                {"partner_id": partner.id, "name": f"Referência {index}", "reference_type": "commercial"}
            )
            cls._interaction(partner, day)

    def _count_queries(self, function):
        """Queries of ``function()`` on an empty record cache; the registry caches stay warm,
        as in a running server (``_compare`` warms them with a first round)."""
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        result = function()
        return self.env.cr.sql_log_count - start, result

    def _compare(self, small, big):
        """Query counts and results of ``small()`` and ``big()``, measured on a second round."""
        for function in (small, big):
            self._count_queries(function)
        return self._count_queries(small), self._count_queries(big)

    def _sheet_specs(self):
        """``{part: web_read specification}`` of the sheet as the reader's browser reads it."""
        env = self.env(user=self.reader)
        sheet = env.ref("ficha_cliente.res_partner_view_form_ficha").id
        return {"sheet": view_spec(env["res.partner"], sheet), **section_specs(env["res.partner"], sheet)}

    def _sheet_reader(self, partner, specs):
        """Reads every part of the sheet (the form, then each section), merged in one dict."""
        record = self.env(user=self.reader)["res.partner"].browse(partner.id)

        def read():
            values = {}
            for spec in specs.values():
                values.update(record.web_read(spec)[0])
            return values

        return read

    def test_history_was_built(self):
        big = self.big.with_user(self.reader)
        self.assertEqual(big.ficha_invoice_count, 12)
        self.assertEqual(big.ficha_quotation_count, 12)
        self.assertEqual(big.ficha_repair_count, 12)
        self.assertEqual(len(big.ficha_installment_ids), 12)
        self.assertEqual(self.small.with_user(self.reader).ficha_invoice_count, 2)

    def test_sheet_sections(self):
        # The form reads the identity only; figures and lists are in sections of their own.
        specs = self._sheet_specs()
        self.assertEqual(set(specs), set(SHEET_QUERIES))
        # (fields the section reads, fields it leaves to another section); the financial and
        # returns pages' two halves each have their own queries: the position (purchases, month-end
        # balances) and the payments (the paid installments' punctuality and term); the customer's
        # return rate and its returned items
        placement = {
            "sheet": ((), ("ficha_alert_banner_html", "ficha_recent_installments_json")),
            # the alerts page's figures too: the page shows the banner's (read_from)
            "banner": (("ficha_alert_banner_html", "ficha_alert_badges", "ficha_alert_details_html"), ()),
            "summary": (("ficha_open_amount", "ficha_section_badges"), ("ficha_alert_banner_html",)),
            "financial": (
                ("ficha_largest_purchase_id", "ficha_largest_balance_amount"),
                ("ficha_avg_payment_days",),
            ),
            "financial_payments": (
                ("ficha_avg_payment_days", "ficha_on_time_rate"),
                ("ficha_largest_purchase_id",),
            ),
            "returns": (("ficha_return_rate",), ("ficha_return_line_ids",)),
            "returns_lines": (("ficha_return_line_ids",), ("ficha_return_rate",)),
        }
        for section, (read, left) in placement.items():
            with self.subTest(section=section):
                self.assertLessEqual(set(read), set(specs[section]))
                self.assertEqual(set(left) & set(specs[section]), set())

    def test_sheet_query_count_does_not_grow(self):
        specs = self._sheet_specs()
        (small_count, small), (big_count, big) = self._compare(
            self._sheet_reader(self.small, specs), self._sheet_reader(self.big, specs)
        )
        # The pages did read the documents (not an empty sheet).
        self.assertEqual(len(small["child_ids"]), 2)
        self.assertEqual(len(big["child_ids"]), 12)
        self.assertEqual(len(big["ficha_recent_installments_json"]["rows"]), 12)
        self.assertEqual(len(big["ficha_first_pending_installments_json"]["rows"]), 6)
        self.assertEqual(len(big["ficha_recent_sale_history_ids"]), 12)
        self.assertEqual(len(big["ficha_quotation_ids"]), 12)
        self.assertEqual(len(big["ficha_repair_ids"]), 12)
        self.assertEqual(small_count, big_count, "the sheet's query count grows with the customer's data")

    def test_sheet_query_count_with_assert_query_count(self):
        specs = self._sheet_specs()
        env = self.env(user=self.reader)
        self._compare(self._sheet_reader(self.small, specs), self._sheet_reader(self.big, specs))
        for part, spec in specs.items():
            for partner in (self.small, self.big):
                env["res.partner"].browse(partner.id).web_read(spec)  # registry caches warm
                self.env.invalidate_all()
                with (
                    self.subTest(part=part, partner=partner.name),
                    self.assertQueryCount(SHEET_QUERIES[part]),
                ):
                    env["res.partner"].browse(partner.id).web_read(spec)

    def test_opening_reads_the_summary_and_the_first_page_in_one_request(self):
        """The web client's opening: the headline figures and the first page (installments, for this
        reader) in one request (``ficha_web_read_sections``): the same values as their two
        ``web_read``, in fewer queries; the same access rights; a clear message for anything but
        specifications."""
        specs = self._sheet_specs()
        big = self.env(user=self.reader)["res.partner"].browse(self.big.id)
        # as the sheet's controller groups them, from the arch
        sheet = self.env.ref("ficha_cliente.res_partner_view_form_ficha").id
        self.assertEqual(opening_reads(big, sheet), (("banner",), ("summary", "installments")))
        together = [specs["summary"], specs["installments"]]
        small = big.browse(self.small.id)
        (small_count, _small), (count, (summary, installments)) = self._compare(
            lambda: small.ficha_web_read_sections(together), lambda: big.ficha_web_read_sections(together)
        )
        # fewer than the two web_read (19): the records both read are read once (the partner, the
        # user, the company, the currency)
        self.assertEqual(count, 16)
        self.assertEqual(small_count, count)
        self.assertEqual(summary, big.web_read(specs["summary"]))
        self.assertEqual(installments, big.web_read(specs["installments"]))
        # real figures: 6 of the 12 invoices (100 + index) are open, 6 are paid
        self.assertEqual(summary[0]["ficha_open_amount"], sum(100.0 + index for index in range(0, 12, 2)))
        self.assertEqual(len(installments[0]["ficha_recent_installments_json"]["rows"]), 12)
        # a salesperson may not read the financial figures, in one request as in one web_read
        as_salesman = big.with_user(self.salesman)
        with self.assertRaises(AccessError):
            as_salesman.web_read({"ficha_overdue_amount": {}})
        with self.assertRaises(AccessError):
            as_salesman.ficha_web_read_sections([{"name": {}}, {"ficha_overdue_amount": {}}])
        self.assertEqual(
            as_salesman.ficha_web_read_sections([{"name": {}}]), [[{"id": big.id, "name": big.name}]]
        )
        with self.assertRaisesRegex(ValidationError, "must be a list of field specifications"):
            big.ficha_web_read_sections({"name": {}})

    def test_customer_list_query_count_does_not_grow(self):
        env = self.env(user=self.reader)
        spec = view_spec(env["res.partner"], env.ref("ficha_cliente.res_partner_view_list_ficha").id, "list")
        Partner = env["res.partner"]
        few = self.small | self.big
        many = few | self.env["res.partner"].create(
            [{"name": f"Cliente {n}", "is_company": True, "customer_rank": 1} for n in range(10)]
        )
        (few_count, few_result), (many_count, many_result) = self._compare(
            lambda: Partner.web_search_read([("id", "in", few.ids)], spec, limit=80),
            lambda: Partner.web_search_read([("id", "in", many.ids)], spec, limit=80),
        )
        self.assertEqual(few_result["length"], 2)
        self.assertEqual(many_result["length"], 12)
        self.assertEqual(few_count, many_count, "the customer list's query count grows with its rows")
        self.assertEqual(many_count, CUSTOMER_LIST_QUERIES)

    def test_alerts_of_many_customers_query_count_does_not_grow(self):
        env = self.env(user=self.reader)
        Partner = env["res.partner"]
        (one_count, _one), (two_count, two) = self._compare(
            lambda: Partner.browse(self.small.ids).mapped("ficha_health_score"),
            lambda: Partner.browse((self.small | self.big).ids).mapped("ficha_health_score"),
        )
        self.assertEqual(len(two), 2)
        self.assertEqual(one_count, two_count, "the alerts' query count grows with the number of customers")

    def test_first_rows_of_each_customer(self):
        """The sheet's bounded lists hold each customer's first rows in the list's order, the
        same in one query for many customers as for one."""
        Partner = self.env["res.partner"].with_user(self.reader)
        order = "date_due desc, move_id desc, id desc"
        Installment = self.env["ficha.installment"].with_user(self.reader)
        both = Partner.browse((self.small | self.big).ids)._ficha_first_rows(
            "ficha.installment", order, limit=5
        )
        for partner in (self.small, self.big):
            expected = Installment.search([("commercial_partner_id", "=", partner.id)], order=order, limit=5)
            self.assertEqual(len(expected), min(5, 2 if partner == self.small else 12))
            self.assertEqual(both[partner.id], expected.ids)
            alone = Partner.browse(partner.id)._ficha_first_rows("ficha.installment", order, limit=5)
            self.assertEqual(alone[partner.id], expected.ids)
        pending = Installment.browse(
            [row["id"] for row in Partner.browse(self.big.id).ficha_first_pending_installments_json["rows"]]
        )
        self.assertEqual(pending.mapped("reconciled"), [False] * 6)
        self.assertEqual(pending.mapped("date_due"), sorted(pending.mapped("date_due")))
        recent = Partner.browse(self.big.id).ficha_recent_sale_history_ids
        self.assertEqual(recent.mapped("price_unit"), [61.0 - n for n in range(12)])
