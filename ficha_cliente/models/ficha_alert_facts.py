from collections import defaultdict
from datetime import timedelta

from babel.dates import get_month_names

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, formatLang

from ..tools import alert_rules
from ..tools.alert_catalogue import visible_alerts
from ..tools.audiences import FINANCIAL, REPAIRS, SALES, SHEET
from ..tools.health_score import health_score
from ..tools.patterns import (
    build_patterns,
    describe_patterns,
    describe_preferences,
    discount_window_start,
    preference_window_start,
    punctuality_window_start,
)
from .ficha_query import memoized


class FichaAlertFacts(models.AbstractModel):
    """Facts about customers, from a fixed number of grouped queries.

    ``_collect(partners)`` returns ``{commercial_partner_id: facts}`` where
    ``facts`` is the plain dict read by ``tools/patterns.py`` and
    ``tools/alert_rules.py``. Each ``_collect_<topic>`` method runs ONE query
    for the whole recordset, through ``ficha.query`` (the user's rights, record
    rules and companies apply), and only for users of its audience: a user who
    does not see the receivables gets no punctuality, overdue or credit fact, so
    no alert or pattern sentence derived from them.

    To plug in a new signal, override ``_get_fact_collectors`` to add a method
    name and its audience, and fill ``facts[partner_id][<key>]`` in that method.

    The products and categories the customer prefers are read apart
    (``_preference_facts``): no rule reads them, so the alerts go without them.
    """

    _name = "ficha.alert.facts"
    _description = "Customer Alert Facts"

    # -- collecting facts --

    def _get_fact_collectors(self):
        """``{method name: audience group}`` of the collectors."""
        collectors = {
            "_collect_orders": SALES,
            "_collect_order_lines": SALES,
            "_collect_credit": FINANCIAL,
            "_collect_invoices": SALES,
            "_collect_installments": FINANCIAL,
            "_collect_overdue": FINANCIAL,
            "_collect_quotations": SALES,
            "_collect_deliveries": SALES,
            "_collect_repairs": REPAIRS,
            "_collect_interactions": SHEET,
            "_collect_company_return_rate": SALES,
        }
        return collectors

    def _in_audience(self, group):
        return self.env.su or self.env.user.has_group(group)

    def _collect(self, partners, today=None):
        today = today or fields.Date.context_today(self)
        commercial = partners.commercial_partner_id
        facts = {partner.id: {"today": today} for partner in commercial}
        if not facts:
            return facts
        self.env.flush_all()
        for method, audience in self._get_fact_collectors().items():
            if self._in_audience(audience):
                getattr(self, method)(commercial, facts, today)
        for partner_facts in facts.values():
            starts = [
                day
                for day in (partner_facts.get("first_order_date"), partner_facts.get("first_invoice_date"))
                if day
            ]
            partner_facts["customer_since"] = min(starts) if starts else None
        return facts

    def _collect_orders(self, partners, facts, today):
        """Confirmed sale orders per day (amount and number), in company currency (untaxed)."""
        day = SQL("sale_order.date_order::date")
        for partner_id, order_day, amount, count in self.env["ficha.query"]._orders(partners, today, [day]):
            facts[partner_id].setdefault("orders", []).append((order_day, amount, count))
        for partner_facts in facts.values():
            orders = sorted(partner_facts.get("orders", []))
            partner_facts["orders"] = orders
            partner_facts["first_order_date"] = orders[0][0] if orders else None

    def _collect_order_lines(self, partners, facts, today):
        """Gross amount and discount by month, over the months the discount rule compares
        (``patterns.discount_window_start``), in company currency."""
        month = SQL("date_trunc('month', sale_order_line__order_id.date_order)::date")
        for partner_id, start, gross, discount in self.env["ficha.query"]._order_lines_gross_and_discount(
            partners, today, [month], since=discount_window_start(today)
        ):
            facts[partner_id].setdefault("discount_months", []).append((start, gross or 0.0, discount or 0.0))

    def _collect_credit(self, partners, facts, today):
        """The customer's credit position (``ficha.query._credit``, the sheet's one credit figure)
        and its credit limit, when the company uses credit limits (as Odoo's own credit check)."""
        use_limit = self.env.company.account_use_credit_limit
        credit = self.env["ficha.query"]._credit(partners, today)
        for partner in partners.sudo():
            receivable, to_invoice, __ = credit[partner.id]
            facts[partner.id].update(
                open_receivable=receivable,
                uninvoiced_amount=to_invoice,
                # an accounting field, read here for the financial users' rules only
                credit_limit=partner.credit_limit if use_limit else 0.0,
            )

    def _preference_facts(self, partners, today=None):
        """``{commercial partner id: {"products": [(name, amount)], "categories": [...]}}``: the
        amount bought per product and per category over the customer's last year of purchases
        (``patterns.preference_window_start``: the 12 months up to its latest order), for sales
        users. One query for the latest orders' days, one grouped by product (the categories
        summed here)."""
        if not self._in_audience(SALES):
            return {}
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        Query = self.env["ficha.query"]
        since = {
            partner_id: preference_window_start(last_day.date())
            for partner_id, last_day in Query._per_customer(
                "sale.order",
                Query._order_domain(today),
                partners,
                (),
                [SQL("MAX(sale_order.date_order)")],
            )
        }
        if not since:
            return {}
        rows = Query._order_lines(
            partners.browse(list(since)),
            today,
            [SQL("sale_order_line.product_id")],
            [SQL("SUM(sale_order_line.price_subtotal)")],
            since_by_partner=since,
            divisors=(1,),
        )
        # names and categories only, of the products the user's own orders hold
        products = {
            product.id: product
            for product in self.env["product.product"]
            .sudo()
            .with_context(active_test=False)
            .browse({product_id for __, product_id, __ in rows if product_id})
        }
        by_product, by_category = defaultdict(list), defaultdict(lambda: defaultdict(float))
        for partner_id, product_id, subtotal in rows:
            product = products.get(product_id)
            if not product:
                continue
            by_product[partner_id].append((product.display_name, subtotal or 0.0))
            by_category[partner_id][product.categ_id] += subtotal or 0.0
        return {
            partner_id: {
                "products": items,
                "categories": [
                    (category.display_name, amount) for category, amount in by_category[partner_id].items()
                ],
            }
            for partner_id, items in by_product.items()
        }

    def _collect_invoices(self, partners, facts, today):
        """Posted customer invoices and credit notes by month (company currency, untaxed).

        The month of a date through ``timestamp``: ``date_trunc`` of a ``date`` would take it as a
        ``timestamptz`` and work out the time zone of every invoice (the big customer's whole
        history, 31,300 invoices: 32 -> 25 ms)."""
        month = SQL("date_trunc('month', account_move.invoice_date::timestamp)::date")
        for partner_id, start, invoiced, refunded, first in self.env["ficha.query"]._invoices(
            partners, today, [month]
        ):
            partner_facts = facts[partner_id]
            partner_facts.setdefault("invoice_months", []).append((start, invoiced, refunded))
            known = partner_facts.get("first_invoice_date")
            partner_facts["first_invoice_date"] = min(known, first) if known else first

    def _collect_installments(self, partners, facts, today):
        """Punctuality by due month, over the months the punctuality rule compares
        (``patterns.punctuality_window_start``).

        Grouped by due date in the index's order (a few thousand rows for the biggest customer),
        then by month here.
        """
        rows = self.env["ficha.query"]._installments(
            partners,
            today,
            [SQL("ficha_installment.date_due")],
            order_by=SQL("ficha_installment.commercial_partner_id, ficha_installment.date_due DESC"),
            since=punctuality_window_start(today),
            figures=("paid", "late_x_amount"),
        )
        payments = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
        for partner_id, due, paid, late_x_amount in rows:
            if paid:
                month = payments[partner_id][due.replace(day=1)]
                month[0] += paid
                month[1] += late_x_amount
        for partner_id, months in payments.items():
            facts[partner_id]["payment_months"] = [
                (month, paid, late_x_amount) for month, (paid, late_x_amount) in sorted(months.items())
            ]

    def _collect_overdue(self, partners, facts, today):
        """Overdue amount and age of the oldest overdue installment, however old."""
        for partner_id, overdue, __, oldest in self.env["ficha.query"]._overdue(partners, today):
            facts[partner_id].update(overdue_amount=overdue, overdue_days=(today - oldest).days)

    def _collect_quotations(self, partners, facts, today):
        """Open quotations expired or expiring within the configured days."""
        horizon = today + timedelta(days=self._get_thresholds()["quotation_expiring_days"])
        for partner_id, expired, expiring in self.env["ficha.query"]._quotations_validity(
            partners, today, horizon
        ):
            facts[partner_id].update(quotations_expired=expired, quotations_expiring=expiring)

    def _collect_deliveries(self, partners, facts, today):
        """Outgoing pickings not done after their scheduled date."""
        for partner_id, count, oldest in self.env["ficha.query"]._late_deliveries(partners, today):
            facts[partner_id].update(late_deliveries=count, late_delivery_days=(today - oldest.date()).days)

    def _collect_repairs(self, partners, facts, today):
        """Confirmed repairs not done after their scheduled date."""
        for partner_id, count, oldest in self.env["ficha.query"]._late_repairs(partners, today):
            facts[partner_id].update(late_repairs=count, late_repair_days=(today - oldest.date()).days)

    def _collect_interactions(self, partners, facts, today):
        """Latest done interaction of the customer's timeline (the Agenda's own definition)."""
        for partner, day in self.env["ficha.query"]._last_interactions(partners, today).items():
            if partner.id in facts and day:
                facts[partner.id]["last_interaction_date"] = day.date()

    def _collect_company_return_rate(self, partners, facts, today):
        """Refunded / invoiced by all customers of the current companies (the invoices the user
        may see) over the last 3 years.

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
        invoiced, refunded = self.env["ficha.query"]._company_invoices(today, today - timedelta(days=3 * 365))
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
    @memoized
    def _evaluate(self, partners, today=None, all_alerts=False):
        """Patterns, alerts and health of each commercial partner.

        Returns ``{commercial_partner_id: {"facts", "patterns", "alerts", "score", "factors"}}``;
        alerts outside the user's audiences (``alert_catalogue``) are left out unless
        ``all_alerts`` (the scheduled action, as superuser). Within one read of the sheet
        (``ficha.query._memo``), the banner's fields and the alerts page's share one evaluation.
        """
        thresholds = self._get_thresholds()
        money = self._money_formatter()
        result = {}
        for partner_id, facts in self._collect(partners, today=today).items():
            patterns = build_patterns(facts)
            alerts = alert_rules.evaluate(facts, thresholds, self.env._, patterns=patterns, money=money)
            if not all_alerts:
                alerts = visible_alerts(alerts, self._in_audience)
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

    def _describe_preferences(self, partners, today=None):
        """``{commercial partner id: sentences}`` of the products and categories the customer
        prefers, in the user's language."""
        return {
            partner_id: describe_preferences(facts["products"], facts["categories"], self.env._)
            for partner_id, facts in self._preference_facts(partners.commercial_partner_id, today).items()
        }

    def _money_formatter(self):
        """Amounts of the messages in the company currency and the user's language (R$ 1.500,00)."""
        currency = self.env.company.currency_id
        return lambda amount: formatLang(self.env, amount, currency_obj=currency)
