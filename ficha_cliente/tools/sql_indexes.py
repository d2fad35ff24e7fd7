"""Indexes the addon puts on Odoo's tables (created by the models' ``init``, dropped by the
uninstall hook)."""

from odoo.tools import SQL
from odoo.tools.sql import index_exists


def create_covering_index(cr, name, table, keys, include, where):
    """Create the partial index ``name`` on ``table`` unless it exists.

    ``keys`` are column expressions (``"date_maturity DESC"``), ``include`` plain column names
    carried in the index so PostgreSQL can answer a query from the index alone (index-only
    scan); ``create_index`` of Odoo has no ``INCLUDE``.
    """
    if index_exists(cr, name):
        return
    cr.execute(
        SQL(
            "CREATE INDEX %s ON %s (%s) INCLUDE (%s) WHERE %s",
            SQL.identifier(name),
            SQL.identifier(table),
            SQL(", ").join(SQL(key) for key in keys),
            SQL(", ").join(map(SQL.identifier, include)),
            SQL(where),
        )
    )
