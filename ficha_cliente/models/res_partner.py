"""The customer sheet on the partner: the sheet's own view and the pieces every area shares.

Each area of the sheet extends the partner in its own file: ``res_partner_financial.py``,
``res_partner_commercial.py``, ``res_partner_relationship.py``, ``res_partner_alerts.py``.
"""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

# Rows of a list's first page on the sheet (the lists' limit="20"); the full lists open paged.
SHEET_PAGE_ROWS = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _ficha_commercial_domain(self, field="commercial_partner_id"):
        return [(field, "in", self.commercial_partner_id.ids), ("company_id", "in", self.env.companies.ids)]

    def _ficha_first_rows(self, model_name, order, domain=(), limit=SHEET_PAGE_ROWS):
        """The first ``limit`` rows (in ``order``) of ``model_name`` for each partner's commercial
        entity, in one query for the whole recordset (record rules applied).

        :return: ``{commercial partner id: [row ids in order]}``
        """
        Model = self.env[model_name]
        domain = self._ficha_commercial_domain() + list(domain)
        if len(self.commercial_partner_id) == 1:
            # One sheet (the usual case): a plain ORDER BY ... LIMIT the planner can stop early.
            return {self.commercial_partner_id.id: list(Model._search(domain, order=order, limit=limit))}
        query = Model._search(domain)
        partner_sql = Model._field_to_sql(query.table, "commercial_partner_id", query)
        ranked = query.select(
            SQL("%s AS id", SQL.identifier(query.table, "id")),
            SQL("%s AS partner_id", partner_sql),
            SQL(
                "ROW_NUMBER() OVER (PARTITION BY %s ORDER BY %s) AS rank",
                partner_sql,
                Model._order_to_sql(order, query),
            ),
        )
        rows = defaultdict(list)
        for row_id, partner_id in self.env.execute_query(
            SQL(
                "SELECT id, partner_id FROM (%s) ranked WHERE rank <= %s ORDER BY partner_id, rank",
                ranked,
                limit,
            )
        ):
            rows[partner_id].append(row_id)
        return rows

    def web_read(self, specification):
        """The web client's read: a figure several fields read (the credit, the overdue amount,
        the last interaction) is queried once (``ficha.query._memo``)."""
        with self.env["ficha.query"]._memo():
            return super().web_read(specification)

    @api.readonly
    def ficha_web_read_sections(self, specifications):
        """``[web_read(specification) for each one]``: several sections of the sheet in one
        request (the web client's ``readSectionsAhead``: the headline figures and the first page's
        sections, read when the sheet opens). Each is the ``web_read`` its section's form would
        send, with the same access rights and record rules; their figures are queried once
        (``ficha.query._memo``). Read-only: served by a read replica when there is one."""
        if not isinstance(specifications, list) or not all(isinstance(spec, dict) for spec in specifications):
            raise ValidationError(self.env._("The sections to read must be a list of field specifications."))
        with self.env["ficha.query"]._memo():
            return [self.web_read(specification) for specification in specifications]

    # -- the sheet's lazily loaded sections --

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Give each ``<widget name="ficha_section" view_ref="module.xmlid"/>`` the id of its view.

        A section (the header summary, each notebook page) is an embedded form of its own view,
        read when it is shown: the sheet's own ``web_read`` holds only the identity. The arch is
        cached by Odoo, so this runs once per view and language, not once per opening.
        """
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            for node in arch.iterfind(".//widget[@name='ficha_section']"):
                section_view = self.env.ref(node.get("view_ref", ""), raise_if_not_found=False)
                if section_view:
                    node.set("view_id", str(section_view.id))
        return arch, view

    # -- actions --

    @api.readonly  # writes nothing: served by a read replica when there is one
    def action_open_ficha(self):
        """Open the customer sheet of the partner's commercial entity.

        A contact person has no history of its own: invoices and orders are
        aggregated on the commercial entity, so its sheet is the company's.
        """
        self.ensure_one()
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_user"):
            raise AccessError(self.env._("Only users of the customer sheet can do this."))
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.res_partner_action_ficha")
        action.update(
            {
                "res_id": self.commercial_partner_id.id,
                "view_mode": "form",
                "views": [(self.env.ref("ficha_cliente.res_partner_view_form_ficha").id, "form")],
                "target": "current",
            }
        )
        return action

    def action_open_partner_form(self):
        """Open the standard contact form, to edit the partner's master data."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
