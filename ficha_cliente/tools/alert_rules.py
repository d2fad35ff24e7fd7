"""Rules engine of the customer alerts (no ORM).

A rule is a function ``rule(facts, patterns, thresholds, _)`` that returns an
:class:`Alert` or ``None``. ``facts`` is the plain dict of one customer (see
``patterns.py`` and ``ficha.alert.facts``), ``patterns`` is
``build_patterns(facts)``, ``thresholds`` is a plain dict (defaults in
``DEFAULT_THRESHOLDS``, overridden by the company settings) and ``_`` the
translation callable.

To plug in a new signal: add its fact key in ``ficha.alert.facts`` (a
``_collect_<topic>`` method listed by ``_get_fact_collectors``), write a rule
here decorated with ``@register`` that returns ``None`` when the fact is
absent, and give it an entry (weight, audience) in ``alert_catalogue.CATALOGUE``.

Fact keys read by the rules (besides those of ``patterns.py``):
``overdue_amount``, ``overdue_days``, ``open_receivable``,
``uninvoiced_amount``, ``credit_limit``, ``company_return_rate``,
``quotations_expired``, ``quotations_expiring``, ``late_deliveries``,
``late_delivery_days``, ``late_repairs``, ``late_repair_days``,
``last_interaction_date``, ``customer_since``, and the optional
``stale_references`` / ``stale_reference_days`` (rule silent when absent).
"""

from dataclasses import dataclass

from .patterns import build_patterns, identity_translate, plain_amount
from .patterns import return_rate as customer_return_rates

INFO, WARNING, DANGER = "info", "warning", "danger"
SEVERITY_RANK = {INFO: 1, WARNING: 2, DANGER: 3}

DEFAULT_THRESHOLDS = {
    # stopped buying: days since last order > factor x median interval
    "stopped_factor": 2.0,
    "stopped_danger_factor": 3.0,
    "stopped_min_days": 30,
    # ticket / volume drop vs its own history (percent)
    "ticket_drop_pct": 30.0,
    "volume_drop_pct": 30.0,
    "volume_drop_danger_pct": 60.0,
    # paying later than it used to (extra days late)
    "paying_later_days": 10.0,
    # overdue receivables
    "overdue_amount": 0.0,
    "overdue_danger_days": 60,
    # credit limit: warning from this share of the limit, danger above it
    "credit_warning_pct": 90.0,
    # return rate above its own (or the company's) usual
    "return_rate_factor": 1.5,
    "return_rate_min_pct": 5.0,
    # discount above usual (percentage points)
    "discount_extra_points": 5.0,
    # quotations expiring within N days
    "quotation_expiring_days": 7,
    # delivery / repair late by more than N days
    "delivery_late_days": 2,
    "repair_late_days": 2,
    # no interaction for N days
    "no_interaction_days": 90,
}


@dataclass(frozen=True)
class Alert:
    code: str
    severity: str
    message: str

    @property
    def rank(self):
        return SEVERITY_RANK[self.severity]

    def to_dict(self):
        return {"code": self.code, "severity": self.severity, "message": self.message}


RULES = []


def register(rule):
    RULES.append(rule)
    return rule


@register
def stopped_buying(facts, patterns, thresholds, _, money=plain_amount):
    interval = patterns["median_interval"]
    days = patterns["days_since_last_order"]
    if interval is None or days is None or days < thresholds["stopped_min_days"]:
        return None
    if days > thresholds["stopped_danger_factor"] * interval:
        severity = DANGER
    elif days > thresholds["stopped_factor"] * interval:
        severity = WARNING
    else:
        return None
    return Alert(
        "stopped_buying",
        severity,
        _(
            "Stopped buying: last order %(days)s days ago, usually buys every %(interval)s days.",
            days=days,
            interval=round(interval),
        ),
    )


@register
def ticket_drop(facts, patterns, thresholds, _, money=plain_amount):
    recent, usual = patterns["recent_ticket"], patterns["usual_ticket"]
    if recent is None or not usual:
        return None
    drop = 100.0 * (1 - recent / usual)
    if drop < thresholds["ticket_drop_pct"]:
        return None
    return Alert(
        "ticket_drop",
        WARNING,
        _(
            "Average ticket dropped %(drop).0f%%: %(recent)s in the last 6 months vs %(usual)s before.",
            drop=drop,
            recent=money(recent),
            usual=money(usual),
        ),
    )


@register
def volume_drop(facts, patterns, thresholds, _, money=plain_amount):
    recent, previous = patterns["recent_volume"], patterns["previous_volume"]
    if not previous:
        return None
    drop = 100.0 * (1 - recent / previous)
    if drop >= thresholds["volume_drop_danger_pct"]:
        severity = DANGER
    elif drop >= thresholds["volume_drop_pct"]:
        severity = WARNING
    else:
        return None
    return Alert(
        "volume_drop",
        severity,
        _(
            "Purchases dropped %(drop).0f%%: %(recent)s in the last 12 months vs %(previous)s "
            "in the 12 months before.",
            drop=drop,
            recent=money(recent),
            previous=money(previous),
        ),
    )


@register
def paying_later(facts, patterns, thresholds, _, money=plain_amount):
    recent, usual = patterns["recent_days_late"], patterns["usual_days_late"]
    if recent is None or usual is None or recent - usual < thresholds["paying_later_days"]:
        return None
    return Alert(
        "paying_later",
        WARNING,
        _(
            "Paying later than it used to: %(recent).0f days late on average in the last 12 months "
            "vs %(usual).0f in the 2 years before.",
            recent=recent,
            usual=usual,
        ),
    )


@register
def overdue(facts, patterns, thresholds, _, money=plain_amount):
    amount = facts.get("overdue_amount") or 0.0
    if amount <= 0 or amount <= thresholds["overdue_amount"]:
        return None
    days = facts.get("overdue_days") or 0
    return Alert(
        "overdue",
        DANGER if days > thresholds["overdue_danger_days"] else WARNING,
        _("Overdue: %(amount)s past due, the oldest for %(days)s days.", amount=money(amount), days=days),
    )


@register
def credit_limit(facts, patterns, thresholds, _, money=plain_amount):
    limit = facts.get("credit_limit") or 0.0
    if limit <= 0:
        return None
    receivable = facts.get("open_receivable") or 0.0
    uninvoiced = facts.get("uninvoiced_amount") or 0.0
    exposure = receivable + uninvoiced
    if exposure > limit:
        severity = DANGER
    elif exposure >= limit * thresholds["credit_warning_pct"] / 100.0:
        severity = WARNING
    else:
        return None
    return Alert(
        "credit_limit",
        severity,
        _(
            "Credit limit: %(exposure)s used (%(receivable)s open receivables + %(uninvoiced)s "
            "confirmed orders not invoiced) of %(limit)s (%(pct).0f%%).",
            exposure=money(exposure),
            receivable=money(receivable),
            uninvoiced=money(uninvoiced),
            limit=money(limit),
            pct=100.0 * exposure / limit,
        ),
    )


@register
def return_rate(facts, patterns, thresholds, _, money=plain_amount):
    recent = patterns["recent_return_rate"]
    if recent is None:
        return None
    usual = patterns["usual_return_rate"]
    reference = usual if usual is not None else facts.get("company_return_rate") or 0.0
    recent_pct, reference_pct = 100.0 * recent, 100.0 * reference
    if (
        recent_pct < thresholds["return_rate_min_pct"]
        or recent_pct <= reference_pct * thresholds["return_rate_factor"]
    ):
        return None
    if usual is not None:
        message = _(
            "Returns %(recent).1f%% of what it bought in the last 12 months vs %(usual).1f%% before.",
            recent=recent_pct,
            usual=reference_pct,
        )
    else:
        message = _(
            "Returns %(recent).1f%% of what it bought in the last 12 months vs %(usual).1f%% "
            "for the company's customers.",
            recent=recent_pct,
            usual=reference_pct,
        )
    return Alert("return_rate", WARNING, message)


def needs_company_return_rate(facts):
    """Whether ``return_rate`` would read ``company_return_rate`` for these facts: only a customer
    with returns in the last 12 months and no invoice before them is compared with the company's
    customers (the facts skip that company-wide query when no customer needs it)."""
    recent, usual = customer_return_rates(facts.get("invoice_months") or [], facts["today"])
    return bool(recent) and usual is None


@register
def discount_above_usual(facts, patterns, thresholds, _, money=plain_amount):
    recent, usual = patterns["recent_discount"], patterns["usual_discount"]
    if recent is None or usual is None or recent - usual < thresholds["discount_extra_points"]:
        return None
    return Alert(
        "discount_above_usual",
        WARNING,
        _(
            "Discount above usual: %(recent).1f%% in the last 3 months vs %(usual).1f%% in the 12 months "
            "before.",
            recent=recent,
            usual=usual,
        ),
    )


@register
def quotation_expiry(facts, patterns, thresholds, _, money=plain_amount):
    expired = facts.get("quotations_expired") or 0
    expiring = facts.get("quotations_expiring") or 0
    if expiring:
        return Alert(
            "quotation_expiry",
            WARNING,
            _(
                "%(expiring)s quotation(s) expiring within %(days)s days, %(expired)s already expired.",
                expiring=expiring,
                days=thresholds["quotation_expiring_days"],
                expired=expired,
            ),
        )
    if expired:
        return Alert(
            "quotation_expiry", INFO, _("%(expired)s open quotation(s) already expired.", expired=expired)
        )
    return None


@register
def delivery_late(facts, patterns, thresholds, _, money=plain_amount):
    count = facts.get("late_deliveries") or 0
    days = facts.get("late_delivery_days") or 0
    if not count or days <= thresholds["delivery_late_days"]:
        return None
    return Alert(
        "delivery_late",
        WARNING,
        _("%(count)s delivery(ies) late, the oldest by %(days)s days.", count=count, days=days),
    )


@register
def repair_late(facts, patterns, thresholds, _, money=plain_amount):
    count = facts.get("late_repairs") or 0
    days = facts.get("late_repair_days") or 0
    if not count or days <= thresholds["repair_late_days"]:
        return None
    return Alert(
        "repair_late",
        WARNING,
        _("%(count)s repair(s) late, the oldest by %(days)s days.", count=count, days=days),
    )


@register
def no_interaction(facts, patterns, thresholds, _, money=plain_amount):
    last = facts.get("last_interaction_date") or facts.get("customer_since")
    if not last:
        return None
    days = (facts["today"] - last).days
    if days < thresholds["no_interaction_days"]:
        return None
    if facts.get("last_interaction_date"):
        message = _("No interaction for %(days)s days.", days=days)
    else:
        message = _("No interaction recorded since it became a customer %(days)s days ago.", days=days)
    return Alert("no_interaction", INFO, message)


@register
def references_stale(facts, patterns, thresholds, _, money=plain_amount):
    """Optional signal from the relationship section: silent when absent."""
    count = facts.get("stale_references")
    if not count:
        return None
    return Alert(
        "references_stale",
        INFO,
        _(
            "%(count)s commercial reference(s) not checked for %(days)s days or more.",
            count=count,
            days=facts.get("stale_reference_days") or 0,
        ),
    )


def evaluate(facts, thresholds=None, _=identity_translate, patterns=None, rules=None, money=plain_amount):
    """Alerts of one customer, most severe first; ``money`` formats amounts (e.g. ``R$ 1.500,00``)."""
    limits = dict(DEFAULT_THRESHOLDS, **(thresholds or {}))
    patterns = patterns if patterns is not None else build_patterns(facts)
    alerts = [alert for rule in (rules or RULES) if (alert := rule(facts, patterns, limits, _, money))]
    return sorted(alerts, key=lambda alert: -alert.rank)


def max_severity(alerts):
    return max(alerts, key=lambda alert: alert.rank).severity if alerts else False
