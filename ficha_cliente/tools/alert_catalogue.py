"""The customer alerts: one entry per alert code (no ORM).

``weight`` is the points a danger alert takes off the health score (``health_score``);
``audience`` is the group whose data the alert is derived from: a user outside it never sees
the alert, live on the sheet or in the daily check's list (``ficha.alert.state``'s rules).
The titles, translated, are ``res.partner._get_ficha_alert_titles``.
"""

from dataclasses import dataclass

from .audiences import FINANCIAL, REPAIRS, SALES, SHEET


@dataclass(frozen=True)
class AlertKind:
    code: str
    weight: int
    audience: str


CATALOGUE = {
    kind.code: kind
    for kind in (
        AlertKind("stopped_buying", 35, SALES),
        AlertKind("ticket_drop", 15, SALES),
        AlertKind("volume_drop", 25, SALES),
        AlertKind("discount_above_usual", 10, SALES),
        AlertKind("quotation_expiry", 10, SALES),
        AlertKind("return_rate", 15, SALES),
        AlertKind("delivery_late", 10, SALES),
        AlertKind("paying_later", 20, FINANCIAL),
        AlertKind("overdue", 30, FINANCIAL),
        AlertKind("credit_limit", 25, FINANCIAL),
        AlertKind("repair_late", 10, REPAIRS),
        AlertKind("no_interaction", 15, SHEET),
        AlertKind("references_stale", 10, SHEET),
    )
}
AUDIENCES = (SHEET, SALES, FINANCIAL, REPAIRS)


def audience_of(code):
    """Group whose data an alert is derived from (an unknown code: financial, the narrowest)."""
    kind = CATALOGUE.get(code)
    return kind.audience if kind else FINANCIAL


def visible_alerts(alerts, has_group):
    """The alerts whose audience the user belongs to (``has_group(xmlid)``)."""
    return [alert for alert in alerts if has_group(audience_of(alert.code))]
