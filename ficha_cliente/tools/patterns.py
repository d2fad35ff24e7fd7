"""Behaviour patterns of a customer, computed from plain facts (no ORM).

The facts of one customer are a plain dict built by ``ficha.alert.facts``
(see ``ficha_cliente/models/ficha_alert_facts.py``); the keys read here:

- ``today`` (date)
- ``orders``: list of ``(date, amount, count)``: the confirmed sale orders of each day (their
  total amount and number), oldest first
- ``discount_months``: list of ``(month_start, gross_amount, discount_amount)``
- ``invoice_months``: list of ``(month_start, invoiced_amount, refunded_amount)``
- ``payment_months``: list of ``(month_start, paid_amount, days_late_x_amount)``
  (installments settled, by due month; days late weighted by amount)

Missing keys mean "no data": every function degrades to ``None``.
"""

import itertools
import statistics
from datetime import timedelta

RECENT_TICKET_DAYS = 180
RECENT_DISCOUNT_DAYS = 90
# The usual discount is the one of the 12 months before the recent ones: older price policies
# do not make a discount unusual (and the facts read only those 15 months of order lines).
USUAL_DISCOUNT_DAYS = 365
# The usual punctuality is the one of the 2 years before the last 12 months (the facts read the
# installments due in those 3 years only).
USUAL_PUNCTUALITY_DAYS = 730
RECENT_YEAR_DAYS = 365


def plain_amount(amount):
    """Stand-in for the currency formatting of amounts outside Odoo (tests, scripts)."""
    return f"{amount:.2f}"


def identity_translate(source, *args, **kwargs):
    """Stand-in for ``env._`` outside Odoo (tests, scripts)."""
    if kwargs:
        return source % kwargs
    return source % args if args else source


def median_interval(order_dates):
    """Median number of days between consecutive orders (needs 3 orders)."""
    dates = sorted(set(order_dates))
    if len(dates) < 3:
        return None
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(dates)]
    return statistics.median(gaps)


def days_since(day, today):
    return (today - day).days if day else None


def _split(rows, today, days):
    """Split ``(date, ...)`` rows into (recent, before) at ``today - days``."""
    limit = today - timedelta(days=days)
    recent = [row for row in rows if row[0] > limit]
    before = [row for row in rows if row[0] <= limit]
    return recent, before


def average_ticket(orders):
    """Average amount of the orders of ``(date, amount, count)`` rows (None without orders)."""
    count = sum(row[2] for row in orders)
    return sum(row[1] for row in orders) / count if count else None


def ticket_trend(orders, today, recent_days=RECENT_TICKET_DAYS):
    """Average ticket of the recent orders vs the orders before them.

    Returns ``(recent_avg, usual_avg)``; either is None without orders.
    """
    recent, before = _split(orders, today, recent_days)
    return average_ticket(recent), average_ticket(before)


def volume_trend(orders, today, days=RECENT_YEAR_DAYS):
    """Amount ordered in the last ``days`` vs the ``days`` before them."""
    recent_start = today - timedelta(days=days)
    previous_start = recent_start - timedelta(days=days)
    recent = sum(amount for day, amount, __ in orders if day > recent_start)
    previous = sum(amount for day, amount, __ in orders if previous_start < day <= recent_start)
    return recent, previous


def first_month_after(day):
    """First day of the first month that starts after ``day``: monthly rows count in a window
    when their month starts after its limit, as in ``_split``."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def discount_window_start(today, recent_days=RECENT_DISCOUNT_DAYS, usual_days=USUAL_DISCOUNT_DAYS):
    """First month that counts for the discounts: the recent months and the usual ones."""
    return first_month_after(today - timedelta(days=recent_days + usual_days))


def punctuality_window_start(today, recent_days=RECENT_YEAR_DAYS, usual_days=USUAL_PUNCTUALITY_DAYS):
    """First due month that counts for the punctuality: the last 12 months and the 2 years before."""
    return first_month_after(today - timedelta(days=recent_days + usual_days))


def discount_trend(discount_months, today, recent_days=RECENT_DISCOUNT_DAYS, usual_days=USUAL_DISCOUNT_DAYS):
    """Average discount (%) of the recent months vs the usual one, of the ``usual_days`` before them."""
    start = discount_window_start(today, recent_days, usual_days)
    recent, before = _split([row for row in discount_months if row[0] >= start], today, recent_days)

    def rate(rows):
        gross = sum(row[1] for row in rows)
        return 100.0 * sum(row[2] for row in rows) / gross if gross else None

    return rate(recent), rate(before)


def return_rate(invoice_months, today, days=RECENT_YEAR_DAYS):
    """Refunded / invoiced over the last ``days`` and over the history before.

    Returns ``(recent_rate, usual_rate)`` as fractions (0.1 = 10%).
    """
    recent, before = _split(invoice_months, today, days)

    def rate(rows):
        invoiced = sum(row[1] for row in rows)
        return sum(row[2] for row in rows) / invoiced if invoiced else None

    return rate(recent), rate(before)


def punctuality_trend(payment_months, today, days=RECENT_YEAR_DAYS, usual_days=USUAL_PUNCTUALITY_DAYS):
    """Average days late (weighted by amount) of the last 12 months vs the ``usual_days`` before."""
    start = punctuality_window_start(today, days, usual_days)
    recent, before = _split([row for row in payment_months if row[0] >= start], today, days)

    def average(rows):
        paid = sum(row[1] for row in rows)
        return sum(row[2] for row in rows) / paid if paid else None

    return average(recent), average(before)


def preference_window_start(last_order_date, days=RECENT_YEAR_DAYS):
    """First day of the purchases the preferred products and categories are read from: the
    ``days`` up to the customer's latest order (what it buys now, and still what it used to buy
    when it stopped buying)."""
    return last_order_date - timedelta(days=days - 1)


def preferred(items, limit=3):
    """Names of the ``limit`` items with the largest amount."""
    ranked = sorted((item for item in items if item[1] > 0), key=lambda item: (-item[1], item[0]))
    return [name for name, __ in ranked[:limit]]


def seasonality_months(orders, min_years=2, factor=1.5, min_orders=3):
    """Months (1-12) in which the customer usually buys more than average, from the
    ``(date, amount, count)`` rows of its orders.

    Needs orders in at least ``min_years`` distinct years; a month is seasonal
    when it has at least ``min_orders`` orders, at least ``factor`` times the
    monthly mean, in at least two distinct years.
    """
    if len({row[0].year for row in orders}) < min_years:
        return []
    counts = dict.fromkeys(range(1, 13), 0)
    years = {month: set() for month in range(1, 13)}
    for day, __, count in orders:
        counts[day.month] += count
        years[day.month].add(day.year)
    mean = sum(counts.values()) / 12.0
    return [
        month
        for month in range(1, 13)
        if counts[month] >= max(min_orders, factor * mean) and len(years[month]) >= 2
    ]


def build_patterns(facts):
    """All patterns of one customer as a plain dict (values may be None)."""
    today = facts["today"]
    orders = sorted(facts.get("orders") or [])
    order_dates = [row[0] for row in orders]
    recent_ticket, usual_ticket = ticket_trend(orders, today)
    recent_volume, previous_volume = volume_trend(orders, today)
    recent_discount, usual_discount = discount_trend(facts.get("discount_months") or [], today)
    recent_return, usual_return = return_rate(facts.get("invoice_months") or [], today)
    recent_late, usual_late = punctuality_trend(facts.get("payment_months") or [], today)
    return {
        "order_count": sum(row[2] for row in orders),
        "first_order_date": order_dates[0] if orders else None,
        "last_order_date": order_dates[-1] if orders else None,
        "median_interval": median_interval(order_dates),
        "days_since_last_order": days_since(order_dates[-1], today) if orders else None,
        "average_ticket": average_ticket(orders),
        "recent_ticket": recent_ticket,
        "usual_ticket": usual_ticket,
        "recent_volume": recent_volume,
        "previous_volume": previous_volume,
        "recent_discount": recent_discount,
        "usual_discount": usual_discount,
        "recent_return_rate": recent_return,
        "usual_return_rate": usual_return,
        "recent_days_late": recent_late,
        "usual_days_late": usual_late,
        "seasonal_months": seasonality_months(orders),
    }


def describe_patterns(patterns, _=identity_translate, month_names=None, money=plain_amount):
    """Plain-language sentences describing the patterns.

    ``_`` is the translation callable (``env._``); ``month_names`` maps 1-12
    to the names to show (English abbreviations by default); ``money`` formats amounts.
    """
    month_names = month_names or dict(
        enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)
    )
    sentences = []
    if not patterns["order_count"]:
        return [_("No confirmed order yet.")]
    if patterns["median_interval"] is not None:
        sentences.append(
            _(
                "Buys every ~%(interval)s days; last order %(days)s days ago.",
                interval=round(patterns["median_interval"]),
                days=patterns["days_since_last_order"],
            )
        )
    else:
        sentences.append(
            _(
                "%(count)s order(s) so far; last order %(days)s days ago.",
                count=patterns["order_count"],
                days=patterns["days_since_last_order"],
            )
        )
    if patterns["recent_ticket"] is not None and patterns["usual_ticket"]:
        change = 100.0 * (patterns["recent_ticket"] / patterns["usual_ticket"] - 1)
        sentences.append(
            _(
                "Average ticket %(recent)s in the last 6 months vs %(usual)s before (%(change)+.0f%%).",
                recent=money(patterns["recent_ticket"]),
                usual=money(patterns["usual_ticket"]),
                change=change,
            )
        )
    elif patterns["average_ticket"] is not None:
        sentences.append(_("Average ticket %(ticket)s.", ticket=money(patterns["average_ticket"])))
    usual_discount = patterns["usual_discount"]
    if usual_discount is None:
        usual_discount = patterns["recent_discount"]
    if usual_discount is not None:
        sentences.append(_("Usual discount %(discount).1f%%.", discount=usual_discount))
    if patterns["recent_return_rate"] is not None:
        sentences.append(
            _(
                "Returns %(rate).1f%% of what it buys (last 12 months).",
                rate=100.0 * patterns["recent_return_rate"],
            )
        )
    elif patterns["usual_return_rate"] is not None:
        sentences.append(
            _(
                "Returned %(rate).1f%% of what it bought (before the last 12 months).",
                rate=100.0 * patterns["usual_return_rate"],
            )
        )
    if patterns["recent_days_late"] is not None or patterns["usual_days_late"] is not None:
        recent = patterns["recent_days_late"]
        usual = patterns["usual_days_late"]
        if recent is not None and usual is not None:
            sentences.append(
                _(
                    "Pays on average %(recent).0f days late in the last 12 months vs %(usual).0f in the 2 "
                    "years before.",
                    recent=recent,
                    usual=usual,
                )
            )
        else:
            sentences.append(
                _("Pays on average %(days).0f days late.", days=recent if recent is not None else usual)
            )
    if patterns["seasonal_months"]:
        sentences.append(
            _(
                "Usually buys in %(months)s.",
                months=", ".join(month_names[month] for month in patterns["seasonal_months"]),
            )
        )
    return sentences


def describe_preferences(products, categories, _=identity_translate):
    """Plain-language sentences of what the customer buys most, from the ``(name, amount)`` rows of
    its ``products`` and product ``categories`` (``ficha.alert.facts._preference_facts``)."""
    sentences = []
    if preferred_products := preferred(products):
        sentences.append(_("Prefers %(products)s.", products=", ".join(preferred_products)))
    if preferred_categories := preferred(categories):
        sentences.append(_("Main categories: %(categories)s.", categories=", ".join(preferred_categories)))
    return sentences
