from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .mail_message import TIMELINE_MESSAGES

# Documents of a customer whose activities and messages belong to its timeline, by model:
# the partner and its contacts, its sale orders and its leads/opportunities.
# partner_company_id is the company the document's partner is restricted to, as base's
# res_partner_rule sees it: none for a shared partner or the partner of an internal user.
# partner_id is the document's own partner (``FichaInteraction._condition_to_sql``).
_DOCUMENTS = {
    "res.partner": """
        SELECT p.id AS res_id, p.commercial_partner_id, NULL::integer AS company_id,
               NULL::integer AS doc_user_id, %(partner_company)s AS partner_company_id, p.id AS partner_id
          FROM res_partner p
    """,
    "sale.order": """
        SELECT so.id AS res_id, p.commercial_partner_id, so.company_id, so.user_id AS doc_user_id,
               %(partner_company)s AS partner_company_id, so.partner_id
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
    """,
    "crm.lead": """
        SELECT l.id AS res_id, p.commercial_partner_id, l.company_id, l.user_id AS doc_user_id,
               %(partner_company)s AS partner_company_id, l.partner_id
          FROM crm_lead l
          JOIN res_partner p ON p.id = l.partner_id
    """,
}

_PARTNER_COMPANY = "CASE WHEN p.partner_share THEN p.company_id END"


# Plain text of a message body: tags dropped, usual entities decoded, blanks collapsed.
_BODY_TEXT = r"""
    TRIM(REGEXP_REPLACE(
        REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
            REGEXP_REPLACE(COALESCE(m.body, ''), '<[^>]*>', ' ', 'g'),
            '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
        '\s+', ' ', 'g'))
"""


class FichaInteraction(models.Model):
    """The customer's timeline: scheduled activities, meetings, messages and opportunities.

    An SQL view (UNION of mail_activity, calendar_event, mail_message and crm_lead) keyed on
    the commercial entity. A view bypasses the record rules of its sources, so the rules of
    this model replicate them explicitly (security/ficha_relationship_security.xml):

    * company: rows of sale orders and leads only in the selected companies
      (``company_id`` is empty for rows on the partner itself and for meetings);
    * customer's company: no row of a partner restricted to a company the user does not
      work in (base's ``res_partner_rule``: ``partner_company_id`` is the company of the
      document's partner, for meetings the company of the attendee's commercial entity,
      since calendar.event has no company);
    * own documents: a salesperson restricted to own documents sees only the activities,
      messages and opportunities of orders/leads assigned to him or unassigned
      (``sale_order_personal_rule`` / ``crm_rule_personal_lead``); a sheet user without sales
      rights (e.g. an accountant) sees no order or lead rows at all;
    * private meetings (explicitly private, or of an organizer whose calendar is private by
      default) only for their organizer.

    Opportunities are dated when closed (won/lost) or, while open, at their last stage change.
    Messages are notes, discussions and emails (``comment``/``email``) and completed
    activities; system notifications (tracking, stage changes) are left out.
    """

    _name = "ficha.interaction"
    _description = "Customer Sheet: Interaction"
    _auto = False
    _order = "is_upcoming desc, date desc, id desc"
    # Flushed before the view is read, so it never shows stale data.
    _depends = {
        "mail.activity": [
            "date_deadline",
            "summary",
            "activity_type_id",
            "user_id",
            "res_model",
            "res_id",
            "active",
        ],
        "calendar.event": ["start", "stop", "name", "user_id", "privacy", "active", "partner_ids"],
        "res.users.settings": ["user_id", "calendar_default_privacy"],
        "mail.message": [
            "date",
            "mail_activity_type_id",
            "subject",
            "body",
            "create_uid",
            "model",
            "res_id",
            "message_type",
        ],
        "crm.lead": [
            "date_closed",
            "date_last_stage_update",
            "create_date",
            "name",
            "user_id",
            "partner_id",
            "company_id",
            "stage_id",
            "type",
            "active",
            "probability",
            "expected_revenue",
        ],
        "crm.stage": ["is_won"],
        "sale.order": ["partner_id", "company_id", "user_id"],
        "res.partner": ["commercial_partner_id", "partner_share", "company_id"],
        "res.company": ["currency_id"],
    }

    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        [
            ("activity", "Activity"),
            ("meeting", "Meeting"),
            ("message", "Message"),
            ("opportunity", "Opportunity"),
        ],
        readonly=True,
    )
    name = fields.Char("Summary", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Done"),
            ("open", "Open"),
            ("won", "Won"),
            ("lost", "Lost"),
        ],
        readonly=True,
    )
    is_upcoming = fields.Boolean("Scheduled", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    doc_user_id = fields.Many2one("res.users", "Document Salesperson", readonly=True)
    partner_company_id = fields.Many2one("res.company", "Customer's Company", readonly=True)
    is_private = fields.Boolean(readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    expected_revenue = fields.Monetary(readonly=True)

    def init(self):
        # Earlier versions created the rows as a database view of this name: drop it.
        tools.drop_view_if_exists(self.env.cr, self._table)

    @property
    def _table_query(self):
        return SQL(
            "%s UNION ALL %s UNION ALL %s UNION ALL %s",
            self._select_activities(),
            self._select_meetings(),
            self._select_messages(),
            self._select_opportunities(),
        )

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        """Rows searched to be read (``field_names``: the sheet's timeline, a list) come with all
        their columns at once: read again by id, they would make PostgreSQL build the timeline
        of every customer (see ``_condition_to_sql``)."""
        if field_names:
            columns = [
                name
                for name, field in self._fields.items()
                if field.store and field.column_type and field.is_accessible(self.env)
            ]
            field_names = list(dict.fromkeys([*field_names, *columns]))
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)

    def _condition_to_sql(self, alias, fname, operator, value, query):
        """Rows by id (the access check of the rows a list shows): also by their id in their
        source table. Rows of given customers: by the partners of their documents.

        A row's id is computed (``source id * 10 + kind``) and no index answers it: PostgreSQL
        would read every activity, meeting and message of the database to find the rows. The
        condition on ``source_id``, the row's id in its source table, goes down into each part of
        the union as a lookup by primary key (the condition on ``id`` still picks the exact rows);
        the documents they are joined to are still read whole (ficha_bench: 14 ms instead of 70).

        A customer's rows are those whose document's partner is one of its contacts (archived
        ones included; the customer itself among them): the same rows as by ``commercial_partner_id``,
        but the condition goes down to each document's own partner column as a list of ids, whose
        statistics PostgreSQL reads. Through the customer's column it assumed a customer of the
        average size; for the biggest one (30,000 sale orders) it then looked up the messages of
        each order, one by one (ficha_bench: the latest interaction 44 -> 8 ms)."""
        ids = [value] if operator == "=" else value if operator == "in" else None
        if not (
            isinstance(ids, (list, tuple, set, frozenset))
            and ids
            and all(isinstance(row_id, int) and not isinstance(row_id, bool) for row_id in ids)
        ):
            return super()._condition_to_sql(alias, fname, operator, value, query)
        if fname == "commercial_partner_id":
            # every contact, whoever may read it: the rows' own rules apply to the rows
            contacts = self.env["ficha.query"]._contacts(tuple(sorted(ids)))
            if not contacts:
                return SQL("FALSE")
            return SQL("%s IN %s", SQL.identifier(alias, "partner_id"), contacts)
        condition = super()._condition_to_sql(alias, fname, operator, value, query)
        if fname == "id":
            sources = tuple(sorted({row_id // 10 for row_id in ids}))
            condition = SQL("(%s IN %s AND %s)", SQL.identifier(alias, "source_id"), sources, condition)
        return condition

    def _per_document_model(self, select, model_column, **params):
        """``select`` (the rows of one source joined to their document ``d``) once per model of
        the customer's documents, ``model_column`` of the source naming it: a union per model,
        not a join to the union of the documents, so that PostgreSQL joins each model's rows to
        its own documents (a customer's 30,000 sale orders to the messages of sale orders)."""
        return SQL(" UNION ALL ").join(
            SQL(
                select,
                documents=SQL(documents, partner_company=SQL(_PARTNER_COMPANY)),
                document_model=SQL("%s = %s", SQL(model_column), model),
                **params,
            )
            for model, documents in _DOCUMENTS.items()
        )

    def _select_activities(self):
        """Scheduled activities (done ones are messages)."""
        return self._per_document_model(
            """
                SELECT a.id * 10 + 1 AS id,
                       a.date_deadline::timestamp AS date,
                       'activity' AS kind,
                       a.summary AS name,
                       a.activity_type_id AS activity_type_id,
                       a.user_id AS user_id,
                       'planned' AS state,
                       TRUE AS is_upcoming,
                       a.res_model AS res_model,
                       a.res_id AS res_id,
                       d.commercial_partner_id AS commercial_partner_id,
                       d.company_id AS company_id,
                       d.doc_user_id AS doc_user_id,
                       d.partner_company_id AS partner_company_id,
                       FALSE AS is_private,
                       NULL::integer AS stage_id,
                       NULL::integer AS currency_id,
                       NULL::numeric AS expected_revenue,
                       -- the row's id in its source table and the partner of its document, for
                       -- meetings the attendee's commercial entity (``_condition_to_sql``)
                       a.id AS source_id,
                       d.partner_id AS partner_id
                  FROM mail_activity a
                  JOIN (%(documents)s) d ON d.res_id = a.res_id
                 WHERE %(document_model)s AND a.active
            """,
            "a.res_model",
        )

    def _select_meetings(self):
        """Meetings with the customer or its contacts among the attendees."""
        return SQL(
            """
                SELECT e.id * 10 + 2,
                       e.start,
                       'meeting',
                       e.name,
                       NULL::integer,
                       e.user_id,
                       CASE WHEN e.stop >= (NOW() AT TIME ZONE 'UTC') THEN 'planned' ELSE 'done' END,
                       e.stop >= (NOW() AT TIME ZONE 'UTC'),
                       'calendar.event',
                       e.id,
                       att.commercial_partner_id,
                       NULL::integer,
                       NULL::integer,
                       att.partner_company_id,
                       COALESCE(e.privacy, us.calendar_default_privacy, 'public') = 'private',
                       NULL::integer,
                       NULL::integer,
                       NULL::numeric,
                       e.id,
                       att.commercial_partner_id
                  FROM calendar_event e
                  JOIN (SELECT DISTINCT rel.calendar_event_id, p.id AS commercial_partner_id,
                               %(partner_company)s AS partner_company_id
                          FROM calendar_event_res_partner_rel rel
                          JOIN res_partner attendee ON attendee.id = rel.res_partner_id
                          JOIN res_partner p ON p.id = attendee.commercial_partner_id) att
                    ON att.calendar_event_id = e.id
             LEFT JOIN res_users_settings us ON us.user_id = e.user_id
                 WHERE e.active
            """,
            partner_company=SQL(_PARTNER_COMPANY),
        )

    def _select_messages(self):
        """Notes, discussions, emails and completed activities (logged calls)."""
        return self._per_document_model(
            """
                SELECT m.id * 10 + 3,
                       m.date,
                       CASE WHEN m.mail_activity_type_id IS NOT NULL THEN 'activity' ELSE 'message' END,
                       COALESCE(NULLIF(m.subject, ''), LEFT(%(body_text)s, 200)),
                       m.mail_activity_type_id,
                       m.create_uid,
                       'done',
                       FALSE,
                       m.model,
                       m.res_id,
                       d.commercial_partner_id,
                       d.company_id,
                       d.doc_user_id,
                       d.partner_company_id,
                       FALSE,
                       NULL::integer,
                       NULL::integer,
                       NULL::numeric,
                       m.id,
                       d.partner_id
                  FROM mail_message m
                  JOIN (%(documents)s) d ON d.res_id = m.res_id
                 WHERE %(document_model)s AND (%(timeline_messages)s)
            """,
            "m.model",
            body_text=SQL(_BODY_TEXT),
            # the condition of the addon's partial index on the messages, word for word
            timeline_messages=SQL(TIMELINE_MESSAGES),
        )

    def _select_opportunities(self):
        """Opportunities: open, won and lost (lost ones are archived with probability 0)."""
        return SQL(
            """
                SELECT l.id * 10 + 4,
                       COALESCE(l.date_closed, l.date_last_stage_update, l.create_date),
                       'opportunity',
                       l.name,
                       NULL::integer,
                       l.user_id,
                       CASE WHEN st.is_won THEN 'won'
                            WHEN NOT l.active AND COALESCE(l.probability, 0) = 0 THEN 'lost'
                            ELSE 'open' END,
                       FALSE,
                       'crm.lead',
                       l.id,
                       p.commercial_partner_id,
                       l.company_id,
                       l.user_id,
                       %(partner_company)s,
                       FALSE,
                       l.stage_id,
                       c.currency_id,
                       l.expected_revenue,
                       l.id,
                       l.partner_id
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
             LEFT JOIN crm_stage st ON st.id = l.stage_id
             LEFT JOIN res_company c ON c.id = l.company_id
                 WHERE l.type = 'opportunity'
                   AND (l.active OR COALESCE(l.probability, 0) = 0)
            """,
            partner_company=SQL(_PARTNER_COMPANY),
        )

    def action_open_document(self):
        """Open the activity's, message's, meeting's or opportunity's document in its own form."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            raise AccessError(self.env._("This interaction has no document to open."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record or not record.has_access("read"):
            raise AccessError(self.env._("You are not allowed to open this document."))
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
