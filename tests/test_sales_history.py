from datetime import datetime

from odoo.tests import new_test_user

from .common import sheet_arch
from .common_commercial import CommercialCommon


class TestSalesHistory(CommercialCommon):
    def _rows(self, user=None, partner=None):
        partner = partner or self.customer
        # x2many values are cached per transaction, not per user: read afresh as each user.
        self.env.invalidate_all()
        if user:
            partner = partner.with_user(user)
        return {row.order_line_id: row for row in partner.ficha_sale_history_ids}

    def test_rows_of_the_customer(self):
        rows = self._rows()
        self.assertEqual(set(rows), {self.line_a_tshirt, self.line_a_plain, self.line_b})

        tshirt = rows[self.line_a_tshirt]
        self.assertEqual(tshirt.order_id, self.order_a)
        self.assertEqual(tshirt.date, datetime(2024, 3, 10, 9, 0))
        self.assertEqual(tshirt.date_delivered, datetime(2024, 3, 12, 10, 0))
        self.assertEqual(tshirt.product_id, self.tshirt_m)
        self.assertEqual(tshirt.product_tmpl_id, self.tshirt_template)
        self.assertEqual(tshirt.categ_id, self.category)
        self.assertEqual(tshirt.size_id.name, "M")
        self.assertEqual(tshirt.lot_names, "LOT-A, LOT-B")
        self.assertEqual(tshirt.product_uom_qty, 5)
        self.assertEqual(tshirt.qty_delivered, 5)
        self.assertEqual(tshirt.qty_shipped, 5)
        self.assertEqual(tshirt.price_unit, 80.0)
        self.assertEqual(tshirt.discount, 10.0)
        self.assertAlmostEqual(tshirt.price_subtotal, 360.0)
        self.assertEqual(tshirt.user_id, self.salesman)
        self.assertEqual(tshirt.commercial_partner_id, self.customer)
        self.assertEqual(tshirt.company_id, self.company)

        # A product without size nor lot shows both empty.
        plain = rows[self.line_a_plain]
        self.assertFalse(plain.size_id)
        self.assertFalse(plain.lot_names)
        self.assertAlmostEqual(plain.price_subtotal, 200.0)
        self.assertEqual(plain.discount, 0.0)

        # Ordered by the contact person: on the company's sheet; partially delivered.
        partial = rows[self.line_b]
        self.assertEqual(partial.partner_id, self.contact)
        self.assertEqual(partial.commercial_partner_id, self.customer)
        self.assertEqual(partial.size_id.name, "G")
        self.assertEqual(partial.lot_names, "LOT-C")
        self.assertEqual((partial.product_uom_qty, partial.qty_delivered), (4, 1))
        self.assertEqual(partial.date_delivered, datetime(2025, 6, 5, 15, 0))
        self.assertEqual(partial.user_id, self.salesman_b)

    def test_contact_person_sheet_shows_the_company_history(self):
        # The sheet opens on the commercial entity; the contact itself has no rows of its own.
        self.assertEqual(self.contact.action_open_ficha()["res_id"], self.customer.id)
        self.assertFalse(self.contact.ficha_sale_history_ids)

    def test_quotations_and_cancelled_orders_are_not_sales(self):
        self._create_order(
            self.customer, self.salesman, "2025-01-01", [(self.product, 1, 10.0, 0)], confirm=False
        )
        cancelled = self._create_order(
            self.customer, self.salesman, "2025-01-02", [(self.product, 1, 10.0, 0)]
        )
        cancelled._action_cancel()
        self.assertEqual(len(self.customer.ficha_sale_history_ids), 3)

    def test_own_documents_only(self):
        self.assertEqual(set(self._rows(self.salesman)), {self.line_a_tshirt, self.line_a_plain})
        self.assertEqual(set(self._rows(self.salesman_b)), {self.line_b})
        self.assertEqual(len(self._rows(self.sales_manager)), 3)
        # Orders without salesperson are visible to everyone, as in sale's own rule.
        unassigned = self._create_order(self.customer, None, "2025-02-01", [(self.product, 1, 10.0, 0)])
        self.assertIn(unassigned.order_line, self._rows(self.salesman_b))
        # The report itself, searched directly, follows the same rule.
        history = self.env["ficha.sale.history"].with_user(self.salesman_b)
        self.assertEqual(
            history.search([("commercial_partner_id", "=", self.customer.id)]).order_id,
            self.order_b | unassigned,
        )

    def test_users_without_sales_rights_cannot_read(self):
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.env["ficha.sale.history"].with_user(self.basic_user).search([])

    def test_group_by_year_product_and_category(self):
        history = self.env["ficha.sale.history"]
        domain = [("commercial_partner_id", "=", self.customer.id)]
        by_year = {
            year.year: amount
            for year, amount in history._read_group(domain, ["date:year"], ["price_subtotal:sum"])
        }
        self.assertEqual(by_year, {2024: 560.0, 2025: 360.0})
        by_product = dict(history._read_group(domain, ["product_id"], ["product_uom_qty:sum"]))
        self.assertEqual(by_product, {self.tshirt_m: 5, self.product: 2, self.tshirt_g: 4})
        by_category = dict(history._read_group(domain, ["categ_id"], ["price_subtotal:sum"]))
        self.assertEqual(by_category[self.category], 720.0)

    def test_size_attribute_setting(self):
        row = self._rows()[self.line_a_tshirt]
        # Without a setting, an attribute named "Tamanho" counts as size.
        self.company.ficha_size_attribute_id = False
        self.env.invalidate_all()
        self.assertEqual(row.size_id.name, "M")
        # Another attribute configured: the T-shirt has no value of it.
        self.company.ficha_size_attribute_id = self.env["product.attribute"].create({"name": "Cor"})
        self.env.invalidate_all()
        self.assertFalse(row.size_id)

    def test_other_company_rows_are_hidden(self):
        other = self.env["res.company"].create({"name": "Filial"})
        self.salesman.company_ids |= other
        line = self._rows()[self.line_a_tshirt]
        self.env.cr.execute(
            "UPDATE sale_order_line SET company_id = %s WHERE id = %s", (other.id, self.line_a_tshirt.id)
        )
        self.env.invalidate_all()
        only_main = self.customer.with_user(self.salesman).with_context(allowed_company_ids=[self.company.id])
        self.assertEqual(only_main.ficha_sale_history_ids.order_line_id, self.line_a_plain)
        self.env.invalidate_all()
        both = self.customer.with_user(self.salesman).with_context(
            allowed_company_ids=[self.company.id, other.id]
        )
        self.assertEqual(both.ficha_sale_history_ids.order_line_id, self.line_a_tshirt | self.line_a_plain)
        self.assertEqual(line.company_id, other)

    def test_open_full_report_and_item_sheet(self):
        action = self.customer.with_user(self.salesman).action_ficha_view_sales_history()
        self.assertEqual(action["res_model"], "ficha.sale.history")
        self.assertEqual(action["domain"], [("commercial_partner_id", "=", self.customer.id)])
        self.assertIn("pivot", action["view_mode"])
        row = self._rows(self.salesman)[self.line_a_tshirt]
        item = row.action_open_ficha_item()
        self.assertEqual(item["res_model"], "product.product")
        self.assertEqual(item["res_id"], self.tshirt_m.id)
        self.assertEqual(
            item["views"], [(self.env.ref("ficha_cliente.product_product_view_form_ficha_item").id, "form")]
        )
        order = row.action_open_order()
        self.assertEqual((order["res_model"], order["res_id"]), ("sale.order", self.order_a.id))

    def test_sheet_shows_the_sections_to_salespeople(self):
        user = new_test_user(self.env, login="ficha_sales_viewer", groups="sales_team.group_sale_salesman")
        arch = sheet_arch(self.env, user)
        for name in (
            "ficha_recent_sale_history_ids",
            "ficha_return_line_ids",
            "ficha_pending_line_ids",
            "quotation_alerts",
        ):
            self.assertIn(name, arch)
        self.assertIn('name="action_new_quotation"', arch)
        self.assertNotIn('name="action_ficha_view_invoices"', arch)


class TestLatestSales(CommercialCommon):
    """The sheet's latest sales are read within the customer's latest orders (a bound for the
    database): the same page as over all its lines, whoever reads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 21 more orders of one line, one a day from 2025-07-01, the odd days salesperson A's, the
        # even days B's; the first one moved to the second one's minute, so that the 20th latest
        # order (the bound) shares its date with the 21st.
        cls.orders = cls.env["sale.order"]
        for day in range(1, 22):
            user = cls.salesman if day % 2 else cls.salesman_b
            cls.orders |= cls._create_order(
                cls.customer, user, f"2025-07-{day:02d} 10:00:00", [(cls.product, day, 10.0, 0)]
            )
        cls.orders[0].date_order = cls.orders[1].date_order

    def _latest(self, partners, user):
        self.env.invalidate_all()
        return partners.with_user(user)[0].ficha_recent_sale_history_ids

    def _all_lines(self, user):
        return (
            self.env["ficha.sale.history"]
            .with_user(user)
            .search([("commercial_partner_id", "=", self.customer.id)], order="date desc, id desc", limit=20)
        )

    def test_the_page_is_the_latest_of_all_lines(self):
        reader = self.customer.with_user(self.sales_manager)
        self.assertEqual(reader._ficha_latest_orders_date(), self.orders[1].date_order)
        latest = self._latest(self.customer, self.sales_manager)
        self.assertEqual(latest.ids, self._all_lines(self.sales_manager).ids)
        # days 21 to 2: of the two orders at the bound's minute, the later line only
        self.assertEqual(latest.order_id.ids, self.orders[1:].ids[::-1])

    def test_own_documents_read_beyond_the_bound(self):
        # salesperson B sees fewer than a page of lines since the bound (the even days): the page
        # is read over all the lines he may see, his order B of the contact included
        latest = self._latest(self.customer, self.salesman_b)
        self.assertEqual(latest.ids, self._all_lines(self.salesman_b).ids)
        self.assertEqual(len(latest), 11)
        self.assertEqual(latest.order_id.user_id, self.salesman_b)
        self.assertIn(self.line_b, latest.order_line_id)

    def test_several_customers_read_without_bound(self):
        other = self.env["res.partner"].create({"name": "Outro Cliente Ltda", "is_company": True})
        both = (self.customer | other).with_user(self.sales_manager)
        self.assertIsNone(both._ficha_latest_orders_date())
        self.assertEqual(
            self._latest(self.customer | other, self.sales_manager).ids,
            self._all_lines(self.sales_manager).ids,
        )


class TestSheetWebRead(CommercialCommon):
    def test_sheet_reads_paged_sections_as_the_web_client(self):
        spec = {
            "ficha_sale_history_ids": {
                "fields": {
                    "order_id": {"fields": {"display_name": {}}},
                    "size_id": {"fields": {"display_name": {}}},
                    "lot_names": {},
                    "price_subtotal": {},
                },
                "limit": 2,
            },
            "ficha_quotation_ids": {"fields": {"name": {}, "ficha_is_expired": {}}, "limit": 20},
            "ficha_pending_line_ids": {"fields": {"days_late": {}, "is_late": {}}, "limit": 20},
        }
        (values,) = self.customer.with_user(self.sales_manager).web_read(spec)
        rows = values["ficha_sale_history_ids"]
        # All ids come back; only the first page is read (newest first).
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0]["order_id"]["id"], self.order_b.id)
        self.assertEqual(rows[0]["size_id"]["display_name"], "Tamanho: G")
        self.assertEqual(rows[0]["lot_names"], "LOT-C")
        self.assertEqual(len(values["ficha_pending_line_ids"]), 1)
        self.assertEqual(values["ficha_quotation_ids"], [])


class TestWhoSeesTheCommercialSections(CommercialCommon):
    def test_sheet_user_without_sales_or_accounting_rights(self):
        """A user given only the sheet group reads nothing Odoo would not show them."""
        user = new_test_user(
            self.env,
            login="ficha_only_sheet",
            groups="base.group_user,ficha_cliente.ficha_cliente_group_user",
        )
        arch = sheet_arch(self.env, user)
        self.assertNotIn('name="sales_history"', arch)
        self.assertNotIn('name="quotations"', arch)
        partner = self.customer.with_user(user)
        self.assertEqual(
            (
                partner.ficha_quotation_expired_count,
                partner.ficha_pending_late_count,
                partner.ficha_return_rate,
            ),
            (0, 0, 0.0),
        )
        self.assertFalse(partner.ficha_quotation_ids)
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.env["ficha.sale.history"].with_user(user).search([])
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertNotIn(self.env.ref("ficha_cliente.product_product_menu_ficha_item").id, visible)

    def test_accounting_reader_sees_all_documents(self):
        reader = new_test_user(self.env, login="ficha_acc_reader", groups="account.group_account_readonly")
        self.env.invalidate_all()
        rows = self.customer.with_user(reader).ficha_sale_history_ids
        self.assertEqual(rows.order_line_id, self.line_a_tshirt | self.line_a_plain | self.line_b)


class TestForeignCurrency(CommercialCommon):
    def test_amounts_in_company_currency(self):
        currency = self.env.ref("base.EUR")
        if currency == self.company.currency_id:
            currency = self.env.ref("base.USD")
        currency.active = True
        self.env["res.currency.rate"].create(
            {"name": "2025-01-01", "rate": 0.5, "currency_id": currency.id, "company_id": self.company.id}
        )
        pricelist = self.env["product.pricelist"].create({"name": "Exportação", "currency_id": currency.id})
        order = self._create_order(
            self.customer,
            self.salesman,
            "2025-03-01 10:00:00",
            [(self.product, 2, 50.0, 0.0)],
            pricelist_id=pricelist.id,
        )
        self.assertEqual((order.currency_id, order.amount_untaxed), (currency, 100.0))
        self.env.invalidate_all()
        row = self.customer.ficha_sale_history_ids.filtered(lambda r: r.order_id == order)
        self.assertAlmostEqual(row.price_subtotal, 200.0)
        self.assertAlmostEqual(row.price_unit, 100.0)
        self.assertEqual(row.currency_id, self.company.currency_id)
