import functools
import json
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from odoo import models
from odoo.tools import SQL

from ..tools.installments import AGING_BUCKETS, OWED_DOMAIN, aging_due_range
from .ficha_installment import on_receivable_account, overdue_domain

# The day PostgreSQL's date arithmetic counts from in ``_purchases``' largest invoice.
EPOCH = date(1970, 1, 1)


def order_rate(order_alias):
    """The currency rate of the sale order ``order_alias``."""
    return SQL.identifier(order_alias, "currency_rate")


def in_company_currency(amount, rate):
    """An amount of a sale order in the company currency: divided by the order's ``rate``
    (``order_rate``), 1 when unset."""
    return SQL("(%s / COALESCE(NULLIF(%s, 0), 1))", amount, rate)


# Untaxed amounts invoiced and credited of posted customer invoices (``account_move``), in
# company currency (the signed amounts are in company currency).
INVOICED_AND_REFUNDED = (
    SQL(
        "COALESCE(SUM(account_move.amount_untaxed_signed)"
        " FILTER (WHERE account_move.move_type = 'out_invoice'), 0)"
    ),
    SQL(
        "COALESCE(-SUM(account_move.amount_untaxed_signed)"
        " FILTER (WHERE account_move.move_type = 'out_refund'), 0)"
    ),
)


# The key, in the cursor's cache, of the figures read during one read of the sheet (``_memo``).
MEMO_KEY = "ficha.query.memo"


def _memo_key_of(value):
    """A hashable key of an argument of a query method (records by model and ids)."""
    if isinstance(value, models.BaseModel):
        return (value._name, tuple(value.ids))
    if isinstance(value, (list, tuple)):
        return tuple(_memo_key_of(item) for item in value)
    return value


def memoized(method):
    """Within ``FichaQuery._memo()``, ``method`` runs once per arguments, user and companies: a
    figure read by several fields of the same read (the credit for the financial situation and
    for the credit alert, the last interaction for the badge and for the alert) is one query.
    Outside it, every call runs its query."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        memo = self.env.cr.cache.get(MEMO_KEY)
        if memo is None:
            return method(self, *args, **kwargs)
        key = (
            self._name,
            method.__name__,
            self.env.uid,
            self.env.su,
            tuple(self.env.companies.ids),
            _memo_key_of(args),
            _memo_key_of(tuple(sorted(kwargs.items()))),
        )
        if key not in memo:
            memo[key] = method(self, *args, **kwargs)
        return memo[key]

    return wrapper


class FichaQuery(models.AbstractModel):
    """The one place where the sheet reads Odoo's documents in SQL.

    Every figure that the ORM cannot group by itself (the header's facts, the alerts, the
    behaviour patterns, the 5-year indicators) is read here, from a ``Query`` that the ORM
    builds for the current user (``_search``): access rights, record rules and the selected
    companies apply exactly as in the lists beside the figures. A user who may not read a
    model gets no row from it, hence no figure, alert or sentence derived from it.

    The methods below are the shared definitions (a customer's confirmed orders and their
    lines, posted invoices and credit notes, receivable installments, receivable movements,
    in company currency). Each returns rows ``(commercial partner id, *group values,
    *aggregates)`` grouped by the commercial entity and the given ``group_by`` expressions,
    written over the table names (``sale_order``, ``account_move_line``, ...), which are the
    aliases of the ORM's queries.
    """

    _name = "ficha.query"
    _description = "Customer Sheet: Document Queries"

    @contextmanager
    def _memo(self):
        """A block that reads and writes nothing else (one ``web_read`` of the sheet): the
        ``memoized`` methods run their query once per arguments in it. Nested blocks share the
        outer one; the figures are dropped when it ends, so a write after it is always seen."""
        cache = self.env.cr.cache
        if MEMO_KEY in cache:
            yield
            return
        cache[MEMO_KEY] = {}
        try:
            yield
        finally:
            cache.pop(MEMO_KEY, None)

    # -- who may see what --

    def _visible(self, model_name, domain):
        """The ``Query`` of the ``model_name`` records of ``domain`` that the current user may
        read, or ``None`` when there is none (no access right, or an empty domain)."""
        Model = self.env[model_name].with_context(active_test=False)
        if not Model.has_access("read"):
            return None
        query = Model._search(domain)
        return None if query.is_empty() else query

    def _join_partner(self, query, column, partners, alias=None):
        """Join the partner of ``column`` (of the table ``alias``, the query's own by default) and
        keep those of ``partners``' commercial entities; returns the alias of the partner (whose
        ``commercial_partner_id`` groups the rows)."""
        alias = query.join(alias or query.table, column, "res_partner", "id", column)
        query.add_where(
            SQL(
                "%s = ANY(%s)",
                SQL.identifier(alias, "commercial_partner_id"),
                partners.commercial_partner_id.ids,
            )
        )
        return alias

    def _per_customer(self, model_name, domain, partners, group_by, aggregates, partner_column="partner_id"):
        """Rows ``(commercial partner, *group_by, *aggregates)`` of the ``model_name`` records of
        ``domain`` the user may read, whose ``partner_column`` belongs to ``partners``' entities."""
        query = self._visible(model_name, domain)
        if query is None:
            return []
        partner = self._join_partner(query, partner_column, partners)
        return self._grouped(query, SQL.identifier(partner, "commercial_partner_id"), group_by, aggregates)

    def _grouped(self, query, partner, group_by, aggregates, order_by=None, converted=None):
        """Run ``query`` grouped by ``partner`` (an SQL expression) and ``group_by``.

        ``converted``, ``(rate, divisors)``: the ``aggregates`` are sums of amounts in the orders'
        currencies, to have in the company currency. The rows are grouped by the orders' ``rate``
        (``order_rate``) too, then an outer query divides each sum by the rate (1 when unset) and
        by its divisor and adds up the rates' groups: the same figures as dividing every amount by
        its order's rate, with one numeric division per group instead of one per row (most of
        what summing a big customer's order lines cost)."""
        if query is None:
            return []
        keys = [partner, *group_by]
        if order_by is not None:
            query.order = order_by
        if not converted:
            query.groupby = SQL(", ").join(keys)
            return self.env.execute_query(query.select(*keys, *aggregates))
        rate, divisors = converted
        query.groupby = SQL(", ").join([*keys, rate])
        names = [SQL.identifier(f"key{index}") for index in range(len(keys))]
        values = [SQL.identifier(f"value{index}") for index in range(len(aggregates))]
        figures = [
            SQL(
                "SUM(%s%s)",
                in_company_currency(value, SQL("rate")),
                SQL(" / %s", divisor) if divisor != 1 else SQL(),
            )
            for value, divisor in zip(values, divisors, strict=True)
        ]
        return self.env.execute_query(
            SQL(
                "SELECT %s, %s FROM (%s) AS per_rate (%s) GROUP BY %s",
                SQL(", ").join(names),
                SQL(", ").join(figures),
                query.select(*keys, rate, *aggregates),
                SQL(", ").join([*names, SQL("rate"), *values]),
                SQL(", ").join(names),
            )
        )

    def _companies(self):
        return self.env.companies.ids

    @staticmethod
    def _end_of(day):
        """First instant after ``day`` (UTC), to compare datetimes with a date as ``::date`` does."""
        return datetime.combine(day + timedelta(days=1), time.min)

    # -- sales --

    def _order_domain(self, today, states=("sale",), since=None):
        """The orders in ``states`` dated up to ``today`` (from ``since``)."""
        domain = [
            ("state", "in", states),
            ("company_id", "in", self._companies()),
            ("date_order", "<", self._end_of(today)),
        ]
        if since:
            domain.append(("date_order", ">=", datetime.combine(since, time.min)))
        return domain

    def _orders(self, partners, today, group_by=(), states=("sale",), since=None):
        """Confirmed orders up to ``today`` (dated from ``since``): ``(partner, *group_by, amount
        untaxed, count)``, amounts in company currency."""
        return self._per_customer(
            "sale.order",
            self._order_domain(today, states, since),
            partners,
            group_by,
            # divided order by order: a big customer's orders are a dozen a day, too few for the
            # grouping by rate of ``_grouped``'s ``converted`` to pay off (measured slower)
            [
                SQL(
                    "SUM(%s)", in_company_currency(SQL("sale_order.amount_untaxed"), order_rate("sale_order"))
                ),
                SQL("COUNT(*)"),
            ],
        )

    def _order_lines(
        self,
        partners,
        today,
        group_by,
        aggregates,
        since=None,
        extra_domain=(),
        since_by_partner=None,
        divisors=None,
    ):
        """Lines of confirmed orders up to ``today`` (of orders dated from ``since``, or from
        ``since_by_partner[commercial partner id]``), grouped by commercial entity and
        ``group_by``; the expressions can read the order (``sale_order_line__order_id``) and the
        product's template (``sale_order_line__product_id__product_tmpl_id``, left join). With
        ``divisors``, the aggregates are sums of amounts in the orders' currencies, returned in the
        company currency (``_grouped``'s ``converted``).

        The customer is the order's: PostgreSQL reaches the lines from the orders (the addon's
        covering index on confirmed orders by customer and date), not from every line of the
        customer."""
        domain = [
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("company_id", "in", self._companies()),
            *extra_domain,
        ]
        query = self._visible("sale.order.line", domain)
        if query is None:
            return []
        order = query.join(query.table, "order_id", "sale_order", "id", "order_id")
        # the line's state is its order's: said on the order too, the orders come from the
        # addon's covering index on confirmed orders (customer, date)
        query.add_where(SQL("%s = 'sale'", SQL.identifier(order, "state")))
        query.add_where(SQL("%s < %s", SQL.identifier(order, "date_order"), self._end_of(today)))
        if since:
            query.add_where(SQL("%s >= %s", SQL.identifier(order, "date_order"), since))
        product = query.left_join(query.table, "product_id", "product_product", "id", "product_id")
        query.left_join(product, "product_tmpl_id", "product_template", "id", "product_tmpl_id")
        partner = self._join_partner(query, "partner_id", partners, alias=order)
        if since_by_partner is not None:
            starts = {str(partner_id): day.isoformat() for partner_id, day in since_by_partner.items()}
            query.add_where(
                SQL(
                    "%s >= (%s::jsonb ->> %s::text)::date",
                    SQL.identifier(order, "date_order"),
                    json.dumps(starts),
                    SQL.identifier(partner, "commercial_partner_id"),
                )
            )
        return self._grouped(
            query,
            SQL.identifier(partner, "commercial_partner_id"),
            group_by,
            aggregates,
            converted=(order_rate(order), divisors) if divisors else None,
        )

    def _order_lines_gross_and_discount(self, partners, today, group_by, since=None):
        """``(partner, *group_by, gross amount, discount amount)`` in company currency."""
        quantity = SQL("sale_order_line.price_unit * sale_order_line.product_uom_qty")
        return self._order_lines(
            partners,
            today,
            group_by,
            [SQL("SUM(%s)", quantity), SQL("SUM(%s * sale_order_line.discount)", quantity)],
            since=since,
            divisors=(1, 100),
        )

    def _shipped_goods(self, partners, products=None):
        """``{(commercial partner id, product id): quantity}``: the goods shipped to the partners'
        commercial entities (the done deliveries of their confirmed order lines, as the sales
        history counts them), per product (of ``products`` only, when given): the denominator of
        the return rates, the customer's (its Returns page) and each returned product's (the rows
        of its returns, a section read beside the customer's rate).

        Only the lines Odoo delivers by stock moves are shipped (``qty_delivered_method``
        'stock_move': goods, not re-invoiced expenses; sale_stock launches procurements for those
        alone): the others have no delivery to look up. The lines are searched by their own
        customer column (archived contacts and products included) with the addon's partial index
        on the lines delivered by moves: PostgreSQL reads those lines only, not the services (the
        big customer of ficha_bench: 12,200 of 83,800 lines; 104 -> 68 ms). They are grouped by
        that column too, and the contacts taken to their commercial entity here: the query then
        reads no order and no partner (with the view's customer locations read once: 100 -> 33 ms
        in-process). Through the ORM: the user's record rules on the sales history apply."""
        History = self.env["ficha.sale.history"].with_context(active_test=False)
        if not History.has_access("read"):
            return {}
        rows = History._read_group(
            [
                ("partner_id.commercial_partner_id", "in", partners.commercial_partner_id.ids),
                ("company_id", "in", self._companies()),
                ("qty_delivered_method", "=", "stock_move"),
                *([("product_id", "in", products.ids)] if products is not None else []),
            ],
            ["partner_id", "product_id"],
            ["qty_shipped:sum"],
        )
        shipped = defaultdict(float)
        for contact, product, quantity in rows:
            shipped[contact.commercial_partner_id.id, product.id] += quantity or 0.0
        return dict(shipped)

    def _to_invoice(self, partners, today):
        """``{commercial partner id: amount}``: what confirmed orders still have to invoice, taxes
        included, in company currency at ``today``'s rate, as Odoo's ``credit_to_invoice`` counts it:
        the ``amount_to_invoice`` of every line of the orders with a line left to invoice.

        One query instead of Odoo's per-line compute (a big customer's thousand open lines took
        the ORM a third of a second): ``sale.order.line._compute_amount_to_invoice`` written in
        SQL, the posted invoiced quantity (``qty_invoiced_posted``) summed from the posted
        invoice lines in the line's unit of measure, and the amount converted per currency here.
        """
        SaleLine = self.env["sale.order.line"].with_context(active_test=False)
        if not SaleLine.has_access("read"):
            return {}
        # the lines left to invoice, searched by their own customer column (the addon's partial
        # index on the lines to invoice): their orders are those Odoo's credit check counts
        customers = (
            self.env["res.partner"]
            .with_context(active_test=False)
            ._search([("commercial_partner_id", "in", partners.commercial_partner_id.ids)])
        )
        open_lines = SaleLine._search(
            [
                ("order_partner_id", "in", customers),
                ("state", "=", "sale"),
                ("untaxed_amount_to_invoice", ">", 0),
                ("company_id", "in", self._companies()),
            ]
        )
        orders = (
            self.env["sale.order"].with_context(active_test=False)._search([("order_line", "in", open_lines)])
        )
        query = self._visible("sale.order.line", [("order_id", "in", orders)])
        if query is None:
            return {}
        order = query.join(query.table, "order_id", "sale_order", "id", "order_id")
        product = query.left_join(query.table, "product_id", "product_product", "id", "product_id")
        template = query.left_join(product, "product_tmpl_id", "product_template", "id", "product_tmpl_id")
        partner = query.join(order, "partner_id", "res_partner", "id", "partner_id")
        # converted only when the invoice line has another unit (uom's _compute_quantity): the
        # factors looked up apart, so that PostgreSQL walks the links line by line
        posted_quantity = SQL(
            """(SELECT COALESCE(SUM(CASE WHEN aml.product_uom_id = sale_order_line.product_uom
                                         THEN aml.quantity
                                         ELSE aml.quantity
                                              / (SELECT factor FROM uom_uom WHERE id = aml.product_uom_id)
                                              * (SELECT factor FROM uom_uom
                                                  WHERE id = sale_order_line.product_uom)
                                    END * CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END), 0)
                  FROM sale_order_line_invoice_rel rel
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move am ON am.id = aml.move_id AND am.state = 'posted'
                 WHERE rel.order_line_id = sale_order_line.id)"""
        )
        to_consider = SQL(
            "CASE WHEN %s = 'delivery' THEN sale_order_line.qty_delivered"
            " ELSE sale_order_line.product_uom_qty END",
            SQL.identifier(template, "invoice_policy"),
        )
        # as Odoo: the unit price taxes included, reduced by the discount, times the quantity,
        # rounded to the order's currency as a monetary field is
        amount = SQL(
            "ROUND((CASE WHEN sale_order_line.product_uom_qty <> 0"
            " THEN sale_order_line.price_total / sale_order_line.product_uom_qty"
            " * (1 - COALESCE(sale_order_line.discount, 0) / 100.0) * (%s - %s) ELSE 0 END)::numeric,"
            " (SELECT decimal_places FROM res_currency WHERE id = %s))",
            to_consider,
            posted_quantity,
            SQL.identifier(order, "currency_id"),
        )
        rows = self._grouped(
            query,
            SQL.identifier(partner, "commercial_partner_id"),
            [SQL.identifier(order, "currency_id"), SQL.identifier(order, "company_id")],
            [SQL("SUM(%s)", amount)],
        )
        amounts = {}
        for partner_id, currency_id, company_id, total in rows:
            company = self.env["res.company"].browse(company_id)
            converted = (
                self.env["res.currency"]
                .browse(currency_id)
                ._convert(total or 0.0, company.currency_id, company, today)
            )
            amounts[partner_id] = amounts.get(partner_id, 0.0) + converted
        currency = self.env.company.currency_id
        return {partner_id: currency.round(amount) for partner_id, amount in amounts.items()}

    def _quotations_validity(self, partners, today, horizon):
        """``(partner, expired, expiring by horizon)`` of the open quotations."""
        return self._per_customer(
            "sale.order",
            [
                ("state", "in", ("draft", "sent")),
                ("validity_date", "!=", False),
                ("company_id", "in", self._companies()),
            ],
            partners,
            (),
            [
                SQL("COUNT(*) FILTER (WHERE sale_order.validity_date < %s)", today),
                SQL("COUNT(*) FILTER (WHERE sale_order.validity_date BETWEEN %s AND %s)", today, horizon),
            ],
        )

    # -- invoicing --

    def _invoices(self, partners, today, group_by=(), since=None):
        """Posted customer invoices and credit notes up to ``today`` (from ``since``):
        ``(partner, *group_by, invoiced, credit notes, first invoice date)``, untaxed, in company
        currency. Through the invoice's partner, which Odoo indexes."""
        domain = [
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("company_id", "in", self._companies()),
            ("invoice_date", "<=", today),
        ]
        if since:
            domain.append(("invoice_date", ">", since))
        return self._per_customer(
            "account.move",
            domain,
            partners,
            group_by,
            [*INVOICED_AND_REFUNDED, SQL("MIN(account_move.invoice_date)")],
        )

    def _company_invoices(self, today, since):
        """``(invoiced, credit notes)`` of every customer of the current companies that the user
        may see, invoices dated after ``since``."""
        query = self._visible(
            "account.move",
            [
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("company_id", "in", self._companies()),
                ("invoice_date", ">", since),
                ("invoice_date", "<=", today),
            ],
        )
        if query is None:
            return 0.0, 0.0
        rows = self.env.execute_query(query.select(*INVOICED_AND_REFUNDED))
        return rows[0]

    def _purchases(self, partners, today):
        """The customer's purchases: posted customer invoices up to ``today`` (credit notes are not
        purchases): ``(partner, first invoice date, last invoice date, count, total, largest
        invoice id, its total, its date)``, totals taxes included in company currency."""
        query = self._visible(
            "account.move",
            [
                ("state", "=", "posted"),
                ("move_type", "=", "out_invoice"),
                ("company_id", "in", self._companies()),
                ("invoice_date", "<=", today),
            ],
        )
        if query is None:
            return []
        partner = self._join_partner(query, "partner_id", partners)
        # the largest invoice as the greatest array (total, days before the epoch, -id): the
        # largest total, then the earliest date, then the first one created; PostgreSQL compares
        # arrays as they come (an ordered aggregate would sort all the customer's invoices)
        rows = self._grouped(
            query,
            SQL.identifier(partner, "commercial_partner_id"),
            (),
            [
                SQL("MIN(account_move.invoice_date)"),
                SQL("MAX(account_move.invoice_date)"),
                SQL("COUNT(*)"),
                SQL("SUM(account_move.amount_total_signed)"),
                SQL(
                    "MAX(ARRAY[account_move.amount_total_signed, %s - account_move.invoice_date,"
                    " -account_move.id])",
                    EPOCH,
                ),
            ],
        )
        return [
            (*row[:5], -int(largest[2]), float(largest[0]), EPOCH - timedelta(days=int(largest[1])))
            for *row, largest in rows
        ]

    # -- receivables: installments --

    def _installment_query(self, partners, domain):
        """The receivable installments (``ficha.installment``: its access rights and rules, as
        in the installment list) of the partners' commercial entities in the current companies."""
        return self._visible(
            "ficha.installment",
            [
                ("commercial_partner_id", "in", partners.commercial_partner_id.ids),
                ("company_id", "in", self._companies()),
                *domain,
            ],
        )

    @memoized
    def _open_installments(self, partners):
        """``(partner, open amount)``: the installments not fully settled, credit notes deducted."""
        return self._grouped(
            self._installment_query(partners, [("reconciled", "=", False)]),
            SQL("ficha_installment.commercial_partner_id"),
            (),
            [SQL("SUM(ficha_installment.amount_residual)")],
        )

    @memoized
    def _overdue(self, partners, today):
        """``(partner, overdue amount, count, oldest due date)``: the installments open after their
        due date, however old (the status 'overdue' of the installment list)."""
        return self._grouped(
            self._installment_query(partners, overdue_domain(today)),
            SQL("ficha_installment.commercial_partner_id"),
            (),
            [
                SQL("SUM(ficha_installment.amount_residual)"),
                SQL("COUNT(*)"),
                SQL("MIN(ficha_installment.date_due)"),
            ],
        )

    def _paid_installments(self, partners, since):
        """``(partner, paid, paid late, days late summed, most days late, days from invoice to
        settlement x amount, amount)``: the installments paid (not settled by credit notes) from
        ``since``, one query for the punctuality and the payment term actually taken (from the
        covering index on the installments alone)."""
        return self._grouped(
            self._installment_query(
                partners,
                [("settle_kind", "in", ("paid_on_time", "paid_late")), ("date_settled", ">=", since)],
            ),
            SQL("ficha_installment.commercial_partner_id"),
            (),
            [
                SQL("COUNT(*)"),
                SQL("SUM(ficha_installment.late_count)"),
                SQL("SUM(ficha_installment.settled_days_late)"),
                SQL("MAX(ficha_installment.settled_days_late)"),
                SQL(
                    "SUM(ficha_installment.amount_original * GREATEST(0, ficha_installment.date_settled"
                    " - COALESCE(ficha_installment.invoice_date, ficha_installment.date)))"
                ),
                SQL("SUM(ficha_installment.amount_original)"),
            ],
        )

    def _aging_bucket_sql(self, date_due, today):
        """The aging bucket (``tools.installments.AGING_BUCKETS``) of ``date_due`` on ``today``."""
        whens = [
            SQL("WHEN %s >= %s THEN %s", date_due, aging_due_range(key, today)[0], key)
            for key, _first, _last in AGING_BUCKETS[:-1]
        ]
        return SQL("CASE %s ELSE %s END", SQL(" ").join(whens), AGING_BUCKETS[-1][0])

    def _aging(self, partners, today):
        """``(partner, aging bucket, open amount, count)`` of the installments the customer owes
        (open, positive), by how late they are on ``today``."""
        return self._grouped(
            self._installment_query(partners, OWED_DOMAIN),
            SQL("ficha_installment.commercial_partner_id"),
            (self._aging_bucket_sql(SQL("ficha_installment.date_due"), today),),
            [SQL("SUM(ficha_installment.amount_residual)"), SQL("COUNT(*)")],
        )

    def _installment_figures(self, today):
        """``{name: aggregate}`` of the figures over installments of ``_installments``."""
        paid = SQL("ficha_installment.reconciled")
        return {
            "due": SQL("SUM(ficha_installment.amount_original)"),
            "paid": SQL("COALESCE(SUM(ficha_installment.amount_original) FILTER (WHERE %s), 0)", paid),
            "paid_on_time": SQL(
                "COALESCE(SUM(ficha_installment.amount_original) FILTER (WHERE %s"
                " AND ficha_installment.date_settled <= ficha_installment.date_due), 0)",
                paid,
            ),
            "late_x_amount": SQL(
                "COALESCE(SUM(ficha_installment.amount_original"
                " * (ficha_installment.date_settled - ficha_installment.date_due)) FILTER (WHERE %s"
                " AND ficha_installment.date_settled > ficha_installment.date_due), 0)",
                paid,
            ),
            "overdue": SQL(
                "COALESCE(SUM(ficha_installment.amount_residual)"
                " FILTER (WHERE ficha_installment.date_due < %s), 0)",
                today,
            ),
            "oldest_overdue": SQL(
                "MIN(ficha_installment.date_due) FILTER (WHERE ficha_installment.amount_residual > 0"
                " AND ficha_installment.date_due < %s)",
                today,
            ),
        }

    def _installments(self, partners, today, group_by=(), order_by=None, since=None, figures=None):
        """Installments of customer invoices (positive), dated up to ``today`` (due from
        ``since``): ``(partner, *group_by, due, paid, paid on time, days late x amount paid,
        overdue open amount, oldest overdue due date)``, or only the ``figures`` named (keys of
        ``_installment_figures``, in their order).

        An installment is paid on its settlement date, as in the list (the date its
        reconciliation took effect, never before its own date). The addon's covering index
        on the installments answers the query alone; grouped in the index's order (``order_by``),
        PostgreSQL aggregates the rows as they come.
        """
        domain = [("amount_original", ">", 0), ("date", "<=", today)]
        if since:
            domain.append(("date_due", ">=", since))
        aggregates = self._installment_figures(today)
        return self._grouped(
            self._installment_query(partners, domain),
            SQL("ficha_installment.commercial_partner_id"),
            group_by,
            [aggregates[name] for name in figures or aggregates],
            order_by=order_by,
        )

    # -- receivables: every receivable item --

    def _receivable_lines(self, partners, domain):
        """Posted journal items on receivable accounts of the partners, in the current companies
        (invoices, credit notes, payments, opening balances: what Odoo's ``credit`` reads).

        Odoo puts the commercial entity on receivable lines (as ``_credit_debit_get`` reads it):
        they are filtered on their own ``partner_id``, which the indexes serve."""
        query = self._visible(
            "account.move.line",
            [
                ("parent_state", "=", "posted"),
                ("company_id", "in", self._companies()),
                ("partner_id", "in", partners.commercial_partner_id.ids),
                *domain,
            ],
        )
        if query is not None:
            query.add_where(on_receivable_account(query.table))
        return query

    def _receivable_position(self, partners):
        """``(partner, receivable balance, customer credits)``: the open receivable items, as
        Odoo's ``credit`` sums them (unapplied payments and opening balances included), and the
        payments not matched to an invoice yet (a positive amount the customer has to its credit)."""
        return self._grouped(
            self._receivable_lines(partners, [("reconciled", "=", False)]),
            SQL("account_move_line.partner_id"),
            (),
            [
                SQL("SUM(account_move_line.amount_residual)"),
                SQL(
                    "COALESCE(-SUM(account_move_line.amount_residual) FILTER (WHERE"
                    " account_move_line.amount_residual < 0 AND (account_move_line.payment_id IS NOT NULL"
                    " OR account_move_line.statement_line_id IS NOT NULL)), 0)"
                ),
            ],
        )

    def _receivable_movements(self, partners, today, group_by=()):
        """Every posted receivable movement up to ``today``: ``(partner, *group_by, balance,
        receipts)``; receipts are the credits of payments and bank statement lines."""
        query = self._receivable_lines(partners, [("date", "<=", today)])
        return self._grouped(
            query,
            SQL("account_move_line.partner_id"),
            group_by,
            [
                SQL("SUM(account_move_line.balance)"),
                SQL(
                    "-SUM(account_move_line.balance) FILTER (WHERE account_move_line.balance < 0"
                    " AND (account_move_line.payment_id IS NOT NULL"
                    " OR account_move_line.statement_line_id IS NOT NULL))"
                ),
            ],
        )

    def _monthly_receivable_movements(self, partners, today, first_month):
        """``(partner, month, net movement)``: the receivable movements up to ``today`` by month
        (first day), the months before ``first_month`` counted in it (its opening balance).

        Grouped by day in SQL (the months before as one day, ``first_month``), then by month here:
        a few thousand rows for the biggest customer, cheaper than the month of every item."""
        day = SQL("GREATEST(account_move_line.date, %s::date)", first_month)
        months = {}
        for partner, day_value, balance, _receipts in self._receivable_movements(partners, today, (day,)):
            key = (partner, day_value.replace(day=1))
            months[key] = months.get(key, 0.0) + (balance or 0.0)
        return [(partner, month, balance) for (partner, month), balance in sorted(months.items())]

    @memoized
    def _credit(self, partners, today):
        """``{commercial partner id: (receivable balance, to invoice, customer credits)}``: the one
        credit figure of the sheet and of the credit limit alert, defined as Odoo's own credit
        check defines it (``credit`` + ``credit_to_invoice``), over the commercial entity and the
        selected companies."""
        position = {
            partner: (balance, credits) for partner, balance, credits in self._receivable_position(partners)
        }
        to_invoice = self._to_invoice(partners, today)
        return {
            partner: (
                position.get(partner, (0.0, 0.0))[0],
                to_invoice.get(partner, 0.0),
                position.get(partner, (0.0, 0.0))[1],
            )
            for partner in partners.commercial_partner_id.ids
        }

    # -- operations --

    def _late_deliveries(self, partners, today):
        """``(partner, count, oldest scheduled date)`` of the outgoing pickings not done after
        their scheduled date."""
        return self._per_customer(
            "stock.picking",
            [
                ("picking_type_code", "=", "outgoing"),
                ("state", "not in", ("draft", "done", "cancel")),
                ("scheduled_date", "<", datetime.combine(today, time.min)),
                ("company_id", "in", self._companies()),
            ],
            partners,
            (),
            [SQL("COUNT(*)"), SQL("MIN(stock_picking.scheduled_date)")],
        )

    def _late_repairs(self, partners, today):
        """``(partner, count, oldest scheduled date)`` of the confirmed repairs not done after
        their scheduled date."""
        return self._per_customer(
            "repair.order",
            [
                ("state", "in", ("confirmed", "under_repair")),
                ("schedule_date", "<", datetime.combine(today, time.min)),
                ("company_id", "in", self._companies()),
            ],
            partners,
            (),
            [SQL("COUNT(*)"), SQL("MIN(repair_order.schedule_date)")],
        )

    @memoized
    def _contacts(self, commercial_ids):
        """The ids of every contact of the commercial entities ``commercial_ids`` (archived ones
        included, the entities themselves among them), whoever may read them: a list of ids for
        conditions PostgreSQL estimates from its statistics (``ficha.interaction``)."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        return tuple(Partner.search([("commercial_partner_id", "in", list(commercial_ids))]).ids)

    @memoized
    def _last_interactions(self, partners, today):
        """``{commercial partner: date}`` of the latest interaction done up to ``today`` (its end)
        on the timeline (``ficha.interaction``, with its own rules: companies, private meetings,
        own documents)."""
        Interaction = self.env["ficha.interaction"]
        if not Interaction.has_access("read"):
            return {}
        return dict(
            Interaction._read_group(
                [
                    ("commercial_partner_id", "in", partners.commercial_partner_id.ids),
                    ("state", "in", ("done", "won", "lost")),
                    ("date", "<", self._end_of(today)),
                ],
                ["commercial_partner_id"],
                ["date:max"],
            )
        )
