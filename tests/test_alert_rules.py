"""Every alert rule on plain data: fires, does not fire, edge of the threshold."""

import unittest
from datetime import date, timedelta

from odoo.addons.ficha_cliente.tools import alert_rules as rules
from odoo.addons.ficha_cliente.tools.patterns import build_patterns, identity_translate

TODAY = date(2026, 6, 30)
LIMITS = dict(rules.DEFAULT_THRESHOLDS)


def run(rule, facts=None, **pattern_values):
    facts = dict({"today": TODAY}, **(facts or {}))
    patterns = build_patterns(facts)
    patterns.update(pattern_values)
    return rule(facts, patterns, LIMITS, identity_translate)


class TestAlertRules(unittest.TestCase):
    def test_stopped_buying(self):
        alert = run(rules.stopped_buying, median_interval=30, days_since_last_order=95)
        self.assertEqual(alert.severity, rules.DANGER)
        self.assertEqual(alert.message, "Stopped buying: last order 95 days ago, usually buys every 30 days.")
        self.assertEqual(
            run(rules.stopped_buying, median_interval=30, days_since_last_order=61).severity, "warning"
        )
        # edge: exactly twice the interval does not fire; nor below the minimum days
        self.assertIsNone(run(rules.stopped_buying, median_interval=30, days_since_last_order=60))
        self.assertIsNone(run(rules.stopped_buying, median_interval=10, days_since_last_order=29))
        self.assertIsNone(run(rules.stopped_buying, median_interval=None, days_since_last_order=400))

    def test_ticket_drop(self):
        alert = run(rules.ticket_drop, recent_ticket=600.0, usual_ticket=1000.0)
        self.assertEqual(
            alert.message, "Average ticket dropped 40%: 600.00 in the last 6 months vs 1000.00 before."
        )
        self.assertTrue(run(rules.ticket_drop, recent_ticket=700.0, usual_ticket=1000.0))  # edge: 30% fires
        self.assertIsNone(run(rules.ticket_drop, recent_ticket=701.0, usual_ticket=1000.0))
        self.assertIsNone(run(rules.ticket_drop, recent_ticket=None, usual_ticket=1000.0))

    def test_volume_drop(self):
        alert = run(rules.volume_drop, recent_volume=3000.0, previous_volume=10000.0)
        self.assertEqual(alert.severity, rules.DANGER)
        self.assertIn("Purchases dropped 70%: 3000.00 in the last 12 months vs 10000.00", alert.message)
        self.assertEqual(
            run(rules.volume_drop, recent_volume=7000.0, previous_volume=10000.0).severity, "warning"
        )
        self.assertIsNone(run(rules.volume_drop, recent_volume=7001.0, previous_volume=10000.0))
        self.assertIsNone(run(rules.volume_drop, recent_volume=5000.0, previous_volume=0.0))

    def test_paying_later(self):
        alert = run(rules.paying_later, recent_days_late=25.0, usual_days_late=3.0)
        self.assertIn(
            "25 days late on average in the last 12 months vs 3 in the 2 years before", alert.message
        )
        self.assertTrue(run(rules.paying_later, recent_days_late=13.0, usual_days_late=3.0))  # edge: +10
        self.assertIsNone(run(rules.paying_later, recent_days_late=12.9, usual_days_late=3.0))
        self.assertIsNone(run(rules.paying_later, recent_days_late=40.0, usual_days_late=None))

    def test_overdue(self):
        alert = run(rules.overdue, {"overdue_amount": 1500.0, "overdue_days": 75})
        self.assertEqual(
            (alert.severity, alert.message), ("danger", "Overdue: 1500.00 past due, the oldest for 75 days.")
        )
        self.assertEqual(run(rules.overdue, {"overdue_amount": 1.0, "overdue_days": 60}).severity, "warning")
        self.assertIsNone(run(rules.overdue, {"overdue_amount": 0.0}))
        LIMITS["overdue_amount"] = 500.0
        try:
            self.assertIsNone(run(rules.overdue, {"overdue_amount": 500.0, "overdue_days": 90}))
            self.assertTrue(run(rules.overdue, {"overdue_amount": 500.01, "overdue_days": 90}))
        finally:
            LIMITS["overdue_amount"] = rules.DEFAULT_THRESHOLDS["overdue_amount"]

    def test_credit_limit(self):
        facts = {"credit_limit": 10000.0, "open_receivable": 8000.0, "uninvoiced_amount": 3000.0}
        alert = run(rules.credit_limit, facts)
        self.assertEqual(alert.severity, rules.DANGER)
        self.assertEqual(
            alert.message,
            "Credit limit: 11000.00 used (8000.00 open receivables + 3000.00 confirmed orders not invoiced) "
            "of 10000.00 (110%).",
        )
        facts.update(uninvoiced_amount=1000.0)  # edge: 90% warns
        self.assertEqual(run(rules.credit_limit, facts).severity, rules.WARNING)
        facts.update(uninvoiced_amount=999.0)
        self.assertIsNone(run(rules.credit_limit, facts))
        self.assertIsNone(run(rules.credit_limit, dict(facts, credit_limit=0.0, open_receivable=1e9)))

    def test_return_rate(self):
        alert = run(rules.return_rate, recent_return_rate=0.12, usual_return_rate=0.02)
        self.assertEqual(
            alert.message, "Returns 12.0% of what it bought in the last 12 months vs 2.0% before."
        )
        # no history of its own: compare with the company's usual rate
        alert = run(
            rules.return_rate, {"company_return_rate": 0.04}, recent_return_rate=0.061, usual_return_rate=None
        )
        self.assertIn("vs 4.0% for the company's customers", alert.message)
        self.assertIsNone(
            run(
                rules.return_rate,
                {"company_return_rate": 0.04},
                recent_return_rate=0.06,
                usual_return_rate=None,
            )
        )
        # below the minimum rate never fires, even with no usual returns
        self.assertIsNone(run(rules.return_rate, recent_return_rate=0.049, usual_return_rate=0.0))
        self.assertTrue(run(rules.return_rate, recent_return_rate=0.05, usual_return_rate=0.0))

    def test_needs_company_return_rate(self):
        today = date(2026, 6, 15)
        recent, older = date(2026, 3, 1), date(2024, 3, 1)

        def needs(*months):
            return rules.needs_company_return_rate({"today": today, "invoice_months": list(months)})

        # returns in the last 12 months and no invoice before them: compared with the company
        self.assertTrue(needs((recent, 1000.0, 80.0)))
        # no return lately, or a history of its own to compare with: the company rate is not read
        self.assertFalse(needs((recent, 1000.0, 0.0)))
        self.assertFalse(needs((recent, 1000.0, 80.0), (older, 5000.0, 0.0)))
        self.assertFalse(needs())

    def test_discount_above_usual(self):
        alert = run(rules.discount_above_usual, recent_discount=15.0, usual_discount=5.0)
        self.assertEqual(
            alert.message, "Discount above usual: 15.0% in the last 3 months vs 5.0% in the 12 months before."
        )
        self.assertTrue(run(rules.discount_above_usual, recent_discount=10.0, usual_discount=5.0))
        self.assertIsNone(run(rules.discount_above_usual, recent_discount=9.9, usual_discount=5.0))
        self.assertIsNone(run(rules.discount_above_usual, recent_discount=15.0, usual_discount=None))

    def test_quotation_expiry(self):
        alert = run(rules.quotation_expiry, {"quotations_expiring": 2, "quotations_expired": 1})
        self.assertEqual(
            (alert.severity, alert.message),
            ("warning", "2 quotation(s) expiring within 7 days, 1 already expired."),
        )
        alert = run(rules.quotation_expiry, {"quotations_expired": 3})
        self.assertEqual((alert.severity, alert.message), ("info", "3 open quotation(s) already expired."))
        self.assertIsNone(run(rules.quotation_expiry, {"quotations_expired": 0, "quotations_expiring": 0}))

    def test_delivery_and_repair_late(self):
        alert = run(rules.delivery_late, {"late_deliveries": 2, "late_delivery_days": 9})
        self.assertEqual(alert.message, "2 delivery(ies) late, the oldest by 9 days.")
        self.assertIsNone(run(rules.delivery_late, {"late_deliveries": 2, "late_delivery_days": 2}))
        self.assertTrue(run(rules.delivery_late, {"late_deliveries": 1, "late_delivery_days": 3}))
        alert = run(rules.repair_late, {"late_repairs": 1, "late_repair_days": 5})
        self.assertEqual(alert.message, "1 repair(s) late, the oldest by 5 days.")
        self.assertIsNone(run(rules.repair_late, {"late_repairs": 1, "late_repair_days": 2}))
        self.assertIsNone(run(rules.repair_late, {}))

    def test_no_interaction(self):
        alert = run(rules.no_interaction, {"last_interaction_date": TODAY - timedelta(days=120)})
        self.assertEqual(alert.message, "No interaction for 120 days.")
        self.assertTrue(run(rules.no_interaction, {"last_interaction_date": TODAY - timedelta(days=90)}))
        self.assertIsNone(run(rules.no_interaction, {"last_interaction_date": TODAY - timedelta(days=89)}))
        alert = run(rules.no_interaction, {"customer_since": TODAY - timedelta(days=200)})
        self.assertIn("since it became a customer 200 days ago", alert.message)
        self.assertIsNone(run(rules.no_interaction, {}))

    def test_references_stale_is_optional(self):
        self.assertIsNone(run(rules.references_stale, {}))
        self.assertIsNone(run(rules.references_stale, {"stale_references": 0}))
        alert = run(rules.references_stale, {"stale_references": 2, "stale_reference_days": 365})
        self.assertEqual(alert.message, "2 commercial reference(s) not checked for 365 days or more.")

    def test_evaluate_sorts_most_severe_first_and_steady_buyer_has_none(self):
        orders = [(TODAY - timedelta(days=10 + 30 * index), 1000.0, 1) for index in reversed(range(24))]
        steady = {"today": TODAY, "orders": orders, "last_interaction_date": TODAY - timedelta(days=5)}
        self.assertEqual(rules.evaluate(steady), [])
        troubled = dict(
            steady,
            overdue_amount=900.0,
            overdue_days=90,
            quotations_expired=1,
            late_deliveries=1,
            late_delivery_days=5,
        )
        alerts = rules.evaluate(troubled)
        self.assertEqual([a.code for a in alerts], ["overdue", "delivery_late", "quotation_expiry"])
        self.assertEqual(rules.max_severity(alerts), "danger")
        self.assertFalse(rules.max_severity([]))
        # thresholds come from a plain dict
        self.assertEqual(len(rules.evaluate(troubled, {"overdue_amount": 1000.0})), 2)
