from collections import defaultdict
from datetime import timedelta

from babel.dates import get_month_names

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, formatLang

from ..tools import alert_rules
from ..tools.health_score import health_score
from ..tools.patterns import (
    build_patterns,
    describe_patterns,
    discount_window_start,
    punctuality_window_start,
)
from .ficha_installment import ON_RECEIVABLE_ACCOUNT

# Alerts that reveal receivables: shown only to financial viewers.
FINANCIAL_ALERT_CODES = {"overdue", "credit_limit", "paying_later"}


class FichaAlertFacts(models.AbstractModel):
    """Facts about customers, from a fixed number of grouped queries.

    ``_collect(partners)`` returns ``{commercial_partner_id: facts}`` where
    ``facts`` is the plain dict read by ``tools/patterns.py`` and
    ``tools/alert_rules.py``. Each ``_collect_<topic>`` method runs ONE query
    for the whole recordset (raw SQL: record rules do not apply, so every
    query filters on the current companies itself).

    To plug in a new signal, override ``_get_fact_collectors`` to append a
    method name and fill ``facts[partner_id][<key>]`` in that method.

    ``details`` adds the facts only the plain-language pattern reads (preferred
    products and categories), not the rules: the alert banner and the daily
    check go without them.
    """

    _name = "ficha.alert.facts"
    _description = "Customer Alert Facts"

    # -- collecting facts --

    def _get_fact_collectors(self, details=True):
        collectors = [
            "_collect_orders",
            "_collect_order_lines",
            "_collect_uninvoiced",
            "_collect_invoices",
            "_collect_installments",
            "_collect_overdue",
            "_collect_receivables",
            "_collect_quotations",
            "_collect_deliveries",
            "_collect_repairs",
            "_collect_interactions",
            "_collect_company_return_rate",
        ]
        if details:
            collectors.append("_collect_preferences")
        return collectors

    def _collect(self, partners, today=None, details=True):
        today = today or fields.Date.context_today(self)
        commercial = partners.commercial_partner_id
        facts = {partner.id: {"today": today} for partner in commercial}
        if not facts:
            return facts
        self.env.flush_all()
        for method in self._get_fact_collectors(details=details):
            getattr(self, method)(commercial, facts, today)
        # the credit limit is an accounting field: read it here, where it only feeds the rules
        for partner in commercial.sudo():
            partner_facts = facts[partner.id]
            partner_facts["credit_limit"] = partner.credit_limit
            starts = [
                day
                for day in (partner_facts.get("first_order_date"), partner_facts.get("first_invoice_date"))
                if day
            ]
            partner_facts["customer_since"] = min(starts) if starts else None
        return facts

    def _query(self, sql):
        self.env.cr.execute(sql)
        return self.env.cr.fetchall()

    # Groups whose record rules on the model let them read every document of their companies.
    _SEE_ALL_GROUPS = {
        "sale.order": ("sales_team.group_sale_salesman_all_leads",),
        "account.move": (
            "sales_team.group_sale_salesman_all_leads",
            "account.group_account_invoice",
            "account.group_account_readonly",
        ),
    }

    def _visible_sql(self, model, alias):
        """Raw-SQL condition keeping only the ``alias`` rows of ``model`` the user may read.

        Raw SQL skips access rights and record rules: a salesperson limited to own documents
        must not count other salespeople's orders or invoices. The queries already filter on
        the current companies, so users who see all documents get no extra condition.
        """
        Model = self.env[model]
        if self.env.su or any(self.env.user.has_group(group) for group in self._SEE_ALL_GROUPS[model]):
            return SQL("TRUE")
        if not Model.has_access("read"):
            return SQL("FALSE")
        return SQL("%s IN %s", SQL.identifier(alias, "id"), Model._search([]).subselect())

    def _collect_orders(self, partners, facts, today):
        """Confirmed sale orders per day (amount and number), in company currency (untaxed)."""
        rows = self._query(
            SQL(
                """
                SELECT p.commercial_partner_id, so.date_order::date,
                       SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)), COUNT(*)
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale'
                   AND so.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND so.date_order::date <= %(today)s
                   AND %(visible)s
              GROUP BY 1, 2
                """,
                companies=self.env.companies.ids,
                visible=self._visible_sql("sale.order", "so"),
                partners=partners.ids,
                today=today,
            )
        )
        for partner_id, day, amount, count in rows:
            facts[partner_id].setdefault("orders", []).append((day, amount, count))
        for partner_facts in facts.values():
            orders = sorted(partner_facts.get("orders", []))
            partner_facts["orders"] = orders
            partner_facts["first_order_date"] = orders[0][0] if orders else None

    def _order_lines_sql(self, partners, today, select, group_by, since=None):
        """Confirmed order lines of the partners up to ``today`` (of orders dated from ``since``)."""
        return SQL(
            """
            SELECT p.commercial_partner_id, %(select)s
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN product_product pp ON pp.id = sol.product_id
              LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state = 'sale'
               AND sol.display_type IS NULL
               AND so.company_id = ANY(%(companies)s)
               AND p.commercial_partner_id = ANY(%(partners)s)
               AND so.date_order::date <= %(today)s
               AND %(since)s
               AND %(visible)s
          GROUP BY %(group_by)s
            """,
            select=select,
            group_by=group_by,
            since=SQL("so.date_order >= %s", since) if since else SQL("TRUE"),
            companies=self.env.companies.ids,
            visible=self._visible_sql("sale.order", "so"),
            partners=partners.ids,
            today=today,
        )

    def _collect_order_lines(self, partners, facts, today):
        """Gross amount and discount by month, over the months the discount rule compares
        (``patterns.discount_window_start``), in company currency."""
        rows = self._query(
            self._order_lines_sql(
                partners,
                today,
                SQL(
                    """date_trunc('month', so.date_order)::date,
                       SUM(sol.price_unit * sol.product_uom_qty / COALESCE(NULLIF(so.currency_rate, 0), 1)),
                       SUM(sol.price_unit * sol.product_uom_qty * sol.discount / 100.0
                           / COALESCE(NULLIF(so.currency_rate, 0), 1))"""
                ),
                SQL("1, 2"),
                since=discount_window_start(today),
            )
        )
        for partner_id, month, gross, discount in rows:
            facts[partner_id].setdefault("discount_months", []).append((month, gross or 0.0, discount or 0.0))

    def _collect_uninvoiced(self, partners, facts, today):
        """Amounts still to invoice on confirmed orders, taxes included, in company currency
        (the addon's partial index on the order lines to invoice serves the query). Lines invoiced
        beyond their amount (a negative amount to invoice) are left out, as Odoo's own credit
        check leaves out orders with nothing left to invoice."""
        rows = self._query(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       SUM(sol.untaxed_amount_to_invoice
                           * COALESCE(so.amount_total / NULLIF(so.amount_untaxed, 0), 1)
                           / COALESCE(NULLIF(so.currency_rate, 0), 1))
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN res_partner p ON p.id = sol.order_partner_id
                 WHERE sol.state = 'sale'
                   AND sol.untaxed_amount_to_invoice > 0
                   AND so.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND so.date_order::date <= %(today)s
                   AND %(visible)s
              GROUP BY 1
                """,
                companies=self.env.companies.ids,
                visible=self._visible_sql("sale.order", "so"),
                partners=partners.ids,
                today=today,
            )
        )
        for partner_id, to_invoice in rows:
            facts[partner_id]["uninvoiced_amount"] = to_invoice or 0.0

    def _collect_preferences(self, partners, facts, today):
        """Amount bought per product and per category (one query with grouping sets)."""
        rows = self._query(
            self._order_lines_sql(
                partners,
                today,
                SQL(
                    """sol.product_id, pt.categ_id,
                       SUM(sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1)),
                       GROUPING(sol.product_id)"""
                ),
                SQL(
                    "GROUPING SETS ((p.commercial_partner_id, sol.product_id),"
                    " (p.commercial_partner_id, pt.categ_id))"
                ),
            )
        )
        products, categories = defaultdict(list), defaultdict(list)
        for partner_id, product_id, categ_id, subtotal, g_product in rows:
            if not g_product:
                if product_id:
                    products[partner_id].append((product_id, subtotal or 0.0))
            elif categ_id:
                categories[partner_id].append((categ_id, subtotal or 0.0))
        product_names = {
            product.id: product.display_name
            for product in self.env["product.product"]
            .sudo()
            .browse({pid for items in products.values() for pid, __ in items})
            .with_context(active_test=False)
        }
        category_names = {
            category.id: category.display_name
            for category in self.env["product.category"]
            .sudo()
            .browse({cid for items in categories.values() for cid, __ in items})
        }
        for partner_id, items in products.items():
            facts[partner_id]["products"] = [(product_names[pid], amount) for pid, amount in items]
        for partner_id, items in categories.items():
            facts[partner_id]["categories"] = [(category_names[cid], amount) for cid, amount in items]

    def _collect_invoices(self, partners, facts, today):
        """Posted customer invoices and credit notes by month (company currency, untaxed)."""
        rows = self._query(
            SQL(
                """
                SELECT p.commercial_partner_id, date_trunc('month', am.invoice_date)::date,
                       COALESCE(SUM(am.amount_untaxed_signed) FILTER (WHERE am.move_type = 'out_invoice'), 0),
                       COALESCE(-SUM(am.amount_untaxed_signed) FILTER (WHERE am.move_type = 'out_refund'), 0),
                       MIN(am.invoice_date)
                  FROM account_move am
                  -- through the partner: account_move has an index on partner_id only
                  JOIN res_partner p ON p.id = am.partner_id
                 WHERE am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND am.invoice_date <= %(today)s
                   AND %(visible)s
              GROUP BY 1, 2
                """,
                companies=self.env.companies.ids,
                visible=self._visible_sql("account.move", "am"),
                partners=partners.ids,
                today=today,
            )
        )
        for partner_id, month, invoiced, refunded, first in rows:
            partner_facts = facts[partner_id]
            partner_facts.setdefault("invoice_months", []).append((month, invoiced, refunded))
            known = partner_facts.get("first_invoice_date")
            partner_facts["first_invoice_date"] = min(known, first) if known else first

    def _installments_sql(self, partners, today, group_exprs, order_by=None, since=None):
        """Receivable installments of posted customer invoices, grouped by partner and ``group_exprs``.

        The paid date of an installment is its settlement date, as on the sheet
        (``account.move.line.ficha_date_settled``). The receivable line carries the commercial
        entity, and ``display_type = 'payment_term'`` with a positive amount keeps the invoices'
        installments: the addon's covering index on the installments answers the query alone
        (index-only scan). The receivable accounts are a list read once rather than a join
        (``ON_RECEIVABLE_ACCOUNT``), so the rows come in the index's order: grouped by
        ``aml.date_maturity`` with that ``order_by``, PostgreSQL aggregates them as they come
        instead of sorting them first.
        ``since`` keeps the installments due from that day (a range of the index).
        """
        return SQL(
            """
            SELECT aml.partner_id, %(group_exprs)s,
                   SUM(aml.balance),
                   COALESCE(SUM(aml.balance) FILTER (WHERE aml.reconciled), 0),
                   COALESCE(SUM(aml.balance)
                            FILTER (WHERE aml.reconciled AND aml.ficha_date_settled <= aml.date_maturity), 0),
                   COALESCE(SUM(aml.balance * (aml.ficha_date_settled - aml.date_maturity))
                            FILTER (WHERE aml.reconciled AND aml.ficha_date_settled > aml.date_maturity), 0),
                   COALESCE(SUM(aml.amount_residual) FILTER (WHERE aml.date_maturity < %(today)s), 0),
                   MIN(aml.date_maturity)
                       FILTER (WHERE aml.amount_residual > 0 AND aml.date_maturity < %(today)s)
              FROM account_move_line aml
             WHERE aml.parent_state = 'posted'
               AND aml.display_type = 'payment_term'
               AND %(on_receivable_account)s
               AND aml.balance > 0
               AND aml.date_maturity IS NOT NULL
               AND %(since)s
               AND aml.company_id = ANY(%(companies)s)
               AND aml.partner_id = ANY(%(partners)s)
               AND aml.date <= %(today)s
          GROUP BY aml.partner_id, %(group_exprs)s
          %(order_by)s
            """,
            group_exprs=SQL(", ").join(group_exprs),
            order_by=SQL("ORDER BY %s", order_by) if order_by else SQL(),
            since=SQL("aml.date_maturity >= %s", since) if since else SQL("TRUE"),
            on_receivable_account=ON_RECEIVABLE_ACCOUNT,
            companies=self.env.companies.ids,
            partners=partners.ids,
            today=today,
        )

    def _collect_installments(self, partners, facts, today):
        """Punctuality by due month, over the months the punctuality rule compares
        (``patterns.punctuality_window_start``).

        Grouped by due date in the index's order (a few thousand rows for the biggest customer),
        then by month here.
        """
        rows = self._query(
            self._installments_sql(
                partners,
                today,
                [SQL("aml.date_maturity")],
                order_by=SQL("aml.partner_id, aml.date_maturity DESC"),
                since=punctuality_window_start(today),
            )
        )
        payments = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
        for partner_id, due, __, paid, __, late_x_amount, __, __ in rows:
            if paid:
                month = payments[partner_id][due.replace(day=1)]
                month[0] += paid
                month[1] += late_x_amount
        for partner_id, months in payments.items():
            facts[partner_id]["payment_months"] = [
                (month, paid, late_x_amount) for month, (paid, late_x_amount) in sorted(months.items())
            ]

    def _collect_overdue(self, partners, facts, today):
        """Overdue amount and age of the oldest overdue installment, however old (the addon's
        index on the open installments answers the query alone)."""
        rows = self._query(
            SQL(
                """
                SELECT aml.partner_id, SUM(aml.amount_residual), MIN(aml.date_maturity)
                  FROM account_move_line aml
                 WHERE aml.parent_state = 'posted'
                   AND aml.display_type = 'payment_term'
                   AND (aml.reconciled IS NULL OR aml.reconciled = FALSE)
                   AND %(on_receivable_account)s
                   AND aml.balance > 0
                   AND aml.amount_residual > 0
                   AND aml.date_maturity < %(today)s
                   AND aml.company_id = ANY(%(companies)s)
                   AND aml.partner_id = ANY(%(partners)s)
                   AND aml.date <= %(today)s
              GROUP BY aml.partner_id
                """,
                on_receivable_account=ON_RECEIVABLE_ACCOUNT,
                companies=self.env.companies.ids,
                partners=partners.ids,
                today=today,
            )
        )
        for partner_id, overdue, oldest in rows:
            facts[partner_id].update(overdue_amount=overdue, overdue_days=(today - oldest).days)

    def _collect_receivables(self, partners, facts, today):
        """Open receivables (all posted receivable lines) for the credit limit."""
        rows = self._query(
            SQL(
                """
                SELECT p.commercial_partner_id, SUM(aml.amount_residual)
                  FROM account_move_line aml
                  JOIN account_account aa ON aa.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                 WHERE aml.parent_state = 'posted'
                   AND aa.account_type = 'asset_receivable'
                   AND NOT aml.reconciled
                   AND aml.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
              GROUP BY 1
                """,
                companies=self.env.companies.ids,
                partners=partners.ids,
            )
        )
        for partner_id, residual in rows:
            facts[partner_id]["open_receivable"] = residual

    def _collect_quotations(self, partners, facts, today):
        """Open quotations expired or expiring within the configured days."""
        horizon = today + timedelta(days=self._get_thresholds()["quotation_expiring_days"])
        rows = self._query(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       COUNT(*) FILTER (WHERE so.validity_date < %(today)s),
                       COUNT(*) FILTER (WHERE so.validity_date BETWEEN %(today)s AND %(horizon)s)
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state IN ('draft', 'sent')
                   AND so.validity_date IS NOT NULL
                   AND so.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND %(visible)s
              GROUP BY 1
                """,
                today=today,
                horizon=horizon,
                visible=self._visible_sql("sale.order", "so"),
                companies=self.env.companies.ids,
                partners=partners.ids,
            )
        )
        for partner_id, expired, expiring in rows:
            facts[partner_id].update(quotations_expired=expired, quotations_expiring=expiring)

    def _collect_late(self, partners, facts, today, sql, count_key, days_key):
        for partner_id, count, oldest in self._query(sql):
            facts[partner_id][count_key] = count
            facts[partner_id][days_key] = (today - oldest.date()).days

    def _collect_deliveries(self, partners, facts, today):
        """Outgoing pickings not done after their scheduled date."""
        self._collect_late(
            partners,
            facts,
            today,
            SQL(
                """
                SELECT p.commercial_partner_id, COUNT(*), MIN(sp.scheduled_date)
                  FROM stock_picking sp
                  JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
                  JOIN res_partner p ON p.id = sp.partner_id
                 WHERE spt.code = 'outgoing'
                   AND sp.state NOT IN ('draft', 'done', 'cancel')
                   AND sp.scheduled_date::date < %(today)s
                   AND sp.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
              GROUP BY 1
                """,
                today=today,
                companies=self.env.companies.ids,
                partners=partners.ids,
            ),
            "late_deliveries",
            "late_delivery_days",
        )

    def _collect_repairs(self, partners, facts, today):
        """Confirmed repairs not done after their scheduled date."""
        self._collect_late(
            partners,
            facts,
            today,
            SQL(
                """
                SELECT p.commercial_partner_id, COUNT(*), MIN(ro.schedule_date)
                  FROM repair_order ro
                  JOIN res_partner p ON p.id = ro.partner_id
                 WHERE ro.state IN ('confirmed', 'under_repair')
                   AND ro.schedule_date::date < %(today)s
                   AND ro.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
              GROUP BY 1
                """,
                today=today,
                companies=self.env.companies.ids,
                partners=partners.ids,
            ),
            "late_repairs",
            "late_repair_days",
        )

    def _collect_interactions(self, partners, facts, today):
        """Latest interaction: a message or note (or done activity) on the customer,
        its contacts or its opportunities, or a past meeting with any of them."""
        rows = self._query(
            SQL(
                """
                SELECT cp, MAX(day)::date FROM (
                    SELECT p.commercial_partner_id AS cp, m.date AS day
                      FROM mail_message m
                      JOIN res_partner p ON p.id = m.res_id
                     WHERE m.model = 'res.partner'
                       AND (m.message_type IN ('comment', 'email') OR m.mail_activity_type_id IS NOT NULL)
                       AND p.commercial_partner_id = ANY(%(partners)s)
                     UNION ALL
                    SELECT p.commercial_partner_id, m.date
                      FROM mail_message m
                      JOIN crm_lead l ON l.id = m.res_id
                      JOIN res_partner p ON p.id = l.partner_id
                     WHERE m.model = 'crm.lead'
                       AND (m.message_type IN ('comment', 'email') OR m.mail_activity_type_id IS NOT NULL)
                       AND (l.company_id IS NULL OR l.company_id = ANY(%(companies)s))
                       AND p.commercial_partner_id = ANY(%(partners)s)
                     UNION ALL
                    SELECT p.commercial_partner_id, ce.start
                      FROM calendar_event ce
                      JOIN calendar_event_res_partner_rel rel ON rel.calendar_event_id = ce.id
                      JOIN res_partner p ON p.id = rel.res_partner_id
                     WHERE ce.active
                       AND ce.start::date <= %(today)s
                       AND p.commercial_partner_id = ANY(%(partners)s)
                ) interactions
                 WHERE day::date <= %(today)s
              GROUP BY cp
                """,
                today=today,
                companies=self.env.companies.ids,
                partners=partners.ids,
            )
        )
        for partner_id, day in rows:
            facts[partner_id]["last_interaction_date"] = day

    def _collect_company_return_rate(self, partners, facts, today):
        """Refunded / invoiced by all customers of the current companies over the last 3 years.

        Only for customers the return rule compares with the company (recent returns, no history
        before them: ``alert_rules.needs_company_return_rate``, read from ``_collect_invoices``'
        facts): the query reads every invoice of the companies, whatever the customer.
        """
        needing = [
            partner_facts
            for partner_facts in facts.values()
            if alert_rules.needs_company_return_rate(partner_facts)
        ]
        if not needing:
            return
        rows = self._query(
            SQL(
                """
                SELECT COALESCE(SUM(amount_untaxed_signed) FILTER (WHERE move_type = 'out_invoice'), 0),
                       COALESCE(-SUM(amount_untaxed_signed) FILTER (WHERE move_type = 'out_refund'), 0)
                  FROM account_move
                 WHERE state = 'posted'
                   AND move_type IN ('out_invoice', 'out_refund')
                   AND company_id = ANY(%(companies)s)
                   AND invoice_date > %(start)s AND invoice_date <= %(today)s
                """,
                companies=self.env.companies.ids,
                start=today - timedelta(days=3 * 365),
                today=today,
            )
        )
        invoiced, refunded = rows[0]
        rate = refunded / invoiced if invoiced else 0.0
        for partner_facts in needing:
            partner_facts["company_return_rate"] = rate

    # -- evaluating --

    def _get_thresholds(self):
        """Thresholds of the rules: the company's settings over the defaults of ``alert_rules``."""
        company = self.env.company
        # The quotation window is the commercial section's setting, shared with its badges.
        field_names = {"quotation_expiring_days": "ficha_quotation_expiring_days"}
        thresholds = {}
        for key, default in alert_rules.DEFAULT_THRESHOLDS.items():
            field_name = field_names.get(key, f"ficha_alert_{key}")
            thresholds[key] = company[field_name] if field_name in company._fields else default
        return thresholds

    @api.model
    def _evaluate(self, partners, today=None, all_alerts=False, details=True):
        """Patterns, alerts and health of each commercial partner.

        Returns ``{commercial_partner_id: {"facts", "patterns", "alerts", "score", "factors"}}``;
        alerts the user may not see (receivables without the financial group) are left out
        unless ``all_alerts`` (the scheduled action); without ``details`` the patterns lack
        the preferred products and categories (the alerts are the same).
        """
        thresholds = self._get_thresholds()
        money = self._money_formatter()
        financial = all_alerts or self.env.user.has_group("ficha_cliente.ficha_cliente_group_financial")
        result = {}
        for partner_id, facts in self._collect(partners, today=today, details=details).items():
            patterns = build_patterns(facts)
            alerts = alert_rules.evaluate(facts, thresholds, self.env._, patterns=patterns, money=money)
            if not financial:
                alerts = [alert for alert in alerts if alert.code not in FINANCIAL_ALERT_CODES]
            score, factors = health_score(alerts)
            result[partner_id] = {
                "facts": facts,
                "patterns": patterns,
                "alerts": alerts,
                "score": score,
                "factors": factors,
            }
        return result

    def _describe(self, patterns):
        """Plain-language sentences of the patterns, in the user's language."""
        locale = babel_locale_parse(self.env.lang or "en_US")
        month_names = dict(get_month_names("abbreviated", locale=locale))
        return describe_patterns(patterns, self.env._, month_names=month_names, money=self._money_formatter())

    def _money_formatter(self):
        """Amounts of the messages in the company currency and the user's language (R$ 1.500,00)."""
        currency = self.env.company.currency_id
        return lambda amount: formatLang(self.env, amount, currency_obj=currency)
