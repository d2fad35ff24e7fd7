"""Shared scenario of the test suite: every test class builds its own data here."""

from lxml import etree

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

SHEET_VIEW = "ficha_cliente.res_partner_view_form_ficha"


def sheet_arch(env, user=None):
    """The sheet as ``user``'s browser gets it: the form's arch, then the arch of each section
    the form shows to that user (sections are embedded forms, loaded when shown)."""
    partners = env["res.partner"].with_user(user) if user else env["res.partner"]
    arch = partners.get_views([(env.ref(SHEET_VIEW).id, "form")])["views"]["form"]["arch"]
    sections = [
        int(node.get("view_id"))
        for node in etree.fromstring(arch).iter("widget")
        if node.get("name") == "ficha_section"
    ]
    return arch + "".join(
        partners.get_views([(view_id, "form")])["views"]["form"]["arch"] for view_id in sections
    )


def indicators_data(partner):
    """The 5-year indicators ``partner``'s user sees on the page: the sales part
    (``ficha_indicators_data``) with the receivables part's sections after it, for financial users."""
    data = dict(partner.ficha_indicators_data or {})
    if data and partner.env.user.has_group("ficha_cliente.ficha_cliente_group_financial"):
        receivables = partner.ficha_indicators_receivables_data or {}
        data["sections"] = data["sections"] + receivables.get("sections", [])
    return data


class FichaClienteCommon(TransactionCase):
    """A customer company with a contact person, a salesperson and an accountant.

    Section tests extend this in their own module with the documents they need.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.salesman = new_test_user(
            cls.env,
            login="ficha_salesman",
            name="Vendedor Teste",
            groups="sales_team.group_sale_salesman",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="ficha_accountant",
            name="Contador Teste",
            groups="account.group_account_invoice,sales_team.group_sale_salesman",
        )
        cls.basic_user = new_test_user(
            cls.env, login="ficha_basic", name="Usuário Interno", groups="base.group_user"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Cliente Teste Ltda",
                "is_company": True,
                "vat": "11.444.777/0001-61",
                "city": "Campinas",
                "user_id": cls.salesman.id,
                "child_ids": [
                    Command.create(
                        {"name": "Maria Compradora", "function": "Compras", "email": "maria@example.com"}
                    ),
                ],
            }
        )
        cls.contact = cls.customer.child_ids
        cls.product = cls.env["product.product"].create(
            {"name": "Camiseta Básica", "type": "consu", "list_price": 100.0, "standard_price": 40.0}
        )
