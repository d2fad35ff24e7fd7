from odoo import api, fields, models

from .ficha_alert_state import SEVERITIES


class FichaCustomerAlertsMixin(models.AbstractModel):
    """The customer's alerts where people sell and bill (sales orders, customer invoices): the
    alerts its sheet shows the user, most severe first, at most three, with a link to the sheet.

    An assessment of the customer, not of the document: for the sheet's users only, never for
    the portal customer reading its own order or invoice. ``_ficha_alert_documents`` says which
    records of the recordset show them.
    """

    _name = "ficha.customer.alerts.mixin"
    _description = "Customer Sheet: Customer Alerts on a Document"

    ficha_customer_alerts = fields.Text(
        string="Customer Alerts",
        compute="_compute_ficha_customer_alerts",
        help="The customer's most severe alerts (at most three) as its sheet shows them to you.",
        groups="ficha_cliente.ficha_cliente_group_user",
    )
    ficha_customer_alert_severity = fields.Selection(
        SEVERITIES,
        string="Most Severe Customer Alert",
        compute="_compute_ficha_customer_alerts",
        groups="ficha_cliente.ficha_cliente_group_user",
    )

    def _ficha_alert_documents(self):
        return self

    @api.depends("partner_id")
    @api.depends_context("company", "allowed_company_ids", "uid")
    def _compute_ficha_customer_alerts(self):
        """One evaluation of the alerts for the customers of the whole recordset."""
        documents = self._ficha_alert_documents()
        alerts = documents.partner_id._ficha_document_alerts()
        for record in self:
            lines, severity = (False, False)
            if record in documents:
                lines, severity = alerts.get(record.partner_id.commercial_partner_id.id, (False, False))
            record.ficha_customer_alerts = lines
            record.ficha_customer_alert_severity = severity

    def action_ficha_open_customer_sheet(self):
        """Open the customer's sheet from the document."""
        self.ensure_one()
        return self.partner_id.action_open_ficha()
