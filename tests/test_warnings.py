from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.addons.ficha_cliente.tools.relationship import collect_warnings, is_warning_active
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from .common import sheet_arch
from .common_relationship import RelationshipCommon


class TestWarningLogic(RelationshipCommon):
    def test_collect_warnings_on_plain_data(self):
        today = date(2026, 3, 1)
        native = [
            ("Sales", "block", "Legal dispute"),
            ("Invoicing", "no-message", False),
            ("Delivery", "warning", ""),
        ]
        sheet = [
            {"source": "Credit", "severity": "info", "message": "Limit under review", "valid_until": None},
            {"source": "Legal", "severity": "block", "message": "Expired", "valid_until": date(2026, 2, 28)},
            {"source": "Other", "severity": "warning", "message": "Ends today", "valid_until": today},
        ]
        self.assertEqual(
            collect_warnings(native, sheet, today),
            [
                {"source": "Sales", "severity": "block", "message": "Legal dispute"},
                {"source": "Delivery", "severity": "warning", "message": ""},
                {"source": "Other", "severity": "warning", "message": "Ends today"},
                {"source": "Credit", "severity": "info", "message": "Limit under review"},
            ],
        )
        self.assertTrue(is_warning_active(None, today))
        self.assertTrue(is_warning_active(today, today))
        self.assertFalse(is_warning_active(date(2026, 2, 28), today))


class TestWarnings(RelationshipCommon):
    def _warning(self, user=None, **vals):
        Warning = self.env["ficha.partner.warning"]
        if user:
            Warning = Warning.with_user(user)
        return Warning.create(dict({"partner_id": self.customer.id, "message": "Aviso"}, **vals))

    @freeze_time("2026-03-01")
    def test_native_blocking_sale_warning_in_the_banner(self):
        self.customer.write({"sale_warn": "block", "sale_warn_msg": "Cliente em disputa judicial"})
        customer = self.customer.with_user(self.salesman)
        self.assertEqual(customer.ficha_warning_level, "block")
        banner = str(customer.ficha_warning_banner)
        self.assertIn("alert-danger", banner)
        self.assertIn("Cliente em disputa judicial", banner)
        self.assertIn("Blocking (Sales)", banner)
        # the contact person's sheet shows its company's warnings
        self.assertEqual(self.contact.with_user(self.salesman).ficha_warning_level, "block")

    @freeze_time("2026-03-01")
    def test_expired_sheet_warning_not_in_the_banner(self):
        self._warning(
            self.salesman,
            warning_type="credit",
            severity="block",
            message="Cheque devolvido",
            valid_until="2026-02-28",
        )
        self._warning(self.salesman, warning_type="delivery", severity="info", message="Entregar só de manhã")
        customer = self.customer.with_user(self.salesman)
        warnings = customer._ficha_get_active_warnings()[customer.id]
        self.assertEqual(
            warnings, [{"source": "Delivery", "severity": "info", "message": "Entregar só de manhã"}]
        )
        self.assertEqual(customer.ficha_warning_level, "info")
        self.assertNotIn("Cheque devolvido", str(customer.ficha_warning_banner))
        self.assertIn("alert-info", str(customer.ficha_warning_banner))
        # the list on the sheet still has both (the expired one greyed out)
        self.assertEqual(len(customer.ficha_warning_ids), 2)
        self.assertEqual(customer.ficha_warning_ids.filtered("is_expired").message, "Cheque devolvido")

    @freeze_time("2026-03-01")
    def test_no_warning_no_banner(self):
        customer = self.customer.with_user(self.salesman)
        self.assertEqual(customer.ficha_warning_level, "none")
        self.assertFalse(customer.ficha_warning_banner)

    def test_emoji_and_long_text_in_the_banner(self):
        message = "Atenção ⚠️ 🚚 " + "entrega lenta " * 400
        self._warning(self.salesman, message=message)
        self.assertIn(message, str(self.customer.ficha_warning_banner))

    def test_message_escaped_in_the_banner(self):
        self._warning(self.salesman, message="<script>alert(1)</script>")
        self.assertNotIn("<script>", str(self.customer.ficha_warning_banner))
        self.assertIn("&lt;script&gt;", str(self.customer.ficha_warning_banner))

    def test_author_date_and_commercial_entity(self):
        warning = self._warning(self.salesman, partner_id=self.contact.id)
        self.assertEqual(warning.partner_id, self.customer)
        self.assertEqual(warning.user_id, self.salesman)
        self.assertEqual(warning.company_id, self.company)
        with self.assertRaises(ValidationError):
            self._warning(self.salesman, message="   ")

    def test_archive_by_author_or_manager_only(self):
        warning = self._warning(self.salesman)
        with self.assertRaises(AccessError):
            warning.with_user(self.other_salesman).action_archive()
        warning.with_user(self.salesman).action_archive()
        self.assertFalse(warning.active)
        self.assertEqual(self.customer.ficha_warning_level, "none")
        other = self._warning(self.other_salesman)
        other.with_user(self.sales_manager).action_archive()
        self.assertFalse(other.active)
        with self.assertRaises(AccessError):
            other.with_user(self.salesman).unlink()

    def test_author_company_and_customer_are_fixed_once_written(self):
        warning = self._warning(self.salesman, severity="block", message="Só à vista")
        other_customer = self.env["res.partner"].create({"name": "Outro Cliente", "is_company": True})
        self.salesman.company_ids |= self.company_b
        for user in (self.salesman, self.sales_manager):
            for vals in (
                {"company_id": self.company_b.id},
                {"user_id": self.other_salesman.id},
                {"partner_id": other_customer.id},
                {"partner_id": "abc"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(UserError, "cannot be changed"),
                ):
                    warning.with_user(user).write(dict(vals, message="Movido"))
        # ... nor through the sheet's list
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.customer.with_user(self.salesman).write(
                {"ficha_warning_ids": [Command.update(warning.id, {"company_id": self.company_b.id})]}
            )
        self.assertEqual(
            (warning.partner_id, warning.company_id, warning.user_id, warning.message),
            (self.customer, self.company, self.salesman, "Só à vista"),
        )
        # the same values, the message and the severity can be written; managers archive
        warning.with_user(self.salesman).write(
            {"company_id": self.company.id, "partner_id": self.customer.id, "severity": "warning"}
        )
        warning.with_user(self.sales_manager).action_archive()
        self.assertEqual((warning.severity, warning.active), ("warning", False))

    def test_created_in_own_companies_only_and_by_oneself(self):
        Warning = self.env["ficha.partner.warning"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            Warning.create({"partner_id": self.customer.id, "message": "X", "company_id": self.company_b.id})
        private_b = self.env["res.partner"].create({"name": "Só da B", "company_id": self.company_b.id})
        with self.assertRaises(AccessError):
            Warning.create({"partner_id": private_b.id, "message": "X"})
        with self.assertRaises(MissingError):
            Warning.create({"partner_id": 999999, "message": "X"})
        warning = Warning.create(
            {"partner_id": self.customer.id, "message": "X", "user_id": self.other_salesman.id}
        )
        self.assertEqual(warning.user_id, self.salesman)
        self.assertFalse(
            self.env["ficha.partner.warning"].search([("message", "=", "X"), ("id", "!=", warning.id)])
        )

    def test_form_fields_fixed_once_saved(self):
        arch = self.env["ficha.partner.warning"].get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("partner_id", "company_id"):
            self.assertRegex(arch, rf'<field name="{name}"[^>]*readonly="id"', name)

    def test_other_company_does_not_see_the_warnings(self):
        warning = self._warning(self.salesman, severity="block", message="Só à vista")
        Warning = self.env["ficha.partner.warning"].with_user(self.user_b)
        self.assertFalse(Warning.search([("partner_id", "=", self.customer.id)]))
        with self.assertRaises(AccessError):
            warning.with_user(self.user_b).read(["message"])
        self.assertEqual(self.customer.with_user(self.user_b).ficha_warning_level, "none")
        # ... and its own warning on the shared customer stays its own
        Warning.create({"partner_id": self.customer.id, "message": "Filial B", "severity": "info"})
        self.assertEqual(self.customer.with_user(self.salesman).ficha_warning_level, "block")
        self.assertEqual(self.customer.with_user(self.user_b).ficha_warning_level, "info")

    def test_banner_in_the_sheet(self):
        arch = sheet_arch(self.env, self.salesman)
        self.assertIn('name="warning_banner"', arch)
        self.assertIn('name="ficha_warning_ids"', arch)
        self.assertIn('name="ficha_reference_ids"', arch)

    def test_users_outside_the_sheet(self):
        # an internal user without the sheet cannot read its fields nor its warnings
        with self.assertRaises(AccessError):
            self.customer.with_user(self.basic_user).read(["ficha_warning_level"])
        with self.assertRaises(AccessError):
            self.env["ficha.partner.warning"].with_user(self.basic_user).search([])
        # ... but still reads the partner itself
        self.assertEqual(
            self.customer.with_user(self.basic_user).read(["name"])[0]["name"], "Cliente Teste Ltda"
        )
