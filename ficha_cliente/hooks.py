from odoo.tools import SQL

from .models.account_move import MOVE_INDEXES, SUPERSEDED_MOVE_INDEXES
from .models.account_move_line import MOVE_LINE_INDEXES
from .models.ficha_installment import INSTALLMENT_INDEXES, SUPERSEDED_INDEXES
from .models.ficha_pending_line import PENDING_LINE_INDEXES
from .models.mail_message import MESSAGE_INDEXES
from .models.sale_order import ORDER_INDEXES
from .models.sale_order_line import SALE_LINE_COVER_INDEXES, SALE_LINE_INDEXES


def uninstall_hook(env):
    """Drop the indexes the addon put on Odoo's own tables (the ``init`` of its SQL views)."""
    for name in [
        *MOVE_INDEXES,
        *SUPERSEDED_MOVE_INDEXES,
        *MOVE_LINE_INDEXES,
        *INSTALLMENT_INDEXES,
        *SUPERSEDED_INDEXES,
        *PENDING_LINE_INDEXES,
        *ORDER_INDEXES,
        *SALE_LINE_INDEXES,
        *SALE_LINE_COVER_INDEXES,
        *MESSAGE_INDEXES,
    ]:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
