# financial
# commercial
# relationship
from . import (
    ficha_interaction,
    ficha_partner_reference,
    ficha_partner_warning,
    ficha_repair,
    res_company,
    res_config_settings,
    res_partner,
)

# alerts
