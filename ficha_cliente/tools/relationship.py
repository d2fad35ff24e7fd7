"""Pure logic of the relationship sections (warnings, references, agenda): no ORM here."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta

SEVERITY_RANK = {"info": 0, "warning": 1, "block": 2}
# Odoo's native warning levels ('no-message', 'warning', 'block') in the sheet's severities.
NATIVE_LEVEL_TO_SEVERITY = {"warning": "warning", "block": "block"}


def is_reference_stale(last_checked, today, months):
    """A reference is stale when never checked or checked ``months`` months ago or more.

    ``months`` <= 0 disables the flag (every reference is fresh).
    """
    if not months or months <= 0:
        return False
    if not last_checked:
        return True
    return last_checked + relativedelta(months=months) <= today


def stale_cutoff(today, months):
    """Last checking date that is already stale for ``months`` (None when the flag is disabled)."""
    if not months or months <= 0:
        return None
    return today - relativedelta(months=months)


def is_warning_active(valid_until, today):
    """A sheet warning shows until (and including) its valid-until date; no date: forever."""
    return not valid_until or valid_until >= today


def collect_warnings(native, sheet, today):
    """Active warnings of a customer, most severe first.

    :param native: iterable of ``(source, level, message)`` with Odoo's native levels
        ('no-message', 'warning', 'block'); 'no-message' is dropped.
    :param sheet: iterable of dicts with ``severity``, ``message``, ``valid_until``, ``source``.
    :return: list of dicts ``{source, severity, message}``, blocking ones first, native before
        the sheet's own within the same severity (stable order otherwise).
    """
    result = []
    for source, level, message in native:
        severity = NATIVE_LEVEL_TO_SEVERITY.get(level)
        if severity:
            result.append({"source": source, "severity": severity, "message": message or ""})
    for warning in sheet:
        if is_warning_active(warning.get("valid_until"), today):
            result.append(
                {
                    "source": warning["source"],
                    "severity": warning["severity"],
                    "message": warning.get("message") or "",
                }
            )
    result.sort(key=lambda w: -SEVERITY_RANK.get(w["severity"], 0))
    return result


def days_without_interaction(last_interaction, today, fallback=None):
    """Whole days since the last interaction (``fallback`` date when there was none).

    Dates or datetimes are accepted; a date in the future counts as 0 days.
    Returns None when there is neither an interaction nor a fallback.
    """
    reference = last_interaction or fallback
    if not reference:
        return None
    if isinstance(reference, datetime):
        reference = reference.date()
    if isinstance(today, datetime):
        today = today.date()
    assert isinstance(reference, date)
    return max((today - reference).days, 0)
