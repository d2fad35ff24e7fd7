# financial
# commercial
# relationship
from . import (
    account_payment_register,
    ficha_installment,
    ficha_interaction,
    ficha_partner_reference,
    ficha_partner_warning,
    ficha_repair,
    res_company,
    res_config_settings,
    res_partner,
)

# alerts
