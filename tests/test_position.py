"""The customer's position and the aging of its open installments (issue #19)."""

import io
from datetime import date

import openpyxl
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import sheet_arch
from .common_financial import TODAY, FichaFinancialCommon

# Open installments the customer owes on TODAY (2024-06-15), by bucket: (amount, count)
AGING = {
    "not_due": (700.0, 2),  # INV B 500.00 due 06-19, INV E 200.00 due 07-01
    "late_1_30": (120.0, 1),  # INV G due 05-31: 15 days
    "late_31_60": (60.0, 1),  # INV K due 04-20: 56 days
    "late_61_90": (350.0, 2),  # INV A 3/3 200.00 left of 300.00 (76 days), INV D 150.00 (75 days)
    "late_over_90": (80.0, 1),  # INV F due 02-15: 121 days
}


class PositionCommon(FichaFinancialCommon):
    """The financial scenario (``common_financial``: a partial payment on INV A 3/3, INV C settled
    by credit note RC) plus, in the main company:

    - INV F 2024-02-15, 80.00 due at once (121 days late on TODAY);
    - INV K 2024-04-20, 60.00 due at once (56 days late);
    - INV G 2024-05-01, 120.00 due 05-31 (15 days late);
    - payment P of 300.00 on 2024-06-10, not matched to any invoice (a customer credit).

    Receivable balance at each month-end: Jan 600 (A 1000 - 400 paid), Feb 680 (+ C 200 - RC 200
    + F 80), Mar 380 (- 300 paid), Apr 490 (+ D 150 - 100 paid + K 60), May 1110 (+ G 120 + B 500),
    Jun (today) 1010 (+ E 200 - P 300): the largest is 1110.00 on 2024-05-31.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv_f = cls._invoice(cls.customer, "2024-02-15", 80.0, cls.term_now)
        cls.inv_k = cls._invoice(cls.customer, "2024-04-20", 60.0, cls.term_now)
        cls.inv_g = cls._invoice(cls.customer, "2024-05-01", 120.0, cls.term_30)
        cls.payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": 300.0,
                "date": "2024-06-10",
            }
        )
        cls.payment.action_post()


@freeze_time(TODAY)
class TestPosition(PositionCommon):
    def test_position_figures(self):
        for partner in (self.customer, self.contact):  # a contact person's sheet is the company's
            sheet = partner.with_user(self.accountant)
            with self.subTest(partner=partner.name):
                # purchases: the 8 posted invoices A B C D E F G K (RC is a credit note; the draft, the
                # cancelled invoice and INV H of the second company are left out)
                self.assertEqual(sheet.ficha_first_purchase_date, date(2024, 1, 1))
                self.assertEqual(sheet.ficha_last_purchase_date, date(2024, 6, 1))
                self.assertEqual(sheet.ficha_purchase_count, 8)
                self.assertEqual(sheet.ficha_largest_purchase_id, self.inv_a)
                self.assertEqual(sheet.ficha_largest_purchase_amount, 1000.0)
                self.assertEqual(sheet.ficha_largest_purchase_date, date(2024, 1, 1))
                # (1000 + 500 + 200 + 150 + 200 (EUR 100) + 80 + 120 + 60) / 8
                self.assertEqual(sheet.ficha_average_ticket, 288.75)
                self.assertEqual(sheet.ficha_largest_balance_amount, 1110.0)
                self.assertEqual(sheet.ficha_largest_balance_date, date(2024, 5, 31))
                # paid installments only: A 1/3 400.00 in 24 days, A 2/3 300.00 in 72 days (A 3/3 is
                # partly paid, INV C settled by credit note): (400 x 24 + 300 x 72) / 700 = 44.57
                self.assertEqual(sheet.ficha_avg_payment_days, 44.6)
                self.assertEqual(sheet.ficha_customer_credit_amount, 300.0)
                self.assertEqual(sheet.ficha_receivable_balance, 1010.0)

    def test_largest_balance_in_the_current_month(self):
        # a new invoice today: the current month's balance (today's) is the largest
        self._invoice(self.customer, "2024-06-14", 500.0, self.term_30)
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual(sheet.ficha_largest_balance_amount, 1510.0)
        self.assertEqual(sheet.ficha_largest_balance_date, TODAY)
        self.assertEqual(sheet.ficha_last_purchase_date, date(2024, 6, 14))
        self.assertEqual(sheet.ficha_purchase_count, 9)

    def test_largest_purchase_ties(self):
        # the same total as INV A (1000.00 on 2024-01-01): the earlier invoice stays the largest,
        # whether it was created first or later
        self._invoice(self.customer, "2024-01-01", 1000.0, self.term_30)
        self._invoice(self.customer, "2024-03-01", 1000.0, self.term_30)
        sheet = self.customer.with_user(self.accountant)
        self.assertEqual(sheet.ficha_largest_purchase_id, self.inv_a)
        earlier = self._invoice(self.customer, "2023-12-20", 1000.0, self.term_30)
        self.env.invalidate_all()
        self.assertEqual(sheet.ficha_largest_purchase_id, earlier)
        self.assertEqual(sheet.ficha_largest_purchase_amount, 1000.0)
        self.assertEqual(sheet.ficha_largest_purchase_date, date(2023, 12, 20))
        self.assertEqual(sheet.ficha_first_purchase_date, date(2023, 12, 20))
        self.assertEqual(sheet.ficha_purchase_count, 11)

    def test_other_company_selected(self):
        both = self.customer.with_user(self.accountant).with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        )
        self.assertEqual(both.ficha_purchase_count, 9)  # INV H of the second company too
        # INV H, 700.00 due 2024-05-01: 45 days late
        self.assertEqual(both.ficha_aging_late_31_60_amount, 760.0)
        self.assertEqual(both.ficha_aging_late_31_60_count, 2)

    def test_aging(self):
        sheet = self.customer.with_user(self.accountant)
        for bucket, (amount, count) in AGING.items():
            with self.subTest(bucket=bucket):
                self.assertEqual(sheet[f"ficha_aging_{bucket}_amount"], amount)
                self.assertEqual(sheet[f"ficha_aging_{bucket}_count"], count)
        # the late buckets add up to the overdue amount, all of them to what the customer owes
        late = sum(AGING[bucket][0] for bucket in AGING if bucket != "not_due")
        self.assertEqual(sheet.ficha_overdue_amount, late)
        self.assertEqual(sheet.ficha_open_amount, sum(amount for amount, _count in AGING.values()))

    def test_aging_action_opens_the_bucket(self):
        expected = {
            "not_due": {(self.inv_b, 1), (self.inv_e, 1)},
            "late_1_30": {(self.inv_g, 1)},
            "late_31_60": {(self.inv_k, 1)},
            "late_61_90": {(self.inv_a, 3), (self.inv_d, 1)},
            "late_over_90": {(self.inv_f, 1)},
        }
        Installment = self.env["ficha.installment"].with_user(self.accountant)
        for bucket, installments in expected.items():
            with self.subTest(bucket=bucket):
                action = self.contact.with_user(self.accountant).action_ficha_view_aging(bucket)
                self.assertEqual(action["res_model"], "ficha.installment")
                rows = Installment.search(action["domain"])
                self.assertEqual(
                    {(row.move_id, row.installment_seq) for row in rows},
                    installments,
                )
                self.assertEqual(sum(rows.mapped("amount_residual")), AGING[bucket][0])
        # the buttons give the bucket in their context
        action = (
            self.customer.with_user(self.accountant)
            .with_context(ficha_aging_bucket="late_1_30")
            .action_ficha_view_aging()
        )
        self.assertEqual(Installment.search(action["domain"]).move_id, self.inv_g)
        self.assertEqual(action["name"], "Installments of Cliente Teste Ltda: 1–30 Days Late")
        with self.assertRaises(UserError):
            self.customer.with_user(self.accountant).action_ficha_view_aging("late_1_29")

    def test_salesperson_gets_nothing(self):
        customer = self.customer.with_user(self.salesman)
        for field in ("ficha_average_ticket", "ficha_largest_purchase_id", "ficha_aging_not_due_amount"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                customer.read([field])
        for bucket in (None, "late_1_30"):
            with self.subTest(bucket=bucket), self.assertRaises(AccessError):
                customer.action_ficha_view_aging(bucket)

    def test_financial_viewer_without_invoices_gets_no_purchase(self):
        """The sheet's financial viewer reads installments but not invoices: no purchase figure
        (``ficha.query`` reads only what the user may read), the installments' figures stay."""
        viewer = new_test_user(
            self.env,
            login="ficha_pos_viewer",
            groups="base.group_user,ficha_cliente.ficha_cliente_group_financial",
        )
        sheet = self.customer.with_user(viewer)
        self.assertEqual(sheet.ficha_purchase_count, 0)
        self.assertFalse(sheet.ficha_largest_purchase_id)
        self.assertEqual(sheet.ficha_aging_late_61_90_amount, 350.0)
        self.assertEqual(sheet.ficha_avg_payment_days, 44.6)

    def test_section_shows_the_block_and_the_buttons(self):
        arch = sheet_arch(self.env, self.accountant)
        for name in (
            "financial_position",
            "ficha_largest_purchase_id",
            "ficha_average_ticket",
            "financial_aging",
        ):
            self.assertIn(name, arch)
        buttons = [
            node.get("context")
            for node in etree.fromstring(f"<root>{arch}</root>").iter("button")
            if node.get("name") == "action_ficha_view_aging"
        ]
        self.assertEqual(len(buttons), 5)
        self.assertNotIn("financial_position", sheet_arch(self.env, self.salesman))


@freeze_time(TODAY)
class TestPositionExport(PositionCommon):
    def test_summary_rows(self):
        _filename, content = self.customer.with_user(self.accountant)._ficha_financial_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        sheet = book["Summary"]
        rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
        summary = {row[0]: row[1] for row in rows}
        self.assertEqual(summary["First Purchase"].date(), date(2024, 1, 1))
        self.assertEqual(summary["Last Purchase"].date(), date(2024, 6, 1))
        self.assertEqual(summary["Purchases"], 8)
        self.assertEqual(summary["Largest Purchase"], self.inv_a.name)
        self.assertEqual(summary["Largest Purchase Date"].date(), date(2024, 1, 1))
        self.assertEqual(summary["Largest Purchase Amount"], 1000.0)
        self.assertEqual(summary["Average Ticket"], 288.75)
        self.assertEqual(summary["Largest Open Balance (5 years)"], 1110.0)
        self.assertEqual(summary["Largest Open Balance on"].date(), date(2024, 5, 31))
        self.assertEqual(summary["Average Payment Term (days)"], 44.6)
        self.assertEqual(summary["Customer Credits"], 300.0)
        # the aging table, below the summary after a blank row
        header = rows.index(("Aging", "Open Amount", "Installments"))
        self.assertEqual(rows[header - 1], (None, None, None))
        self.assertEqual(
            rows[header + 1 :],
            [
                ("Not Yet Due", 700.0, 2),
                ("1–30 Days Late", 120.0, 1),
                ("31–60 Days Late", 60.0, 1),
                ("61–90 Days Late", 350.0, 2),
                ("Over 90 Days Late", 80.0, 1),
                ("Total", 1310.0, 7),
            ],
        )
        money = f'"{self.company.currency_id.symbol}" #,##0.00'
        self.assertEqual(sheet.cell(header + 2, 2).number_format, money)
        self.assertEqual(sheet.cell(header + 2, 3).number_format, "0")
