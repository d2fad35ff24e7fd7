"""Unit tests of the aging buckets and the customer's position, on plain data."""

import unittest
from datetime import date, timedelta

from odoo.addons.ficha_cliente.tools.installments import (
    AGING_KEYS,
    aging_bucket,
    aging_domain,
    aging_due_range,
)
from odoo.addons.ficha_cliente.tools.position import (
    first_balance_month,
    largest_month_end_balance,
    weighted_average,
)

TODAY = date(2024, 3, 15)


class TestAgingBucket(unittest.TestCase):
    def test_boundaries(self):
        cases = {
            0: "not_due",  # due today: not late yet
            -10: "not_due",  # due in 10 days
            1: "late_1_30",
            30: "late_1_30",
            31: "late_31_60",
            60: "late_31_60",
            61: "late_61_90",
            90: "late_61_90",
            91: "late_over_90",
            4000: "late_over_90",
        }
        for days_late, bucket in cases.items():
            with self.subTest(days_late=days_late):
                self.assertEqual(aging_bucket(TODAY - timedelta(days=days_late), TODAY), bucket)

    def test_due_range_matches_the_bucket(self):
        self.assertEqual(aging_due_range("not_due", TODAY), (TODAY, None))
        self.assertEqual(aging_due_range("late_1_30", TODAY), (date(2024, 2, 14), date(2024, 3, 14)))
        self.assertEqual(aging_due_range("late_31_60", TODAY), (date(2024, 1, 15), date(2024, 2, 13)))
        self.assertEqual(aging_due_range("late_61_90", TODAY), (date(2023, 12, 16), date(2024, 1, 14)))
        self.assertEqual(aging_due_range("late_over_90", TODAY), (None, date(2023, 12, 15)))
        # every day of the last 200 falls in exactly the range of its own bucket
        for days in range(-20, 200):
            due = TODAY - timedelta(days=days)
            inside = [
                key
                for key in AGING_KEYS
                if (aging_due_range(key, TODAY)[0] or date.min)
                <= due
                <= (aging_due_range(key, TODAY)[1] or date.max)
            ]
            self.assertEqual(inside, [aging_bucket(due, TODAY)], due)

    def test_unknown_bucket(self):
        with self.assertRaises(ValueError):
            aging_due_range("late_1_29", TODAY)

    def test_domain(self):
        self.assertEqual(
            aging_domain("late_31_60", TODAY),
            [
                ("reconciled", "=", False),
                ("amount_residual", ">", 0),
                ("date_due", ">=", date(2024, 1, 15)),
                ("date_due", "<=", date(2024, 2, 13)),
            ],
        )
        self.assertEqual(aging_domain("not_due", TODAY)[2:], [("date_due", ">=", TODAY)])
        self.assertEqual(aging_domain("late_over_90", TODAY)[2:], [("date_due", "<=", date(2023, 12, 15))])


class TestLargestMonthEndBalance(unittest.TestCase):
    def test_window_of_sixty_months(self):
        self.assertEqual(first_balance_month(date(2024, 6, 15)), date(2019, 7, 1))
        self.assertEqual(first_balance_month(date(2024, 2, 29)), date(2019, 3, 1))

    def test_cumulates_from_the_balance_before_the_window(self):
        movements = [
            (date(2019, 1, 1), 500.0),  # before the window: the opening balance
            (date(2019, 7, 1), 100.0),
            (date(2020, 3, 1), -550.0),
            (date(2021, 5, 1), 300.0),
        ]
        # 2019-07: 600 (500 before + 100), 2020-03: 50, 2021-05: 350
        self.assertEqual(
            largest_month_end_balance(movements, date(2019, 7, 1), date(2024, 6, 15)),
            (600.0, date(2019, 7, 31)),
        )

    def test_opening_balance_alone_counts_at_the_first_month_end(self):
        self.assertEqual(
            largest_month_end_balance([(date(2018, 2, 1), 250.0)], date(2019, 7, 1), date(2024, 6, 15)),
            (250.0, date(2019, 7, 31)),
        )

    def test_current_month_is_today_and_first_month_wins_a_tie(self):
        movements = [(date(2024, 4, 1), 100.0), (date(2024, 5, 1), -100.0), (date(2024, 6, 1), 100.0)]
        self.assertEqual(
            largest_month_end_balance(movements, date(2019, 7, 1), date(2024, 6, 15)),
            (100.0, date(2024, 4, 30)),
        )
        movements.append((date(2024, 6, 1), 0.5))
        self.assertEqual(
            largest_month_end_balance(movements, date(2019, 7, 1), date(2024, 6, 15)),
            (100.5, date(2024, 6, 15)),
        )

    def test_never_owed(self):
        self.assertEqual(largest_month_end_balance([], date(2019, 7, 1), TODAY), (0.0, None))
        self.assertEqual(
            largest_month_end_balance([(date(2023, 1, 1), -80.0)], date(2019, 7, 1), TODAY), (0.0, None)
        )

    def test_weighted_average(self):
        self.assertAlmostEqual(weighted_average(400 * 24 + 300 * 72, 700), 44.571, places=3)
        self.assertEqual(weighted_average(0.0, 0.0), 0.0)
