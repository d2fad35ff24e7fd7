# financial
# commercial
# relationship
# alerts
from . import (
    ficha_alert_facts,
    ficha_alert_state,
    ficha_indicators,
    res_company,
    res_config_settings,
    res_partner,
)
