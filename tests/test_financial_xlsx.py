"""Unit tests of the workbook builder: read the file back with openpyxl."""

import io
import tracemalloc
import unittest
from datetime import date, datetime

import openpyxl

from odoo.addons.ficha_cliente.tools.financial_xlsx import build_financial_workbook, safe_filename


def _rows():
    yield {
        "document": "INV/2024/00001",
        "installment": "1/2",
        "issue_date": date(2024, 1, 1),
        "due_date": date(2024, 1, 31),
        "amount_original": 500.0,
        "amount_residual": 0.0,
        "settlement_date": date(2024, 2, 12),
        "days_late": 12,
        "status": "Paid Late",
        "amount_updated": 0.0,
    }
    yield {
        "document": '=HYPERLINK("http://evil","x")',
        "installment": "2/2",
        "issue_date": date(2024, 1, 1),
        "due_date": date(2024, 3, 1),
        "amount_original": 500.25,
        "amount_residual": 500.25,
        "settlement_date": None,
        "days_late": 14,
        "status": "Overdue",
        "amount_updated": 512.0,
    }


class TestFinancialWorkbook(unittest.TestCase):
    def _load(self, content):
        return openpyxl.load_workbook(io.BytesIO(content), data_only=False)

    def test_summary_and_installments(self):
        summary = [
            ("Customer", "+55 Cliente Ação ☕"),
            ("Export Date", date(2024, 3, 15)),
            ("Open Amount", 500.25, "money"),
            ("Remark", "@SUM(A1:A2)"),
            ("Overdue Installments", 2),
        ]
        content = build_financial_workbook(
            summary, _rows(), labels={"Summary": "Resumo"}, currency_symbol="R$"
        )
        book = self._load(content)
        self.assertEqual(book.sheetnames, ["Resumo", "Installments"])
        resumo = book["Resumo"]
        self.assertEqual(resumo["A1"].value, "Customer")
        self.assertEqual(resumo["B1"].value, "+55 Cliente Ação ☕")
        self.assertEqual(resumo["B1"].data_type, "s")
        self.assertEqual(resumo["B2"].value, datetime(2024, 3, 15))
        self.assertEqual(resumo["B2"].number_format, "dd/mm/yyyy")
        self.assertEqual(resumo["B3"].value, 500.25)
        self.assertEqual(resumo["B3"].number_format, '"R$" #,##0.00')
        self.assertEqual(resumo["B4"].data_type, "s")
        self.assertEqual((resumo["B5"].value, resumo["B5"].number_format), (2, "General"))

        sheet = book["Installments"]
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            [
                "Document",
                "Installment",
                "Issue Date",
                "Due Date",
                "Original Amount",
                "Open Amount",
                "Settlement Date",
                "Days Late",
                "Status",
                "Updated Amount",
            ],
        )
        self.assertEqual(sheet["A2"].value, "INV/2024/00001")
        self.assertEqual(sheet["C2"].value, datetime(2024, 1, 1))
        self.assertTrue(sheet["C2"].is_date)
        self.assertEqual(sheet["C2"].number_format, "dd/mm/yyyy")
        self.assertEqual(sheet["E2"].value, 500.0)
        self.assertEqual(sheet["E2"].number_format, '"R$" #,##0.00')
        self.assertEqual(sheet["D2"].number_format, "dd/mm/yyyy")
        self.assertEqual(sheet["H2"].number_format, "0")
        self.assertEqual(sheet["G2"].value, datetime(2024, 2, 12))
        self.assertEqual(sheet["H2"].value, 12)
        # Excel-hostile text stays text, never a formula.
        self.assertEqual(sheet["A3"].value, '=HYPERLINK("http://evil","x")')
        self.assertEqual(sheet["A3"].data_type, "s")
        self.assertIsNone(sheet["G3"].value)
        # Totals row: SUBTOTAL formulas with their cached values.
        self.assertEqual(sheet["A4"].value, "Total")
        self.assertEqual(sheet["E4"].value, "=SUBTOTAL(9,E2:E3)")
        self.assertEqual(sheet["F4"].value, "=SUBTOTAL(9,F2:F3)")
        self.assertEqual(sheet["F4"].number_format, '"R$" #,##0.00')
        cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Installments"]
        self.assertEqual(cached["E4"].value, 1000.25)
        self.assertEqual(cached["F4"].value, 500.25)
        self.assertEqual(cached["J4"].value, 512.0)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:J3")

    def test_aging_table_below_the_summary(self):
        content = build_financial_workbook(
            [("Customer", "X"), ("Open Amount", 350.0, "money")],
            iter(()),
            labels={"Aging": "Vencimentos", "Open Amount": "Valor em aberto", "Total": "Total"},
            currency_symbol="R$",
            aging=[("A vencer", 100.0, 1), ("Vencidas 1–30 dias", 250.5, 3)],
        )
        sheet = self._load(content).worksheets[0]
        rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
        self.assertEqual(
            rows,
            [
                ("Customer", "X", None),
                ("Open Amount", 350.0, None),
                (None, None, None),
                ("Vencimentos", "Valor em aberto", "Installments"),
                ("A vencer", 100.0, 1),
                ("Vencidas 1–30 dias", 250.5, 3),
                ("Total", 350.5, 4),
            ],
        )
        self.assertEqual(sheet["B5"].number_format, '"R$" #,##0.00')
        self.assertEqual((sheet["C5"].number_format, sheet["C7"].number_format), ("0", "0"))
        self.assertEqual(sheet["B7"].number_format, '"R$" #,##0.00')
        # without aging rows the summary sheet has its two columns only
        plain = self._load(build_financial_workbook([("Customer", "X")], iter(()))).worksheets[0]
        self.assertEqual(plain.max_column, 2)

    def test_no_installments(self):
        book = self._load(build_financial_workbook([("Customer", "X")], iter(())))
        sheet = book["Installments"]
        self.assertEqual(sheet["A2"].value, "Total")
        self.assertEqual(sheet["E2"].value, 0)
        self.assertEqual(sheet["E2"].number_format, "#,##0.00")  # no currency symbol given
        self.assertEqual(sheet.max_row, 2)

    def test_safe_filename(self):
        self.assertEqual(
            safe_filename('Açaí & Cia. / "Ltda" ☕', date(2024, 2, 29)),
            "financial_situation_Acai_Cia_Ltda_2024-02-29.xlsx",
        )
        self.assertEqual(
            safe_filename("☕☕", date(2024, 1, 1)), "financial_situation_customer_2024-01-01.xlsx"
        )
        self.assertLessEqual(len(safe_filename("x" * 500, date(2024, 1, 1))), 100)

    def test_memory_stays_bounded(self):
        def many_rows(count):
            for index in range(count):
                yield {
                    "document": f"INV/2024/{index:06d}",
                    "installment": "1/1",
                    "issue_date": date(2024, 1, 1),
                    "due_date": date(2024, 1, 31),
                    "amount_original": 100.0,
                    "amount_residual": 50.0,
                    "settlement_date": None,
                    "days_late": 3,
                    "status": "Overdue",
                    "amount_updated": 51.0,
                }

        tracemalloc.start()
        try:
            content = build_financial_workbook([("Customer", "X")], many_rows(15000))
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        # Rows go to a temporary file: the peak is the finished file, not 150k cells in memory.
        self.assertLess(peak, len(content) * 4 + 8 * 1024 * 1024)
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Installments"]
        self.assertEqual(sheet.max_row, 15002)
