"""Every figure, alert and sentence from the documents the user may read (issue: nobody sees
what they must not): the alert snapshot and its activities, the alert facts, indicators and
patterns under record rules and groups."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user

from .common import indicators_data
from .common_security import FichaSecurityCommon


@freeze_time("2025-06-30 12:00:00")
class TestFiguresFollowRules(FichaSecurityCommon):
    """``inv_own`` (salesman, 300.00) and ``inv_b`` (salesman_b, 500.00) are both overdue on
    2025-06-30 (due on their dates)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a salesperson limited to own documents, who was given the financial viewer group
        cls.fin_salesman = new_test_user(
            cls.env,
            login="sec_fin_salesman",
            name="Vendedor Financeiro",
            groups="sales_team.group_sale_salesman,ficha_cliente.ficha_cliente_group_financial",
        )
        cls.inv_fin = cls._invoice(cls.fin_salesman, "2025-02-10", 100.0)

    def facts(self, user):
        return self.env["ficha.alert.facts"].with_user(user)._collect(self.customer)[self.customer.id]

    def alerts(self, user):
        result = self.env["ficha.alert.facts"].with_user(user)._evaluate(self.customer)
        return {alert.code: alert.message for alert in result[self.customer.id]["alerts"]}

    def test_overdue_figure_and_alert_agree_under_own_documents(self):
        customer = self.customer.with_user(self.fin_salesman)
        self.assertEqual(customer.ficha_overdue_amount, 100.0)
        self.assertEqual(self.facts(self.fin_salesman)["overdue_amount"], 100.0)
        self.assertIn("$\xa0100.00", self.alerts(self.fin_salesman)["overdue"])
        # who sees all invoices sees the three, in the figure and in the alert
        self.assertEqual(self.customer.with_user(self.acc_readonly).ficha_overdue_amount, 900.0)
        self.assertIn("$\xa0900.00", self.alerts(self.acc_readonly)["overdue"])

    def test_indicators_installments_follow_own_documents(self):
        data = indicators_data(self.customer.with_user(self.fin_salesman))
        figures = {m["key"]: m["full"][-1] for section in data["sections"] for m in section["metrics"]}
        self.assertEqual(
            (figures["invoiced"], figures["due"], figures["open_balance"]), (100.0, 100.0, 100.0)
        )

    def test_no_receivable_fact_or_sentence_without_the_financial_group(self):
        # the salesman's own invoice paid late: punctuality facts exist for financial users only
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.inv_own.ids
        ).create({"payment_date": "2025-04-20"})._create_payments()
        facts = self.facts(self.salesman)
        for key in (
            "payment_months",
            "overdue_amount",
            "open_receivable",
            "uninvoiced_amount",
            "credit_limit",
        ):
            self.assertNotIn(key, facts)
        summary = self.customer.with_user(self.salesman).ficha_pattern_summary or ""
        self.assertNotIn("late", summary.lower())
        self.assertTrue(
            set(self.alerts(self.salesman)).isdisjoint({"overdue", "paying_later", "credit_limit"})
        )
        # the same customer seen by the accountant: the payment 36 days late is a fact
        months = self.facts(self.accountant)["payment_months"]
        self.assertEqual(months, [(fields.Date.to_date("2025-03-01"), 300.0, 300.0 * 36)])

    def test_late_repairs_only_with_repair_access(self):
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.product.id,
                "schedule_date": datetime(2025, 6, 1, 9, 0),
            }
        )
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        self.assertNotIn("late_repairs", self.facts(self.sales_all))
        self.assertNotIn("repair_late", self.alerts(self.sales_all))
        stock_user = new_test_user(
            self.env,
            login="sec_stock",
            name="Técnico",
            groups="stock.group_stock_user,ficha_cliente.ficha_cliente_group_user",
        )
        self.assertEqual(self.facts(stock_user)["late_repairs"], 1)
        self.assertIn("repair_late", self.alerts(stock_user))

    def test_company_return_rate_from_visible_invoices(self):
        # a credit note of salesman_b's invoice: the salesman does not see it
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.customer.id,
                "invoice_user_id": self.salesman_b.id,
                "invoice_date": "2025-05-01",
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 1, "price_unit": 50.0, "tax_ids": []}
                    )
                ],
            }
        )
        refund.action_post()
        Query = self.env["ficha.query"]
        today, since = fields.Date.to_date("2025-06-30"), fields.Date.to_date("2022-06-30")
        self.assertEqual(Query.with_user(self.salesman)._company_invoices(today, since), (300.0, 0.0))
        self.assertEqual(Query.with_user(self.sales_all)._company_invoices(today, since), (900.0, 50.0))
        self.assertEqual(Query.with_user(self.sheet_user)._company_invoices(today, since), (0.0, 0.0))

    def test_private_meeting_and_other_company_note_are_no_interaction(self):
        Query = self.env["ficha.query"]
        today = fields.Date.to_date("2025-06-30")
        self.assertFalse(Query.with_user(self.salesman)._last_interactions(self.customer, today))
        self.env["calendar.event"].with_user(self.salesman_b).create(
            {
                "name": "Almoço particular",
                "start": datetime(2025, 6, 20, 12, 0),
                "stop": datetime(2025, 6, 20, 13, 0),
                "privacy": "private",
                "partner_ids": [Command.link(self.customer.id)],
            }
        )
        self.assertFalse(Query.with_user(self.salesman)._last_interactions(self.customer, today))
        self.assertEqual(
            Query.with_user(self.salesman_b)._last_interactions(self.customer, today)[self.customer],
            datetime(2025, 6, 20, 12, 0),
        )


@freeze_time("2025-06-30 12:00:00")
class TestAlertSnapshotAudience(FichaSecurityCommon):
    """The daily check's list shows each user the alerts the sheet would show them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.user_id = cls.salesman
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Cliente da Vendedora B", "is_company": True, "user_id": cls.salesman_b.id}
        )
        cls._invoice(cls.salesman_b, "2025-01-10", 400.0, partner=cls.other_customer)
        cls.env["ficha.alert.state"]._cron_refresh_alerts()

    def seen(self, user):
        states = self.env["ficha.alert.state"].with_user(user).search([])
        return {(state.partner_id.name, state.code) for state in states}

    def test_snapshot_holds_no_figure(self):
        states = self.env["ficha.alert.state"].search([("partner_id", "=", self.customer.id)])
        self.assertIn("overdue", states.mapped("code"))
        self.assertNotIn("message", states._fields)
        overdue = states.filtered(lambda s: s.code == "overdue" and s.company_id == self.company)
        self.assertEqual((overdue.name, overdue.severity), ("Overdue installments", "danger"))
        self.assertEqual(
            overdue.audience_group_id, self.env.ref("ficha_cliente.ficha_cliente_group_financial")
        )

    def test_financial_alerts_only_for_financial_users(self):
        overdue_own = ("Cliente Teste Ltda", "overdue")
        overdue_other = ("Cliente da Vendedora B", "overdue")
        self.assertTrue({overdue_own, overdue_other} <= self.seen(self.acc_readonly))
        self.assertTrue({overdue_own, overdue_other} <= self.seen(self.invoice_user))
        for user in (self.salesman, self.sales_all, self.sheet_user):
            with self.subTest(user=user.login):
                self.assertFalse({code for __, code in self.seen(user)} & {"overdue", "credit_limit"})

    def test_salesperson_sees_own_customers_only(self):
        for user, own, other in (
            (self.salesman, "Cliente Teste Ltda", "Cliente da Vendedora B"),
            (self.salesman_b, "Cliente da Vendedora B", "Cliente Teste Ltda"),
        ):
            with self.subTest(user=user.login):
                names = {name for name, __ in self.seen(user)}
                self.assertIn(own, names)
                self.assertNotIn(other, names)
        self.assertEqual(
            {name for name, __ in self.seen(self.sales_all)}
            & {"Cliente Teste Ltda", "Cliente da Vendedora B"},
            {"Cliente Teste Ltda", "Cliente da Vendedora B"},
        )

    def test_customer_list_level_is_the_users_own(self):
        Partner = self.env["res.partner"]
        ids = (self.customer | self.other_customer).ids
        # both are danger for their overdue invoices (since March and January): for financial users
        danger = Partner.with_user(self.acc_readonly).search(
            [("id", "in", ids), ("ficha_alert_level", "=", "3_danger")]
        )
        self.assertEqual(danger, self.customer | self.other_customer)
        self.assertEqual(self.other_customer.with_user(self.acc_readonly).ficha_alert_level, "3_danger")
        self.assertNotEqual(self.other_customer.with_user(self.sales_all).ficha_alert_level, "3_danger")
        self.assertFalse(
            Partner.with_user(self.sales_all).search(
                [("id", "in", ids), ("ficha_alert_level", "=", "3_danger")]
            )
        )
        # the salesman sees no alert at all of the other salesperson's customer
        self.assertEqual(self.other_customer.with_user(self.salesman).ficha_alert_level, "0_none")
        self.assertIn(
            self.other_customer,
            Partner.with_user(self.salesman).search(
                [("id", "in", ids), ("ficha_alert_level", "=", "0_none")]
            ),
        )
