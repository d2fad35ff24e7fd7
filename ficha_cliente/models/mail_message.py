from odoo import models

from ..tools.sql_indexes import create_covering_index

# Messages of the customer's timeline (``ficha.interaction``): notes, discussions, emails and
# completed activities; the same condition as its ``_select_messages``, so that PostgreSQL
# uses the index for it.
TIMELINE_MESSAGES = "message_type IN ('comment', 'email') OR mail_activity_type_id IS NOT NULL"

# Partial index on the timeline's messages (``init``), by document, carrying their date.
MESSAGE_INDEXES = {"ficha_cliente_mail_message_timeline_idx": TIMELINE_MESSAGES}
MESSAGE_INDEX_INCLUDE = ["date"]


class MailMessage(models.Model):
    _inherit = "mail.message"

    def init(self):
        """The partial index on the timeline's messages (dropped by the uninstall hook).

        The timeline looks up the messages of each of the customer's documents (one probe per
        sale order: 30,000 for the benchmark's biggest customer, most of them with no message of
        the timeline). Odoo's index on ``(model, res_id)`` holds every message, tracking and
        notifications included; this one only the timeline's, with their date for its latest
        interaction. Timings: README, Benchmark.
        """
        result = super().init()
        for name, where in MESSAGE_INDEXES.items():
            create_covering_index(
                self.env.cr, name, "mail_message", ["model", "res_id"], MESSAGE_INDEX_INCLUDE, where
            )
        return result
