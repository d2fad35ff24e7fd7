# isort: off
from . import res_company
from . import res_config_settings
from . import res_partner

# financial
from . import ficha_customer_alerts_mixin
from . import res_partner_financial
from . import account_move
from . import account_move_line
from . import account_payment_register
from . import ficha_installment

# the query layer reads the models above (imported after them: the installments' indexes need
# the journal items' columns first)
from . import ficha_query

# commercial
from . import res_partner_commercial
from . import ficha_sale_history
from . import ficha_return_line
from . import ficha_pending_line
from . import sale_order
from . import sale_order_line
from . import stock_picking
from . import stock_return_picking
from . import product_product

# relationship
from . import res_partner_relationship
from . import mail_message
from . import ficha_interaction
from . import ficha_partner_note
from . import ficha_partner_reference
from . import ficha_partner_warning
from . import ficha_repair

# alerts
from . import res_partner_alerts
from . import ficha_alert_facts
from . import ficha_alert_state
from . import ficha_indicators
# isort: on
