import itertools
from collections import defaultdict
from datetime import date, timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..tools.audiences import FINANCIAL

YEARS = 5
# The parts of the indicators, each read on its own (the page's two sections, side by side on the
# server's workers): the sales, for every sheet user, and the receivables (installments, money
# movement), for financial users. The posted invoices (amount invoiced, credit notes) are read by
# one part only: the receivables for financial users (the amount invoiced then shown with the money
# movement, beside receipts, credit notes and the open balance), the sales for the others.
PARTS = ("sales", "receivables")


def yoy(values):
    """Year-over-year change (%) of each value vs the previous one (None without a base)."""
    changes = [None]
    for previous, current in itertools.pairwise(values):
        changes.append(round(100.0 * (current - previous) / abs(previous), 1) if previous else None)
    return changes


def ratio(numerators, denominators, factor=1.0):
    return [
        round(factor * num / den, 2) if den else 0.0
        for num, den in zip(numerators, denominators, strict=True)
    ]


class FichaIndicators(models.AbstractModel):
    """5-year performance figures of customers (Indicadores de Desempenho).

    Each year of the window (the current one and the four before it) has two
    figures: ``ytd`` (1 January to today's day and month) and ``full`` (the
    whole year; for the current year the same as ``ytd``). Five grouped
    queries for the whole recordset: invoices, orders, order lines,
    installments and receivable movements, each grouped by commercial
    partner and day, then by year and "within the year-to-date period".
    """

    _name = "ficha.indicators"
    _description = "Customer Performance Indicators"

    def _day(self, column):
        """The day of ``column`` (a date, or a UTC datetime as ``EXTRACT`` reads it)."""
        return [SQL("%s::date", column)]

    def _compute_indicators(self, partners, today=None, parts=PARTS):
        """``{commercial_partner_id: data}`` of the ``parts`` (``PARTS``); see
        ``_prepare_indicators`` for ``data``.

        The figures are those of ``ficha.query`` (the documents the user may read) grouped by
        day from the first year of the window, then here by year and "within the year to date"
        (a few thousand rows for the biggest customer: cheaper than the year and the day of year
        of every document in SQL); the installments and money movement only for financial users.
        The receivable movements before the window come as one day, the eve of the window, since
        the open balance at each year end needs them.
        """
        today = today or fields.Date.context_today(self)
        commercial = partners.commercial_partner_id
        if not commercial:
            return {}
        self.env.flush_all()
        Query = self.env["ficha.query"]
        first_day = date(today.year - YEARS + 1, 1, 1)
        eve = first_day - timedelta(days=1)
        today_in_year = (today.month, today.day)
        # raw[partner][metric][(year, in_ytd)] = value
        raw = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))

        def store(rows, names):
            for partner_id, day, *values in rows:
                key = (day.year, (day.month, day.day) <= today_in_year)
                for name, value in zip(names, values, strict=True):
                    if name:  # None: a column of the shared query these figures do not use
                        raw[partner_id][name][key] += value or 0.0

        if self._invoices_part() in parts:
            store(
                Query._invoices(commercial, today, self._day(SQL("account_move.invoice_date")), since=eve),
                ["invoiced", "credit_notes", None],
            )
        if "sales" in parts:
            store(
                Query._orders(commercial, today, self._day(SQL("sale_order.date_order")), since=first_day),
                ["ordered", "order_count"],
            )
            store(
                Query._order_lines_gross_and_discount(
                    commercial, today, self._day(SQL("sale_order_line__order_id.date_order")), since=first_day
                ),
                ["gross", "discount"],
            )
        if "receivables" in parts and self._is_financial():
            store(
                Query._installments(
                    commercial,
                    today,
                    [SQL("ficha_installment.date_due")],
                    # the covering index's order: the rows are aggregated as they come
                    order_by=SQL("ficha_installment.commercial_partner_id, ficha_installment.date_due DESC"),
                    since=first_day,
                    figures=("due", "paid", "paid_on_time", "late_x_amount"),
                ),
                ["due", "paid", "paid_on_time", "late_x_amount"],
            )
            store(
                Query._receivable_movements(
                    commercial, today, [SQL("GREATEST(account_move_line.date, %s::date)", eve)]
                ),
                ["balance", "receipts"],
            )
        return {partner.id: self._prepare_indicators(raw[partner.id], today, parts) for partner in commercial}

    def _is_financial(self):
        return self.env.su or self.env.user.has_group(FINANCIAL)

    def _invoices_part(self):
        """The part that reads the posted invoices: the receivables when the user sees them."""
        return "receivables" if self._is_financial() else "sales"

    def _prepare_indicators(self, raw, today, parts=PARTS):
        """Figures of one customer as a JSON-ready dict (the sections of the ``parts``).

        ``{"years": [...], "today": iso, "sections": [{"key", "label", "metrics": [
        {"key", "label", "kind", "ytd": [...], "full": [...], "yoy_ytd": [...], "yoy_full": [...]}]}]}``
        """
        years = list(range(today.year - YEARS + 1, today.year + 1))

        def series(name):
            values = raw.get(name, {})
            ytd = [round(values.get((year, True), 0.0), 2) for year in years]
            full = [
                round(values.get((year, True), 0.0) + values.get((year, False), 0.0), 2) for year in years
            ]
            return ytd, full

        figures = {name: series(name) for name in raw.keys() | {"invoiced", "ordered", "order_count", "due"}}

        def get(name, period):
            return figures.get(name, ([0.0] * YEARS, [0.0] * YEARS))[period]

        def derived(period):
            paid = get("paid", period)
            return {
                "average_ticket": ratio(get("ordered", period), get("order_count", period)),
                "average_discount": ratio(get("discount", period), get("gross", period), 100.0),
                "paid_late": [
                    round(p - o, 2) for p, o in zip(paid, get("paid_on_time", period), strict=True)
                ],
                "average_days_late": ratio(get("late_x_amount", period), paid),
            }

        derived_figures = [derived(0), derived(1)]
        balances = raw.get("balance", {})
        before = sum(value for (year, __), value in balances.items() if year < years[0])
        open_ytd, open_full = [], []
        for year in years:
            open_ytd.append(round(before + balances.get((year, True), 0.0), 2))
            before += balances.get((year, True), 0.0) + balances.get((year, False), 0.0)
            open_full.append(round(before, 2))

        def metric(key, label, kind):
            if key == "open_balance":
                ytd, full = open_ytd, open_full
            elif key in derived_figures[0]:
                ytd, full = derived_figures[0][key], derived_figures[1][key]
            else:
                ytd, full = get(key, 0), get(key, 1)
            return {
                "key": key,
                "label": label,
                "kind": kind,
                "ytd": ytd,
                "full": full,
                "yoy_ytd": yoy(ytd),
                "yoy_full": yoy(full),
            }

        _ = self.env._
        invoiced = [metric("invoiced", _("Amount invoiced"), "money")]
        sections = []
        if "sales" in parts:
            sections.append(
                {
                    "key": "sales",
                    "label": _("Sales"),
                    "metrics": [
                        *(invoiced if self._invoices_part() == "sales" else []),
                        metric("ordered", _("Amount ordered"), "money"),
                        metric("order_count", _("Number of orders"), "count"),
                        metric("average_ticket", _("Average ticket"), "money"),
                        metric("average_discount", _("Average discount (%)"), "percent"),
                    ],
                }
            )
        if "receivables" in parts and self._is_financial():
            sections += [
                {
                    "key": "installments",
                    "label": _("Installments"),
                    "metrics": [
                        metric("due", _("Amount falling due"), "money"),
                        metric("paid_on_time", _("Paid on time"), "money"),
                        metric("paid_late", _("Paid late"), "money"),
                        metric("average_days_late", _("Average days late (paid)"), "days"),
                    ],
                },
                {
                    "key": "money",
                    "label": _("Money movement"),
                    "metrics": [
                        *invoiced,
                        metric("receipts", _("Receipts"), "money"),
                        metric("credit_notes", _("Credit notes"), "money"),
                        metric("open_balance", _("Open balance at year end"), "money"),
                    ],
                },
            ]
        currency = self.env.company.currency_id
        return {
            "years": years,
            "today": today.isoformat(),
            "currency": {
                "symbol": currency.symbol,
                "position": currency.position,
                "digits": currency.decimal_places,
            },
            "sections": sections,
        }
