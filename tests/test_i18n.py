import io
import re
import unittest
from pathlib import Path

import openpyxl
import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

from .common import FichaClienteCommon

I18N = Path(__file__).resolve().parent.parent / "ficha_cliente" / "i18n"

# %s, %d, %(name)s, %(pct).0f, %(change)+.0f, %% ...; {name}, {0}; tags and entities.
PERCENT_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr%]")
BRACE_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MARKUP = re.compile(r"<[^>]+>|&\w+;")


class TestTranslations(TransactionCase):
    """The UI ships a complete pt_BR translation: every term of the addon is in the .pot and translated."""

    def test_every_term_is_in_the_pot_and_translated_in_pt_br(self):
        terms = {source for _module, _type, _name, _res_id, source, _value, _comments in self._reader()}
        self.assertGreater(len(terms), 20)
        pot_terms = {entry.msgid for entry in polib.pofile(str(I18N / "ficha_cliente.pot"))}
        self.assertFalse(sorted(terms - pot_terms), "terms missing from the .pot: run scripts/i18n.sh")
        po = polib.pofile(str(I18N / "pt_BR.po"))
        translated = {entry.msgid for entry in po.translated_entries()}
        self.assertFalse(sorted(terms - translated), "terms not translated in pt_BR.po")

    def test_pt_br_is_loaded_with_the_brazilian_names(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["ficha_cliente"], ["pt_BR"], overwrite=True)
        menu = self.env.ref("ficha_cliente.ficha_cliente_menu_root").with_context(lang="pt_BR")
        self.assertEqual(menu.name, "Cadastros")
        action = self.env.ref("ficha_cliente.res_partner_action_ficha").with_context(lang="pt_BR")
        self.assertEqual(action.name, "Ficha de Cliente")

    def _reader(self):
        return TranslationModuleReader(self.env.cr, modules=["ficha_cliente"])


class TestPtBrFile(unittest.TestCase):
    """Every pt_BR msgstr keeps the placeholders, markup and outer whitespace of its msgid."""

    def test_placeholders_markup_and_whitespace_match(self):
        po = polib.pofile(str(I18N / "pt_BR.po"))
        self.assertGreater(len(po), 500)
        mismatches = []
        for entry in po:
            for pattern in (PERCENT_PLACEHOLDER, BRACE_PLACEHOLDER, MARKUP):
                if sorted(pattern.findall(entry.msgid)) != sorted(pattern.findall(entry.msgstr)):
                    mismatches.append((entry.msgid, entry.msgstr))
            source, translation = entry.msgid, entry.msgstr
            if (source[: len(source) - len(source.lstrip())], source[len(source.rstrip()) :]) != (
                translation[: len(translation) - len(translation.lstrip())],
                translation[len(translation.rstrip()) :],
            ):
                mismatches.append((entry.msgid, entry.msgstr))
        self.assertEqual(mismatches, [])
        # The check itself sees a dropped or renamed placeholder.
        self.assertNotEqual(
            sorted(PERCENT_PLACEHOLDER.findall("%(count)s late, %(pct).0f%%")),
            sorted(PERCENT_PLACEHOLDER.findall("%(count)s atrasados, %(pct).0f")),
        )

    def test_brazilian_glossary(self):
        translations = {entry.msgid: entry.msgstr for entry in polib.pofile(str(I18N / "pt_BR.po"))}
        expected = {
            "Master Data": "Cadastros",
            "Customer Sheet": "Ficha de Cliente",
            "Item Sheet": "Ficha de Item",
            "Installment History": "Histórico de Parcelas",
            "Financial Situation": "Situação Financeira",
            "Warnings, Contacts and References": "Advertências, Contatos e Referências",
            "Schedule and CRM": "Agenda e CRM",
            "Pending Orders": "Pedidos",
            "Quotations": "Orçamentos",
            "Export financial situation": "Exportar situação financeira",
            "Tax ID": "CNPJ/CPF",
            "Due Date": "Vencimento",
            "Invoices": "Notas Fiscais",
            "Salesperson": "Vendedor",
        }
        self.assertEqual({msgid: translations[msgid] for msgid in expected}, expected)


class TestPtBrInUse(FichaClienteCommon):
    """Code strings and field labels come out in Portuguese for a pt_BR user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(["ficha_cliente"], ["pt_BR"], overwrite=True)

    def test_code_and_model_terms_in_pt_br(self):
        customer = self.customer.with_user(self.accountant).with_context(lang="pt_BR")
        action = customer.action_view_ficha_installments()
        self.assertEqual(action["name"], "Parcelas de Cliente Teste Ltda")
        installment = self.env["ficha.installment"].with_context(lang="pt_BR")
        self.assertEqual(installment.fields_get(["date_due"])["date_due"]["string"], "Vencimento")
        statuses = dict(installment._fields["status"]._description_selection(installment.env))
        self.assertEqual(statuses["paid_on_time"], "Paga em dia")

    def test_workbook_in_pt_br(self):
        customer = self.customer.with_user(self.accountant).with_context(lang="pt_BR")
        _filename, content = customer._ficha_financial_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Resumo", "Parcelas"])
        summary = {row[0].value: row[1] for row in book["Resumo"].iter_rows()}
        self.assertEqual(summary["CNPJ/CPF"].value, "11.444.777/0001-61")
        self.assertEqual(summary["Data da exportação"].number_format, "dd/mm/yyyy")
        sheet = book["Parcelas"]
        self.assertEqual(sheet["D1"].value, "Vencimento")
        self.assertEqual(sheet["A2"].value, "Total")
        symbol = self.company.currency_id.symbol
        self.assertEqual(sheet["E2"].number_format, f'"{symbol}" #,##0.00')
