"""Unit tests of the installment classification and late charges, on plain data."""

import unittest
from datetime import date

from odoo.addons.ficha_cliente.tools.installments import (
    days_late,
    five_years_before,
    installment_status,
    payment_verdict,
    updated_amount,
)

TODAY = date(2024, 3, 15)


def fake_gettext(source, **kwargs):
    return source % kwargs if kwargs else source


class TestInstallmentStatus(unittest.TestCase):
    def test_settled_kinds_win_over_dates(self):
        for kind in ("paid_on_time", "paid_late", "credit_note"):
            self.assertEqual(installment_status(kind, 100.0, 0.0, date(2024, 1, 1), TODAY), kind)

    def test_overdue_when_due_before_today_and_something_open(self):
        self.assertEqual(installment_status(None, 100.0, 100.0, date(2024, 3, 14), TODAY), "overdue")
        # A partly paid installment past its due date is overdue: the red colour matters more.
        self.assertEqual(installment_status(None, 100.0, 40.0, date(2024, 3, 14), TODAY), "overdue")

    def test_due_today_is_still_open(self):
        self.assertEqual(installment_status(None, 100.0, 100.0, TODAY, TODAY), "open")

    def test_partial_not_yet_due(self):
        self.assertEqual(installment_status(None, 100.0, 60.0, date(2024, 4, 1), TODAY), "partial")

    def test_credit_note_line_is_never_overdue(self):
        self.assertEqual(
            installment_status(None, -50.0, -50.0, date(2023, 1, 1), TODAY, is_refund=True), "open"
        )
        self.assertEqual(
            installment_status(None, -50.0, -20.0, date(2023, 1, 1), TODAY, is_refund=True), "partial"
        )


class TestDaysLate(unittest.TestCase):
    def test_settled_late_counts_from_due_to_settlement(self):
        self.assertEqual(days_late("paid_late", date(2024, 1, 31), date(2024, 2, 12), TODAY), 12)

    def test_settled_early_is_zero(self):
        self.assertEqual(days_late("paid_on_time", date(2024, 1, 31), date(2024, 1, 20), TODAY), 0)

    def test_overdue_counts_to_today_across_leap_day(self):
        self.assertEqual(days_late("overdue", date(2024, 2, 28), None, TODAY), 16)
        self.assertEqual(days_late("overdue", date(2023, 12, 31), None, date(2024, 1, 1)), 1)

    def test_open_and_partial_are_not_late(self):
        self.assertEqual(days_late("open", date(2024, 4, 1), None, TODAY), 0)
        self.assertEqual(days_late("partial", date(2024, 4, 1), None, TODAY), 0)


class TestLateCharges(unittest.TestCase):
    def test_fine_plus_pro_rata_interest(self):
        # 2% fine + 1% a month for 15 days on 1000.00: 20.00 + 5.00
        self.assertEqual(updated_amount(1000.0, 15, 2.0, 1.0), 1025.0)
        # 45 days at 1% a month: 15.00 interest
        self.assertEqual(updated_amount(1000.0, 45, 0.0, 1.0), 1015.0)

    def test_no_charge_when_not_late_or_not_configured(self):
        self.assertEqual(updated_amount(1000.0, 0, 2.0, 1.0), 1000.0)
        self.assertEqual(updated_amount(1000.0, 30, 0.0, 0.0), 1000.0)
        self.assertEqual(updated_amount(-50.0, 30, 2.0, 1.0), -50.0)


class TestVerdict(unittest.TestCase):
    def test_verdicts(self):
        self.assertEqual(payment_verdict(0, 0.0, 0.0, 0, 0, fake_gettext), "No payment history yet")
        self.assertEqual(payment_verdict(10, 100.0, 0.0, 0, 0, fake_gettext), "Pays on time")
        self.assertEqual(payment_verdict(10, 40.0, 12.4, 0, 0, fake_gettext), "Usually pays ~12 days late")
        self.assertEqual(
            payment_verdict(10, 80.0, 3.0, 2, 10, fake_gettext),
            "Usually pays on time, sometimes a few days late; 2 installment(s) overdue now",
        )
        self.assertEqual(
            payment_verdict(10, 100.0, 0.0, 1, 45, fake_gettext), "Has installments overdue for 45 days"
        )

    def test_five_years_before_leap_day(self):
        self.assertEqual(five_years_before(date(2024, 2, 29)), date(2019, 2, 28))
        self.assertEqual(five_years_before(date(2024, 3, 15)), date(2019, 3, 15))
