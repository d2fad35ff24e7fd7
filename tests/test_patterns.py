"""Behaviour patterns on plain data (no database)."""

import unittest
from datetime import date, timedelta

from odoo.addons.ficha_cliente.tools import patterns

TODAY = date(2026, 6, 30)


def steady_orders(count=12, every=30, amount=1000.0, last=TODAY - timedelta(days=10)):
    return [(last - timedelta(days=every * index), amount, 1) for index in reversed(range(count))]


def dated(days):
    """Orders of one each on ``days`` (amounts do not matter)."""
    return [(day, 100.0, 1) for day in days]


class TestPatterns(unittest.TestCase):
    def test_median_interval_needs_three_orders(self):
        self.assertIsNone(patterns.median_interval([date(2026, 1, 1), date(2026, 2, 1)]))
        dates = [date(2026, 1, 1), date(2026, 1, 11), date(2026, 2, 10), date(2026, 2, 20)]
        # gaps 10, 30, 10 -> median 10
        self.assertEqual(patterns.median_interval(dates), 10)

    def test_ticket_and_volume_trend(self):
        orders = [(TODAY - timedelta(days=300), 1000.0, 1), (TODAY - timedelta(days=200), 800.0, 1)]
        orders += [(TODAY - timedelta(days=100), 400.0, 1), (TODAY - timedelta(days=20), 200.0, 1)]
        self.assertEqual(patterns.ticket_trend(orders, TODAY), (300.0, 900.0))
        orders.append((TODAY - timedelta(days=400), 5000.0, 1))
        self.assertEqual(patterns.volume_trend(orders, TODAY), (2400.0, 5000.0))
        # a day of two orders for 1,200 in all is two tickets: (1000 + 800 + 1200) / 4
        orders.append((TODAY - timedelta(days=250), 1200.0, 2))
        self.assertEqual(patterns.ticket_trend(orders[:4] + orders[5:], TODAY), (300.0, 750.0))

    def test_discount_return_and_punctuality(self):
        months = [(date(2025, 6, 1), 1000.0, 50.0), (date(2026, 6, 1), 1000.0, 150.0)]
        self.assertEqual(patterns.discount_trend(months, TODAY), (15.0, 5.0))
        # the usual discount is the one of the 12 months before the last 3: older months do not count
        months.append((date(2024, 1, 1), 1000.0, 450.0))
        self.assertEqual(patterns.discount_trend(months, TODAY), (15.0, 5.0))
        self.assertEqual(patterns.discount_trend(months[2:] + months[1:2], TODAY), (15.0, None))
        invoices = [(date(2024, 1, 1), 1000.0, 20.0), (date(2026, 3, 1), 2000.0, 300.0)]
        self.assertEqual(patterns.return_rate(invoices, TODAY), (0.15, 0.02))
        payments = [(date(2024, 1, 1), 1000.0, 2000.0), (date(2026, 3, 1), 500.0, 10000.0)]
        self.assertEqual(patterns.punctuality_trend(payments, TODAY), (20.0, 2.0))
        # the usual punctuality is the one of the 2 years before the last 12 months
        payments.append((date(2023, 6, 1), 1000.0, 90000.0))
        self.assertEqual(patterns.punctuality_trend(payments, TODAY), (20.0, 2.0))
        self.assertEqual(patterns.punctuality_window_start(TODAY), date(2023, 8, 1))

    def test_discount_window_start(self):
        # recent: months starting after today - 90 days; usual: the 365 days before them
        self.assertEqual(patterns.discount_window_start(date(2026, 6, 15)), date(2025, 4, 1))
        # a month starting exactly at the limit is not in the window (as in _split)
        self.assertEqual(patterns.discount_window_start(date(2026, 6, 30)), date(2025, 5, 1))
        self.assertEqual(patterns.discount_window_start(date(2026, 6, 15), usual_days=0), date(2026, 4, 1))

    def test_preference_window_is_the_year_up_to_the_latest_order(self):
        self.assertEqual(patterns.preference_window_start(date(2026, 6, 15)), date(2025, 6, 16))
        self.assertEqual(patterns.preference_window_start(date(2024, 3, 1), days=30), date(2024, 2, 1))

    def test_preferred_and_seasonality(self):
        self.assertEqual(
            patterns.preferred([("A", 10), ("B", 30), ("C", 20), ("D", 5), ("E", 0)]), ["B", "C", "A"]
        )
        # Buys in November and December of three years, once in March.
        dates = [date(year, month, 5) for year in (2023, 2024, 2025) for month in (11, 12)] + [
            date(2025, 3, 1)
        ]
        self.assertEqual(patterns.seasonality_months(dated(dates)), [11, 12])
        # Two orders in a month are not a season yet.
        self.assertEqual(
            patterns.seasonality_months(dated([date(2024, 1, 5), date(2025, 1, 5), date(2025, 6, 1)])), []
        )
        # One year of history is not a season.
        self.assertEqual(patterns.seasonality_months(dated([date(2025, 11, 1), date(2025, 12, 1)])), [])
        # orders counted with their number per day: three orders on one November day count
        busy_days = [(date(2024, 11, 5), 300.0, 3), (date(2025, 11, 5), 300.0, 3), (date(2025, 3, 1), 1.0, 1)]
        self.assertEqual(patterns.seasonality_months(busy_days), [11])

    def test_describe_steady_buyer(self):
        facts = {
            "today": TODAY,
            "orders": steady_orders(),
        }
        result = patterns.build_patterns(facts)
        self.assertEqual(result["median_interval"], 30)
        self.assertEqual(result["days_since_last_order"], 10)
        sentences = patterns.describe_patterns(result)
        self.assertEqual(sentences[0], "Buys every ~30 days; last order 10 days ago.")
        self.assertIn("Average ticket 1000.00 in the last 6 months vs 1000.00 before (+0%).", sentences)
        self.assertFalse([sentence for sentence in sentences if sentence.startswith("Prefers")])

    def test_describe_preferences(self):
        products = [("Boné", 3000.0), ("Meia", 0.0), ("Camiseta", 9000.0), ("Calça", 3000.0), ("Luva", 10.0)]
        self.assertEqual(
            patterns.describe_preferences(products, [("Uniformes", 12000.0)]),
            # the 3 largest, ties by name; nothing bought (0.00) is no preference
            ["Prefers Camiseta, Boné, Calça.", "Main categories: Uniformes."],
        )
        self.assertEqual(patterns.describe_preferences([], []), [])

    def test_describe_without_orders(self):
        result = patterns.build_patterns({"today": TODAY})
        self.assertEqual(patterns.describe_patterns(result), ["No confirmed order yet."])
