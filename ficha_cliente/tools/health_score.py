"""Health score of a customer (0-100) from its alerts (no ORM).

Each alert takes points off 100: the weight of its code (``WEIGHTS``, the
points of a danger alert) times the share of its severity
(``SEVERITY_SHARE``). A code without a weight counts ``DEFAULT_WEIGHT``.
"""

from .alert_catalogue import CATALOGUE
from .alert_rules import DANGER, INFO, WARNING

WEIGHTS = {code: kind.weight for code, kind in CATALOGUE.items()}
DEFAULT_WEIGHT = 10
SEVERITY_SHARE = {DANGER: 1.0, WARNING: 0.6, INFO: 0.3}


def health_score(alerts, weights=None):
    """Return ``(score, factors)``.

    ``factors`` lists ``(alert, points)`` of the alerts that pulled the score
    down, the heaviest first.
    """
    weights = dict(WEIGHTS, **(weights or {}))
    factors = [
        (alert, round(weights.get(alert.code, DEFAULT_WEIGHT) * SEVERITY_SHARE[alert.severity]))
        for alert in alerts
    ]
    factors.sort(key=lambda factor: -factor[1])
    score = max(0, 100 - sum(points for __, points in factors))
    return score, factors
