from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class FichaClienteController(http.Controller):
    @http.route("/ficha_cliente/financial_xlsx/<int:partner_id>", type="http", auth="user", methods=["GET"])
    def financial_xlsx(self, partner_id, company_ids="", **kwargs):
        """Download a customer's financial situation; the user's own rights decide, not the URL.

        The answers tell nothing about customer ids: a user without the right to export gets
        403 whatever the id, and for those who may export, a missing customer and one they
        cannot read (record rules, another company) are both 404. Companies are checked
        against the user's own list, so a missing and a foreign company are both 403.
        """
        user = request.env.user
        if not user.has_group("ficha_cliente.ficha_cliente_group_financial_manager"):
            raise Forbidden()
        try:
            requested = [int(company_id) for company_id in company_ids.split(",") if company_id.strip()]
        except ValueError:
            raise NotFound()
        requested = requested or [user.company_id.id]
        if not set(requested) <= set(user.company_ids.ids):
            raise Forbidden()
        env = request.env(context=dict(request.env.context, allowed_company_ids=requested))
        partner = env["res.partner"].browse(partner_id).exists()
        if not partner or not partner.has_access("read"):
            raise NotFound()
        try:
            filename, content = partner._ficha_financial_xlsx()
        except AccessError:
            # the rights to export were checked above: what is left is about the record
            raise NotFound()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(filename)),
                ("Content-Length", len(content)),
            ],
        )
