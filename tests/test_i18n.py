from pathlib import Path

import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

I18N = Path(__file__).resolve().parent.parent / "ficha_cliente" / "i18n"


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
