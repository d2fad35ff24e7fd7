from odoo.tools import SQL

from .models.ficha_installment import INSTALLMENT_INDEXES


def uninstall_hook(env):
    """Drop the indexes the addon put on Odoo's own tables (``ficha.installment.init``)."""
    for name in INSTALLMENT_INDEXES:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
