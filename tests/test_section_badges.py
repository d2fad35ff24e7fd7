"""The sheet's side menu: each section's badge, its figure and who sees it (issue 19, item 1)."""

import unittest
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.addons.ficha_cliente.tools.patterns import identity_translate
from odoo.addons.ficha_cliente.tools.section_badges import section_badges
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_alerts import FichaAlertsCommon
from .common_commercial import CommercialCommon

TODAY = date(2025, 6, 16)


def badges(figures, alerts=(), titles=None):
    return section_badges(figures, list(alerts), identity_translate, titles=titles)


def alert(code, severity):
    return {"code": code, "severity": severity, "message": code}


class TestSectionBadgesRules(unittest.TestCase):
    """The badges on plain figures: text, level, and no badge without a figure."""

    def test_nothing_without_figures(self):
        self.assertEqual(badges({}), {})
        self.assertEqual(
            badges(
                {
                    "overdue_count": 0,
                    "credit_use_rate": 0.0,
                    "quotation_expiring_count": 0,
                    "pending_late_count": 0,
                    "repair_in_progress_count": 0,
                    "return_rate": 0.0,
                    "days_without_interaction": 200,  # no badge without the alert
                    "warning_severities": [],
                }
            ),
            {},
        )

    def test_counts_one_and_many(self):
        self.assertEqual(
            badges({"overdue_count": 1})["installments"], {"text": "1 overdue", "level": "danger"}
        )
        self.assertEqual(badges({"overdue_count": 3})["installments"]["text"], "3 overdue")
        self.assertEqual(
            badges({"quotation_expiring_count": 2, "quotation_expired_count": 4})["quotations"],
            {"text": "2 expiring", "level": "warning"},
        )
        self.assertEqual(
            badges({"quotation_expired_count": 1})["quotations"], {"text": "1 expired", "level": "info"}
        )
        self.assertEqual(badges({"pending_late_count": 1})["orders"], {"text": "1 late", "level": "warning"})
        self.assertEqual(
            badges({"repair_in_progress_count": 2})["services"], {"text": "2 in progress", "level": "info"}
        )

    def test_levels_follow_the_section_alert(self):
        # credit: information below the alert's threshold, its severity from the threshold on
        self.assertEqual(
            badges({"credit_use_rate": 45.0})["financial"], {"text": "limit 45 %", "level": "info"}
        )
        self.assertEqual(
            badges({"credit_use_rate": 92.4}, [alert("credit_limit", "warning")])["financial"],
            {"text": "limit 92 %", "level": "warning"},
        )
        self.assertEqual(
            badges({"credit_use_rate": 130.0}, [alert("credit_limit", "danger")])["financial"]["level"],
            "danger",
        )
        # returns: warning exactly when the return rate alert fires
        self.assertEqual(badges({"return_rate": 2.5})["returns"], {"text": "rate 2.5 %", "level": "info"})
        self.assertEqual(
            badges({"return_rate": 12.5}, [alert("return_rate", "warning")])["returns"],
            {"text": "rate 12 %", "level": "warning"},
        )
        self.assertEqual(
            badges({"repair_in_progress_count": 1}, [alert("repair_late", "warning")])["services"]["level"],
            "warning",
        )
        self.assertEqual(
            badges({"days_without_interaction": 120}, [alert("no_interaction", "info")])["agenda"],
            {"text": "no contact for 120 days", "level": "warning"},
        )

    def test_warnings_and_alerts(self):
        self.assertEqual(
            badges({"warning_severities": ["block", "warning"]})["warnings_contacts"],
            {"text": "1 blocking", "level": "danger"},
        )
        self.assertEqual(
            badges({"warning_severities": ["warning", "info"]})["warnings_contacts"],
            {"text": "2 warnings", "level": "warning"},
        )
        self.assertEqual(
            badges({"warning_severities": ["info"]})["warnings_contacts"],
            {"text": "1 warning", "level": "info"},
        )
        result = badges(
            {},
            [alert("overdue", "danger"), alert("volume_drop", "warning"), alert("ticket_drop", "warning")],
            titles={"volume_drop": "Purchase volume drop"},
        )
        self.assertEqual(result["alerts"], {"text": "3 alerts", "level": "danger"})
        self.assertEqual(result["sales_history"], {"text": "Purchase volume drop", "level": "warning"})
        self.assertEqual(
            badges({}, [alert("no_interaction", "info")])["alerts"], {"text": "1 alert", "level": "info"}
        )


@freeze_time(TODAY)
class TestSectionBadges(CommercialCommon, FichaAlertsCommon):
    """The commercial scenario (an order with 3 items late since 2025-06-10, 8 items shipped),
    plus: 1 of them returned and a credit note of 300.00 on 1,200.00 invoiced in the last 12
    months (the return rate alert, and the Returns badge's 25 %), two invoices overdue
    (2025-03-31, 2025-05-15), a quotation expiring in 3 days, a repair confirmed 10 days ago, the
    last interaction 120 days ago, a blocking warning, and a credit limit the customer uses at
    92 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.account_use_credit_limit = True
        cls.sales_manager.name = "Gerente de Vendas"
        cls.billing = new_test_user(
            cls.env,
            login="ficha_badges_billing",
            name="Faturamento",
            groups="account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
        )
        cls.sheet_only = new_test_user(
            cls.env,
            login="ficha_badges_sheet",
            name="Só Ficha",
            groups="base.group_user,ficha_cliente.ficha_cliente_group_user",
        )
        cls.technician = new_test_user(
            cls.env,
            login="ficha_badges_technician",
            name="Técnica",
            groups="stock.group_stock_user,ficha_cliente.ficha_cliente_group_user",
        )
        with freeze_time("2025-04-02"):
            cls._return(cls.delivery_a, {cls.tshirt_m: [(cls.lot_a, 1)]})
        # invoiced a year ago and paid: the usual history, without credit notes
        cls._pay(cls._invoice(cls.customer, date(2024, 5, 10), 1000.0), date(2024, 5, 20))
        cls._invoice(cls.customer, date(2025, 3, 1), 1000.0, due=date(2025, 3, 31))
        cls._invoice(cls.customer, date(2025, 5, 1), 200.0, due=date(2025, 5, 15))
        cls._invoice(cls.customer, date(2025, 4, 1), 300.0, refund=True)
        quotation = cls._order(cls.customer, TODAY - timedelta(days=2), 400.0, confirm=False)
        quotation.validity_date = TODAY + timedelta(days=3)
        repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.goods.id,
                "schedule_date": fields.Datetime.to_datetime(TODAY - timedelta(days=10)),
            }
        )
        repair.action_validate()
        assert repair.state == "confirmed", repair.state
        cls.env["ficha.partner.warning"].create(
            {"partner_id": cls.customer.id, "severity": "block", "message": "Bloqueado pelo financeiro"}
        )
        cls._interaction(cls.customer, TODAY - timedelta(days=120))
        cls.env.invalidate_all()
        cls.customer.credit_limit = round(cls.customer.ficha_credit_used_amount / 0.92, 2)

    def _badges(self, user, lang=None):
        """The side menu's badges: the union of the two halves, read apart as the sheet does."""
        self.env.invalidate_all()
        customer = self.customer.with_user(user).with_context(lang=lang or "en_US")
        figures = customer.read(["ficha_section_badges"])[0]["ficha_section_badges"]
        self.env.invalidate_all()
        alerts = customer.read(["ficha_alert_badges"])[0]["ficha_alert_badges"]
        self.assertFalse(set(figures) & set(alerts), "a section's badge comes from one half only")
        return {**figures, **alerts}

    def _alert_codes(self, user):
        self.env.invalidate_all()
        return [item["code"] for item in self.customer.with_user(user).ficha_alerts_json]

    def test_salesperson(self):
        self.assertEqual(
            self._badges(self.sales_manager),
            {
                "quotations": {"text": "1 expiring", "level": "warning"},
                # the 3 items of order_b and the T-shirt returned from order_a, to deliver again
                "orders": {"text": "2 late", "level": "warning"},
                "returns": {"text": "rate 25 %", "level": "warning"},
                "agenda": {"text": "no contact for 120 days", "level": "warning"},
                "warnings_contacts": {"text": "1 blocking", "level": "danger"},
                "sales_history": {"text": "Average ticket drop", "level": "warning"},
                "alerts": {"text": "6 alerts", "level": "warning"},
            },
        )
        codes = self._alert_codes(self.sales_manager)
        self.assertEqual(len(codes), 6)
        self.assertIn("return_rate", codes)
        self.assertIn("ticket_drop", codes)

    def test_accountant(self):
        result = self._badges(self.billing)
        self.assertEqual(result["installments"], {"text": "2 overdue", "level": "danger"})
        self.assertEqual(result["financial"], {"text": "limit 92 %", "level": "warning"})
        self.assertEqual(result["returns"], {"text": "rate 25 %", "level": "warning"})
        self.assertEqual(result["quotations"], {"text": "1 expiring", "level": "warning"})
        self.assertEqual(result["alerts"]["level"], "danger")  # the overdue installments
        codes = self._alert_codes(self.billing)
        self.assertEqual(result["alerts"]["text"], f"{len(codes)} alerts")
        self.assertEqual(codes[0], "overdue")
        self.assertIn("credit_limit", codes)
        self.assertNotIn("services", result)  # no repairs for an accountant

    def test_sheet_only_user(self):
        self.assertEqual(
            self._badges(self.sheet_only),
            {
                "agenda": {"text": "no contact for 120 days", "level": "warning"},
                "warnings_contacts": {"text": "1 blocking", "level": "danger"},
                "alerts": {"text": "1 alert", "level": "info"},
            },
        )

    def test_technician_sees_the_repairs(self):
        result = self._badges(self.technician)
        self.assertEqual(result["services"], {"text": "1 in progress", "level": "warning"})
        self.assertNotIn("installments", result)
        self.assertNotIn("quotations", result)

    def test_translated(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["ficha_cliente"], ["pt_BR"], overwrite=True)
        self.env.invalidate_all()
        result = self._badges(self.billing, lang="pt_BR")
        self.assertEqual(result["installments"]["text"], "2 vencidas")
        self.assertEqual(result["financial"]["text"], "limite 92 %")
        self.assertEqual(result["quotations"]["text"], "1 expirando")
        self.assertEqual(result["orders"]["text"], "2 atrasados")
        self.assertEqual(result["returns"]["text"], "taxa 25 %")
        self.assertEqual(result["agenda"]["text"], "sem contato há 120 dias")
        self.assertEqual(result["warnings_contacts"]["text"], "1 bloqueio")

    def test_only_sheet_users_read_the_badges(self):
        for field_name in ("ficha_section_badges", "ficha_alert_badges"):
            with self.assertRaises(AccessError):
                self.customer.with_user(self.basic_user).read([field_name])

    def test_halves_read_with_the_header_sections(self):
        # the figures' badges with the headline figures, the alerts' with the banner (two
        # sections read side by side); the sheet's own form reads neither
        Partner = self.env["res.partner"].with_user(self.billing)
        sheet = self.env.ref("ficha_cliente.res_partner_view_form_ficha")
        banner = self.env.ref("ficha_cliente.res_partner_view_form_ficha_section_banner")
        summary = self.env.ref("ficha_cliente.res_partner_view_form_ficha_section_summary")
        for view, figures, alerts in ((summary, 1, 0), (banner, 0, 1), (sheet, 0, 0)):
            arch = etree.fromstring(Partner.get_views([(view.id, "form")])["views"]["form"]["arch"])
            self.assertEqual(len(arch.xpath("//field[@name='ficha_section_badges']")), figures, view.name)
            self.assertEqual(len(arch.xpath("//field[@name='ficha_alert_badges']")), alerts, view.name)
            self.assertEqual(len(arch.xpath("//field[@name='ficha_alert_banner_html']")), alerts, view.name)
        arch = etree.fromstring(Partner.get_views([(sheet.id, "form")])["views"]["form"]["arch"])
        self.assertEqual(
            arch.xpath("//widget[@name='ficha_section'][not(ancestor::notebook)]/@section"),
            ["banner", "summary"],
        )
