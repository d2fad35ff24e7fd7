from lxml import etree

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

    def test_sheet_lists_are_the_models_own_lists(self):
        """One list per model: the sheet's and the item sheet's x2many fields name the model's list
        view (no inline copy); the customer's sheet hides the customer column through the context,
        the item sheet shows it. (The latest and the first pending installments are tables of the
        installments' own values: ``test_financial``'s ``test_latest_installments_table`` and
        ``test_pending_installments_table``.)"""
        lists = {
            "ficha_recent_sale_history_ids": "ficha_sale_history_view_list",
            "ficha_return_line_ids": "ficha_return_line_view_list",
            "ficha_pending_line_ids": "ficha_pending_line_view_list",
            "ficha_interaction_ids": "ficha_interaction_view_list",
            "ficha_repair_ids": "ficha_repair_view_list",
            "ficha_warning_ids": "ficha_partner_warning_view_list",
            "ficha_reference_ids": "ficha_partner_reference_view_list",
            "ficha_sale_history_ids": "ficha_sale_history_view_list",
        }
        views = (
            self.env["ir.model.data"]
            .search([("module", "=", "ficha_cliente"), ("model", "=", "ir.ui.view")])
            .mapped(lambda data: self.env["ir.ui.view"].browse(data.res_id))
            .filtered(lambda view: view.model in ("res.partner", "product.product"))
        )
        seen = set()
        for view in views:
            for node in etree.fromstring(view.arch_db).iter("field"):
                name = node.get("name")
                if name not in lists:
                    continue
                seen.add((view.model, name))
                with self.subTest(view=view.name, field=name):
                    self.assertIsNone(node.find("list"))
                    # the sales history's context also reads the record's lot flag (the lot column)
                    context = safe_eval(node.get("context"), {"id": 1, "ficha_has_lots": False})
                    self.assertEqual(context["list_view_ref"], f"ficha_cliente.{lists[name]}")
                    # the customer's sheet hides its customer column; the item sheet shows customers
                    self.assertEqual(bool(context.get("ficha_hide_customer")), view.model == "res.partner")
                    comodel = self.env[view.model]._fields[name].comodel_name
                    arch = etree.fromstring(
                        self.env[comodel]
                        .with_context(list_view_ref=context["list_view_ref"])
                        .get_views([(False, "list")])["views"]["list"]["arch"]
                    )
                    customer = arch.xpath("//field[@name='commercial_partner_id' or @name='partner_id']")[0]
                    self.assertEqual(customer.get("column_invisible"), "context.get('ficha_hide_customer')")
        self.assertEqual(len(seen), 7 + 4)  # every list of the customer's sheet, 4 of the item sheet
