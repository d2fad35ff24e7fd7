"""Shared scenario of the test suite: every test class builds its own data here."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


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
