"""Security scenario: one user per group and a customer shared between two companies."""

from odoo import Command, fields
from odoo.tests import new_test_user

from .common import FichaClienteCommon


class FichaSecurityCommon(FichaClienteCommon):
    """The shared customer (no company) has, in 2025:

    - main company: order ``order_own`` of ``salesman`` (2025-03-10, 300.00), ``order_b`` of
      ``salesman_b`` (2025-04-10, 500.00), quotations ``quote_own`` and ``quote_b``; invoices
      ``inv_own`` (salesman, 2025-03-15, 300.00) and ``inv_b`` (salesman_b, 2025-04-15, 500.00);
    - second company: order ``order_c2`` of ``multi_user`` (2025-05-10, 700.00), invoice
      ``inv_c2`` (2025-05-15, 700.00).

    Users: ``basic_user`` (internal only), ``salesman``/``salesman_b`` (own documents),
    ``sales_all`` (all documents), ``acc_readonly`` (accounting read-only), ``invoice_user``
    (invoicing only), ``sheet_user`` (only the sheet's user group) and ``multi_user``
    (invoicing and all sales documents, in both companies).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman_b = new_test_user(
            cls.env, login="sec_salesman_b", name="Vendedora B", groups="sales_team.group_sale_salesman"
        )
        cls.sales_all = new_test_user(
            cls.env, login="sec_sales_all", name="Gerente", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.acc_readonly = new_test_user(
            cls.env,
            login="sec_readonly",
            name="Auditor",
            groups="base.group_user,account.group_account_readonly",
        )
        cls.invoice_user = new_test_user(
            cls.env, login="sec_invoice", name="Faturista", groups="account.group_account_invoice"
        )
        cls.sheet_user = new_test_user(
            cls.env,
            login="sec_sheet",
            name="Só Ficha",
            groups="base.group_user,ficha_cliente.ficha_cliente_group_user",
        )
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Filial Segura", "currency_id": cls.company.currency_id.id}
        )
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_2, install_demo=False
        )
        cls.env.user.company_ids |= cls.company_2
        cls.multi_user = new_test_user(
            cls.env,
            login="sec_multi",
            name="Multiempresa",
            groups="account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
            company_ids=[Command.set([cls.company.id, cls.company_2.id])],
        )
        cls.customer.user_id = False

        cls.order_own = cls._order(cls.salesman, "2025-03-10", 300.0)
        cls.order_b = cls._order(cls.salesman_b, "2025-04-10", 500.0)
        cls.quote_own = cls._order(cls.salesman, "2025-06-01", 30.0, confirm=False)
        cls.quote_b = cls._order(cls.salesman_b, "2025-06-02", 50.0, confirm=False)
        cls.order_c2 = cls._order(cls.multi_user, "2025-05-10", 700.0, company=cls.company_2)
        cls.inv_own = cls._invoice(cls.salesman, "2025-03-15", 300.0)
        cls.inv_b = cls._invoice(cls.salesman_b, "2025-04-15", 500.0)
        cls.inv_c2 = cls._invoice(cls.multi_user, "2025-05-15", 700.0, company=cls.company_2)
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.customer = cls.customer.with_env(cls.env)
        cls.contact = cls.contact.with_env(cls.env)

    @classmethod
    def _company_env(cls, company):
        return cls.env(context=dict(cls.env.context, allowed_company_ids=[(company or cls.company).id]))

    @classmethod
    def _order(cls, user, day, amount, confirm=True, company=None):
        env = cls._company_env(company)
        order = env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": user.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = fields.Datetime.to_datetime(f"{day} 10:00:00")
        return order

    @classmethod
    def _invoice(cls, user, day, amount, company=None, partner=None, currency=None, post=True):
        env = cls._company_env(company)
        move = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or cls.customer).id,
                "invoice_user_id": user.id,
                "invoice_date": day,
                "invoice_date_due": day,
                "company_id": (company or cls.company).id,
                **({"currency_id": currency.id} if currency else {}),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move
