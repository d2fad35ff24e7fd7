from odoo import Command

from .common_relationship import RelationshipCommon


class TestRelationshipQueries(RelationshipCommon):
    """The sheet's relationship figures cost the same number of queries for one customer as
    for many, whatever their history (one grouped query per source)."""

    FIELDS = (
        "ficha_warning_level",
        "ficha_warning_banner",
        "ficha_stale_reference_count",
        "ficha_last_interaction_date",
        "ficha_days_without_interaction",
        "ficha_repair_count",
    )

    def _customers(self, count, history):
        customers = self.env["res.partner"].create(
            [
                {
                    "name": f"Cliente {i}",
                    "is_company": True,
                    "child_ids": [Command.create({"name": f"C {i}"})],
                }
                for i in range(count)
            ]
        )
        for customer in customers:
            for i in range(history):
                customer.message_post(body=f"Nota {i}", message_type="comment")
                self.env["ficha.partner.warning"].create({"partner_id": customer.id, "message": f"Aviso {i}"})
                self.env["ficha.partner.reference"].create({"partner_id": customer.id, "name": f"Ref {i}"})
        return customers

    def _count_queries(self, partners):
        self.env.flush_all()
        self.env.invalidate_all()
        partners = partners.with_user(self.technician)
        before = self.cr.sql_log_count
        partners.read(list(self.FIELDS))
        return self.cr.sql_log_count - before

    def test_query_count_does_not_grow(self):
        one = self._customers(1, 1)
        many = self._customers(6, 8)
        self._count_queries(one)  # warm up (user groups, rules)
        self.assertEqual(self._count_queries(one), self._count_queries(many))
