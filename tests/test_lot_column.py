"""The lot column of the sales history on the customer's sheet (issue #19): shown when a line of
the sheet's page has a lot."""

from freezegun import freeze_time
from lxml import etree

from odoo.tests import new_test_user

from .common import sheet_arch
from .common_commercial import CommercialCommon


@freeze_time("2025-07-01")
class TestLotColumn(CommercialCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain_customer = cls.env["res.partner"].create({"name": "Sem Lote Ltda", "is_company": True})
        cls._create_order(
            cls.plain_customer, cls.salesman, "2025-06-20 09:00:00", [(cls.product, 1, 100.0, 0.0)]
        )
        cls.lot_user = new_test_user(
            cls.env,
            login="ficha_lot_reader",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_production_lot",
        )

    def test_has_lots_follows_the_page(self):
        self.assertTrue(self.customer.with_user(self.lot_user).ficha_has_lots)
        self.assertTrue(self.contact.with_user(self.lot_user).ficha_has_lots)
        self.assertFalse(self.plain_customer.with_user(self.lot_user).ficha_has_lots)

    def test_column_hidden_by_the_sheet_context_only(self):
        arch = sheet_arch(self.env, self.lot_user)
        self.assertIn("'ficha_hide_lots': not ficha_has_lots", arch)
        env = self.env(user=self.lot_user)
        view = env.ref("ficha_cliente.ficha_sale_history_view_list")
        list_arch = env["ficha.sale.history"].get_views([(view.id, "list")])["views"]["list"]["arch"]
        (column,) = etree.fromstring(list_arch).xpath("//field[@name='lot_names']")
        self.assertEqual(column.get("optional"), "show")
        self.assertEqual(column.get("column_invisible"), "context.get('ficha_hide_lots')")
        (item_button,) = etree.fromstring(list_arch).xpath("//button[@name='action_open_ficha_item']")
        self.assertIn("'ficha_hide_lots': False", item_button.get("context"))
        # without Odoo's Lots & Serial Numbers setting, no lot column at all
        plain_user = new_test_user(self.env, login="ficha_no_lots", groups="sales_team.group_sale_salesman")
        list_arch = self.env(user=plain_user)["ficha.sale.history"].get_views([(view.id, "list")])["views"][
            "list"
        ]["arch"]
        self.assertFalse(etree.fromstring(list_arch).xpath("//field[@name='lot_names']"))
