"""Fixtures of the relationship sections: services, warnings, references and agenda."""

from odoo import Command
from odoo.tests import new_test_user

from .common import FichaClienteCommon


class RelationshipCommon(FichaClienteCommon):
    """Adds a technician, a sales manager, a second salesperson and a second company with its
    own salesperson (who also sees the shared customer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(
            cls.env,
            login="ficha_technician",
            name="Técnico Teste",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="ficha_sales_manager",
            name="Gerente Comercial",
            groups="sales_team.group_sale_manager,stock.group_stock_user",
        )
        cls.other_salesman = new_test_user(
            cls.env,
            login="ficha_other_salesman",
            name="Outro Vendedor",
            groups="sales_team.group_sale_salesman",
        )
        cls.company_b = cls.env["res.company"].create({"name": "Filial Teste B"})
        cls.user_b = new_test_user(
            cls.env,
            login="ficha_user_b",
            name="Usuário Filial B",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_stock_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set([cls.company_b.id])],
        )
