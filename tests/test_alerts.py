"""Alerts, patterns and health from real documents; the daily check and its activities."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from .common_alerts import FichaAlertsCommon

TODAY = date(2026, 6, 30)


def ago(days):
    return TODAY - timedelta(days=days)


@freeze_time("2026-06-30 12:00:00")
class TestAlerts(FichaAlertsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A steady buyer: an order every 30 days for two years, invoices paid on time, in touch.
        cls.steady = cls._customer("Cliente Constante")
        cls._steady_history(cls.steady, TODAY)
        for months in range(1, 16):
            invoice = cls._invoice(cls.steady, ago(30 * months + 40), 1000.0, due=ago(30 * months + 10))
            cls._pay(invoice, ago(30 * months + 10))
        cls._interaction(cls.steady, ago(5))
        # Stopped buying: the same rhythm, but the last order was 120 days ago.
        cls.stopped = cls._customer("Cliente Sumido")
        for index in range(18):
            cls._order(cls.stopped, ago(120 + 30 * index), 1000.0)
        cls._interaction(cls.stopped, ago(3))
        # Paying later than it used to, with an installment overdue for 75 days.
        cls.late_payer = cls._customer("Cliente Atrasado")
        for months in range(14, 20):
            invoice = cls._invoice(cls.late_payer, ago(30 * months), 1000.0, due=ago(30 * months - 30))
            cls._pay(invoice, ago(30 * months - 30))
        for months in range(3, 7):
            invoice = cls._invoice(cls.late_payer, ago(30 * months + 30), 1000.0, due=ago(30 * months))
            cls._pay(invoice, ago(30 * months - 30))
        cls.overdue_invoice = cls._invoice(cls.late_payer, ago(105), 1500.0, due=ago(75))
        cls._interaction(cls.late_payer, ago(3))
        # Credit limit exceeded by a confirmed order not invoiced yet.
        cls.over_limit = cls._customer("Cliente no Limite")
        # the company uses credit limits (Invoicing settings), as Odoo's own credit check asks
        cls.env.company.account_use_credit_limit = True
        cls.over_limit.credit_limit = 2000.0
        cls._invoice(cls.over_limit, ago(5), 1500.0, due=TODAY + timedelta(days=25))
        cls._order(cls.over_limit, ago(2), 800.0)
        cls._interaction(cls.over_limit, ago(1))
        # Buys less, with more discount, and returns more than it used to.
        cls.shrinking = cls._customer("Cliente Encolhendo")
        for index in range(10):
            cls._order(cls.shrinking, ago(400 + 30 * index), 1000.0, discount=5.0)
        cls._order(cls.shrinking, ago(60), 400.0, discount=20.0)
        cls._order(cls.shrinking, ago(20), 400.0, discount=20.0)
        for days in [400 + 30 * index for index in range(10)] + [60]:
            cls._pay(cls._invoice(cls.shrinking, ago(days), 1000.0), ago(days))
        cls._invoice(cls.shrinking, ago(30), 300.0, refund=True)
        cls._interaction(cls.shrinking, ago(2))
        # Operations pending: quotations, a late delivery, a late repair, silence for 120 days.
        cls.pending = cls._customer("Cliente Pendente")
        cls._order(cls.pending, ago(1), 500.0, confirm=False).validity_date = TODAY + timedelta(days=3)
        cls._order(cls.pending, ago(40), 500.0, confirm=False).validity_date = ago(10)
        cls._order(cls.pending, ago(30), 500.0, confirm=False).validity_date = TODAY + timedelta(days=20)
        delivery_order = cls._order(cls.pending, ago(30), 100.0, product=cls.goods)
        delivery_order.picking_ids.scheduled_date = datetime(2026, 6, 20, 10, 0)
        repair = cls.env["repair.order"].create(
            {"partner_id": cls.pending.id, "schedule_date": datetime(2026, 6, 25, 9, 0)}
        )
        repair._action_repair_confirm()
        cls._interaction(cls.pending, ago(120))

    def assertAlerts(self, partner, expected):
        alerts = self._alerts(partner)
        self.assertEqual({code: alert.severity for code, alert in alerts.items()}, expected)
        return alerts

    def test_steady_buyer_triggers_no_alert(self):
        self.assertAlerts(self.steady, {})
        self.assertEqual(self.steady.ficha_health_score, 100)
        self.assertEqual(self.steady.ficha_alert_count, 0)
        self.assertFalse(self.steady.ficha_alert_banner_html)
        self.assertEqual(
            self.steady.ficha_pattern_summary.splitlines()[0], "Buys every ~30 days; last order 10 days ago."
        )
        # the contact person's sheet shows the company's patterns
        contact = self.env["res.partner"].create({"name": "Comprador", "parent_id": self.steady.id})
        self.assertEqual(contact.ficha_pattern_summary, self.steady.ficha_pattern_summary)

    def test_stopped_buying(self):
        alerts = self.assertAlerts(self.stopped, {"stopped_buying": "danger"})
        self.assertEqual(
            alerts["stopped_buying"].message,
            "Stopped buying: last order 120 days ago, usually buys every 30 days.",
        )
        self.assertEqual(self.stopped.ficha_health_score, 65)
        self.assertIn("Stopped buying", self.stopped.ficha_alert_banner_html)

    def test_paying_later_and_overdue(self):
        alerts = self.assertAlerts(self.late_payer, {"overdue": "danger", "paying_later": "warning"})
        self.assertEqual(
            alerts["overdue"].message, "Overdue: $\xa01,500.00 past due, the oldest for 75 days."
        )
        self.assertIn(
            "30 days late on average in the last 12 months vs 0 in the 2 years before",
            alerts["paying_later"].message,
        )
        # receivables are shown to financial viewers only
        self.assertEqual(self.late_payer.with_user(self.accountant).ficha_alert_count, 2)
        self.assertEqual(self.late_payer.with_user(self.salesman).ficha_alert_count, 0)
        self.assertEqual(self.late_payer.with_user(self.accountant).ficha_alert_max_severity, "danger")
        self.assertEqual(self.late_payer.with_user(self.accountant).ficha_health_score, 58)  # 100 - 30 - 12

    def test_overdue_counts_installments_older_than_the_punctuality_window(self):
        # the punctuality compares the last 3 years only; what is overdue counts however old
        partner = self._customer("Cliente Devedor Antigo")
        self._invoice(partner, ago(1500), 700.0, due=ago(1470))
        facts = self.env["ficha.alert.facts"]._collect(partner)[partner.id]
        self.assertNotIn("payment_months", facts)
        self.assertEqual((facts["overdue_amount"], facts["overdue_days"]), (700.0, 1470))
        self.assertEqual(
            self._alerts(partner)["overdue"].message,
            "Overdue: $\xa0700.00 past due, the oldest for 1470 days.",
        )

    def test_credit_limit_counts_uninvoiced_orders(self):
        alerts = self.assertAlerts(self.over_limit, {"credit_limit": "danger"})
        self.assertEqual(
            alerts["credit_limit"].message,
            "Credit limit: $\xa02,300.00 used ($\xa01,500.00 open receivables + $\xa0800.00 confirmed orders "
            "not invoiced) of $\xa02,000.00 (115%).",
        )

    def test_ticket_volume_discount_and_returns(self):
        alerts = self.assertAlerts(
            self.shrinking,
            {
                "ticket_drop": "warning",
                "volume_drop": "danger",
                "discount_above_usual": "warning",
                "return_rate": "warning",
            },
        )
        self.assertEqual(
            alerts["ticket_drop"].message,
            "Average ticket dropped 66%: $\xa0320.00 in the last 6 months vs $\xa0950.00 before.",
        )
        self.assertIn(
            "Purchases dropped 93%: $\xa0640.00 in the last 12 months vs $\xa09,500.00",
            alerts["volume_drop"].message,
        )
        self.assertEqual(
            alerts["discount_above_usual"].message,
            "Discount above usual: 20.0% in the last 3 months vs 5.0% in the 12 months before.",
        )
        self.assertEqual(
            alerts["return_rate"].message,
            "Returns 30.0% of what it bought in the last 12 months vs 0.0% before.",
        )

    def test_usual_discount_is_the_one_of_the_year_before_the_last_3_months(self):
        # Half-price orders two years ago do not make today's 10% usual: the usual discount is
        # the one of the 12 months before the last 3 (none here), and only those months are read.
        partner = self._customer("Cliente Desconto Antigo")
        self._order(partner, ago(700), 1000.0, discount=50.0)
        self._order(partner, ago(200), 1000.0)
        self._order(partner, ago(20), 1000.0, discount=10.0)
        facts = self.env["ficha.alert.facts"]._collect(partner)[partner.id]
        self.assertEqual(
            sorted(facts["discount_months"]),
            [(date(2025, 12, 1), 1000.0, 0.0), (date(2026, 6, 1), 1000.0, 100.0)],
        )
        self.assertEqual(
            self._alerts(partner)["discount_above_usual"].message,
            "Discount above usual: 10.0% in the last 3 months vs 0.0% in the 12 months before.",
        )

    def test_pending_operations_and_silence(self):
        alerts = self.assertAlerts(
            self.pending,
            {
                "quotation_expiry": "warning",
                "delivery_late": "warning",
                "repair_late": "warning",
                "no_interaction": "info",
            },
        )
        self.assertEqual(
            alerts["quotation_expiry"].message, "1 quotation(s) expiring within 7 days, 1 already expired."
        )
        self.assertEqual(alerts["delivery_late"].message, "1 delivery(ies) late, the oldest by 10 days.")
        self.assertEqual(alerts["repair_late"].message, "1 repair(s) late, the oldest by 5 days.")
        self.assertEqual(alerts["no_interaction"].message, "No interaction for 120 days.")
        # most severe first in the banner and on the page
        self.assertEqual([a["severity"] for a in self.pending.ficha_alerts_json], ["warning"] * 3 + ["info"])

    def test_thresholds_from_settings(self):
        self.env.company.ficha_alert_no_interaction_days = 121
        self.env.company.ficha_alert_delivery_late_days = 10
        self.assertNotIn("no_interaction", self._alerts(self.pending))
        self.assertNotIn("delivery_late", self._alerts(self.pending))

    def test_facts_query_count_does_not_grow_with_customers(self):
        facts_model = self.env["ficha.alert.facts"]
        counts = []
        for partners in (
            self.steady,
            self.steady | self.stopped | self.late_payer | self.shrinking | self.pending,
        ):
            facts_model._collect(partners)  # warm the registry caches (defaults, access rights)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            facts_model._collect(partners)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        # one query per source; the amount to invoice is Odoo's (the ORM reads the orders with a
        # line left to invoice, their lines, products, invoice lines and currencies)
        self.assertLessEqual(counts[0], 26)

    def test_banner_and_alerts_page_are_one_evaluation(self):
        """The banner, the alerts page and the health come from one evaluation of the rules, without
        the preferred products (read apart, for the sales history page)."""
        facts_model = self.env["ficha.alert.facts"]
        partners = self.steady | self.stopped | self.late_payer | self.shrinking | self.pending
        self.assertNotIn("products", facts_model._collect(partners)[self.steady.id])
        banner = {"ficha_alert_count": {}, "ficha_alerts_json": {}}
        page = {"ficha_alert_details_html": {}, "ficha_pattern_summary": {}, "ficha_health_score": {}}
        counts = []
        for spec in (banner, {**banner, **page}):
            partners.web_read(spec)  # warm the registry caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners.web_read(spec)
            counts.append(self.env.cr.sql_log_count - before)
        # read together (the banner's section), the page's figures cost one query more: since when
        # each alert fires (the daily check's states), not a second evaluation
        self.assertEqual(counts[1], counts[0] + 1)
        result = facts_model._evaluate(partners)
        self.assertEqual(self.stopped.ficha_alert_count, len(result[self.stopped.id]["alerts"]))
        self.assertGreater(self.stopped.ficha_alert_count, 0)
        self.assertEqual(
            self.stopped.ficha_alerts_json, [alert.to_dict() for alert in result[self.stopped.id]["alerts"]]
        )
        self.assertIn("Stopped buying", self.stopped.ficha_alert_details_html)

    def test_preferences_are_the_year_up_to_the_latest_order(self):
        """Preferred products and categories: what the customer bought in the 12 months up to its
        latest order, even when that order is old (a customer who stopped buying)."""
        category = self.env["product.category"].create({"name": "Uniformes"})
        shirt, cap = self.env["product.product"].create(
            [
                {"name": "Camisa Polo", "type": "consu", "categ_id": category.id, "taxes_id": []},
                {"name": "Boné Antigo", "type": "consu", "taxes_id": []},
            ]
        )
        dormant = self._customer("Cliente Adormecido")
        self._order(dormant, ago(900), 5000.0, product=cap)  # before the year up to the last order
        self._order(dormant, ago(500), 800.0, product=shirt)
        self._order(dormant, ago(400), 200.0, product=shirt, discount=50.0)
        self._order(dormant, ago(450), 300.0, product=self.service)
        facts = self.env["ficha.alert.facts"]._preference_facts(dormant, today=TODAY)[dormant.id]
        self.assertEqual(
            sorted(facts["products"]),
            [("Camisa Polo", 900.0), (self.service.display_name, 300.0)],
        )
        self.assertEqual(
            sorted(facts["categories"]),
            sorted([(category.display_name, 900.0), (self.service.categ_id.display_name, 300.0)]),
        )
        summary = dormant.with_context(tz="UTC").ficha_preference_summary
        self.assertIn("Camisa Polo", summary)
        self.assertNotIn("Boné Antigo", summary)
        self.assertNotIn("Camisa Polo", dormant.ficha_pattern_summary)

    def test_daily_check_creates_one_activity_and_clears_states(self):
        State = self.env["ficha.alert.state"]
        activities = self.env["mail.activity"].search([("res_model", "=", "res.partner")])
        State._cron_refresh_alerts()
        states = State.search([("partner_id", "=", self.late_payer.id)])
        self.assertEqual(set(states.mapped("code")), {"overdue", "paying_later"})
        self.assertEqual(self.late_payer.ficha_alert_level, "3_danger")
        self.assertEqual(self.steady.ficha_alert_level, "0_none")
        with freeze_time("2026-07-01 12:00:00"):
            State._cron_refresh_alerts()
        new_activities = self.env["mail.activity"].search([("res_model", "=", "res.partner")]) - activities
        danger_partners = State.search([("severity", "=", "danger")]).partner_id
        self.assertEqual(sorted(new_activities.mapped("res_id")), sorted(danger_partners.ids))
        activity = new_activities.filtered(lambda a: a.res_id == self.late_payer.id)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        # the activity names the alerts, without amounts (whoever reads the chatter reads it)
        self.assertEqual(activity.summary, "Customer alert: overdue installments: see the customer sheet")
        self.assertNotIn("1,500", activity.note)
        self.assertEqual(str(activity.note), "<p>Overdue installments</p>")
        overdue_state = states.filtered(lambda s: s.code == "overdue")
        self.assertEqual(overdue_state.first_seen, TODAY)
        # the list filters on the daily level (the user's own: not stored, so not sorted)
        Partner = self.env["res.partner"]
        danger = Partner.search([("ficha_alert_level", "=", "3_danger")])
        self.assertIn(self.late_payer, danger)
        self.assertNotIn(self.steady, danger)
        self.assertEqual(Partner.search([("ficha_alert_max_severity", "=", "danger")]), danger)
        levels = (self.late_payer | self.pending | self.steady).mapped("ficha_alert_level")
        self.assertEqual(levels, ["3_danger", "2_warning", "0_none"])
        self.assertEqual(
            Partner.search([("ficha_alert_level", "in", ("2_warning", "3_danger"))])
            & (self.pending | self.steady),
            self.pending,
        )
        # paid: the overdue alert stops firing and its state is cleared
        self._pay(self.overdue_invoice, TODAY)
        State._cron_refresh_alerts()
        self.assertEqual(
            State.search([("partner_id", "=", self.late_payer.id)]).mapped("code"), ["paying_later"]
        )
        self.assertEqual(self.late_payer.ficha_alert_level, "2_warning")
