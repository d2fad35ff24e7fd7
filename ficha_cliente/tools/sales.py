"""Figures of the commercial sections computed on plain values (no ORM)."""

from datetime import datetime


def days_late(promised, today):
    """Whole days elapsed since the promised date (0 when not late or no promise).

    ``promised`` and ``today`` are dates or datetimes; only their dates count, so an
    order promised for today is not late yet.
    """
    if not promised:
        return 0
    if isinstance(promised, datetime):
        promised = promised.date()
    if isinstance(today, datetime):
        today = today.date()
    return max((today - promised).days, 0)


def return_rate(returned, delivered):
    """Returned quantity as a percentage of the delivered quantity (0.0 when nothing delivered)."""
    if not delivered or delivered <= 0:
        return 0.0
    return round(100.0 * (returned or 0.0) / delivered, 2)


def yearly_series(totals_by_year, last_year, years=5):
    """``[(year, total), ...]`` for the ``years`` years ending with ``last_year``, oldest first.

    ``totals_by_year`` maps a year (int) to its total; missing years count as 0.0.
    """
    return [
        (year, float(totals_by_year.get(year, 0.0))) for year in range(last_year - years + 1, last_year + 1)
    ]
