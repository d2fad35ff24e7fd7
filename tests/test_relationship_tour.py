import shutil
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user


class TestRelationshipTour(HttpCase):
    """Warnings banner, references, timeline and services of the sheet in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="tour_relationship",
            password="tour_relationship",
            groups="sales_team.group_sale_salesman,stock.group_stock_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Relacionamento Ltda",
                "is_company": True,
                "customer_rank": 1,
                "user_id": cls.user.id,
                "sale_warn": "block",
                "sale_warn_msg": "Cliente em disputa judicial",
            }
        )
        today = fields.Date.context_today(cls.customer)
        cls.env["ficha.partner.warning"].create(
            {
                "partner_id": cls.customer.id,
                "severity": "block",
                "message": "Cheque devolvido",
                "valid_until": today - timedelta(days=1),
            }
        )
        cls.env["ficha.partner.reference"].create(
            {"partner_id": cls.customer.id, "reference_type": "bank", "name": "Banco do Brasil"}
        )
        now = fields.Datetime.now()
        cls.env["calendar.event"].create(
            {
                "name": "Visita de apresentação",
                "start": now + timedelta(days=3),
                "stop": now + timedelta(days=3, hours=1),
                "user_id": cls.user.id,
                "partner_ids": [Command.set([cls.customer.id])],
            }
        )
        part = cls.env["product.product"].create({"name": "Agulha", "type": "consu"})
        cls.env["repair.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.user.id,
                "move_ids": [
                    Command.create({"product_id": part.id, "product_uom_qty": 2, "repair_line_type": "add"})
                ],
            }
        )

    def setUp(self):
        super().setUp()
        self.assertTrue(
            shutil.which("chromium") or shutil.which("google-chrome"), "Chromium is not installed"
        )

    def test_relationship_pages(self):
        self.start_tour(
            f"/odoo/action-ficha_cliente.res_partner_action_ficha/{self.customer.id}",
            "ficha_cliente_relationship_tour",
            login="tour_relationship",
        )
        warnings = self.env["ficha.partner.warning"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(
            sorted(warnings.mapped("message")), ["Cheque devolvido", "Só entregar com agendamento"]
        )
        self.assertEqual(warnings.filtered(lambda w: w.message.startswith("Só")).user_id, self.user)
        call = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.customer.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertEqual(call.mail_activity_type_id, self.env.ref("mail.mail_activity_data_call"))
