"""Bad input and edge cases: each gives an exact, sensible result, never a traceback."""

import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command

from .common import FichaClienteCommon, indicators_data


class EdgeCommon(FichaClienteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.user_id = False

    def invoice(self, day, amount, partner=None, currency=None, move_type="out_invoice", post=True):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or self.customer).id,
                "invoice_date": day,
                "invoice_date_due": day,
                **({"currency_id": currency.id} if currency else {}),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def order(self, day, amount, partner=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "user_id": False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = f"{day} 10:00:00"
        return order

    def figures(self, partner=None, period="full", user=None):
        data = indicators_data((partner or self.customer).with_user(user or self.accountant))
        return {m["key"]: m[period] for section in data["sections"] for m in section["metrics"]}, data[
            "years"
        ]

    def workbook(self, partner=None):
        filename, content = (partner or self.customer).with_user(self.accountant)._ficha_financial_xlsx()
        return filename, openpyxl.load_workbook(io.BytesIO(content))


@freeze_time("2024-06-15 12:00:00")
class TestExportText(EdgeCommon):
    def test_excel_hostile_texts_are_written_as_text(self):
        self.invoice("2024-05-01", 100.0)
        for text in ('=HYPERLINK("http://evil","x")', "+55 19 3333-4444", "-2+3", "@SUM(A1:A9)"):
            with self.subTest(text=text):
                self.customer.write({"name": text, "city": text})
                __, book = self.workbook()
                summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(max_col=2)}
                for label in ("Customer", "City"):
                    self.assertEqual(summary[label].value, text)
                    self.assertEqual(summary[label].data_type, "s")
                self.assertEqual(summary["Open Amount"].value, 100.0)

    def test_accents_emoji_and_very_long_names(self):
        name = "Açaí & Pão de Queijo 😀 Ltda " + "Ç" * 400
        self.customer.name = name
        self.invoice("2024-05-01", 100.0)
        filename, book = self.workbook()
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(max_col=2)}
        self.assertEqual(summary["Customer"], name)
        self.assertTrue(filename.endswith("_2024-06-15.xlsx"), filename)
        self.assertLessEqual(len(filename), 255)
        self.assertNotIn("/", filename)
        self.assertEqual(self.customer.with_user(self.accountant).ficha_open_amount, 100.0)
        self.assertEqual(
            self.customer.with_user(self.salesman).action_open_ficha()["res_id"], self.customer.id
        )


class TestDates(EdgeCommon):
    def test_leap_day_year_to_date(self):
        with freeze_time("2024-02-29 12:00:00"):
            for day, amount in (
                ("2020-02-29", 800.0),
                ("2023-02-28", 100.0),
                ("2023-03-01", 200.0),
                ("2024-02-29", 400.0),
            ):
                self.invoice(day, amount)
            self.order("2024-02-29", 40.0)
            ytd, years = self.figures(period="ytd")
            full, __ = self.figures()
        self.assertEqual(years, [2020, 2021, 2022, 2023, 2024])
        self.assertEqual(ytd["invoiced"], [800.0, 0.0, 0.0, 100.0, 400.0])
        self.assertEqual(full["invoiced"], [800.0, 0.0, 0.0, 300.0, 400.0])
        self.assertEqual(ytd["ordered"], [0.0, 0.0, 0.0, 0.0, 40.0])
        # everything is due on its invoice date: the leap-day one is due today, not late
        self.assertEqual(full["due"], [800.0, 0.0, 0.0, 300.0, 400.0])

    def test_year_boundary(self):
        self.invoice("2024-12-31", 50.0)
        self.invoice("2025-01-01", 70.0)
        with freeze_time("2025-01-01 12:00:00"):
            ytd, years = self.figures(period="ytd")
            full, __ = self.figures()
            customer = self.customer.with_user(self.accountant)
            self.assertEqual(customer.ficha_overdue_amount, 50.0)
            self.assertEqual(customer.ficha_oldest_overdue_days, 1)
            late = customer.ficha_installment_ids.filtered(lambda row: row.status == "overdue")
            self.assertEqual((late.date_due, late.days_late), (date(2024, 12, 31), 1))
        self.assertEqual(years, [2021, 2022, 2023, 2024, 2025])
        self.assertEqual(ytd["invoiced"], [0.0, 0.0, 0.0, 0.0, 70.0])
        self.assertEqual(full["invoiced"], [0.0, 0.0, 0.0, 50.0, 70.0])
        self.assertEqual(full["open_balance"], [0.0, 0.0, 0.0, 50.0, 120.0])


@freeze_time("2024-06-15 12:00:00")
class TestDocuments(EdgeCommon):
    def test_cancelled_and_deleted_documents_leave_the_figures(self):
        invoice = self.invoice("2024-05-01", 300.0)
        draft = self.invoice("2024-05-02", 999.0, post=False)
        order = self.order("2024-05-01", 300.0)
        customer = self.customer.with_user(self.accountant)
        self.assertEqual((customer.ficha_open_amount, customer.ficha_sale_order_count), (300.0, 1))
        invoice.button_draft()
        invoice.button_cancel()
        draft.unlink()
        order._action_cancel()
        customer.invalidate_recordset()
        figures, __ = self.figures()
        self.assertEqual((customer.ficha_open_amount, customer.ficha_sale_order_count), (0.0, 0))
        self.assertFalse(customer.ficha_installment_ids)
        self.assertFalse(customer.ficha_sale_history_ids)
        self.assertEqual(
            (figures["invoiced"][-1], figures["ordered"][-1], figures["due"][-1]), (0.0, 0.0, 0.0)
        )

    def test_foreign_currency_in_company_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", eur.id)]).unlink()
        self.env["res.currency.rate"].create({"currency_id": eur.id, "name": "2024-01-01", "rate": 0.5})
        self.invoice("2024-05-01", 100.0, currency=eur)
        figures, __ = self.figures()
        self.assertEqual((figures["invoiced"][-1], figures["open_balance"][-1]), (200.0, 200.0))
        self.assertEqual(self.customer.with_user(self.accountant).ficha_open_amount, 200.0)

    def test_partial_payment_then_reversal(self):
        invoice = self.invoice("2024-05-01", 300.0)
        lines = invoice.line_ids.filtered(lambda line: line.display_type == "payment_term")
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move.line", active_ids=lines.ids)
            .create({"payment_date": "2024-05-10", "amount": 120.0})
            ._create_payments()
        )
        customer = self.customer.with_user(self.accountant)
        self.assertEqual(customer.ficha_open_amount, 180.0)
        figures, __ = self.figures()
        self.assertEqual(figures["receipts"][-1], 120.0)
        payment.move_id._reverse_moves(cancel=True)
        customer.invalidate_recordset()
        figures, __ = self.figures()
        self.assertEqual(customer.ficha_open_amount, 300.0)
        self.assertEqual(customer.ficha_installment_ids.status, "overdue")
        self.assertEqual(figures["open_balance"][-1], 300.0)

    def test_supplier_only_and_no_history(self):
        supplier = self.env["res.partner"].create({"name": "Só Fornecedor", "supplier_rank": 1})
        self.invoice("2024-05-01", 80.0, partner=supplier, move_type="in_invoice")
        newcomer = self.env["res.partner"].create({"name": "Sem Histórico"})
        for partner in (supplier, newcomer):
            with self.subTest(partner=partner.name):
                figures, __ = self.figures(partner=partner)
                self.assertEqual(
                    {key: set(values) for key, values in figures.items() if key != "average_ticket"},
                    {key: {0.0} for key in figures if key != "average_ticket"},
                )
                as_user = partner.with_user(self.accountant)
                self.assertEqual((as_user.ficha_alert_count, as_user.ficha_health_score), (0, 100))
                self.assertEqual((as_user.ficha_sale_order_count, as_user.ficha_quotation_count), (0, 0))
                __, book = self.workbook(partner)
                self.assertEqual(book["Installments"].max_row, 2)  # header and totals only

    def test_archived_customer_sheet(self):
        self.invoice("2024-05-01", 100.0)
        self.customer.action_archive()
        customer = self.customer.with_user(self.accountant)
        self.assertEqual(customer.action_open_ficha()["res_id"], self.customer.id)
        self.assertEqual(self.figures()[0]["invoiced"][-1], 100.0)
        self.assertEqual(customer.ficha_open_amount, 100.0)
        # its contact person (archived with it or not) opens the same sheet
        self.assertEqual(
            self.contact.with_user(self.accountant).action_open_ficha()["res_id"], self.customer.id
        )
