from contextlib import contextmanager
from datetime import date, datetime, timedelta

from markupsafe import Markup

from odoo import fields
from odoo.addons.ficha_cliente.tools.relationship import days_without_interaction
from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools import SQL

from .common_relationship import RelationshipCommon


class TestAgendaLogic(RelationshipCommon):
    def test_days_without_interaction_on_plain_data(self):
        today = date(2024, 3, 1)
        self.assertEqual(days_without_interaction(datetime(2024, 2, 28, 23, 59), today), 2)  # leap year
        self.assertEqual(days_without_interaction(date(2023, 12, 31), today), 61)
        self.assertEqual(days_without_interaction(None, today, fallback=datetime(2024, 1, 1, 8)), 60)
        self.assertEqual(days_without_interaction(date(2024, 3, 5), today), 0)
        self.assertIsNone(days_without_interaction(None, today))


class TestAgenda(RelationshipCommon):
    """The timeline is an SQL view evaluated with the database clock: the scenario is dated
    relative to now (PostgreSQL's NOW() cannot be frozen)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now().replace(microsecond=0)
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.now = now
        # a scheduled activity, in 5 days
        cls.activity = cls.customer.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today + timedelta(days=5),
            summary="Enviar catálogo de inverno",
            user_id=cls.salesman.id,
        )
        Event = cls.env["calendar.event"].with_context(no_mail_to_attendees=True)
        cls.future_meeting = Event.create(
            {
                "name": "Visita de apresentação",
                "start": now + timedelta(days=3),
                "stop": now + timedelta(days=3, hours=1),
                "user_id": cls.salesman.id,
                "partner_ids": [(6, 0, [cls.contact.id, cls.salesman.partner_id.id])],
            }
        )
        cls.past_meeting = Event.create(
            {
                "name": "Reunião de negociação",
                "start": now - timedelta(days=30),
                "stop": now - timedelta(days=30) + timedelta(hours=1),
                "user_id": cls.salesman.id,
                "partner_ids": [(6, 0, [cls.contact.id])],
            }
        )
        # a logged call: mail's scheduler, "Schedule & Mark as Done" on a Call activity
        scheduler = (
            cls.env["mail.activity.schedule"]
            .with_user(cls.salesman)
            .with_context(**cls.customer.action_ficha_log_call()["context"])
            .create({"summary": "Ligou sobre atraso na entrega"})
        )
        cls.call_activity_type = scheduler.activity_type_id
        scheduler.action_schedule_activities_done()
        cls.call_message = cls.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", cls.customer.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        cls.call_message.date = now - timedelta(days=2)
        Lead = cls.env["crm.lead"]
        cls.open_opportunity = Lead.create(
            {
                "name": "Uniformes 2027",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,
                "expected_revenue": 5000.0,
            }
        )
        cls.open_opportunity.date_last_stage_update = now - timedelta(days=5)
        cls.lost_opportunity = Lead.create(
            {
                "name": "Bonés promocionais",
                "type": "opportunity",
                "partner_id": cls.contact.id,
                "user_id": cls.salesman.id,
                "expected_revenue": 1200.0,
            }
        )
        cls.lost_opportunity.action_set_lost()
        cls.lost_opportunity.date_closed = now - timedelta(days=60)

    # (kind, state, summary) of the scenario's rows, in the timeline's order, as the salesperson sees them
    TIMELINE = [
        ("activity", "planned", "Enviar catálogo de inverno"),
        ("meeting", "planned", "Visita de apresentação"),
        ("activity", "done", "Call done : Ligou sobre atraso na entrega"),
        ("opportunity", "open", "Uniformes 2027"),
        ("meeting", "done", "Reunião de negociação"),
        ("opportunity", "lost", "Bonés promocionais"),
    ]

    def _timeline(self, user):
        # x2many values are cached per record, not per user: read afresh as in a new request
        self.env.invalidate_all()
        return self.customer.with_user(user).ficha_interaction_ids

    def test_timeline_in_order(self):
        rows = self._timeline(self.salesman)
        self.assertEqual([(row.kind, row.state, row.name) for row in rows], self.TIMELINE)
        self.assertEqual(rows.mapped("is_upcoming"), [True, True, False, False, False, False])
        call = rows[2]
        self.assertEqual(self.call_activity_type, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(call.user_id, self.salesman)
        self.assertEqual(call.date, self.now - timedelta(days=2))
        self.assertEqual(rows[3].expected_revenue, 5000.0)
        self.assertEqual(rows[3].stage_id, self.open_opportunity.stage_id)
        self.assertEqual(rows[0].res_model, "res.partner")
        self.assertEqual(rows[0].res_id, self.customer.id)

    def test_timeline_rows_are_read_with_their_search(self):
        """The sheet reads the timeline's rows with their search; read again by id (the access
        check), a row is looked up by its id in its source table, as a row's id is computed and no
        index answers it."""
        customer = self.customer.with_user(self.salesman)
        spec = {"ficha_interaction_ids": {"fields": {"kind": {}, "state": {}, "name": {}}}}
        customer.web_read(spec)  # registry caches warm
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries, True):
            rows = customer.web_read(spec)[0]["ficha_interaction_ids"]
        timeline = [query for query in queries if "FROM mail_activity a" in query]
        self.assertEqual(len(timeline), 2, "\n\n".join(timeline))
        # the search reads the rows' columns, the access check by id only the ids
        self.assertIn('"ficha_interaction"."name"', timeline[0])
        self.assertNotIn('"ficha_interaction"."name"', timeline[1])
        self.assertIn('"ficha_interaction"."source_id" IN', timeline[1])
        self.assertEqual([(row["kind"], row["state"], row["name"]) for row in rows], self.TIMELINE)
        # read by id afresh, each row is the one the search found
        self.env.invalidate_all()
        again = self.env["ficha.interaction"].with_user(self.salesman).browse([row["id"] for row in rows])
        self.assertEqual([(row.kind, row.state, row.name) for row in again], self.TIMELINE)

    def test_rows_of_a_customer_are_those_of_its_contacts(self):
        """Searched by customer, the timeline is searched by the partners of its documents (its
        contacts, archived ones included): the rows whose commercial entity is the customer."""
        former = self.env["res.partner"].create({"name": "Ex-comprador", "parent_id": self.customer.id})
        order = self.env["sale.order"].create({"partner_id": former.id, "user_id": self.salesman.id})
        order.message_post(body="Pedido do ex-comprador", message_type="comment")
        former.action_archive()
        Interaction = self.env["ficha.interaction"]
        # the view's own column (a row per customer: a meeting's id is the same for each one)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT kind, name FROM (%s) v WHERE commercial_partner_id = %s",
                Interaction._table_query,
                self.customer.id,
            )
        )
        by_column = sorted(self.env.cr.fetchall())
        searched = Interaction.search([("commercial_partner_id", "in", self.customer.ids)])
        self.assertEqual(sorted((row.kind, row.name) for row in searched), by_column)
        self.assertEqual(
            by_column,
            sorted(
                [
                    ("activity", "Call done : Ligou sobre atraso na entrega"),
                    ("activity", "Enviar catálogo de inverno"),
                    ("meeting", "Reunião de negociação"),
                    ("meeting", "Visita de apresentação"),
                    # an archived contact's order
                    ("message", "Pedido do ex-comprador"),
                    ("opportunity", "Bonés promocionais"),
                    ("opportunity", "Uniformes 2027"),
                ]
            ),
        )
        # a contact is no customer of its own
        self.assertFalse(Interaction.search([("commercial_partner_id", "=", self.contact.id)]))

    def test_won_opportunity_and_order_notes(self):
        self.open_opportunity.action_set_won()
        order = self.env["sale.order"].create({"partner_id": self.customer.id, "user_id": self.salesman.id})
        order.message_post(body=Markup("Cliente pediu <b>entrega parcial</b>"), message_type="comment")
        order.message_post(body="Frete < R$ 50 & sem custo", message_type="comment")
        rows = self._timeline(self.salesman)
        won = rows.filtered(lambda r: r.res_model == "crm.lead" and r.res_id == self.open_opportunity.id)
        self.assertEqual(won.state, "won")
        notes = rows.filtered(lambda r: r.res_model == "sale.order")
        self.assertEqual(
            sorted(notes.mapped("name")), ["Cliente pediu entrega parcial", "Frete < R$ 50 & sem custo"]
        )
        self.assertEqual(set(notes.mapped("kind")), {"message"})
        # tracking and creation notifications are not interactions
        self.assertEqual(len(rows.filtered(lambda r: r.kind == "message")), 2)

    def test_last_interaction_and_days_without(self):
        customer = self.customer.with_user(self.salesman)
        self.assertEqual(customer.ficha_last_interaction_date, self.now - timedelta(days=2))
        today = fields.Date.context_today(customer)
        self.assertEqual(
            customer.ficha_days_without_interaction, (today - (self.now - timedelta(days=2)).date()).days
        )
        self.assertEqual(
            self.contact.with_user(self.salesman).ficha_last_interaction_date, self.now - timedelta(days=2)
        )
        # a customer without any interaction counts from its creation
        newcomer = self.env["res.partner"].create({"name": "Cliente Novo", "is_company": True})
        self.assertFalse(newcomer.ficha_last_interaction_date)
        self.assertEqual(newcomer.ficha_days_without_interaction, 0)

    def test_own_documents_and_private_meetings(self):
        # the other salesperson sees neither the opportunities assigned to the first one nor
        # his private meeting; partner-level activities and public meetings are shared
        self.past_meeting.privacy = "private"
        rows = self._timeline(self.other_salesman)
        self.assertEqual(
            [(row.kind, row.name) for row in rows],
            [
                ("activity", "Enviar catálogo de inverno"),
                ("meeting", "Visita de apresentação"),
                ("activity", "Call done : Ligou sobre atraso na entrega"),
            ],
        )
        self.assertIn("Reunião de negociação", self._timeline(self.salesman).mapped("name"))
        # a manager sees every opportunity, but not someone else's private meeting either
        self.assertEqual(
            self._timeline(self.sales_manager).mapped("name"),
            [
                "Enviar catálogo de inverno",
                "Visita de apresentação",
                "Call done : Ligou sobre atraso na entrega",
                "Uniformes 2027",
                "Bonés promocionais",
            ],
        )
        # a sheet user without sales rights (accountant) sees no order or lead rows
        accountant = new_test_user(
            self.env, login="ficha_pure_accountant", groups="account.group_account_invoice"
        )
        self.assertEqual(self._timeline(accountant).mapped("kind"), ["activity", "meeting", "activity"])
        # another company's user does not see this company's opportunities
        self.assertNotIn("opportunity", self._timeline(self.user_b).mapped("kind"))

    def test_customers_of_another_company_stay_hidden(self):
        """A customer restricted to company B: its notes, activities and meetings are not shown
        to a user of company A, who cannot read the customer itself."""
        customer_b = self.env["res.partner"].create(
            {"name": "Cliente Só da B", "is_company": True, "company_id": self.company_b.id}
        )
        customer_b.message_post(body="Negociação sigilosa da filial B", message_type="comment")
        customer_b.activity_schedule(
            "mail.mail_activity_data_todo", summary="Ligar para a B", user_id=self.user_b.id
        )
        self.env["calendar.event"].with_context(no_mail_to_attendees=True).create(
            {
                "name": "Reunião na B",
                "start": self.now + timedelta(days=1),
                "stop": self.now + timedelta(days=1, hours=1),
                "user_id": self.user_b.id,
                "partner_ids": [(6, 0, [customer_b.id])],
            }
        )
        domain = [("commercial_partner_id", "=", customer_b.id)]
        Interaction = self.env["ficha.interaction"]
        self.assertEqual(
            sorted(Interaction.with_user(self.user_b).search(domain).mapped("name")),
            ["Ligar para a B", "Negociação sigilosa da filial B", "Reunião na B"],
        )
        for user in (self.salesman, self.sales_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    customer_b.with_user(user).read(["name"])
                self.assertFalse(Interaction.with_user(user).search(domain))
                self.assertFalse(Interaction.with_user(user).search([("name", "ilike", "filial B")]))
        # the shared customer's timeline is unchanged for company A
        self.assertIn("Enviar catálogo de inverno", self._timeline(self.salesman).mapped("name"))

    def test_quick_actions(self):
        customer = self.contact.with_user(self.salesman)
        action = customer.action_ficha_schedule_activity()
        self.assertEqual(action["res_model"], "mail.activity.schedule")
        self.assertEqual(action["context"]["active_ids"], [self.customer.id])
        action = customer.action_ficha_create_opportunity()
        self.assertEqual(action["res_model"], "crm.lead")
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"name": "Nova"})
        )
        self.assertEqual(
            (lead.partner_id, lead.type, lead.user_id), (self.customer, "opportunity", self.salesman)
        )
        action = customer.action_ficha_open_interactions()
        self.assertEqual(action["domain"], [("commercial_partner_id", "=", self.customer.id)])
        row = self._timeline(self.salesman).filtered(lambda r: r.kind == "meeting")[:1]
        self.assertEqual(row.action_open_document()["res_model"], "calendar.event")
        with self.assertRaises(AccessError):
            self.customer.with_user(self.basic_user).action_ficha_log_call()
