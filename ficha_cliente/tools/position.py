"""The customer's position ("Posição do cliente"): figures over its history (no ORM here)."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo.tools.date_utils import end_of, start_of

# The largest open balance is looked for at the month-ends of the last 60 months (5 years), the
# current month's balance being today's.
BALANCE_MONTHS = 60


def first_balance_month(today, months=BALANCE_MONTHS):
    """First day of the first month of the ``months`` months that end with ``today``'s month."""
    return start_of(today, "month") - relativedelta(months=months - 1)


def largest_month_end_balance(movements, first_month, today):
    """The largest receivable balance at a month-end from ``first_month`` to ``today``.

    :param movements: ``(first day of a month, net receivable movement of the month)`` pairs,
        in any order, months before ``first_month`` included (they make its opening balance);
    :param first_month: first day of the first month of the window;
    :param today: the last day looked at (the current month's balance is today's).
    :return: ``(balance, date)``: the balance and the month-end (or ``today``) of the first month
        that reached it; ``(0.0, None)`` when the customer never owed anything at a month-end.
    """
    by_month = defaultdict(float)
    for month, amount in movements:
        by_month[max(month, first_month)] += amount or 0.0
    balance, best = 0.0, (0.0, None)
    for month in sorted(by_month):
        balance += by_month[month]
        if round(balance, 2) > best[0]:
            best = (round(balance, 2), min(end_of(month, "month"), today))
    return best


def weighted_average(weighted_sum, weight):
    """``weighted_sum / weight``, or 0.0 without weight."""
    return weighted_sum / weight if weight else 0.0
