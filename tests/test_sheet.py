from odoo.tools.safe_eval import safe_eval

from .common import FichaClienteCommon


class TestSheet(FichaClienteCommon):
    def test_addon_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "ficha_cliente")])
        self.assertEqual(module.state, "installed")

    def test_menu_opens_the_customer_list_then_the_sheet(self):
        menu = self.env.ref("ficha_cliente.res_partner_menu_ficha")
        action = self.env.ref("ficha_cliente.res_partner_action_ficha")
        self.assertEqual(menu.action, action)
        self.assertEqual(menu.parent_id, self.env.ref("ficha_cliente.ficha_cliente_menu_root"))
        views = [(view.view_mode, view.view_id) for view in action.view_ids]
        self.assertEqual(
            views,
            [
                ("list", self.env.ref("ficha_cliente.res_partner_view_list_ficha")),
                ("form", self.env.ref("ficha_cliente.res_partner_view_form_ficha")),
            ],
        )
        # The customer filter of the list finds the customer once it has a document.
        self.customer.customer_rank = 1
        domain = safe_eval(action.domain) + [("customer_rank", ">", 0), ("name", "ilike", "Teste")]
        self.assertEqual(self.env["res.partner"].search(domain), self.customer)

    def test_sheet_is_a_primary_view_apart_from_the_contact_form(self):
        sheet = self.env.ref("ficha_cliente.res_partner_view_form_ficha")
        self.assertEqual(sheet.mode, "primary")
        self.assertFalse(sheet.inherit_id)
        self.assertEqual(
            self.env["res.partner"].get_views([(False, "form")])["views"]["form"]["id"],
            self.env.ref("base.view_partner_form").id,
        )
        arch = self.env["res.partner"].get_views([(sheet.id, "form")])["views"]["form"]["arch"]
        for page in ("installments", "financial", "warnings_contacts", "sales_history", "quotations"):
            self.assertIn(f'name="{page}"', arch)

    def test_contact_person_opens_commercial_entity_sheet(self):
        action = self.contact.action_open_ficha()
        self.assertEqual(action["res_id"], self.customer.id)
        self.assertEqual(action["views"][0][0], self.env.ref("ficha_cliente.res_partner_view_form_ficha").id)
        self.assertEqual(self.customer.action_open_ficha()["res_id"], self.customer.id)

    def test_standard_contact_form_has_the_sheet_button(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="action_open_ficha"', arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.basic_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn('name="action_open_ficha"', arch)

    def test_contacts_page_lists_and_adds_contact_people(self):
        self.assertEqual(self.customer.child_ids.mapped("name"), ["Maria Compradora"])
        self.customer.with_user(self.salesman).write(
            {
                "child_ids": [
                    (0, 0, {"name": "João Financeiro", "function": "Financeiro", "phone": "+55 19 3333-4444"})
                ]
            }
        )
        self.assertEqual(
            sorted(self.customer.child_ids.mapped("function")),
            ["Compras", "Financeiro"],
        )

    def test_menu_hidden_from_users_without_sales_or_invoicing(self):
        root = self.env.ref("ficha_cliente.ficha_cliente_menu_root")
        visible = self.env["ir.ui.menu"].with_user(self.basic_user)._visible_menu_ids()
        self.assertNotIn(root.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(root.id, visible)
