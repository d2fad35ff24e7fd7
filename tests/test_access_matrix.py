"""Who may do what, as a table: every profile x every ``ficha_*`` field the addon adds to
``res.partner`` and ``product.product`` x every model of the addon.

A new field or model without a row here fails ``test_every_field_and_model_has_a_decision``:
adding one means deciding its audience.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_security import FichaSecurityCommon

PROFILES = (
    "public",
    "portal",  # a portal user of the customer (its contact)
    "internal",  # internal user without sales or accounting rights
    "sales_own",  # salesperson, own documents only
    "sales_all",  # salesperson, all documents
    "fin_viewer",  # the sheet's financial viewer group, nothing else
    "invoicing",
    "accountant",
    "other_company",  # invoicing and all sales documents, in the second company only
    "two_companies",  # invoicing and all sales documents, in both companies
    "technician",  # inventory user (repairs) with the sheet
)

# Which audiences each profile belongs to.
SHEET, SALES, FINANCIAL, INVOICES, REPAIRS = "sheet", "sales", "financial", "invoices", "repairs"
PROFILE_AUDIENCES = {
    "public": set(),
    "portal": set(),
    "internal": set(),
    "sales_own": {SHEET, SALES},
    "sales_all": {SHEET, SALES},
    "fin_viewer": {SHEET, FINANCIAL},
    "invoicing": {SHEET, SALES, FINANCIAL, INVOICES},
    "accountant": {SHEET, SALES, FINANCIAL, INVOICES},
    "other_company": {SHEET, SALES, FINANCIAL, INVOICES},
    "two_companies": {SHEET, SALES, FINANCIAL, INVOICES},
    "technician": {SHEET, REPAIRS},
}

_FINANCIAL_FIELDS = """ficha_installment_ids ficha_pending_installment_ids ficha_currency_id
    ficha_indicators_receivables_data
    ficha_open_amount ficha_overdue_amount ficha_overdue_count ficha_oldest_overdue_days ficha_settled_count
    ficha_on_time_rate ficha_avg_days_late ficha_max_days_late ficha_uninvoiced_amount
    ficha_credit_used_amount ficha_credit_limit ficha_credit_use_rate ficha_payment_verdict
    ficha_recent_installments_json ficha_receivable_balance ficha_customer_credit_amount
    ficha_first_pending_installments_json ficha_first_purchase_date ficha_last_purchase_date
    ficha_purchase_count ficha_largest_purchase_id ficha_largest_purchase_amount
    ficha_largest_purchase_date ficha_average_ticket ficha_largest_balance_amount
    ficha_largest_balance_date ficha_avg_payment_days ficha_aging_not_due_amount ficha_aging_not_due_count
    ficha_aging_late_1_30_amount ficha_aging_late_1_30_count ficha_aging_late_31_60_amount
    ficha_aging_late_31_60_count ficha_aging_late_61_90_amount ficha_aging_late_61_90_count
    ficha_aging_late_over_90_amount ficha_aging_late_over_90_count"""
# the sales report lists: their models' readers (sales, accounting)
_SALES_FIELDS = (
    "ficha_sale_history_ids ficha_return_line_ids ficha_recent_sale_history_ids ficha_pending_line_ids"
    " ficha_recent_return_rate ficha_has_lots ficha_preference_summary"
)
_SHEET_FIELDS = """ficha_quotation_ids ficha_quotation_expired_count ficha_quotation_expiring_count
    ficha_quotation_idle_count ficha_sale_order_count ficha_quotation_count ficha_pending_count
    ficha_pending_late_count ficha_return_rate ficha_warning_ids ficha_warning_level ficha_warning_banner
    ficha_reference_ids ficha_stale_reference_count ficha_interaction_ids ficha_last_interaction_date
    ficha_days_without_interaction ficha_alert_level ficha_alerts_json ficha_alert_banner_html
    ficha_alert_details_html ficha_alert_count ficha_alert_max_severity ficha_health_score
    ficha_health_factors ficha_pattern_summary ficha_indicators_data
    ficha_section_badges ficha_alert_badges"""
# The audience of every ficha_* field: who may read it (over RPC too).
FIELD_AUDIENCE = {
    "res.partner": {
        **dict.fromkeys(_FINANCIAL_FIELDS.split(), FINANCIAL),
        **dict.fromkeys(_SHEET_FIELDS.split(), SHEET),
        **dict.fromkeys(_SALES_FIELDS.split(), SALES),
        "ficha_invoice_count": INVOICES,
        "ficha_repair_ids": REPAIRS,
        "ficha_repair_count": REPAIRS,
        "ficha_repair_in_progress_count": REPAIRS,
    },
    "product.product": {
        "ficha_sale_history_ids": SALES,
        "ficha_return_line_ids": SALES,
        "ficha_pending_line_ids": SALES,
        "ficha_return_rate": SHEET,
        "ficha_yearly_sales": SHEET,
        "ficha_yearly_sales_html": SHEET,
        "ficha_repair_ids": REPAIRS,
    },
}

# Access rights per model, a column per profile (same order as PROFILES):
# "" none, "r" read (search, read_group), "rwc" read, write and create.
MODEL_ACCESS = {
    # public portal internal own  all   finv  inv   acct  otherc 2comp tech
    "ficha.installment": ("", "", "", "", "", "r", "r", "r", "r", "r", ""),
    "ficha.sale.history": ("", "", "", "r", "r", "", "r", "r", "r", "r", ""),
    "ficha.return.line": ("", "", "", "r", "r", "", "r", "r", "r", "r", ""),
    "ficha.pending.line": ("", "", "", "r", "r", "", "r", "r", "r", "r", ""),
    "ficha.repair": ("", "", "", "", "", "", "", "", "", "", "r"),
    "ficha.interaction": ("", "", "", "r", "r", "r", "r", "r", "r", "r", "r"),
    "ficha.alert.state": ("", "", "", "r", "r", "r", "r", "r", "r", "r", "r"),
    "ficha.partner.warning": ("", "", "", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc"),
    "ficha.partner.reference": ("", "", "", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc", "rwc"),
}
# Abstract models: no table, no public method; they read through the user's own rights.
ABSTRACT_MODELS = {
    "ficha.alert.facts",
    "ficha.indicators",
    "ficha.query",
    "ficha.commercial.report",
    "ficha.partner.note",
    "ficha.customer.alerts.mixin",
}


@freeze_time("2025-06-30 12:00:00")
class TestAccessMatrix(FichaSecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        portal = new_test_user(
            cls.env, login="sec_portal", name="Portal do Cliente", groups="base.group_portal"
        )
        portal.partner_id.parent_id = cls.customer
        company_2_only = {"company_id": cls.company_2.id, "company_ids": [Command.set(cls.company_2.ids)]}
        cls.users = {
            "public": cls.env.ref("base.public_user"),
            "portal": portal,
            "internal": cls.basic_user,
            "sales_own": cls.salesman,
            "sales_all": cls.sales_all,
            "fin_viewer": new_test_user(
                cls.env,
                login="sec_fin_viewer",
                name="Analista",
                groups="base.group_user,ficha_cliente.ficha_cliente_group_financial",
            ),
            "invoicing": cls.invoice_user,
            "accountant": new_test_user(
                cls.env, login="sec_accountant", name="Contadora", groups="account.group_account_manager"
            ),
            "other_company": new_test_user(
                cls.env,
                login="sec_other_company",
                name="Filial",
                groups="account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
                **company_2_only,
            ),
            "two_companies": cls.multi_user,
            "technician": new_test_user(
                cls.env,
                login="sec_technician",
                name="Técnica",
                groups="stock.group_stock_user,ficha_cliente.ficha_cliente_group_user",
            ),
        }

    def test_every_field_and_model_has_a_decision(self):
        for model, audiences in FIELD_AUDIENCE.items():
            fields = {name for name in self.env[model]._fields if name.startswith("ficha_")}
            self.assertEqual(fields, set(audiences), model)
        models = {
            name for name in self.env.registry if name.startswith("ficha.") and not self.env[name]._transient
        }
        self.assertEqual(models, set(MODEL_ACCESS) | ABSTRACT_MODELS)
        self.assertTrue(all(self.env[name]._abstract for name in ABSTRACT_MODELS))
        self.assertEqual(set(PROFILE_AUDIENCES), set(PROFILES))

    def env_of(self, profile):
        """The profile's environment, in its own companies (as its browser would be)."""
        user = self.users[profile]
        return self.env(user=user, context=dict(self.env.context, allowed_company_ids=user.company_ids.ids))

    def records(self, model, profile):
        record = self.customer if model == "res.partner" else self.product
        return record.with_env(self.env_of(profile))

    def test_fields(self):
        for profile in PROFILES:
            for model, audiences in FIELD_AUDIENCE.items():
                record = self.records(model, profile)
                for field, audience in audiences.items():
                    with self.subTest(profile=profile, model=model, field=field):
                        if audience in PROFILE_AUDIENCES[profile]:
                            record.invalidate_recordset()
                            record.read([field])
                        else:
                            with self.assertRaises(AccessError):
                                record.read([field])
                            definition = record._fields[field]
                            if definition.search or definition.store:
                                # a domain is checked by the model it searches (Odoo checks no
                                # field group there): the lines' model, the alert states
                                leaf = (field, "any", []) if definition.relational else (field, "!=", False)
                                with self.assertRaises(AccessError):
                                    record.search_count([leaf])

    def test_sections_read_together_as_each_apart(self):
        """The sheet's opening reads sections in one request (``ficha_web_read_sections``): each
        profile gets the fields of its audiences and an AccessError for any other, as in
        ``web_read``, also when the refused field is in the second section of the request."""
        first_of = {}
        for field, audience in FIELD_AUDIENCE["res.partner"].items():
            first_of.setdefault(audience, field)
        for profile in PROFILES:
            record = self.records("res.partner", profile)
            for audience, field in first_of.items():
                with self.subTest(profile=profile, field=field):
                    record.invalidate_recordset()
                    if audience in PROFILE_AUDIENCES[profile]:
                        (names, figures) = record.ficha_web_read_sections([{"display_name": {}}, {field: {}}])
                        self.assertEqual(
                            names, [{"id": self.customer.id, "display_name": "Cliente Teste Ltda"}]
                        )
                        self.assertEqual(figures, record.web_read({field: {}}))
                    else:
                        with self.assertRaises(AccessError):
                            record.ficha_web_read_sections([{"display_name": {}}, {field: {}}])

    def test_models(self):
        for model, cells in MODEL_ACCESS.items():
            for profile, expected in zip(PROFILES, cells, strict=True):
                Model = self.env_of(profile)[model]
                with self.subTest(profile=profile, model=model):
                    if "r" in expected:
                        Model.search([], limit=1)
                        Model.read_group([], ["id:count"], [])
                    else:
                        with self.assertRaises(AccessError):
                            Model.search([], limit=1)
                        with self.assertRaises(AccessError):
                            Model.read_group([], ["id:count"], [])
                    self.assertEqual(Model.has_access("write"), "w" in expected)
                    self.assertEqual(Model.has_access("create"), "c" in expected)

    def test_portal_reads_its_order_but_not_the_sheet_flags(self):
        """The quotation flags of the sheet (expired, expiring, idle: idle reads the internal notes)
        are for the sheet's users; the portal customer reads its own order without them."""
        portal = self.users["portal"]
        self.order_own.message_subscribe(portal.partner_id.ids)
        order = self.order_own.with_user(portal)
        self.assertEqual(order.read(["name"])[0]["name"], self.order_own.name)
        for field in ("ficha_is_expired", "ficha_is_expiring", "ficha_is_idle", "ficha_last_activity_date"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                order.read([field])
        flags = self.order_own.with_user(self.salesman).read(["ficha_is_expired", "ficha_is_idle"])[0]
        self.assertEqual((flags["ficha_is_expired"], flags["ficha_is_idle"]), (False, False))

    def test_portal_reads_its_customer_but_no_assessment(self):
        customer = self.customer.with_user(self.users["portal"])
        self.assertEqual(customer.read(["name"])[0]["name"], "Cliente Teste Ltda")
        for field in (
            "ficha_health_score",
            "ficha_alerts_json",
            "ficha_pattern_summary",
            "ficha_open_amount",
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                customer.read([field])
