"""Two users settle the same installment at once: one payment, a clear message for the other.

Runs on real, committed transactions (two cursors), so it cleans up after itself by cancelling
what it created (cancelled documents are left out of every figure of the sheet) and archiving
the partner.
"""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase


class TestConcurrentSettlement(TransactionCase):
    def _committed_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _cleanup(self, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            payments = env["account.payment"].search([("partner_id", "=", partner_id)])
            payments.action_draft()
            payments.action_cancel()
            moves = env["account.move"].search([("partner_id", "=", partner_id), ("state", "!=", "cancel")])
            moves.button_draft()
            moves.button_cancel()
            # posted once, the documents stay (cancelled); the partner stops counting as a customer,
            # so a later run on the same database (FICHA_KEEP_DB=1) counts the same customers
            env["res.partner"].browse(partner_id).write({"customer_rank": 0, "active": False})

    def test_two_users_settle_the_same_installment(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concorrência Ltda"})
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": "2024-05-01",
                    "invoice_date_due": "2024-05-01",
                    "invoice_line_ids": [
                        Command.create({"name": "Serviço", "quantity": 1, "price_unit": 250.0, "tax_ids": []})
                    ],
                }
            )
            invoice.action_post()
            row = env["ficha.installment"].search([("move_id", "=", invoice.id)])
            context = row.action_settle()["context"]
            # Both users opened the wizard on the open installment (each in its own request).
            wizard_ids = [
                env["account.payment.register"]
                .with_context(context)
                .create({"payment_date": "2024-05-10"})
                .id
                for _user in range(2)
            ]
            partner_id, invoice_id = partner.id, invoice.id
        self.addCleanup(self._cleanup, partner_id)

        env1, env2 = self._committed_env(), self._committed_env()
        wizard_1 = env1["account.payment.register"].with_context(context).browse(wizard_ids[0])
        wizard_2 = env2["account.payment.register"].with_context(context).browse(wizard_ids[1])
        # The second transaction has started (its snapshot sees the installment open)...
        self.assertEqual(wizard_2.amount, 250.0)
        # ... when the first one registers its payment and commits.
        wizard_1._create_payments()
        env1.cr.commit()
        with self.assertRaises(SerializationFailure):
            wizard_2._create_payments()
        env2.cr.rollback()
        env2.invalidate_all()
        # Odoo retries the request in a new transaction: it now finds the installment settled.
        with self.assertRaisesRegex(UserError, "settled meanwhile"):
            wizard_2._create_payments()
        env2.cr.rollback()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            invoice = env["account.move"].browse(invoice_id)
            payments = env["account.payment"].search([("partner_id", "=", partner_id)])
            self.assertEqual(len(payments), 1)
            self.assertEqual(payments.amount, 250.0)
            self.assertEqual(invoice.amount_residual, 0.0)
            self.assertEqual(
                env["ficha.installment"].search([("move_id", "=", invoice_id)]).status, "paid_late"
            )
