from datetime import date

from freezegun import freeze_time

from odoo.addons.ficha_cliente.tools.relationship import is_reference_stale, stale_cutoff
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_relationship import RelationshipCommon


class TestReferenceLogic(RelationshipCommon):
    def test_is_reference_stale_on_plain_data(self):
        today = date(2026, 6, 15)
        self.assertTrue(is_reference_stale(None, today, 6))
        self.assertTrue(is_reference_stale(date(2025, 12, 15), today, 6))
        self.assertFalse(is_reference_stale(date(2025, 12, 16), today, 6))
        self.assertFalse(is_reference_stale(date(2025, 12, 15), today, 12))
        self.assertFalse(is_reference_stale(None, today, 0))
        # month ends and leap days
        self.assertTrue(is_reference_stale(date(2023, 8, 31), date(2024, 2, 29), 6))
        self.assertFalse(is_reference_stale(date(2024, 2, 29), date(2025, 2, 27), 12))
        self.assertTrue(is_reference_stale(date(2024, 2, 29), date(2025, 2, 28), 12))
        self.assertEqual(stale_cutoff(today, 6), date(2025, 12, 15))
        self.assertIsNone(stale_cutoff(today, 0))


@freeze_time("2026-06-15")
class TestReferences(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Reference = cls.env["ficha.partner.reference"]
        cls.bank = Reference.create(
            {
                "partner_id": cls.customer.id,
                "reference_type": "bank",
                "name": "Banco do Brasil",
                "contact_name": "Gerente PJ",
                "credit_granted": 50000.0,
                "customer_since": "2015-04-01",
                "last_checked_date": "2025-12-15",
                "check_result": "good",
            }
        )
        cls.supplier = Reference.create(
            {
                "partner_id": cls.contact.id,
                "reference_type": "commercial",
                "name": "Tecelagem Paulista",
                "phone": "+55 11 4000-0000",
                "last_checked_date": "2026-01-10",
                "check_result": "regular",
            }
        )
        cls.personal = Reference.create(
            {"partner_id": cls.customer.id, "reference_type": "personal", "name": "Contador do cliente"}
        )

    def test_stale_flags_and_count(self):
        self.assertEqual(self.supplier.partner_id, self.customer)
        references = self.customer.with_user(self.salesman).ficha_reference_ids
        self.assertEqual(
            {ref.name: ref.is_stale for ref in references},
            {"Banco do Brasil": True, "Tecelagem Paulista": False, "Contador do cliente": True},
        )
        self.assertEqual(self.customer.with_user(self.salesman).ficha_stale_reference_count, 2)
        self.assertEqual(self.contact.with_user(self.salesman).ficha_stale_reference_count, 2)

    def test_stale_months_setting(self):
        self.company.ficha_reference_stale_months = 12
        self.customer.invalidate_recordset()
        self.bank.invalidate_recordset()
        self.assertFalse(self.bank.is_stale)
        self.assertEqual(self.customer.ficha_stale_reference_count, 1)
        self.company.ficha_reference_stale_months = 0
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.ficha_stale_reference_count, 0)
        with self.assertRaises(ValidationError):
            self.company.ficha_reference_stale_months = -1
        settings = self.env["res.config.settings"].create({"ficha_reference_stale_months": 3})
        settings.execute()
        self.assertEqual(self.company.ficha_reference_stale_months, 3)

    def test_checking_a_reference_clears_the_flag(self):
        self.bank.with_user(self.salesman).write({"last_checked_date": "2026-06-15", "check_result": "good"})
        self.assertFalse(self.bank.is_stale)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.ficha_stale_reference_count, 1)

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.bank.last_checked_date = "2026-07-01"
        with self.assertRaises(ValidationError):
            self.bank.credit_granted = -1.0
        with self.assertRaises(ValidationError):
            self.bank.email = "gerente arroba banco"
        self.bank.email = "gerente.pj@bb.com.br"
        self.bank.name = "Cooperativa São José 🏦 " + "x" * 300
        self.assertTrue(self.bank.name.endswith("x" * 300))

    def test_company_and_customer_are_fixed_once_written(self):
        # not created in a company the user does not work in
        with self.assertRaises(AccessError):
            self.env["ficha.partner.reference"].with_user(self.salesman).create(
                {"partner_id": self.customer.id, "name": "X", "company_id": self.company_b.id}
            )
        other_customer = self.env["res.partner"].create({"name": "Outro Cliente", "is_company": True})
        self.salesman.company_ids |= self.company_b
        for vals in (
            {"company_id": self.company_b.id},
            {"partner_id": other_customer.id},
            {"partner_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "cannot be changed"):
                self.bank.with_user(self.salesman).write(dict(vals, name="Movida"))
        self.assertEqual(
            (self.bank.partner_id, self.bank.company_id, self.bank.name),
            (self.customer, self.company, "Banco do Brasil"),
        )
        self.bank.with_user(self.salesman).write({"partner_id": self.customer.id, "check_result": "bad"})
        self.assertEqual(self.bank.check_result, "bad")
        arch = self.env["ficha.partner.reference"].get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("partner_id", "company_id"):
            self.assertRegex(arch, rf'<field name="{name}"[^>]*readonly="id"', name)

    def test_other_company_does_not_see_the_references(self):
        Reference = self.env["ficha.partner.reference"].with_user(self.user_b)
        self.assertFalse(Reference.search([("partner_id", "=", self.customer.id)]))
        with self.assertRaises(AccessError):
            self.bank.with_user(self.user_b).read(["name"])
        customer_b = self.customer.with_user(self.user_b)
        self.assertFalse(customer_b.ficha_reference_ids)
        self.assertEqual(customer_b.ficha_stale_reference_count, 0)

    def test_users_without_the_sheet_cannot_read(self):
        with self.assertRaises(AccessError):
            self.bank.with_user(self.basic_user).read(["name"])
