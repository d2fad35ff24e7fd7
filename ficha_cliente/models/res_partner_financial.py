"""Financial area of the sheet: installments, open and overdue amounts, credit, the Excel export."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.audiences import FINANCIAL
from ..tools.financial_xlsx import build_financial_workbook, safe_filename
from ..tools.installments import (
    AGING_KEYS,
    aging_domain,
    days_late,
    five_years_before,
    installment_status,
    payment_verdict,
    updated_amount,
)
from ..tools.position import first_balance_month, largest_month_end_balance, weighted_average

# What the sheet's installment tables show of each: the latest installments
# (``ficha_recent_installments_json``) and the pending ones (``ficha_first_pending_installments_json``,
# the columns of the installments' list for open installments).
RECENT_INSTALLMENT_FIELDS = [
    "document_name",
    "installment_label",
    "invoice_date",
    "date_due",
    "amount_original",
    "amount_residual",
    "date_settled",
    "days_late",
    "status",
    "amount_updated",
]
PENDING_INSTALLMENT_FIELDS = [
    "document_name",
    "installment_label",
    "date_due",
    "amount_residual",
    "days_late",
    "status",
    "amount_updated",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- fields: financial --

    ficha_installment_ids = fields.One2many(
        "ficha.installment",
        "commercial_partner_id",
        string="Installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_pending_installment_ids = fields.One2many(
        "ficha.installment",
        "commercial_partner_id",
        string="Pending Installments",
        domain=[("reconciled", "=", False)],
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_ficha_currency",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_open_amount = fields.Monetary(
        string="Open Amount",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_open_overdue",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Open amount of the customer's posted receivable installments (credit notes deducted).",
    )
    ficha_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_open_overdue",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_overdue_count = fields.Integer(
        string="Overdue Installments",
        compute="_compute_ficha_open_overdue",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_oldest_overdue_days = fields.Integer(
        string="Oldest Overdue (days)",
        compute="_compute_ficha_open_overdue",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_settled_count = fields.Integer(
        string="Installments Paid (5 years)",
        compute="_compute_ficha_punctuality",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_on_time_rate = fields.Float(
        string="Paid on Time (%)",
        digits=(16, 1),
        compute="_compute_ficha_punctuality",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Share of the installments paid in the last 5 years that were paid by their due date.",
    )
    ficha_avg_days_late = fields.Float(
        string="Average Days Late",
        digits=(16, 1),
        compute="_compute_ficha_punctuality",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_max_days_late = fields.Integer(
        string="Maximum Days Late",
        compute="_compute_ficha_punctuality",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_receivable_balance = fields.Monetary(
        string="Receivable Balance",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Open receivable items of the customer (installments, credit notes, payments not matched "
        "yet, opening balances), as the customer's balance in accounting.",
    )
    ficha_customer_credit_amount = fields.Monetary(
        string="Customer Credits",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Payments received and not matched to an invoice yet.",
    )
    ficha_uninvoiced_amount = fields.Monetary(
        string="Confirmed, Not Invoiced",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="What confirmed sales orders still have to invoice, taxes included.",
    )
    ficha_credit_used_amount = fields.Monetary(
        string="Credit Used",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Receivable balance plus confirmed orders not invoiced yet, as Odoo's credit check counts it.",
    )
    ficha_credit_limit = fields.Monetary(
        string="Credit Limit of the Company",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_credit_use_rate = fields.Float(
        string="Credit Limit Used (%)",
        digits=(16, 1),
        compute="_compute_ficha_credit_use",
        groups="ficha_cliente.ficha_cliente_group_financial",
        help="Credit used against the credit limit; 0 when the customer has no credit limit or the "
        "company does not use credit limits.",
    )
    ficha_payment_verdict = fields.Char(
        string="Payment Behaviour",
        compute="_compute_ficha_punctuality",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )

    # The customer's position ("Posição do cliente"): a purchase is a posted customer invoice
    # (the Brazilian screens count invoices); credit notes are not purchases.
    ficha_first_purchase_date = fields.Date(
        string="First Purchase",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
        help="Date of the customer's first posted invoice (credit notes are not purchases).",
    )
    ficha_last_purchase_date = fields.Date(
        string="Last Purchase",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
        help="Date of the customer's latest posted invoice (credit notes are not purchases).",
    )
    ficha_purchase_count = fields.Integer(
        string="Purchases",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
        help="Number of posted customer invoices; credit notes are not counted.",
    )
    ficha_largest_purchase_id = fields.Many2one(
        "account.move",
        string="Largest Purchase",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
        help="The customer's posted invoice with the largest total (taxes included, company currency).",
    )
    ficha_largest_purchase_amount = fields.Monetary(
        string="Largest Purchase Amount",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
    )
    ficha_largest_purchase_date = fields.Date(
        string="Largest Purchase Date",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
    )
    ficha_average_ticket = fields.Monetary(
        string="Average Ticket",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_purchases",
        groups=FINANCIAL,
        help="Total of the customer's posted invoices (taxes included, company currency) divided by "
        "their number; credit notes are not deducted.",
    )
    ficha_largest_balance_amount = fields.Monetary(
        string="Largest Open Balance (5 years)",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_largest_balance",
        groups=FINANCIAL,
        help="Largest receivable balance of the customer at a month-end in the last 5 years "
        "(the current month: today), from its receivable movements.",
    )
    ficha_largest_balance_date = fields.Date(
        string="Largest Open Balance on",
        compute="_compute_ficha_largest_balance",
        groups=FINANCIAL,
        help="Month-end (today for the current month) of the largest open balance.",
    )
    ficha_avg_payment_days = fields.Float(
        string="Average Payment Term (days)",
        digits=(16, 1),
        compute="_compute_ficha_punctuality",
        groups=FINANCIAL,
        help="Days from the invoice to the payment actually taken, weighted by amount, over the "
        "installments paid in the last 5 years (installments settled by credit notes left out).",
    )

    # Aging of the installments the customer owes (open, positive), by days late today.
    ficha_aging_not_due_amount = fields.Monetary(
        string="Not Yet Due",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_aging",
        groups=FINANCIAL,
    )
    ficha_aging_not_due_count = fields.Integer(
        string="Installments Not Yet Due", compute="_compute_ficha_aging", groups=FINANCIAL
    )
    ficha_aging_late_1_30_amount = fields.Monetary(
        string="1–30 Days Late",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_aging",
        groups=FINANCIAL,
    )
    ficha_aging_late_1_30_count = fields.Integer(
        string="Installments 1–30 Days Late", compute="_compute_ficha_aging", groups=FINANCIAL
    )
    ficha_aging_late_31_60_amount = fields.Monetary(
        string="31–60 Days Late",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_aging",
        groups=FINANCIAL,
    )
    ficha_aging_late_31_60_count = fields.Integer(
        string="Installments 31–60 Days Late", compute="_compute_ficha_aging", groups=FINANCIAL
    )
    ficha_aging_late_61_90_amount = fields.Monetary(
        string="61–90 Days Late",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_aging",
        groups=FINANCIAL,
    )
    ficha_aging_late_61_90_count = fields.Integer(
        string="Installments 61–90 Days Late", compute="_compute_ficha_aging", groups=FINANCIAL
    )
    ficha_aging_late_over_90_amount = fields.Monetary(
        string="Over 90 Days Late",
        currency_field="ficha_currency_id",
        compute="_compute_ficha_aging",
        groups=FINANCIAL,
    )
    ficha_aging_late_over_90_count = fields.Integer(
        string="Installments Over 90 Days Late", compute="_compute_ficha_aging", groups=FINANCIAL
    )

    # The sheet's first page of the biggest lists: a bounded set, so opening the sheet costs the
    # same for a customer with 90,000 installments (a One2many sends all its ids to the browser).
    # The latest installments are the first page every opening shows: drawn as a plain table
    # (``ficha_installment_table`` widget) from the rows' values, without a list's records.
    ficha_recent_installments_json = fields.Json(
        string="Latest Installments",
        compute="_compute_ficha_recent_installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )
    ficha_first_pending_installments_json = fields.Json(
        string="First Pending Installments",
        compute="_compute_ficha_first_pending_installments",
        groups="ficha_cliente.ficha_cliente_group_financial",
    )

    # -- computes: financial --

    def _ficha_installment_domain(self):
        """Installments of these partners' commercial entities in the selected companies."""
        return [
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("company_id", "in", self.env.companies.ids),
        ]

    @api.depends_context("company")
    def _compute_ficha_currency(self):
        # A compute of its own, without query: every Monetary field of the area reads it (as
        # superuser, when its value is set), which must not run the figures' queries again.
        self.ficha_currency_id = self.env.company.currency_id

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_open_overdue(self):
        """The header's and the financial section's open and overdue installments
        (``ficha.query``: the same definitions as the alerts and the installment list)."""
        Query = self.env["ficha.query"]
        today = fields.Date.context_today(self)
        open_amounts = dict(Query._open_installments(self))
        overdue = {partner: rest for partner, *rest in Query._overdue(self, today)}
        for partner in self:
            commercial = partner.commercial_partner_id.id
            overdue_amount, overdue_count, oldest = overdue.get(commercial, (0.0, 0, None))
            partner.ficha_open_amount = open_amounts.get(commercial, 0.0)
            partner.ficha_overdue_amount = overdue_amount
            partner.ficha_overdue_count = overdue_count
            partner.ficha_oldest_overdue_days = (today - oldest).days if oldest else 0

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_punctuality(self):
        """The punctuality of the last 5 years (installments paid, not settled by credit notes),
        the payment verdict it makes with the overdue installments, and the payment term actually
        taken (weighted by amount): one query of the paid installments for all of them."""
        paid = {
            partner: rest
            for partner, *rest in self.env["ficha.query"]._paid_installments(
                self, five_years_before(fields.Date.context_today(self))
            )
        }
        for partner in self:
            count, late, days, max_days, weighted, amount = paid.get(
                partner.commercial_partner_id.id, (0, 0, 0, 0, 0.0, 0.0)
            )
            partner.ficha_avg_payment_days = weighted_average(weighted, amount)
            partner.ficha_settled_count = count
            partner.ficha_on_time_rate = 100.0 * (count - late) / count if count else 0.0
            partner.ficha_avg_days_late = days / count if count else 0.0
            partner.ficha_max_days_late = max_days
            partner.ficha_payment_verdict = payment_verdict(
                count,
                partner.ficha_on_time_rate,
                partner.ficha_avg_days_late,
                partner.ficha_overdue_count,
                partner.ficha_oldest_overdue_days,
                self.env._,
            )

    # The customer's position: a compute per grouped query for the whole recordset, so that a
    # section reads only the queries of the figures it shows (the payment term taken is computed
    # with the punctuality, from the same paid installments).

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_purchases(self):
        """The customer's purchases: its posted invoices."""
        purchases = {
            partner: rest
            for partner, *rest in self.env["ficha.query"]._purchases(self, fields.Date.context_today(self))
        }
        for partner in self:
            first, last, count, total, largest_id, largest_amount, largest_date = purchases.get(
                partner.commercial_partner_id.id, (None, None, 0, 0.0, None, 0.0, None)
            )
            partner.ficha_first_purchase_date = first
            partner.ficha_last_purchase_date = last
            partner.ficha_purchase_count = count
            partner.ficha_largest_purchase_id = largest_id
            partner.ficha_largest_purchase_amount = largest_amount
            partner.ficha_largest_purchase_date = largest_date
            partner.ficha_average_ticket = weighted_average(total, count)

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_largest_balance(self):
        """The largest month-end open balance of the last 5 years, from the receivable movements
        by month."""
        today = fields.Date.context_today(self)
        first_month = first_balance_month(today)
        movements = {}
        for partner, month, balance in self.env["ficha.query"]._monthly_receivable_movements(
            self, today, first_month
        ):
            movements.setdefault(partner, []).append((month, balance))
        for partner in self:
            balance, balance_date = largest_month_end_balance(
                movements.get(partner.commercial_partner_id.id, []), first_month, today
            )
            partner.ficha_largest_balance_amount = balance
            partner.ficha_largest_balance_date = balance_date

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_aging(self):
        """Open amount and count of the installments the customer owes in each aging bucket (one
        query grouped by customer and bucket)."""
        today = fields.Date.context_today(self)
        aging = {
            (partner, bucket): (amount, count)
            for partner, bucket, amount, count in self.env["ficha.query"]._aging(self, today)
        }
        for partner in self:
            commercial = partner.commercial_partner_id.id
            for bucket in AGING_KEYS:
                amount, count = aging.get((commercial, bucket), (0.0, 0))
                partner[f"ficha_aging_{bucket}_amount"] = amount
                partner[f"ficha_aging_{bucket}_count"] = count

    def _ficha_installment_tables(self, rows, field_names, updated_when_overdue):
        """An installment table of the sheet (``ficha_installment_table`` widget) for each
        commercial partner, ``{commercial partner id: {"columns", "types", "rows"}}``, of the installments
        ``rows`` (``_ficha_first_rows``): each row the values of ``field_names`` from the
        installment's own fields (dates as strings), with its status' label and currency; the
        columns' labels and types (which the widget formats by) are the fields' own. The late
        charges (``amount_updated``) only of an overdue installment when ``updated_when_overdue``,
        as the installments' list shows them.
        (A partner being created has no commercial entity yet: no table.)"""
        Installment = self.env["ficha.installment"]
        installments = Installment.browse([row_id for ids in rows.values() for row_id in ids])
        installments.fetch([*field_names, "currency_id"])
        statuses = dict(Installment._fields["status"]._description_selection(self.env))
        columns = {name: Installment._fields[name]._description_string(self.env) for name in field_names}
        types = {name: Installment._fields[name].type for name in field_names}
        dates = {name for name, type_ in types.items() if type_ == "date"}

        def row(line):
            values = {name: line[name] for name in field_names}
            values.update({name: fields.Date.to_string(values[name]) for name in dates})
            if updated_when_overdue and line.status != "overdue":
                values["amount_updated"] = None
            return {
                **values,
                "id": line.id,
                "status_label": statuses.get(line.status),
                "currency_id": line.currency_id.id,
            }

        return {
            partner.id: {
                "columns": columns,
                "types": types,
                "rows": [row(line) for line in installments.browse(rows.get(partner.id, []))],
            }
            for partner in self.commercial_partner_id
        }

    @api.depends_context("company", "allowed_company_ids", "uid", "tz", "lang")
    def _compute_ficha_recent_installments(self):
        """The latest installments (``SHEET_PAGE_ROWS``, by due date)."""
        tables = self._ficha_installment_tables(
            self._ficha_first_rows("ficha.installment", "date_due desc, id desc"),
            RECENT_INSTALLMENT_FIELDS,
            updated_when_overdue=True,
        )
        for partner in self:
            partner.ficha_recent_installments_json = tables.get(
                partner.commercial_partner_id.id, {"columns": {}, "types": {}, "rows": []}
            )

    @api.depends_context("company", "allowed_company_ids", "uid", "tz", "lang")
    def _compute_ficha_first_pending_installments(self):
        """The pending installments first due (``SHEET_PAGE_ROWS``), each with its updated amount."""
        tables = self._ficha_installment_tables(
            self._ficha_first_rows("ficha.installment", "date_due, id", domain=[("reconciled", "=", False)]),
            PENDING_INSTALLMENT_FIELDS,
            updated_when_overdue=False,
        )
        for partner in self:
            partner.ficha_first_pending_installments_json = tables.get(
                partner.commercial_partner_id.id, {"columns": {}, "types": {}, "rows": []}
            )

    @api.depends_context("company", "allowed_company_ids", "uid", "tz")
    def _compute_ficha_credit_use(self):
        """The sheet's one credit figure (``ficha.query._credit``, as Odoo's credit check): the
        receivable balance plus what confirmed orders still have to invoice, against the credit
        limit when the company uses credit limits."""
        credit = self.env["ficha.query"]._credit(self, fields.Date.context_today(self))
        use_limit = self.env.company.account_use_credit_limit
        for partner in self:
            commercial = partner.commercial_partner_id
            receivable, to_invoice, customer_credits = credit[commercial.id]
            # an accounting field of the customer: the sheet's financial viewers see it here
            limit = commercial.sudo().credit_limit if use_limit else 0.0
            partner.ficha_receivable_balance = receivable
            partner.ficha_uninvoiced_amount = to_invoice
            partner.ficha_customer_credit_amount = customer_credits
            partner.ficha_credit_used_amount = receivable + to_invoice
            partner.ficha_credit_limit = limit
            partner.ficha_credit_use_rate = 100.0 * (receivable + to_invoice) / limit if limit > 0 else 0.0

    # -- actions: financial --

    def _ficha_check_financial_manager(self):
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial_manager"):
            raise AccessError(self.env._("Only users allowed to export and settle can do this."))

    def action_view_ficha_installments(self, pending_only=False):
        """The full installment list of the customer (paged, filterable, with the Settle button)."""
        self.ensure_one()
        if not self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial"):
            raise AccessError(self.env._("Only financial users can see installments."))
        self.check_access("read")
        commercial = self.commercial_partner_id
        action = self.env["ir.actions.actions"]._for_xml_id("ficha_cliente.ficha_installment_action")
        action["domain"] = [("commercial_partner_id", "=", commercial.id)]
        action["name"] = self.env._("Installments of %s", commercial.display_name)
        action["context"] = {"search_default_filter_pending": 1} if pending_only else {}
        return action

    def action_ficha_view_aging(self, bucket=None):
        """The installments of one aging bucket (``tools.installments.AGING_KEYS``), from the aging
        table's buttons, which give it in their context (``ficha_aging_bucket``)."""
        action = self.action_view_ficha_installments()  # checks the rights
        bucket = bucket or self.env.context.get("ficha_aging_bucket")
        if bucket not in AGING_KEYS:
            raise UserError(self.env._("Unknown aging bucket: %s", bucket))
        today = fields.Date.context_today(self)
        action["domain"] = [*action["domain"], *aging_domain(bucket, today)]
        label = self._fields[f"ficha_aging_{bucket}_amount"].get_description(self.env, ["string"])
        action["name"] = self.env._(
            "Installments of %(customer)s: %(bucket)s",
            customer=self.commercial_partner_id.display_name,
            bucket=label["string"],
        )
        return action

    def action_view_ficha_pending_installments(self):
        return self.action_view_ficha_installments(pending_only=True)

    def action_export_financial_xlsx(self):
        """Download the customer's financial situation as an Excel workbook."""
        self.ensure_one()
        self._ficha_check_financial_manager()
        self.check_access("read")
        company_ids = ",".join(str(company_id) for company_id in self.env.companies.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"/ficha_cliente/financial_xlsx/{self.commercial_partner_id.id}?company_ids={company_ids}",
            "target": "self",
        }

    def _ficha_financial_xlsx(self):
        """Return (file name, workbook bytes) of the commercial entity's financial situation.

        Rights are checked here too, so every caller (action, route) goes through them.
        """
        self.ensure_one()
        self._ficha_check_financial_manager()
        self.check_access("read")
        partner = self.commercial_partner_id
        partner.check_access("read")
        today = fields.Date.context_today(self)
        company = self.env.company
        _ = self.env._
        summary = [
            (_("Customer"), partner.display_name),
            (_("Tax ID"), partner.vat or ""),
            (_("City"), partner.city or ""),
            (_("Company"), ", ".join(self.env.companies.mapped("name"))),
            (_("Currency"), company.currency_id.name),
            (_("Export Date"), today),
            (_("Open Amount"), partner.ficha_open_amount, "money"),
            (_("Overdue Amount"), partner.ficha_overdue_amount, "money"),
            (_("Overdue Installments"), partner.ficha_overdue_count),
            (_("Oldest Overdue (days)"), partner.ficha_oldest_overdue_days),
            (_("Paid on Time (%)"), round(partner.ficha_on_time_rate, 1)),
            (_("Average Days Late"), round(partner.ficha_avg_days_late, 1)),
            (_("Maximum Days Late"), partner.ficha_max_days_late),
            (_("Receivable Balance"), partner.ficha_receivable_balance, "money"),
            (_("Customer Credits"), partner.ficha_customer_credit_amount, "money"),
            (_("Confirmed, Not Invoiced"), partner.ficha_uninvoiced_amount, "money"),
            (_("Credit Used"), partner.ficha_credit_used_amount, "money"),
            (_("Credit Limit"), partner.ficha_credit_limit, "money"),
            (_("Credit Limit Used (%)"), round(partner.ficha_credit_use_rate, 1)),
            (_("Payment Behaviour"), partner.ficha_payment_verdict),
            (_("Customer Position"), ""),
            (_("First Purchase"), partner.ficha_first_purchase_date or None, "date"),
            (_("Last Purchase"), partner.ficha_last_purchase_date or None, "date"),
            (_("Purchases"), partner.ficha_purchase_count, "int"),
            (_("Largest Purchase"), partner.ficha_largest_purchase_id.name or ""),
            (_("Largest Purchase Date"), partner.ficha_largest_purchase_date or None, "date"),
            (_("Largest Purchase Amount"), partner.ficha_largest_purchase_amount, "money"),
            (_("Average Ticket"), partner.ficha_average_ticket, "money"),
            (_("Largest Open Balance (5 years)"), partner.ficha_largest_balance_amount, "money"),
            (_("Largest Open Balance on"), partner.ficha_largest_balance_date or None, "date"),
            (_("Average Payment Term (days)"), round(partner.ficha_avg_payment_days, 1)),
        ]
        aging = [
            (label, partner[f"ficha_aging_{bucket}_amount"], partner[f"ficha_aging_{bucket}_count"])
            for bucket, label in zip(
                AGING_KEYS,
                (
                    _("Not Yet Due"),
                    _("1–30 Days Late"),
                    _("31–60 Days Late"),
                    _("61–90 Days Late"),
                    _("Over 90 Days Late"),
                ),
                strict=True,
            )
        ]
        labels = {
            "Summary": _("Summary"),
            "Installments": _("Installments"),
            "Total": _("Total"),
            "Document": _("Document"),
            "Installment": _("Installment"),
            "Issue Date": _("Issue Date"),
            "Due Date": _("Due Date"),
            "Original Amount": _("Original Amount"),
            "Open Amount": _("Open Amount"),
            "Settlement Date": _("Settlement Date"),
            "Days Late": _("Days Late"),
            "Status": _("Status"),
            "Updated Amount": _("Updated Amount"),
            "Aging": _("Aging"),
        }
        filename = safe_filename(partner.name, today)
        content = build_financial_workbook(
            summary,
            partner._ficha_installment_rows(),
            labels=labels,
            currency_symbol=company.currency_id.symbol,
            aging=aging,
        )
        return filename, content

    def _ficha_installment_rows(self, batch_size=2000):
        """Yield the installments as plain dicts, in due date order.

        One query (record rules applied by ``_search``) read batch by batch, and status, days
        late and updated amount from the plain functions the list's fields use: building 90,000
        records to read ten values each would cost more than the workbook itself.
        """
        Installment = self.env["ficha.installment"]
        today = fields.Date.context_today(self)
        statuses = dict(Installment._fields["status"]._description_selection(self.env))
        charges = {
            company.id: (company.ficha_late_fine_percent, company.ficha_late_interest_percent)
            for company in self.env.companies
        }
        columns = [
            "document_name",
            "installment_seq",
            "installment_count",
            "invoice_date",
            "date_due",
            "amount_original",
            "amount_residual",
            "date_settled",
            "settle_kind",
            "company_id",
        ]
        query = Installment._search(
            self._ficha_installment_domain(), order="date_due, move_id, installment_seq"
        )
        self.env.cr.execute(query.select(*(SQL.identifier(query.table, column) for column in columns)))
        while rows := self.env.cr.fetchmany(batch_size):
            for name, seq, count, issued, due, original, residual, settled, kind, company_id in rows:
                status = installment_status(kind, original, residual, due, today, is_refund=original < 0)
                late = days_late(status, due, settled, today)
                fine, interest = charges.get(company_id, (0.0, 0.0))
                yield {
                    "document": name,
                    "installment": f"{seq}/{count}",
                    "issue_date": issued,
                    "due_date": due,
                    "amount_original": original,
                    "amount_residual": residual,
                    "settlement_date": settled,
                    "days_late": late,
                    "status": statuses.get(status, ""),
                    "amount_updated": updated_amount(
                        residual, late if status == "overdue" else 0, fine, interest
                    ),
                }

    def action_ficha_view_invoices(self):
        """The customer's posted invoices and credit notes, in account's own views."""
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_invoice") and not self.env.user.has_group(
            "account.group_account_readonly"
        ):
            raise AccessError(self.env._("Only invoicing and accounting users can open the invoices."))
        action = self.env["ir.actions.actions"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
        ]
        action["context"] = {"default_move_type": "out_invoice", "move_type": "out_invoice"}
        return action
