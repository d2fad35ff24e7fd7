"""Health score on plain data (no database)."""

import unittest

from odoo.addons.ficha_cliente.tools.alert_rules import DANGER, INFO, WARNING, Alert
from odoo.addons.ficha_cliente.tools.health_score import health_score


class TestHealthScore(unittest.TestCase):
    def test_no_alert_is_full_health(self):
        self.assertEqual(health_score([]), (100, []))

    def test_factors_heaviest_first(self):
        overdue = Alert("overdue", DANGER, "x")
        quotation = Alert("quotation_expiry", INFO, "y")
        drop = Alert("volume_drop", WARNING, "z")
        score, factors = health_score([quotation, drop, overdue])
        # 30 (overdue, danger) + 15 (25 x 0.6) + 3 (10 x 0.3)
        self.assertEqual(score, 52)
        self.assertEqual(factors, [(overdue, 30), (drop, 15), (quotation, 3)])

    def test_floor_at_zero_and_unknown_code(self):
        alerts = [
            Alert(code, DANGER, "") for code in ("stopped_buying", "overdue", "credit_limit", "volume_drop")
        ]
        self.assertEqual(health_score(alerts)[0], 0)
        self.assertEqual(health_score([Alert("plugged_in", WARNING, "")])[0], 94)
