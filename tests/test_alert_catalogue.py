"""The alert catalogue: one entry per rule, with its weight and audience (no ORM)."""

import unittest

from odoo.addons.ficha_cliente.tools import alert_rules
from odoo.addons.ficha_cliente.tools.alert_catalogue import CATALOGUE, audience_of, visible_alerts
from odoo.addons.ficha_cliente.tools.audiences import FINANCIAL, REPAIRS, SALES, SHEET
from odoo.addons.ficha_cliente.tools.health_score import WEIGHTS, health_score


class TestAlertCatalogue(unittest.TestCase):
    def test_one_entry_per_rule(self):
        self.assertEqual(set(CATALOGUE), {rule.__name__ for rule in alert_rules.RULES})
        self.assertEqual(WEIGHTS, {code: kind.weight for code, kind in CATALOGUE.items()})

    def test_receivables_are_for_financial_users(self):
        financial = {code for code, kind in CATALOGUE.items() if kind.audience == FINANCIAL}
        self.assertEqual(financial, {"overdue", "credit_limit", "paying_later"})
        self.assertEqual(audience_of("repair_late"), REPAIRS)
        self.assertEqual(audience_of("no_interaction"), SHEET)
        # a code the catalogue does not know goes to the narrowest audience
        self.assertEqual(audience_of("unknown"), FINANCIAL)

    def test_visible_alerts_keep_the_users_audiences(self):
        alerts = [
            alert_rules.Alert("overdue", alert_rules.DANGER, "Overdue: 1500.00"),
            alert_rules.Alert("stopped_buying", alert_rules.WARNING, "Stopped buying"),
            alert_rules.Alert("no_interaction", alert_rules.INFO, "No interaction"),
        ]
        salesperson = visible_alerts(alerts, {SHEET, SALES}.__contains__)
        self.assertEqual([alert.code for alert in salesperson], ["stopped_buying", "no_interaction"])
        self.assertEqual(visible_alerts(alerts, {SHEET}.__contains__), alerts[2:])
        # the score counts what the user sees: 100 - round(35 x 0.6) - round(15 x 0.3) = 100 - 21 - 4
        self.assertEqual(health_score(salesperson)[0], 75)
