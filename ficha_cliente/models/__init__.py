# financial
from . import (
    account_payment_register,
    ficha_installment,
    res_company,
    res_config_settings,
    res_partner,
)

# commercial

# relationship

# alerts
