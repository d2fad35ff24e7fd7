import unittest
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.addons.ficha_cliente.tools.quotations import latest, quotation_alerts
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from .common_commercial import CommercialCommon


class TestQuotationAlertsPure(unittest.TestCase):
    def test_alerts(self):
        today = date(2025, 6, 20)
        self.assertEqual(
            quotation_alerts(date(2025, 6, 19), date(2025, 6, 19), today),
            {"expired": True, "expiring": False, "idle": False},
        )
        self.assertEqual(
            quotation_alerts(date(2025, 6, 20), date(2025, 6, 5), today),
            {"expired": False, "expiring": True, "idle": True},
        )
        self.assertEqual(
            quotation_alerts(date(2025, 6, 27), date(2025, 6, 6), today),
            {"expired": False, "expiring": True, "idle": False},
        )
        self.assertEqual(
            quotation_alerts(date(2025, 6, 28), datetime(2025, 6, 6, 23, 0), today),
            {"expired": False, "expiring": False, "idle": False},
        )
        self.assertEqual(
            quotation_alerts(False, False, today), {"expired": False, "expiring": False, "idle": False}
        )
        self.assertEqual(
            quotation_alerts(date(2025, 6, 22), date(2025, 6, 19), today, expiring_days=1, idle_days=1),
            {"expired": False, "expiring": False, "idle": True},
        )

    def test_latest(self):
        self.assertEqual(
            latest(datetime(2025, 1, 2, 8, 0), None, date(2025, 1, 2)), datetime(2025, 1, 2, 8, 0)
        )
        self.assertEqual(latest(False, None), False)
        self.assertEqual(latest(date(2025, 1, 3), datetime(2025, 1, 2, 23, 0)), date(2025, 1, 3))


@freeze_time("2025-06-20 12:00:00")
class TestQuotations(CommercialCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def quotation(user, date_order, validity_date, partner=None):
            return cls._create_order(
                partner or cls.customer,
                user,
                date_order,
                [(cls.product, 1, 100.0, 0)],
                confirm=False,
                validity_date=validity_date,
            )

        cls.q_expired = quotation(cls.salesman, "2025-06-10 10:00:00", "2025-06-15")
        cls.q_expiring = quotation(cls.salesman, "2025-06-10 10:00:00", "2025-06-25")
        cls.q_idle = quotation(cls.salesman, "2025-05-01 10:00:00", "2025-08-30")
        cls.q_active = quotation(cls.salesman_b, "2025-05-01 10:00:00", "2025-08-30", partner=cls.contact)
        with freeze_time("2025-06-18 16:30:00"):
            cls.q_active.message_post(body="Cliente pediu desconto", message_type="comment")

    def test_quotation_rows_and_flags(self):
        self.env.invalidate_all()
        quotations = self.customer.ficha_quotation_ids
        self.assertEqual(set(quotations), {self.q_expired, self.q_expiring, self.q_idle, self.q_active})
        self.assertNotIn(self.order_a, quotations)
        flags = {q: (q.ficha_is_expired, q.ficha_is_expiring, q.ficha_is_idle) for q in quotations}
        self.assertEqual(flags[self.q_expired], (True, False, False))
        self.assertEqual(flags[self.q_expiring], (False, True, False))
        self.assertEqual(flags[self.q_idle], (False, False, True))
        self.assertEqual(flags[self.q_active], (False, False, False))
        self.assertEqual(self.q_active.ficha_last_activity_date, datetime(2025, 6, 18, 16, 30))
        self.assertEqual(self.q_idle.ficha_last_activity_date, datetime(2025, 5, 1, 10, 0))
        self.assertEqual(self.q_idle.amount_untaxed, 100.0)
        self.assertEqual(
            (
                self.customer.ficha_quotation_expired_count,
                self.customer.ficha_quotation_expiring_count,
                self.customer.ficha_quotation_idle_count,
            ),
            (1, 1, 1),
        )
        self.assertEqual((self.customer.ficha_quotation_count, self.customer.ficha_sale_order_count), (4, 2))

    def test_confirmed_and_cancelled_have_no_alerts(self):
        self.q_expired._action_cancel()
        self.q_expiring.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(set(self.customer.ficha_quotation_ids), {self.q_idle, self.q_active})
        self.assertFalse(self.q_expiring.ficha_is_expiring)
        self.assertEqual(self.customer.ficha_quotation_expired_count, 0)
        self.assertEqual(self.customer.ficha_quotation_expiring_count, 0)

    def test_periods_follow_the_settings(self):
        self.company.ficha_quotation_expiring_days = 3
        self.company.ficha_quotation_idle_days = 60
        self.env.invalidate_all()
        self.assertEqual(self.customer.ficha_quotation_expiring_count, 0)
        self.assertEqual(self.customer.ficha_quotation_idle_count, 0)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.ficha_quotation_expiring_days, 3)
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("ficha_size_attribute_id", "ficha_quotation_expiring_days", "ficha_quotation_idle_days"):
            self.assertIn(f'name="{name}"', arch)
        settings.ficha_quotation_idle_days = 20
        settings.execute()
        self.assertEqual(self.company.ficha_quotation_idle_days, 20)
        with self.assertRaises(ValidationError):
            self.company.ficha_quotation_idle_days = -1

    def test_own_documents_only(self):
        self.env.invalidate_all()
        mine = self.customer.with_user(self.salesman)
        self.assertEqual(set(mine.ficha_quotation_ids), {self.q_expired, self.q_expiring, self.q_idle})
        self.assertEqual((mine.ficha_quotation_count, mine.ficha_sale_order_count), (3, 1))
        self.env.invalidate_all()
        hers = self.customer.with_user(self.salesman_b)
        self.assertEqual(hers.ficha_quotation_ids, self.q_active)
        self.assertEqual(
            (
                hers.ficha_quotation_expired_count,
                hers.ficha_quotation_expiring_count,
                hers.ficha_quotation_idle_count,
            ),
            (0, 0, 0),
        )

    def test_query_count_does_not_grow_with_partners(self):
        others = self.env["res.partner"].create(
            [{"name": f"Cliente {i}", "is_company": True} for i in range(5)]
        )
        for partner in others:
            self._create_order(
                partner, self.salesman, "2025-06-01", [(self.product, 1, 1.0, 0)], confirm=False
            )

        def count(partners, field):
            self.env.invalidate_all()
            partners.mapped("name")  # the partners themselves are loaded either way
            before = self.cr.sql_log_count
            partners.mapped(field)
            return self.cr.sql_log_count - before

        for field in (
            "ficha_quotation_idle_count",
            "ficha_sale_order_count",
            "ficha_invoice_count",
            "ficha_pending_late_count",
            "ficha_return_rate",
        ):
            count(self.customer | others, field)  # warm up caches that do not depend on the data
            self.assertEqual(count(self.customer, field), count(self.customer | others, field), field)


class TestQuickAccess(CommercialCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Atacado"})
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.customer.write(
            {"property_product_pricelist": cls.pricelist.id, "property_payment_term_id": cls.payment_term.id}
        )

    def _new_quotation(self, user, partner=None):
        orders = self.env["sale.order"].search([])
        action = (partner or self.customer).with_user(user).action_new_quotation()
        created = self.env["sale.order"].search([]) - orders
        self.assertEqual(len(created), 1, "exactly one quotation is created")
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", created.id))
        self.assertEqual(action["views"], [(self.env.ref("sale.view_order_form").id, "form")])
        return created

    def test_new_quotation_from_the_sheet(self):
        order = self._new_quotation(self.salesman)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.pricelist_id, self.pricelist)
        self.assertEqual(order.payment_term_id, self.payment_term)
        self.assertEqual(order.user_id, self.salesman)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.company_id, self.company)
        # Back on the sheet, the new quotation is listed.
        self.env.invalidate_all()
        self.assertIn(order, self.customer.with_user(self.salesman).ficha_quotation_ids)

    def test_new_quotation_from_a_contact_person_is_for_the_company(self):
        order = self._new_quotation(self.salesman, partner=self.contact)
        self.assertEqual(order.partner_id, self.customer)

    def test_salesperson_limited_to_own_documents_keeps_the_quotation(self):
        # The customer's salesperson is A; B (own documents only) would not see a quotation of A's.
        order = self._new_quotation(self.salesman_b)
        self.assertEqual(order.user_id, self.salesman_b)
        order.with_user(self.salesman_b).check_access("read")
        order = self._new_quotation(self.sales_manager)
        self.assertEqual(order.user_id, self.salesman)

    def test_new_quotation_refused_for_archived_or_foreign_customer(self):
        orders = self.env["sale.order"].search_count([])
        self.customer.action_archive()
        with self.assertRaisesRegex(UserError, "archived"):
            self.customer.with_user(self.salesman).action_new_quotation()
        self.customer.action_unarchive()
        self.customer.company_id = self.env["res.company"].create({"name": "Outra Empresa"})
        with self.assertRaisesRegex(UserError, "Outra Empresa"):
            self.customer.action_new_quotation()
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    def test_new_quotation_bad_input(self):
        orders = self.env["sale.order"].search_count([])
        Partner = self.env["res.partner"].with_user(self.salesman)
        with self.assertRaises(MissingError):
            Partner.browse(999999).action_new_quotation()
        with self.assertRaises(ValueError):
            Partner.browse([self.customer.id, self.contact.id]).action_new_quotation()
        # a customer of another company the salesperson cannot read
        company_b = self.env["res.company"].create({"name": "Empresa B"})
        customer_b = self.env["res.partner"].create({"name": "Cliente da B", "company_id": company_b.id})
        with self.assertRaises(AccessError):
            Partner.browse(customer_b.id).action_new_quotation()
        # an archived contact person of an active customer quotes for the customer
        self.contact.action_archive()
        self._new_quotation(self.salesman, partner=self.contact)
        self.assertEqual(self.env["sale.order"].search_count([]), orders + 1)

    def _notification(self, partner, user):
        orders = self.env["sale.order"].search([])
        action = partner.with_user(user).action_new_quotation()
        created = self.env["sale.order"].search([]) - orders
        self.assertEqual(len(created), 1, "exactly one quotation is created")
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "display_notification"))
        params = action["params"]
        self.assertEqual((params["type"], params["sticky"]), ("warning", True))
        self.assertEqual((params["next"]["res_model"], params["next"]["res_id"]), ("sale.order", created.id))
        return params

    def test_native_blocking_message_refuses_the_quotation(self):
        orders = self.env["sale.order"].search_count([])
        self.customer.write({"sale_warn": "block", "sale_warn_msg": "Cliente em disputa judicial"})
        for partner in (self.customer, self.contact):
            with (
                self.subTest(partner=partner.name),
                self.assertRaisesRegex(UserError, "Cliente em disputa judicial"),
            ):
                partner.with_user(self.salesman).action_new_quotation()
        # the customer's block wins over its contact person's warning (as in sale's own form)
        self.contact.write({"sale_warn": "warning", "sale_warn_msg": "Falar só com a Maria"})
        with self.assertRaisesRegex(UserError, "Cliente em disputa judicial"):
            self.contact.with_user(self.salesman).action_new_quotation()
        # a contact person's own block, quoting from its sheet
        self.customer.sale_warn = "no-message"
        self.contact.write({"sale_warn": "block", "sale_warn_msg": "Compradora afastada"})
        with self.assertRaisesRegex(UserError, "Compradora afastada"):
            self.contact.with_user(self.salesman).action_new_quotation()
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    def test_native_warning_shows_its_message_and_opens_the_quotation(self):
        self.customer.write({"sale_warn": "warning", "sale_warn_msg": "Só entrega à tarde"})
        for partner in (self.customer, self.contact):
            with self.subTest(partner=partner.name):
                params = self._notification(partner, self.salesman)
                self.assertIn("Só entrega à tarde", params["message"])
                self.assertIn(self.customer.name, params["title"])

    def test_sheet_warnings_block_or_warn(self):
        Warning = self.env["ficha.partner.warning"]
        today = fields.Date.context_today(Warning)
        Warning.create(
            {
                "partner_id": self.customer.id,
                "severity": "block",
                "message": "Bloqueio vencido",
                "valid_until": today - timedelta(days=1),
            }
        )
        Warning.create({"partner_id": self.customer.id, "severity": "info", "message": "Só informação"})
        other_company = self.env["res.company"].create({"name": "Outra Filial"})
        Warning.create(
            {
                "partner_id": self.customer.id,
                "severity": "block",
                "message": "Bloqueio da outra filial",
                "company_id": other_company.id,
            }
        )
        # expired, informative and other companies' warnings do not stop a quotation
        self._new_quotation(self.salesman)
        Warning.create({"partner_id": self.customer.id, "severity": "warning", "message": "Pagar à vista"})
        params = self._notification(self.contact, self.salesman)
        self.assertIn("Pagar à vista", params["message"])
        block = Warning.create(
            {
                "partner_id": self.customer.id,
                "severity": "block",
                "message": "Cheque devolvido",
                "valid_until": today,
            }
        )
        orders = self.env["sale.order"].search_count([])
        with self.assertRaisesRegex(UserError, "Cheque devolvido"):
            self.contact.with_user(self.salesman).action_new_quotation()
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        block.action_archive()
        self.assertIn("Pagar à vista", self._notification(self.customer, self.salesman)["message"])

    def test_new_quotation_refused_without_sales_rights(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.basic_user).action_new_quotation()

    def test_sales_orders_and_quotations_open_in_sale_actions(self):
        action = self.customer.with_user(self.salesman).action_ficha_view_sale_orders()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertIn(("partner_id", "child_of", self.customer.id), action["domain"])
        self.assertIn(("state", "in", ["sale"]), action["domain"])
        action = self.customer.with_user(self.salesman).action_ficha_view_quotations()
        self.assertIn(("state", "in", ["draft", "sent"]), action["domain"])

    def test_invoices_for_accounting_users_only(self):
        invoice = self.order_a._create_invoices()
        invoice.action_post()
        self.env.invalidate_all()
        accountant_view = self.customer.with_user(self.accountant)
        self.assertEqual(accountant_view.ficha_invoice_count, 1)
        action = accountant_view.action_ficha_view_invoices()
        self.assertEqual(action["res_model"], "account.move")
        self.assertEqual(self.env["account.move"].search(action["domain"]), invoice)
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).action_ficha_view_invoices()
