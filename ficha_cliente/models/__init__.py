# financial
# commercial
from . import (
    ficha_pending_line,
    ficha_return_line,
    ficha_sale_history,
    product_product,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    stock_picking,
    stock_return_picking,
)

# relationship

# alerts
