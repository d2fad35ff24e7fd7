"""5-year indicators from real invoices, payments and orders."""

from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

from odoo.addons.ficha_cliente.models.ficha_indicators import yoy
from odoo.tests import new_test_user

from .common import indicators_data
from .common_alerts import FichaAlertsCommon


@freeze_time("2026-06-30 12:00:00")
class TestIndicators(FichaAlertsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the orders are the salesman's: a reader of all sales documents sees them all
        cls.manager = new_test_user(
            cls.env,
            login="ficha_indicators_manager",
            groups="account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
        )
        customer = cls.customer
        paid_2024 = cls._invoice(customer, date(2024, 3, 10), 1000.0, due=date(2024, 4, 9))
        cls._pay(paid_2024, date(2024, 4, 9))
        late_2025 = cls._invoice(customer, date(2025, 2, 1), 2000.0, due=date(2025, 3, 3))
        cls._pay(late_2025, date(2025, 3, 13))
        on_time_2025 = cls._invoice(customer, date(2025, 9, 15), 500.0, due=date(2025, 10, 15))
        cls._pay(on_time_2025, date(2025, 10, 15))
        cls._invoice(customer, date(2025, 11, 1), 200.0, refund=True)
        # invoiced to the contact person: counted on the company
        cls._invoice(cls.contact, date(2026, 1, 20), 3000.0, due=date(2026, 2, 19))
        cls._order(customer, date(2024, 5, 1), 1000.0)
        cls._order(customer, date(2025, 1, 10), 2000.0, discount=10.0)
        cls._order(cls.contact, date(2026, 3, 1), 500.0)
        cls._order(customer, date(2026, 3, 1), 500.0)
        cls._order(customer, date(2021, 12, 31), 9999.0)  # out of the window
        cls._order(customer, date(2026, 6, 1), 700.0, confirm=False)  # a quotation is not a sale

    def metrics(self, partner=None, user=None):
        partner = (partner or self.customer).with_user(user or self.manager)
        data = indicators_data(partner)
        self.assertEqual(data["years"], [2022, 2023, 2024, 2025, 2026])
        return {metric["key"]: metric for section in data["sections"] for metric in section["metrics"]}

    def test_sales_figures_per_year(self):
        metrics = self.metrics()
        self.assertEqual(metrics["invoiced"]["ytd"], [0.0, 0.0, 1000.0, 2000.0, 3000.0])
        self.assertEqual(metrics["invoiced"]["full"], [0.0, 0.0, 1000.0, 2500.0, 3000.0])
        self.assertEqual(metrics["invoiced"]["yoy_full"], [None, None, None, 150.0, 20.0])
        self.assertEqual(metrics["ordered"]["ytd"], [0.0, 0.0, 1000.0, 1800.0, 1000.0])
        self.assertEqual(metrics["order_count"]["full"], [0.0, 0.0, 1.0, 1.0, 2.0])
        self.assertEqual(metrics["average_ticket"]["full"], [0.0, 0.0, 1000.0, 1800.0, 500.0])
        self.assertEqual(metrics["average_ticket"]["yoy_full"], [None, None, None, 80.0, -72.2])
        self.assertEqual(metrics["average_discount"]["full"], [0.0, 0.0, 0.0, 10.0, 0.0])

    def test_installments_and_money_per_year(self):
        metrics = self.metrics()
        self.assertEqual(metrics["due"]["ytd"], [0.0, 0.0, 1000.0, 2000.0, 3000.0])
        self.assertEqual(metrics["due"]["full"], [0.0, 0.0, 1000.0, 2500.0, 3000.0])
        self.assertEqual(metrics["paid_on_time"]["full"], [0.0, 0.0, 1000.0, 500.0, 0.0])
        self.assertEqual(metrics["paid_late"]["full"], [0.0, 0.0, 0.0, 2000.0, 0.0])
        self.assertEqual(metrics["average_days_late"]["full"], [0.0, 0.0, 0.0, 8.0, 0.0])
        self.assertEqual(metrics["average_days_late"]["ytd"], [0.0, 0.0, 0.0, 10.0, 0.0])
        self.assertEqual(metrics["receipts"]["full"], [0.0, 0.0, 1000.0, 2500.0, 0.0])
        self.assertEqual(metrics["credit_notes"]["full"], [0.0, 0.0, 0.0, 200.0, 0.0])
        self.assertEqual(metrics["open_balance"]["full"], [0.0, 0.0, 0.0, -200.0, 2800.0])
        self.assertEqual(metrics["open_balance"]["ytd"], [0.0, 0.0, 0.0, 0.0, 2800.0])

    def test_contact_person_sees_the_company_and_salesman_no_receivables(self):
        self.assertEqual(
            indicators_data(self.contact.with_user(self.manager)),
            self.metrics() and indicators_data(self.customer.with_user(self.manager)),
        )
        metrics = self.metrics(user=self.salesman)
        self.assertIn("invoiced", metrics)
        self.assertNotIn("due", metrics)
        self.assertNotIn("open_balance", metrics)

    def test_the_invoices_are_read_by_one_part(self):
        """The amount invoiced is with the money movement for financial users (the receivables
        part reads the invoices, the sales part does not), with the sales for the others."""

        def sections(partner, field):
            self.env.invalidate_all()
            return {
                section["key"]: [m["key"] for m in section["metrics"]]
                for section in partner[field]["sections"]
            }

        manager = self.customer.with_user(self.manager)
        sales = sections(manager, "ficha_indicators_data")
        receivables = sections(manager, "ficha_indicators_receivables_data")
        self.assertEqual(sales, {"sales": ["ordered", "order_count", "average_ticket", "average_discount"]})
        self.assertEqual(receivables["money"], ["invoiced", "receipts", "credit_notes", "open_balance"])
        salesman = self.customer.with_user(self.salesman)
        self.assertEqual(sections(salesman, "ficha_indicators_data")["sales"][0], "invoiced")
        # the sales part of a financial user runs no query on the invoices
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries, True):
            manager.ficha_indicators_data  # noqa: B018
        self.assertFalse([query for query in queries if "account_move" in query])
        self.assertTrue([query for query in queries if "sale_order" in query])

    def test_yoy(self):
        self.assertEqual(yoy([0.0, 100.0, 150.0, 75.0, -50.0]), [None, None, 50.0, -50.0, -166.7])

    def test_orders_of_other_salespeople_are_not_counted(self):
        # the accountant sells too, limited to own orders: none of the salesman's are counted
        metrics = self.metrics(user=self.accountant)
        self.assertEqual(metrics["ordered"]["full"], [0.0] * 5)
        self.assertEqual(metrics["invoiced"]["full"], [0.0, 0.0, 1000.0, 2500.0, 3000.0])
