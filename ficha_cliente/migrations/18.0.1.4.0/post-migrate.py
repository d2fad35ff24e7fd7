from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    """Settlement dates are reconciliation dates (18.0.1.4.0).

    An installment's ``ficha_date_settled`` was the latest date of its counterparts, so a credit
    note's own installment showed the date of the invoice it settled, before the credit note
    existed, and a payment made before its invoice settled it before it was issued. It is now
    the latest ``max_date`` of its partial reconciliations (the later of the two lines' dates):
    recomputed here in one statement for every installment, as the install fills it.

    The partner's alert level is no longer stored (each user's own level, from the alerts they
    may see): its column goes.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.move.line"]._ficha_update_settlement(SQL("TRUE"))
    cr.execute("ALTER TABLE res_partner DROP COLUMN IF EXISTS ficha_alert_level")
