"""The customer alerts: one entry per alert code (no ORM).

``title`` names the alert (translated when read: ``title._translate(lang)``); ``weight`` is the
points a danger alert takes off the health score (``health_score``); ``audience`` is the group
whose data the alert is derived from: a user outside it never sees the alert, live on the
sheet or in the daily check's list (``ficha.alert.state``'s rules). The rule that raises each
alert is in ``alert_rules``.
"""

from dataclasses import dataclass

from odoo.tools.translate import LazyTranslate

from .audiences import FINANCIAL, REPAIRS, SALES, SHEET

_lt = LazyTranslate(__name__)


@dataclass(frozen=True)
class AlertKind:
    code: str
    title: object  # a lazy translation
    weight: int
    audience: str


CATALOGUE = {
    kind.code: kind
    for kind in (
        AlertKind("stopped_buying", _lt("Stopped buying"), 35, SALES),
        AlertKind("ticket_drop", _lt("Average ticket drop"), 15, SALES),
        AlertKind("volume_drop", _lt("Purchase volume drop"), 25, SALES),
        AlertKind("discount_above_usual", _lt("Discount above usual"), 10, SALES),
        AlertKind("quotation_expiry", _lt("Quotations expiring"), 10, SALES),
        AlertKind("return_rate", _lt("Return rate above usual"), 15, SALES),
        AlertKind("delivery_late", _lt("Late deliveries"), 10, SALES),
        AlertKind("paying_later", _lt("Paying later than usual"), 20, FINANCIAL),
        AlertKind("overdue", _lt("Overdue installments"), 30, FINANCIAL),
        AlertKind("credit_limit", _lt("Credit limit"), 25, FINANCIAL),
        AlertKind("repair_late", _lt("Late repairs"), 10, REPAIRS),
        AlertKind("no_interaction", _lt("No recent interaction"), 15, SHEET),
        AlertKind("references_stale", _lt("Stale references"), 10, SHEET),
    )
}


def audience_of(code):
    """Group whose data an alert is derived from (an unknown code: financial, the narrowest)."""
    kind = CATALOGUE.get(code)
    return kind.audience if kind else FINANCIAL


def visible_alerts(alerts, has_group):
    """The alerts whose audience the user belongs to (``has_group(xmlid)``)."""
    return [alert for alert in alerts if has_group(audience_of(alert.code))]
