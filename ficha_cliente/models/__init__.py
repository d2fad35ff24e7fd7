# financial
from . import ficha_installment, res_company, res_config_settings, res_partner

# commercial

# relationship

# alerts
