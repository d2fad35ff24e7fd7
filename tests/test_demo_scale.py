"""The demo generator's scale mode: its pure helpers, and a tiny template copied in SQL."""

import unittest
from datetime import date
from unittest.mock import patch

from demo import generator, scale
from demo.identities import is_valid_cnpj
from demo.scale import (
    copy_shift,
    customer_copies,
    scale_plan,
    sequence_block,
    sequence_names,
)
from odoo.tests import TransactionCase
from odoo.tools import SQL


class TestScalePlan(unittest.TestCase):
    def test_issue_scale(self):
        self.assertEqual(
            scale_plan(2000, 30000, 40, 300),
            {"template_customers": 40, "customer_copies": 1960, "big_template": 300, "big_copies": 99},
        )

    def test_small_demo_copies_nothing(self):
        self.assertEqual(
            scale_plan(40, 0, 40, 300),
            {"template_customers": 40, "customer_copies": 0, "big_template": 0, "big_copies": 0},
        )
        self.assertEqual(scale_plan(5, 200, 40, 300)["big_copies"], 0)

    def test_big_template_divides_the_total_when_it_can(self):
        plan = scale_plan(40, 1000, 40, 300)
        self.assertEqual((plan["big_template"], plan["big_copies"]), (250, 3))
        plan = scale_plan(40, 1001, 40, 300)
        self.assertGreaterEqual(plan["big_template"] * (plan["big_copies"] + 1), 1001)
        self.assertLessEqual(plan["big_template"], 300)

    def test_shifts_go_back_at_most_spread_days(self):
        shifts = [copy_shift(copy, 7) for copy in range(1, 100)]
        self.assertEqual(set(shifts), set(range(-7, 0)))

    def test_customer_copies_round_robin(self):
        self.assertEqual(customer_copies(3, 7), [(0, 1), (1, 1), (2, 1), (0, 2), (1, 2), (2, 2), (0, 3)])
        self.assertEqual(customer_copies(40, 0), [])


class TestSequenceNames(TransactionCase):
    def _parsed(self, name):
        return self.env["account.move"]._get_sequence_format_param(name)

    def test_yearly_names_continue_and_follow_the_shifted_year(self):
        last = {(1, "INV/2024/"): 12}
        entries = [
            (1, *self._parsed("INV/2024/00003"), date(2024, 6, 1)),
            (1, *self._parsed("INV/2024/00001"), date(2023, 12, 29)),  # moved into the year before
            (2, *self._parsed("INV/2024/00002"), date(2024, 1, 5)),  # another journal
            (1, *self._parsed("INV/2024/00004"), date(2024, 6, 2)),
        ]
        self.assertEqual(
            sequence_names(entries, last),
            [
                ("INV/2024/00013", "INV/2024/", 13),
                ("INV/2023/00001", "INV/2023/", 1),
                ("INV/2024/00001", "INV/2024/", 1),
                ("INV/2024/00014", "INV/2024/", 14),
            ],
        )
        self.assertEqual(last[(1, "INV/2024/")], 14)

    def test_monthly_names(self):
        entries = [(1, *self._parsed("PBNK1/2024/03/0007"), date(2024, 2, 28))]
        self.assertEqual(sequence_names(entries, {}), [("PBNK1/2024/02/0001", "PBNK1/2024/02/", 1)])

    def test_sequence_block(self):
        self.assertEqual(
            sequence_block("WH/OUT/", "", 5, 98, 3), ["WH/OUT/00098", "WH/OUT/00099", "WH/OUT/00100"]
        )
        self.assertEqual(sequence_block("S", "", 5, 1, 2, step=2), ["S00001", "S00003"])


class TestScaleCopies(TransactionCase):
    """3 customers and a big one with 8 invoices played through Odoo, then copied: 5 customers,
    the big one with 16 invoices. The copies must read like Odoo's own documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with (
            patch.object(scale, "TEMPLATE_CUSTOMERS", 3),
            patch.object(scale, "BIG_TEMPLATE_INVOICES", 8),
        ):
            cls.stats = generator.generate(cls.env, customers=5, years=1, big_invoices=16, seed=5)
        cls.big = cls.env["res.partner"].browse(cls.stats["story_customers"]["big"][0])

    def _query(self, query, *args):
        self.env.cr.execute(SQL(query, *args))
        return self.env.cr.fetchall()

    def test_counts(self):
        self.assertEqual(self.stats["total_customers"], 6)  # 5 + the big one
        self.assertEqual(self.stats["big_invoices_total"], 16)
        self.assertGreaterEqual(self.stats["big_installments_total"], 48)

    def test_installments_match_the_invoices(self):
        view = self.env["ficha.installment"]._table_query
        rows = self._query(
            """SELECT COUNT(*) FROM (SELECT move_id, SUM(amount_residual) AS open FROM (%s) v GROUP BY 1) i
                 JOIN account_move m ON m.id = i.move_id
                WHERE ABS(i.open - m.amount_residual_signed) > 0.005""",
            view,
        )
        self.assertEqual(rows, [(0,)])
        installments = self.env["ficha.installment"].search(
            [("commercial_partner_id", "=", self.big.id), ("move_type", "=", "out_invoice")]
        )
        self.assertEqual(len(installments), 48)
        self.assertTrue(installments.filtered("date_settled"), "paid installments of the copies")

    def test_copies_recompute_to_what_they_store(self):
        moves = self.env["account.move"].search([("state", "=", "posted")], order="id desc", limit=60)
        names = ["amount_residual", "payment_state", "amount_total"]
        stored = {(move.id, name): move[name] for move in moves for name in names}
        for name in names:
            self.env.add_to_compute(moves._fields[name], moves)
        self.env.flush_all()
        moves.invalidate_recordset(names)
        self.assertEqual({(move.id, name): move[name] for move in moves for name in names}, stored)

    def test_reconciliations_are_consistent(self):
        self.assertEqual(
            self._query(
                """SELECT COUNT(*) FROM account_move_line WHERE full_reconcile_id IS NOT NULL
                      AND matching_number IS DISTINCT FROM full_reconcile_id::text"""
            ),
            [(0,)],
        )
        self.assertEqual(
            self._query(
                """SELECT COUNT(*) FROM account_partial_reconcile p
                     JOIN account_move_line d ON d.id = p.debit_move_id
                     JOIN account_move_line c ON c.id = p.credit_move_id
                     JOIN account_move dm ON dm.id = d.move_id
                    WHERE d.partner_id <> c.partner_id OR c.date < dm.invoice_date"""
            ),
            [(0,)],
        )

    def test_names_unique_and_dates_in_the_past(self):
        self.assertEqual(self._query("SELECT COUNT(*) - COUNT(DISTINCT name) FROM sale_order"), [(0,)])
        self.assertEqual(
            self._query(
                """SELECT COUNT(*) FROM account_move WHERE state = 'posted'
                      AND name <> sequence_prefix
                          || LPAD(sequence_number::text, LENGTH(name) - LENGTH(sequence_prefix), '0')"""
            ),
            [(0,)],
        )
        today = generator.fields.Date.context_today(self.env.user)
        self.assertFalse(self.env["account.move"].search_count([("date", ">", today)]))

    def test_copied_customers_have_their_own_identity(self):
        customers = self.env["res.partner"].search([("customer_rank", ">", 0), ("parent_id", "=", False)])
        self.assertEqual(len(set(customers.mapped("name"))), len(customers))
        self.assertEqual(len(set(customers.mapped("vat"))), len(customers))
        copied = customers.filtered(lambda p: p.id > self.big.id)
        self.assertTrue(copied)
        for partner in copied:
            self.assertTrue(self.env["sale.order"].search_count([("partner_id", "=", partner.id)]))
            self.assertTrue(is_valid_cnpj(partner.vat))
