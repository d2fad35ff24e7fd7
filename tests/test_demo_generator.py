import random
import unittest

from demo import generator
from demo.generator import CRITICAL_STORIES, LATE_PAYER_YEARS, days_late_of
from demo.identities import cnpj_check_digits, format_cnpj, is_valid_cnpj, random_cnpj
from odoo import fields
from odoo.addons.ficha_cliente.tools.alert_rules import DEFAULT_THRESHOLDS
from odoo.tests import TransactionCase


class TestCnpj(unittest.TestCase):
    def test_check_digits_of_known_cnpjs(self):
        # Published examples: 11.222.333/0001-81 and 11.444.777/0001-61.
        self.assertEqual(cnpj_check_digits("112223330001"), "81")
        self.assertEqual(cnpj_check_digits("114447770001"), "61")
        # A remainder below 2 gives a 0 digit: 00.000.000/0001-91.
        self.assertEqual(cnpj_check_digits("000000000001"), "91")

    def test_validation_and_format(self):
        self.assertTrue(is_valid_cnpj("11.222.333/0001-81"))
        self.assertFalse(is_valid_cnpj("11.222.333/0001-82"))
        self.assertFalse(is_valid_cnpj("11.111.111/1111-11"))
        self.assertEqual(format_cnpj("11222333000181"), "11.222.333/0001-81")
        with self.assertRaises(ValueError):
            cnpj_check_digits("123")

    def test_random_cnpjs_are_valid_and_deterministic(self):
        first = [random_cnpj(random.Random(7)) for _i in range(3)]
        rng = random.Random(7)
        self.assertEqual(random_cnpj(rng), first[0])
        rng = random.Random(11)
        for _i in range(200):
            self.assertTrue(is_valid_cnpj(random_cnpj(rng)))

    def test_late_payer_grows_later_every_year(self):
        rng = random.Random(1)
        by_year = [max(days_late_of("late", year, rng) for _i in range(20)) for year in range(4)]
        self.assertEqual(by_year, sorted(by_year))
        self.assertGreaterEqual(min(days_late_of("late", 3, rng) for _i in range(20)), 46)
        self.assertTrue(all(-6 <= days_late_of("good", 2, rng) <= 1 for _i in range(50)))
        # In its last 12 months its oldest open installment is overdue beyond the danger threshold.
        last_year = [days_late_of("late", LATE_PAYER_YEARS - 1, rng) for _i in range(20)]
        self.assertGreater(min(last_year), DEFAULT_THRESHOLDS["overdue_danger_days"])

    def test_customers_without_a_story_pay_within_weeks(self):
        # No installment of theirs stays open into the overdue danger: the critical customers are
        # the stories' ones, not a random share of the others.
        rng = random.Random(3)
        delays = [days_late_of("normal", 2, rng) for _i in range(2000)]
        self.assertNotIn(None, delays)
        self.assertLessEqual(max(delays), 35)  # about a month at most
        self.assertLess(max(delays), DEFAULT_THRESHOLDS["overdue_danger_days"])
        on_time = sum(1 for delay in delays if delay <= 3) / len(delays)
        self.assertGreater(on_time, 0.7)
        self.assertLess(on_time, 0.9)  # some do pay late


class TestDemoGenerator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.stats = generator.generate(cls.env, customers=6, years=2, seed=42)  # the stories + a steady one
        cls.customers = cls.env["res.partner"].browse(cls.stats["customer_ids"])

    def _receivable_lines(self):
        return self.env["account.move.line"].search(
            [
                ("partner_id", "in", self.customers.ids),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )

    def test_counts_returned(self):
        self.assertEqual(self.stats["customers"], 6)
        self.assertGreater(self.stats["sale_orders"], 20)
        self.assertGreater(self.stats["invoices"], 15)
        self.assertGreater(self.stats["payments"], 10)
        self.assertEqual(
            set(self.stats["story_customers"]), {"stopped", "late", "returns", "credit", "blocked", "steady"}
        )

    def test_daily_check_alerts_are_the_stories(self):
        """After the daily check, the critical customers are the stories meant to be critical, each
        for its own reason; the customer returning goods is not critical, the steady one has no alert."""
        states = self.env["ficha.alert.state"]._refresh_alerts(self.customers, today=self.today)
        danger = {}
        for state in states.filtered(lambda s: s.severity == "danger"):
            danger.setdefault(state.partner_id.id, set()).add(state.code)
        story = {partner_id: kind for kind, (partner_id, _name) in self.stats["story_customers"].items()}
        self.assertEqual({story.get(partner_id) for partner_id in danger}, set(CRITICAL_STORIES), danger)
        for kind, code in [
            ("stopped", "stopped_buying"),
            ("late", "overdue"),
            ("credit", "credit_limit"),
            ("blocked", "overdue"),  # the invoices under legal dispute, unpaid for months
        ]:
            self.assertIn(code, danger[self.stats["story_customers"][kind][0]], kind)
        self.assertNotIn(self.stats["story_customers"]["returns"][0], danger)
        steady = self.env["res.partner"].browse(self.stats["story_customers"]["steady"][0])
        self.assertFalse(states.filtered(lambda s: s.partner_id == steady))
        self.assertEqual(steady.ficha_alert_level, "0_none")

    def test_payments_dated_on_or_after_invoice_date(self):
        lines = self._receivable_lines()
        invoice_lines = lines.filtered(lambda line: line.move_id.move_type == "out_invoice")
        reconciled = invoice_lines.filtered("reconciled")
        self.assertTrue(reconciled, "some installments are paid")
        for line in invoice_lines.filtered(lambda line: line.matched_credit_ids):
            for partial in line.matched_credit_ids:
                self.assertGreaterEqual(
                    partial.credit_move_id.date, line.move_id.invoice_date, line.move_id.name
                )
        for line in reconciled:
            self.assertTrue(line.matched_credit_ids)

    def test_invoices_with_installments_paid_in_every_way(self):
        invoices = self.env["account.move"].search(
            [
                ("partner_id", "in", self.customers.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )
        multi = invoices.filtered(
            lambda inv: len(inv.line_ids.filtered(lambda line: line.display_type == "payment_term")) >= 3
        )
        self.assertTrue(multi)
        states = set(invoices.mapped("payment_state"))
        self.assertTrue({"paid", "not_paid", "partial"} <= states, states)
        overdue = self._receivable_lines().filtered(
            lambda line: line.amount_residual > 0 and line.date_maturity < self.today
        )
        self.assertTrue(overdue)
        self.assertTrue(all(invoice.invoice_date <= self.today for invoice in invoices))
        self.assertLess(min(invoices.mapped("invoice_date")), self.today.replace(year=self.today.year - 1))

    def test_late_payer_pays_later_and_later(self):
        partner = self.env["res.partner"].browse(self.stats["story_customers"]["late"][0])
        lines = self._receivable_lines().filtered(
            lambda line: line.partner_id == partner and line.reconciled and line.balance > 0
        )
        delays = {}
        for line in lines:
            paid_on = max(line.matched_credit_ids.credit_move_id.mapped("date"))
            delays.setdefault(line.move_id.invoice_date.year, []).append((paid_on - line.date_maturity).days)
        averages = [sum(v) / len(v) for _year, v in sorted(delays.items())]
        self.assertGreaterEqual(len(averages), 2)
        self.assertEqual(averages, sorted(averages))

    def test_stopped_customer_has_no_recent_order(self):
        partner = self.env["res.partner"].browse(self.stats["story_customers"]["stopped"][0])
        orders = self.env["sale.order"].search([("partner_id", "=", partner.id), ("state", "=", "sale")])
        self.assertGreater(len(orders), 5)
        last = max(orders.mapped("date_order")).date()
        self.assertGreater((self.today - last).days, 200)

    def test_deliveries_returns_and_credit_notes(self):
        pickings = self.env["stock.picking"].search([("partner_id", "child_of", self.customers.ids)])
        outgoing = pickings.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertTrue(outgoing.filtered(lambda p: p.state not in ("done", "cancel")), "a pending delivery")
        self.assertTrue(outgoing.filtered("backorder_id"), "a backorder")
        done = outgoing.filtered(lambda p: p.state == "done")
        self.assertTrue(all(p.date_done.date() <= self.today for p in done))
        self.assertTrue(done.move_line_ids.filtered("lot_id"), "lots delivered")
        returns = pickings.filtered(lambda p: p.picking_type_code == "incoming" and p.state == "done")
        returner = self.stats["story_customers"]["returns"][0]
        self.assertGreaterEqual(
            len(returns.filtered(lambda p: p.partner_id.commercial_partner_id.id == returner)), 2
        )
        refunds = self.env["account.move"].search(
            [
                ("partner_id", "in", self.customers.ids),
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
            ]
        )
        self.assertTrue(refunds)
        for refund in refunds:
            origin = (
                refund.reversed_entry_id
                or refund.invoice_line_ids.sale_line_ids.order_id.invoice_ids.filtered(
                    lambda m: m.move_type == "out_invoice"
                )[:1]
            )
            self.assertGreaterEqual(refund.invoice_date, origin.invoice_date)

    def test_quotations_expired_and_expiring(self):
        quotations = self.env["sale.order"].search(
            [("partner_id", "in", self.customers.ids), ("state", "in", ("draft", "sent"))]
        )
        self.assertTrue(quotations.filtered(lambda q: q.validity_date < self.today), "an expired quotation")
        self.assertTrue(
            quotations.filtered(lambda q: 0 <= (q.validity_date - self.today).days <= 7),
            "a quotation expiring soon",
        )

    def test_repairs_with_parts_and_technician(self):
        repairs = self.env["repair.order"].search([("partner_id", "in", self.customers.ids)])
        done = repairs.filtered(lambda r: r.state == "done")
        self.assertTrue(done)
        for repair in done:
            self.assertTrue(
                repair.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state == "done")
            )
            self.assertTrue(repair.user_id.has_group("stock.group_stock_user"))
            self.assertNotEqual(repair.user_id, self.env.user)
            self.assertEqual(repair.sale_order_id.invoice_ids.mapped("state"), ["posted"])
        in_progress = repairs.filtered(lambda r: r.state == "under_repair")
        self.assertTrue(in_progress, "a repair in the workshop")
        self.assertTrue(in_progress.user_id.has_group("stock.group_stock_user"))

    def test_company_not_sent_to_enrichment(self):
        # partner_autocomplete would ask Odoo's IAP service about the fictitious company at the first
        # web client load: offline, an ERROR with a traceback in the server log
        self.assertTrue(self.env.company.iap_enrich_auto_done)

    def test_relationship_and_warnings(self):
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.customers.ids)]
        )
        self.assertTrue(activities.filtered(lambda a: a.date_deadline < self.today), "an overdue activity")
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("partner_id", "in", self.customers.ids)])
        )
        self.assertTrue(leads)
        credit = self.env["res.partner"].browse(self.stats["story_customers"]["credit"][0])
        self.assertTrue(self.env.company.account_use_credit_limit)
        self.assertGreater(credit.credit, credit.credit_limit)
        late = self.env["res.partner"].browse(self.stats["story_customers"]["late"][0])
        self.assertEqual((late.sale_warn, late.invoice_warn), ("warning", "warning"))
        blocked = self.env["res.partner"].browse(self.stats["story_customers"]["blocked"][0])
        self.assertEqual(blocked.sale_warn, "block")

    def test_sheet_records(self):
        credit = self.env["res.partner"].browse(self.stats["story_customers"]["credit"][0])
        self.assertEqual(credit.ficha_warning_level, "block")
        references = self.env["ficha.partner.reference"].search([("partner_id", "in", self.customers.ids)])
        self.assertEqual(len(references), self.stats["references"])
        self.assertEqual(set(references.mapped("reference_type")), {"commercial", "bank"})
        self.assertTrue(all(ref.last_checked_date <= self.today for ref in references))
        returns = self.env["stock.picking"].search(
            [("partner_id", "in", self.customers.ids), ("return_id", "!=", False), ("state", "=", "done")]
        )
        self.assertTrue(returns)
        self.assertTrue(all(returns.mapped("ficha_return_reason")))


class TestDemoDeterminism(TransactionCase):
    def test_same_seed_same_customers(self):
        def customers(seed):
            state = generator.new_state(self.env, customers=8, years=1, seed=seed)
            for name, part in generator.STORY_PARTS:
                part(state)
                if name == "customers":
                    return state["customers"].mapped(lambda p: (p.name, p.vat, p.city))

        first = customers(3)
        self.assertEqual(customers(3), first)
        self.assertNotEqual(customers(4), first)
