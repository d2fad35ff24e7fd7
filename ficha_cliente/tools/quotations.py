"""Alerts of a quotation under negotiation, computed on plain values (no ORM)."""

from datetime import datetime, timedelta


def _as_date(value):
    if isinstance(value, datetime):
        return value.date()
    return value


def quotation_alerts(validity_date, last_activity, today, expiring_days=7, idle_days=15):
    """Return the alerts of a quotation as a dict of booleans.

    - ``expired``: the validity date is before today;
    - ``expiring``: the validity date falls today or within ``expiring_days`` days;
    - ``idle``: the last activity (a date or datetime) is ``idle_days`` days old or more.

    A quotation without validity date neither expires nor is expiring; one without any
    known activity is not idle (there is nothing to measure from).
    """
    validity_date = _as_date(validity_date)
    last_activity = _as_date(last_activity)
    today = _as_date(today)
    expired = bool(validity_date) and validity_date < today
    expiring = bool(validity_date) and today <= validity_date <= today + timedelta(days=expiring_days)
    idle = bool(last_activity) and (today - last_activity).days >= idle_days
    return {"expired": expired, "expiring": expiring, "idle": idle}


def latest(*values):
    """The latest of the given dates/datetimes, ignoring empty ones (``False`` if none)."""
    present = [value for value in values if value]
    if not present:
        return False
    # Compare dates and datetimes on a common footing without losing the time of day.
    return max(
        present, key=lambda v: v if isinstance(v, datetime) else datetime.combine(v, datetime.min.time())
    )
