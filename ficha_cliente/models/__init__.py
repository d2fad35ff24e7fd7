# financial
from . import (
    account_payment_register,
    ficha_installment,
    res_company,
    res_config_settings,
    res_partner,
)

# commercial
# isort: off
from . import res_company
from . import res_config_settings
from . import ficha_sale_history
from . import ficha_return_line
from . import ficha_pending_line
from . import sale_order
from . import stock_picking
from . import stock_return_picking
from . import product_product

# isort: on

# relationship

# alerts
