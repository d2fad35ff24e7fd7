"""The side menu's badges: one short figure per section of the sheet (no ORM).

``section_badges(figures, alerts, _)`` turns the sheet's own figures and the alerts the user sees
into ``{page name: {"text": ..., "level": "danger|warning|info"}}``. A figure missing from
``figures`` is one the user may not see: its section gets no badge. A badge's level is its own
(an overdue installment is a danger) or, when higher, the severity of the alert about the same
figure (the credit limit from its warning share, the return rate above the usual).

The sheet reads its badges in two halves, side by side, each a call of ``section_badges`` on
figures of its own: the sections' own figures without the alerts (with the header's figures),
and the alerts with the figures an alert is about (with the banner's alerts, which read them).
Each section's badge comes from one half only, so the side menu shows their union.
"""

from .alert_rules import DANGER, INFO, SEVERITY_RANK, WARNING

# Alerts read by the Sales History badge: the customer's buying pattern.
SALES_PATTERN_ALERTS = ("stopped_buying", "volume_drop", "ticket_drop", "discount_above_usual")


def _counted(count, one, many):
    """``one`` for a single item, else ``many`` (already formatted with the count)."""
    return one if count == 1 else many


def _percent(value):
    """A percentage as the badge shows it: whole above 10, one decimal below (``12``, ``2.5``)."""
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _level(default, severity=None):
    """The higher of a badge's own level and an alert's severity."""
    if severity and SEVERITY_RANK[severity] > SEVERITY_RANK[default]:
        return severity
    return default


def section_badges(figures, alerts, _, titles=None):
    """Badges of the sheet's sections.

    :param figures: the section figures the user may see: ``overdue_count``,
        ``credit_use_rate``, ``quotation_expiring_count``, ``quotation_expired_count``,
        ``pending_late_count``, ``repair_in_progress_count``, ``return_rate``,
        ``days_without_interaction``, ``warning_severities`` (the active warnings'
        ``block|warning|info``, most severe first)
    :param alerts: the alerts the user sees (``[{"code", "severity", "message"}]``, most severe
        first), as the sheet's banner shows them
    :param _: the translation function (``env._``)
    :param titles: ``{alert code: title}`` (the alert catalogue, translated)
    """
    severity = {}
    for alert in alerts:
        severity.setdefault(alert["code"], alert["severity"])
    badges = {}

    def add(section, text, level):
        badges[section] = {"text": text, "level": level}

    if overdue := figures.get("overdue_count"):
        add("installments", _counted(overdue, _("1 overdue"), _("%s overdue", overdue)), DANGER)
    if rate := figures.get("credit_use_rate"):
        add("financial", _("limit %s %%", _percent(rate)), _level(INFO, severity.get("credit_limit")))
    if expiring := figures.get("quotation_expiring_count"):
        add("quotations", _counted(expiring, _("1 expiring"), _("%s expiring", expiring)), WARNING)
    elif expired := figures.get("quotation_expired_count"):
        add("quotations", _counted(expired, _("1 expired"), _("%s expired", expired)), INFO)
    if late := figures.get("pending_late_count"):
        add("orders", _counted(late, _("1 late"), _("%s late", late)), WARNING)
    if in_progress := figures.get("repair_in_progress_count"):
        add(
            "services",
            _counted(in_progress, _("1 in progress"), _("%s in progress", in_progress)),
            _level(INFO, severity.get("repair_late")),
        )
    if rate := figures.get("return_rate"):
        add("returns", _("rate %s %%", _percent(rate)), _level(INFO, severity.get("return_rate")))
    if "no_interaction" in severity and figures.get("days_without_interaction"):
        days = figures["days_without_interaction"]
        add("agenda", _("no contact for %s days", days), WARNING)
    if warnings := figures.get("warning_severities"):
        blocks = warnings.count("block")
        if blocks:
            add("warnings_contacts", _counted(blocks, _("1 blocking"), _("%s blocking", blocks)), DANGER)
        else:
            level = WARNING if "warning" in warnings else INFO
            count = len(warnings)
            add("warnings_contacts", _counted(count, _("1 warning"), _("%s warnings", count)), level)
    pattern = [alert for alert in alerts if alert["code"] in SALES_PATTERN_ALERTS]
    if pattern:
        top = max(pattern, key=lambda alert: SEVERITY_RANK[alert["severity"]])
        add("sales_history", (titles or {}).get(top["code"], top["code"]), top["severity"])
    if alerts:
        count = len(alerts)
        top = max(SEVERITY_RANK[alert["severity"]] for alert in alerts)
        level = next(name for name, rank in SEVERITY_RANK.items() if rank == top)
        add("alerts", _counted(count, _("1 alert"), _("%s alerts", count)), level)
    return badges
