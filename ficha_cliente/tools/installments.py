"""Classifying receivable installments and previewing Brazilian late charges (no ORM here)."""

from datetime import date, timedelta

# Status of an installment, in the order the sheet highlights them.
STATUS_SELECTION = [
    ("overdue", "Overdue"),
    ("partial", "Partly Paid"),
    ("open", "Open"),
    ("paid_late", "Paid Late"),
    ("paid_on_time", "Paid on Time"),
    ("credit_note", "Settled by Credit Note"),
]

# How an installment was settled, known without today's date (a column of the SQL view).
SETTLED_KINDS = ("paid_on_time", "paid_late", "credit_note")


def installment_status(settle_kind, amount_original, amount_residual, date_due, today, is_refund=False):
    """Return the status of one installment on ``today``.

    :param settle_kind: how it was fully settled ('paid_on_time', 'paid_late', 'credit_note'), or None
        while something is still open;
    :param amount_original: signed original amount (negative for a credit note);
    :param amount_residual: signed amount still open;
    :param date_due: due date; ``today``: the reference date;
    :param is_refund: a credit note's own line is a credit, never overdue.
    """
    if settle_kind:
        return settle_kind
    if not is_refund and amount_residual > 0 and date_due and date_due < today:
        return "overdue"
    if amount_residual != amount_original:
        return "partial"
    return "open"


def days_late(status, date_due, date_settled, today):
    """Days late: max(0, settlement - due) once settled, (today - due) while overdue, else 0."""
    if not date_due:
        return 0
    if status in SETTLED_KINDS:
        return max(0, (date_settled - date_due).days) if date_settled else 0
    if status == "overdue":
        return max(0, (today - date_due).days)
    return 0


def updated_amount(amount_residual, days, fine_percent=0.0, monthly_interest_percent=0.0):
    """Amount due after Brazilian late charges: a one-off fine (multa) plus interest (juros de mora)
    per month, pro rata by day (30-day month), both on the open amount. No charge when not late."""
    if days <= 0 or amount_residual <= 0:
        return amount_residual
    fine = amount_residual * (fine_percent or 0.0) / 100.0
    interest = amount_residual * (monthly_interest_percent or 0.0) / 100.0 * days / 30.0
    return round(amount_residual + fine + interest, 2)


def payment_verdict(
    settled_count, on_time_rate, avg_days_late, overdue_count, oldest_overdue_days, lang_gettext
):
    """A plain-language verdict on how the customer pays.

    ``lang_gettext`` translates a source string with %-style named arguments (``env._``).
    """
    _ = lang_gettext
    if overdue_count and oldest_overdue_days > 30:
        return _("Has installments overdue for %(days)s days", days=oldest_overdue_days)
    if not settled_count:
        if overdue_count:
            return _("No payment history yet; %(count)s installment(s) overdue", count=overdue_count)
        return _("No payment history yet")
    if on_time_rate >= 90 and avg_days_late < 1:
        verdict = _("Pays on time")
    elif avg_days_late <= 5:
        verdict = _("Usually pays on time, sometimes a few days late")
    else:
        verdict = _("Usually pays ~%(days)s days late", days=round(avg_days_late))
    if overdue_count:
        verdict = _("%(verdict)s; %(count)s installment(s) overdue now", verdict=verdict, count=overdue_count)
    return verdict


def five_years_before(today):
    """The same day five years earlier (28 February when today is 29 February)."""
    try:
        return today.replace(year=today.year - 5)
    except ValueError:
        return date(today.year - 5, today.month, 28)


# Aging of the open installments: (key, first day late, last day late), in the order shown.
# Days late are today minus the due date: an installment due today is not late yet.
AGING_BUCKETS = [
    ("not_due", None, 0),
    ("late_1_30", 1, 30),
    ("late_31_60", 31, 60),
    ("late_61_90", 61, 90),
    ("late_over_90", 91, None),
]
AGING_KEYS = [key for key, _first, _last in AGING_BUCKETS]


def aging_bucket(date_due, today):
    """The aging bucket of an open installment due on ``date_due``, on ``today``."""
    late = (today - date_due).days
    return next(key for key, _first, last in AGING_BUCKETS if last is None or late <= last)


def aging_due_range(bucket, today):
    """``(first due date, last due date)`` of the installments of ``bucket`` on ``today``, ``None``
    when unbounded: the split of ``aging_bucket`` as due dates (for a domain or an SQL CASE)."""
    for key, first, last in AGING_BUCKETS:
        if key == bucket:
            return (
                today - timedelta(days=last) if last is not None else None,
                today - timedelta(days=first) if first is not None else None,
            )
    raise ValueError(f"Unknown aging bucket: {bucket!r}")


# Installments the customer owes: open and positive (a credit note's open amount is negative).
OWED_DOMAIN = [("reconciled", "=", False), ("amount_residual", ">", 0)]


def aging_domain(bucket, today):
    """Domain of the ``ficha.installment`` records the customer owes in ``bucket`` on ``today``."""
    first, last = aging_due_range(bucket, today)
    return [
        *OWED_DOMAIN,
        *([("date_due", ">=", first)] if first else []),
        *([("date_due", "<=", last)] if last else []),
    ]
