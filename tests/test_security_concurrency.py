"""A quotation created from the sheet while another request changes the customer: Odoo retries
the request after the serialization failure, and exactly one quotation exists in the end.

Runs on real, committed transactions (two cursors), so it deletes what it created.
"""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestConcurrentQuotation(TransactionCase):
    def _cleanup(self, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["sale.order"].search([("partner_id", "=", partner_id)]).unlink()
            env["res.partner"].browse(partner_id).unlink()

    def test_new_quotation_retried_after_serialization_failure(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner_id = env["res.partner"].create({"name": "Retentativa Ltda", "is_company": True}).id
            admin_id = env.ref("base.user_admin").id
        self.addCleanup(self._cleanup, partner_id)

        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        env = api.Environment(cr, admin_id, {})
        attempts, failures = [], []

        def new_quotation():
            attempts.append(len(attempts) + 1)
            action = env["res.partner"].browse(partner_id).action_new_quotation()
            if len(attempts) == 1:
                # another request updates the customer and commits after this one has started
                with self.registry.cursor() as other:
                    other.execute("SET LOCAL lock_timeout = '5s'")
                    other.execute("UPDATE res_partner SET comment = 'outra' WHERE id = %s", [partner_id])
                try:
                    env.cr.execute("UPDATE res_partner SET write_date = now() WHERE id = %s", [partner_id])
                except SerializationFailure as error:
                    failures.append(error)
                    raise
            return action

        with mute_logger("odoo.sql_db"):  # the failed UPDATE is logged as a bad query
            action = retrying(new_quotation, env)

        self.assertEqual(attempts, [1, 2])
        self.assertEqual(len(failures), 1)
        with self.registry.cursor() as check:
            orders = api.Environment(check, SUPERUSER_ID, {})["sale.order"].search(
                [("partner_id", "=", partner_id)]
            )
            self.assertEqual(len(orders), 1)
            self.assertEqual(orders.state, "draft")
            self.assertEqual(action["res_id"], orders.id)
            self.assertEqual(orders.partner_id.comment, "outra")
