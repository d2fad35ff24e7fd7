"""Scale mode of the demo generator: a real template story, replicated in SQL.

Playing the issue's scale (thousands of customers, one customer with ~30,000 invoices) through
Odoo's flows takes hours (0.1-0.6 s per invoice), so the scale mode works in two steps:

1. **Template, through Odoo's flows.** ``generator`` plays its usual story for at most
   ``TEMPLATE_CUSTOMERS`` customers plus the big customer with about ``BIG_TEMPLATE_INVOICES``
   invoices: goods orders delivered (a few returned, with credit notes), repairs, and services
   orders paid monthly, every installment reconciled by Odoo itself. In scale mode that history
   starts ``SPREAD_DAYS`` after the first day of the period, so copies moved back stay inside it.

2. **Copies, in SQL** (``replicate``). The big customer's documents are copied onto the same
   customer ``big_copies`` times; the ordinary customers (with their contacts and everything
   that hangs on them) are copied onto new customers, with new names and CNPJs, until there
   are ``customers`` of them. ``Replicator`` copies a table's rows given a temporary table of
   (template id, copy number) pairs: new ids come in one block of the table's own sequence;
   every column is copied as is except foreign keys to copied tables (remapped to the same
   copy's row, found through the columns' foreign-key constraints), dates shifted back by the
   copy's ``copy_shift`` days (so no document lands in the future) and the names. Copied:
   sale orders and lines, procurement groups, account moves and lines (invoices, credit notes,
   payments), payments, partial and full reconciliations, pickings, stock moves and move lines,
   valuation layers, repairs and the link tables between them; for new customers also
   opportunities, activities, notes, meetings and the sheet's references and warnings.

Everything a copy holds was computed by Odoo for its template, so the stored computed values
stay true for the copy: residuals, ``payment_state``, ``reconciled``, quantities invoiced and
delivered, due dates (shifted like every date). What must differ is renumbered: account move
names follow each journal's sequence with the year of the shifted date (``sequence_names``,
Odoo's own name parsing), matching numbers point to the copied reconciliations, orders,
pickings and repairs take numbers from their ``ir.sequence``; stock quants take the copied
done moves into account. Not copied: the chatter and followers of the copied documents,
``ficha.alert.state`` (the daily check that follows builds it), and the big customer's
quotations and unfinished repairs (its copies are its history, not hundreds of open quotations
or machines in the workshop; its undelivered order lines are copied, so it has many).
"""

import math
import time

from odoo.tools import SQL

from .identities import CITIES, STREETS, customer_name, random_cnpj

TEMPLATE_CUSTOMERS = 40
BIG_TEMPLATE_INVOICES = 300
SPREAD_DAYS = 7

# -- pure helpers ---------------------------------------------------------------------------------


def scale_plan(customers, big_invoices, template_customers=None, big_template=None):
    """How the scale mode reaches ``customers`` and ``big_invoices``.

    Returns the template sizes played through the ORM and how many SQL copies follow:
    ``template_customers``, ``customer_copies`` (new customers copied from the template ones),
    ``big_template`` (invoices of the big customer's template) and ``big_copies``.
    ``big_template * (big_copies + 1)`` is ``big_invoices`` or just above.
    """
    template_customers = template_customers or TEMPLATE_CUSTOMERS
    big_template = big_template or BIG_TEMPLATE_INVOICES
    template = min(customers, template_customers)
    if big_invoices <= big_template:
        big_tmpl, big_copies = big_invoices, 0
    else:
        parts = math.ceil(big_invoices / big_template)
        big_tmpl, big_copies = math.ceil(big_invoices / parts), parts - 1
    return {
        "template_customers": template,
        "customer_copies": customers - template,
        "big_template": big_tmpl,
        "big_copies": big_copies,
    }


def copy_shift(copy, spread=SPREAD_DAYS):
    """Days (1 to ``spread``) that copy number ``copy`` moves its template's dates back by, as a
    negative number: never zero, so that nothing stamped later today lands in the future."""
    return -(1 + copy % spread)


def customer_copies(template_count, extra):
    """(template index, copy number) of each of ``extra`` new customers, round robin."""
    return [(index % template_count, 1 + index // template_count) for index in range(extra)]


def sequence_names(entries, last_numbers):
    """Names of copied journal entries, continuing each journal's sequence.

    ``entries``: (journal id, name format, format values, date) in numbering order, the format
    and values as ``sequence.mixin._get_sequence_format_param`` parses the template's name
    (year, month and year range follow ``date``). ``last_numbers``: {(journal id, prefix):
    last number used}, updated. Returns one (name, sequence prefix, number) per entry.
    """
    out = []
    for journal_id, name_format, values, when in entries:
        values = dict(values)
        if values.get("year_length"):
            year = when.year % 10 ** values["year_length"]
            if values.get("year_end_length"):
                span = values["year_end"] - values["year"]
                values["year_end"] = (year + span) % 10 ** values["year_end_length"]
            values["year"] = year
        if "{month" in name_format:
            values["month"] = when.month
        prefix = name_format[: name_format.index("{seq")].format(**values)
        number = last_numbers.get((journal_id, prefix), 0) + 1
        last_numbers[(journal_id, prefix)] = number
        out.append((name_format.format(**dict(values, seq=number)), prefix, number))
    return out


def sequence_block(prefix, suffix, padding, first, count, step=1):
    """``count`` names of an ``ir.sequence`` from number ``first`` on."""
    return [f"{prefix}{number:0{padding}d}{suffix}" for number in range(first, first + count * step, step)]


# -- the SQL copier -------------------------------------------------------------------------------

NOT_SHIFTED = {"create_date", "write_date"}
CLEARED = {"access_token"}


class Replicator:
    """Copies rows of tables in SQL, once per (template row, copy number) pair.

    ``map(table, pairs_sql)`` fills ``clone_map_<table>(old_id, copy, new_id)``; ``insert(table)``
    copies the rows (see the module's docstring). A foreign key to a mapped table that is not
    inserted yet (cycles such as sale order <-> procurement group) is written once that table is.
    ``map(..., identity=True)`` maps rows onto themselves: the big customer's copies hang on the
    customer itself.
    """

    def __init__(self, cr, shifts):
        self.cr = cr
        self.mapped, self.inserted, self.pending, self.presets = {}, set(), [], {}
        self._columns, self._fks = {}, {}
        cr.execute(SQL("DROP TABLE IF EXISTS clone_copy"))
        cr.execute(SQL("CREATE TEMP TABLE clone_copy (copy int PRIMARY KEY, shift int)"))
        cr.execute_values("INSERT INTO clone_copy VALUES %s", sorted(shifts.items()))

    def columns(self, table):
        if table not in self._columns:
            self.cr.execute(
                """SELECT column_name, data_type FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = %s AND is_generated = 'NEVER'
                    ORDER BY ordinal_position""",
                [table],
            )
            self._columns[table] = self.cr.fetchall()
        return self._columns[table]

    def foreign_keys(self, table):
        """{column: referenced table} of ``table``'s single-column foreign keys."""
        if table not in self._fks:
            self.cr.execute(
                """SELECT a.attname, c.confrelid::regclass::text
                     FROM pg_constraint c
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                    WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND array_length(c.conkey, 1) = 1""",
                [table],
            )
            self._fks[table] = dict(self.cr.fetchall())
        return self._fks[table]

    def map(self, table, pairs, identity=False):
        """Allocate the copies' ids of the (old id, copy) pairs that the query ``pairs`` selects."""
        cr, map_table = self.cr, _map(table)
        cr.execute(SQL("DROP TABLE IF EXISTS %s", map_table))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE %s AS
                   SELECT DISTINCT old_id, copy, 0 AS new_id FROM (%s) pairs(old_id, copy)""",
                map_table,
                pairs,
            )
        )
        count = cr.rowcount
        if identity:
            cr.execute(SQL("UPDATE %s SET new_id = old_id", map_table))
            self.inserted.add(table)
        elif count:
            cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cr.fetchone()[0]
            cr.execute("SELECT nextval(%s)", [sequence])
            first = cr.fetchone()[0]
            cr.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            cr.execute(
                SQL(
                    """UPDATE %s m SET new_id = %s - 1 + n.rank
                         FROM (SELECT old_id, copy, row_number() OVER (ORDER BY copy, old_id) AS rank
                                 FROM %s) n
                        WHERE n.old_id = m.old_id AND n.copy = m.copy""",
                    map_table,
                    first,
                    map_table,
                )
            )
        cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (old_id, copy)", map_table))
        cr.execute(SQL("ANALYZE %s", map_table))
        self.mapped[table] = count
        return count

    def preset(self, table, columns, rows):
        """Values of some columns of the copies, by new id: ``columns`` [(name, SQL type)]."""
        cr, set_table = self.cr, _set(table)
        definition = SQL(", ").join(
            SQL("%s %s", SQL.identifier(name), SQL(sqltype)) for name, sqltype in columns
        )
        cr.execute(SQL("DROP TABLE IF EXISTS %s", set_table))
        cr.execute(SQL("CREATE TEMP TABLE %s (new_id int PRIMARY KEY, %s)", set_table, definition))
        cr.execute_values(SQL("INSERT INTO %s VALUES %%s", set_table).code, rows, page_size=5000)
        cr.execute(SQL("ANALYZE %s", set_table))
        self.presets[table] = [name for name, _type in columns]

    def insert(self, table, overrides=None, joins=()):
        """Copy ``table``'s mapped rows. ``overrides``: {column: SQL expression} over ``t`` (the
        template row), ``m`` (its map row), ``c`` (the copy), ``s`` (its preset values) and the
        tables of ``joins`` (joins, not subqueries: the copies are too many for row-by-row plans)."""
        if not self.mapped.get(table):
            self.inserted.add(table)
            self._resolve_pending(table)
            return 0
        overrides = dict(overrides or {})
        preset = self.presets.get(table, [])
        fks = self.foreign_keys(table)
        names, exprs, joins, extra_joins = [], [], [], joins
        for column, data_type in self.columns(table):
            ref, value = fks.get(column), SQL.identifier("t", column)
            if column == "id":
                expr = SQL("m.new_id")
            elif column in overrides:
                expr = overrides[column]
            elif column in preset:
                expr = SQL("COALESCE(%s, %s)", SQL.identifier("s", column), value)
            elif ref in self.mapped:
                if ref in self.inserted or ref == table:
                    alias = f"fk{len(joins)}"
                    joins.append(
                        SQL(
                            "LEFT JOIN %s %s ON %s = %s AND %s = m.copy",
                            _map(ref),
                            SQL.identifier(alias),
                            SQL.identifier(alias, "old_id"),
                            value,
                            SQL.identifier(alias, "copy"),
                        )
                    )
                    expr = SQL("COALESCE(%s, %s)", SQL.identifier(alias, "new_id"), value)
                else:
                    expr = SQL("NULL")
                    self.pending.append((table, column, ref))
            elif column in CLEARED:
                expr = SQL("NULL")
            elif data_type == "date" and column not in NOT_SHIFTED:
                expr = SQL("%s + c.shift", value)
            elif data_type.startswith("timestamp") and column not in NOT_SHIFTED:
                expr = SQL("%s + c.shift * INTERVAL '1 day'", value)
            else:
                expr = value
            names.append(SQL.identifier(column))
            exprs.append(expr)
        if preset:
            joins.append(SQL("LEFT JOIN %s s ON s.new_id = m.new_id", _set(table)))
        joins += [SQL(join) for join in extra_joins]
        self.cr.execute(
            SQL(
                """INSERT INTO %s (%s)
                   SELECT %s
                     FROM %s m
                     JOIN %s t ON t.id = m.old_id
                     JOIN clone_copy c ON c.copy = m.copy
                     %s""",
                SQL.identifier(table),
                SQL(", ").join(names),
                SQL(", ").join(exprs),
                _map(table),
                SQL.identifier(table),
                SQL(" ").join(joins),
            )
        )
        count = self.cr.rowcount
        self.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))  # the next joins see the copies
        self.inserted.add(table)
        self._resolve_pending(table)
        return count

    def _resolve_pending(self, table):
        """Write the foreign keys to ``table`` left empty by earlier inserts."""
        for pending in [p for p in self.pending if p[2] == table]:
            self.pending.remove(pending)
            source, column, ref = pending
            self.cr.execute(
                SQL(
                    """UPDATE %(source)s n SET %(column)s = r.new_id
                         FROM %(source_map)s m
                         JOIN %(source)s t ON t.id = m.old_id
                         JOIN %(ref_map)s r ON r.old_id = %(old)s AND r.copy = m.copy
                        WHERE n.id = m.new_id""",
                    source=SQL.identifier(source),
                    column=SQL.identifier(column),
                    source_map=_map(source),
                    ref_map=_map(ref),
                    old=SQL.identifier("t", column),
                )
            )
            # Rows that point to a row outside the template keep pointing to it.
            self.cr.execute(
                SQL(
                    """UPDATE %(source)s n SET %(column)s = %(old)s
                         FROM %(source_map)s m JOIN %(source)s t ON t.id = m.old_id
                        WHERE n.id = m.new_id AND %(old)s IS NOT NULL AND %(new)s IS NULL""",
                    source=SQL.identifier(source),
                    column=SQL.identifier(column),
                    source_map=_map(source),
                    old=SQL.identifier("t", column),
                    new=SQL.identifier("n", column),
                )
            )

    def link(self, relation):
        """Copy the rows of a many2many table that join a copied row (each column remapped)."""
        (col_a, ref_a), (col_b, ref_b) = sorted(self.foreign_keys(relation).items())
        if ref_a not in self.mapped and ref_b not in self.mapped:
            return 0
        if ref_a not in self.mapped:
            (col_a, ref_a), (col_b, ref_b) = (col_b, ref_b), (col_a, ref_a)
        other, join = SQL.identifier("t", col_b), SQL()
        if ref_b in self.mapped:
            join = SQL("LEFT JOIN %s o ON o.old_id = %s AND o.copy = m.copy", _map(ref_b), other)
            other = SQL("COALESCE(o.new_id, %s)", other)
        self.cr.execute(
            SQL(
                """INSERT INTO %s (%s, %s)
                   SELECT m.new_id, %s
                     FROM %s t JOIN %s m ON m.old_id = %s %s
                    WHERE m.new_id <> m.old_id
                   ON CONFLICT DO NOTHING""",
                SQL.identifier(relation),
                SQL.identifier(col_a),
                SQL.identifier(col_b),
                other,
                SQL.identifier(relation),
                _map(ref_a),
                SQL.identifier("t", col_a),
                join,
            )
        )
        return self.cr.rowcount

    def finish(self):
        if self.pending:
            raise RuntimeError(f"foreign keys to tables never inserted: {self.pending}")
        self.cr.execute(
            """SELECT table_name FROM information_schema.tables
                WHERE table_name LIKE 'clone\\_%%' AND table_type = 'LOCAL TEMPORARY'"""
        )
        for (name,) in self.cr.fetchall():
            self.cr.execute(SQL("DROP TABLE %s", SQL.identifier(name)))


def _map(table):
    return SQL.identifier(f"clone_map_{table}")


def _set(table):
    return SQL.identifier(f"clone_set_{table}")


# -- the replication ------------------------------------------------------------------------------

# The tables copied for a customer, in insertion order (foreign keys to later ones are deferred).
DOCUMENT_TABLES = [
    "sale_order",
    "sale_order_line",
    "procurement_group",
    "account_move",
    "account_payment",
    "account_full_reconcile",
    "account_move_line",
    "account_partial_reconcile",
    "stock_picking",
    "repair_order",
    "stock_move",
    "stock_move_line",
    "stock_valuation_layer",
]
DOCUMENT_LINKS = [
    "sale_order_line_invoice_rel",
    "account_move__account_payment",
    "account_move_line_account_tax_rel",
    "account_account_tag_account_move_line_rel",
    "account_tax_sale_order_line_rel",
    "sale_order_tag_rel",
    "stock_move_move_rel",
    "repair_order_repair_tags_rel",
]
PARTNER_TABLES = [
    "crm_lead",
    "mail_activity",
    "mail_message",
    "calendar_event",
    "calendar_attendee",
    "ficha_partner_reference",
    "ficha_partner_warning",
]
PARTNER_LINKS = ["res_partner_res_partner_category_rel", "crm_tag_rel", "calendar_event_res_partner_rel"]


def _progress(message, *args):
    print(message % args, flush=True)


def replicate(state):
    """The story part that copies the template (nothing to do outside the scale mode)."""
    plan = state["plan"]
    env = state["env"]
    env.flush_all()
    if plan["customer_copies"]:
        started = time.time()
        templates = [p["partner"].id for p in state["profiles"] if p["kind"] != "big"]
        count = _replicate_customers(state, templates, plan["customer_copies"])
        _progress("  %d customers copied in %.0f s", count, time.time() - started)
    if plan["big_copies"] and "big" in state["story_customers"]:
        started = time.time()
        _replicate_big_customer(state, state["story_customers"]["big"][0], plan["big_copies"])
        _progress("  big customer copied %d times in %.0f s", plan["big_copies"], time.time() - started)
    if plan["customer_copies"] or plan["big_copies"]:
        started = time.time()
        env.cr.execute("ANALYZE")
        env.invalidate_all()
        env.registry.clear_cache()
        _progress("  ANALYZE in %.0f s", time.time() - started)
        state["stats"].update(scale_counts(env.cr, state["story_customers"].get("big", [None])[0]))


def _replicate_big_customer(state, partner_id, copies):
    cr = state["env"].cr
    rep = Replicator(cr, {copy: copy_shift(copy) for copy in range(1, copies + 1)})
    rep.map(
        "res_partner",
        SQL(
            "SELECT p.id, c.copy FROM res_partner p, clone_copy c WHERE p.commercial_partner_id = %s",
            partner_id,
        ),
        identity=True,
    )
    # Its history: confirmed orders and finished repairs (not a hundred machines in the workshop).
    _copy_documents(state, rep, orders_where=SQL("t.state = 'sale'"), repairs_where=SQL("t.state = 'done'"))
    rep.finish()


def _replicate_customers(state, templates, extra):
    cr = state["env"].cr
    pairs = [(templates[index], copy) for index, copy in customer_copies(len(templates), extra)]
    copies = {copy for _t, copy in pairs}
    rep = Replicator(cr, {copy: copy_shift(copy) for copy in copies})
    cr.execute("DROP TABLE IF EXISTS clone_roots")
    cr.execute("CREATE TEMP TABLE clone_roots (root int, copy int)")
    cr.execute_values("INSERT INTO clone_roots VALUES %s", pairs)
    rep.map(
        "res_partner",
        SQL("SELECT p.id, r.copy FROM res_partner p JOIN clone_roots r ON r.root = p.commercial_partner_id"),
    )
    rep.insert("res_partner")
    _rename_partners(state, rep)
    _copy_documents(state, rep, orders_where=SQL("TRUE"), repairs_where=SQL("TRUE"))
    _copy_partner_records(rep)
    # Names shown with the documents: the partner's new name.
    cr.execute(
        """UPDATE account_move n SET invoice_partner_display_name = p.complete_name
             FROM clone_map_account_move m, res_partner p
            WHERE n.id = m.new_id AND p.id = n.commercial_partner_id
              AND n.invoice_partner_display_name IS NOT NULL"""
    )
    cr.execute(
        """UPDATE crm_lead n SET partner_name = p.name, email_from = p.email, phone = p.phone
             FROM clone_map_crm_lead m JOIN crm_lead t ON t.id = m.old_id, res_partner p
            WHERE n.id = m.new_id AND p.id = n.partner_id AND t.partner_name IS NOT NULL"""
    )
    cr.execute(
        """UPDATE mail_message n SET record_name = p.name
             FROM clone_map_mail_message m, res_partner p
            WHERE n.id = m.new_id AND p.id = n.res_id AND n.record_name IS NOT NULL"""
    )
    cr.execute(
        """UPDATE calendar_event n SET name = replace(n.name, t_p.name, p.name)
             FROM clone_map_calendar_event m JOIN calendar_event t ON t.id = m.old_id
             JOIN res_partner t_p ON t_p.id = t.res_id, res_partner p
            WHERE n.id = m.new_id AND p.id = n.res_id"""
    )
    rep.finish()
    return len(pairs)


def _rename_partners(state, rep):
    """New identities (name, CNPJ, address, phone, e-mail) for the copied customers."""
    env, cr = state["env"], state["env"].cr
    rng = state["rng"]
    states = {
        s.code: s.id for s in env["res.country.state"].search([("country_id", "=", env.ref("base.br").id)])
    }
    cr.execute("SELECT name FROM res_partner WHERE parent_id IS NULL AND name IS NOT NULL")
    used = {name for (name,) in cr.fetchall()}
    cr.execute(
        """SELECT m.new_id FROM clone_map_res_partner m JOIN res_partner t ON t.id = m.old_id
            WHERE t.parent_id IS NULL ORDER BY m.new_id"""
    )
    rows = []
    places = [city for city, _uf, _ddd, _zip in CITIES]
    for (new_id,) in cr.fetchall():
        name = customer_name(rng, used, places)
        city, uf, ddd, zip_prefix = rng.choice(CITIES)
        slug = "".join(c for c in name.lower().split()[1] if c.isalnum())[:12] or "cliente"
        domain = f"{slug}{new_id}.example.com.br"
        rows.append(
            (
                new_id,
                name,
                random_cnpj(rng),
                f"{rng.choice(STREETS)}, {rng.randint(10, 3000)}",
                city,
                states.get(uf),
                f"{zip_prefix[:5]}-{rng.randint(0, 999):03d}",
                f"+55 {ddd} {rng.randint(2000, 3999)}-{rng.randint(1000, 9999)}",
                domain,
            )
        )
    cr.execute_values(
        """UPDATE res_partner p
              SET name = v.name, complete_name = v.name, commercial_company_name = v.name, vat = v.vat,
                  street = v.street, city = v.city, state_id = v.state_id::int, zip = v.zip,
                  phone = v.phone, email = 'contato@' || v.domain
             FROM (VALUES %s) AS v(id, name, vat, street, city, state_id, zip, phone, domain)
            WHERE p.id = v.id""",
        rows,
        page_size=2000,
    )
    cr.execute_values(
        """UPDATE res_partner p
              SET complete_name = v.name || ', ' || p.name, commercial_company_name = v.name,
                  email = regexp_replace(p.email, '@.*$', '@' || v.domain)
             FROM (VALUES %s) AS v(id, name, domain)
            WHERE p.parent_id = v.id""",
        [(row[0], row[1], row[8]) for row in rows],
        page_size=2000,
    )


def _copy_documents(state, rep, orders_where, repairs_where):
    """Map, name and insert the documents of the mapped partners (``clone_map_res_partner``)."""
    env = state["env"]
    cr = env.cr
    started = time.time()
    rep.map(
        "sale_order",
        SQL(
            """SELECT t.id, p.copy FROM sale_order t JOIN clone_map_res_partner p ON p.old_id = t.partner_id
                WHERE %s""",
            orders_where,
        ),
    )
    rep.map(
        "sale_order_line",
        SQL(
            "SELECT t.id, o.copy FROM sale_order_line t JOIN clone_map_sale_order o ON o.old_id = t.order_id"
        ),
    )
    rep.map(
        "account_move",
        SQL("""SELECT t.id, p.copy FROM account_move t JOIN clone_map_res_partner p ON p.old_id = t.partner_id
            WHERE t.state = 'posted'"""),
    )
    rep.map(
        "account_move_line",
        SQL(
            """SELECT t.id, m.copy FROM account_move_line t
                 JOIN clone_map_account_move m ON m.old_id = t.move_id"""
        ),
    )
    rep.map(
        "account_payment",
        SQL(
            "SELECT t.id, m.copy FROM account_payment t JOIN clone_map_account_move m ON m.old_id = t.move_id"
        ),
    )
    rep.map(
        "account_partial_reconcile",
        SQL("""SELECT t.id, m.copy FROM account_partial_reconcile t
             JOIN clone_map_account_move_line m ON m.old_id = t.debit_move_id"""),
    )
    rep.map(
        "account_full_reconcile",
        SQL("""SELECT l.full_reconcile_id, m.copy FROM account_move_line l
             JOIN clone_map_account_move_line m ON m.old_id = l.id WHERE l.full_reconcile_id IS NOT NULL"""),
    )
    rep.map(
        "repair_order",
        SQL(
            """SELECT t.id, p.copy FROM repair_order t JOIN clone_map_res_partner p ON p.old_id = t.partner_id
                WHERE %s""",
            repairs_where,
        ),
    )
    rep.map(
        "procurement_group",
        SQL("""SELECT o.procurement_group_id, m.copy FROM sale_order o
             JOIN clone_map_sale_order m ON m.old_id = o.id
            WHERE o.procurement_group_id IS NOT NULL
            UNION SELECT r.procurement_group_id, m.copy FROM repair_order r
             JOIN clone_map_repair_order m ON m.old_id = r.id WHERE r.procurement_group_id IS NOT NULL"""),
    )
    rep.map(
        "stock_picking",
        SQL("""SELECT t.id, o.copy FROM stock_picking t JOIN clone_map_sale_order o ON o.old_id = t.sale_id
            UNION SELECT t.id, p.copy FROM stock_picking t
             JOIN clone_map_res_partner p ON p.old_id = t.partner_id
             WHERE t.sale_id IS NULL"""),
    )
    rep.map(
        "stock_move",
        SQL("""SELECT t.id, p.copy FROM stock_move t JOIN clone_map_stock_picking p ON p.old_id = t.picking_id
            UNION SELECT t.id, r.copy FROM stock_move t
             JOIN clone_map_repair_order r ON r.old_id = t.repair_id"""),
    )
    rep.map(
        "stock_move_line",
        SQL("SELECT t.id, m.copy FROM stock_move_line t JOIN clone_map_stock_move m ON m.old_id = t.move_id"),
    )
    rep.map(
        "stock_valuation_layer",
        SQL("""SELECT t.id, m.copy FROM stock_valuation_layer t
             JOIN clone_map_stock_move m ON m.old_id = t.stock_move_id"""),
    )
    _progress("    mapped in %.0f s: %s", time.time() - started, rep.mapped)
    started = time.time()
    _preset_names(env, rep)
    # The order an invoice came from, by the name in its origin (one hash join, not one per row).
    cr.execute(
        """CREATE TEMP TABLE clone_origin AS
           SELECT DISTINCT ON (t.id) t.id AS move_id, o.id AS order_id
             FROM account_move t JOIN sale_order o ON o.name = t.invoice_origin
            WHERE t.id IN (SELECT old_id FROM clone_map_account_move)
            ORDER BY t.id, o.id"""
    )
    cr.execute("ALTER TABLE clone_origin ADD PRIMARY KEY (move_id)")
    _progress("    names in %.0f s", time.time() - started)
    # Joins that find a copy's counterpart: x_order / x_move (the same copy of the template's
    # order / move) and their new names.
    order_join = """LEFT JOIN clone_map_sale_order x_om ON x_om.old_id = t.sale_id AND x_om.copy = m.copy
                    LEFT JOIN clone_set_sale_order x_order ON x_order.new_id = x_om.new_id"""
    move_join = """LEFT JOIN clone_map_account_move x_mm ON x_mm.old_id = t.move_id AND x_mm.copy = m.copy
                   LEFT JOIN clone_set_account_move x_move ON x_move.new_id = x_mm.new_id"""
    overrides = {
        "procurement_group": {"name": SQL("COALESCE(x_order.name, t.name)")},
        "account_move": {
            "payment_reference": SQL(
                "CASE WHEN t.payment_reference = t.name THEN s.name ELSE t.payment_reference END"
            ),
            "invoice_origin": SQL("COALESCE(x_origin.name, t.invoice_origin)"),
        },
        "account_move_line": {
            "move_name": SQL("COALESCE(x_move.name, t.move_name)"),
            # 'P' + the smallest partial of the matching, or the full reconcile's id (see
            # account.partial.reconcile._update_matching_number).
            "matching_number": SQL(
                """CASE WHEN t.matching_number ~ '^P[0-9]+$'
                        THEN 'P' || COALESCE(x_partial.new_id, substr(t.matching_number, 2)::int)
                        WHEN t.matching_number ~ '^[0-9]+$'
                        THEN COALESCE(x_full.new_id, t.matching_number::int)::text
                        ELSE t.matching_number END"""
            ),
        },
        "account_payment": {"name": SQL("COALESCE(x_move.name, t.name)")},
        "stock_picking": {
            "origin": SQL("CASE WHEN t.origin = x_template_order.name THEN x_order.name ELSE t.origin END"),
        },
        "stock_move": {"reference": SQL("COALESCE(x_picking.name, x_repair.name, t.reference)")},
        "stock_move_line": {"reference": SQL("COALESCE(x_move.reference, t.reference)")},
    }
    joins = {
        "procurement_group": [order_join],
        "account_move": [
            """LEFT JOIN clone_origin x_o ON x_o.move_id = t.id
               LEFT JOIN clone_map_sale_order x_om ON x_om.old_id = x_o.order_id AND x_om.copy = m.copy
               LEFT JOIN clone_set_sale_order x_origin ON x_origin.new_id = x_om.new_id"""
        ],
        "account_move_line": [
            move_join,
            """LEFT JOIN clone_map_account_partial_reconcile x_partial
                      ON x_partial.old_id = CASE WHEN t.matching_number ~ '^P[0-9]+$'
                                                 THEN substr(t.matching_number, 2)::int END
                     AND x_partial.copy = m.copy
               LEFT JOIN clone_map_account_full_reconcile x_full
                      ON x_full.old_id = t.full_reconcile_id AND x_full.copy = m.copy""",
        ],
        "account_payment": [move_join],
        "stock_picking": [
            order_join,
            "LEFT JOIN sale_order x_template_order ON x_template_order.id = t.sale_id",
        ],
        "stock_move": [
            """LEFT JOIN clone_map_stock_picking x_pm ON x_pm.old_id = t.picking_id AND x_pm.copy = m.copy
               LEFT JOIN clone_set_stock_picking x_picking ON x_picking.new_id = x_pm.new_id
               LEFT JOIN clone_map_repair_order x_rm ON x_rm.old_id = t.repair_id AND x_rm.copy = m.copy
               LEFT JOIN clone_set_repair_order x_repair ON x_repair.new_id = x_rm.new_id"""
        ],
        "stock_move_line": [
            """LEFT JOIN clone_map_stock_move x_sm ON x_sm.old_id = t.move_id AND x_sm.copy = m.copy
               LEFT JOIN stock_move x_move ON x_move.id = x_sm.new_id"""
        ],
    }
    for table in DOCUMENT_TABLES:
        started = time.time()
        count = rep.insert(table, overrides.get(table), joins.get(table, ()))
        _progress("    %-26s %7d rows %5.1f s", table, count, time.time() - started)
    for relation in DOCUMENT_LINKS:
        rep.link(relation)
    _fix_quants(cr)


def _preset_names(env, rep):
    """Names of the copies: journal entries by their journals' sequences (year of the shifted
    date), orders, pickings and repairs by their ``ir.sequence``."""
    cr = env.cr
    Move = env["account.move"]
    cr.execute(
        """SELECT m.new_id, t.journal_id, t.name, t.date + c.shift
             FROM clone_map_account_move m JOIN account_move t ON t.id = m.old_id
             JOIN clone_copy c ON c.copy = m.copy
            WHERE t.name IS NOT NULL AND t.name <> '/'
            ORDER BY 4, 1"""
    )
    rows = cr.fetchall()
    cr.execute(
        """SELECT journal_id, sequence_prefix, MAX(sequence_number) FROM account_move
            WHERE sequence_prefix IS NOT NULL GROUP BY 1, 2"""
    )
    last_numbers = {(journal, prefix): number for journal, prefix, number in cr.fetchall()}
    formats = {}
    for _new_id, _journal, name, _date in rows:
        if name not in formats:
            formats[name] = Move._get_sequence_format_param(name)
    names = sequence_names(
        [(journal, *formats[name], when) for _new_id, journal, name, when in rows], last_numbers
    )
    rep.preset(
        "account_move",
        [("name", "varchar"), ("sequence_prefix", "varchar"), ("sequence_number", "int")],
        [(row[0], *named) for row, named in zip(rows, names, strict=True)],
    )
    cr.execute(
        """SELECT m.new_id FROM clone_map_sale_order m JOIN sale_order t ON t.id = m.old_id
             JOIN clone_copy c ON c.copy = m.copy
            ORDER BY t.date_order + c.shift * INTERVAL '1 day', m.new_id"""
    )
    ids = [new_id for (new_id,) in cr.fetchall()]
    order_sequence = env["ir.sequence"].search([("code", "=", "sale.order")], limit=1)
    rep.preset(
        "sale_order",
        [("name", "varchar")],
        list(zip(ids, _take_names(order_sequence, len(ids)), strict=True)),
    )
    for table in ("stock_picking", "repair_order"):
        cr.execute(
            SQL(
                "SELECT t.picking_type_id, m.new_id FROM %s m JOIN %s t ON t.id = m.old_id ORDER BY 1, 2",
                _map(table),
                SQL.identifier(table),
            )
        )
        by_type = {}
        for type_id, new_id in cr.fetchall():
            by_type.setdefault(type_id, []).append(new_id)
        rows = []
        for type_id, ids in by_type.items():
            sequence = env["stock.picking.type"].browse(type_id).sequence_id
            rows += list(zip(ids, _take_names(sequence, len(ids)), strict=True))
        rep.preset(table, [("name", "varchar")], rows)


def _take_names(sequence, count):
    """``count`` names from ``sequence``, which moves on past them."""
    if not count:
        return []
    sequence.invalidate_recordset(["number_next_actual"])
    prefix, suffix = sequence._get_prefix_suffix()
    first = sequence.number_next_actual
    names = sequence_block(prefix, suffix, sequence.padding, first, count, sequence.number_increment)
    sequence.write({"number_next": first + count * sequence.number_increment})
    return names


def _fix_quants(cr):
    """Stock on hand and reserved quantities after the copied stock move lines."""
    cr.execute(
        """
        WITH copied AS (
            SELECT n.* FROM stock_move_line n JOIN clone_map_stock_move_line m ON m.new_id = n.id
        ), delta AS (
            SELECT product_id, location_id AS location, lot_id, -quantity_product_uom AS qty, 0 AS reserved
              FROM copied WHERE state = 'done'
            UNION ALL
            SELECT product_id, location_dest_id, lot_id, quantity_product_uom, 0
              FROM copied WHERE state = 'done'
            UNION ALL
            SELECT product_id, location_id, lot_id, 0, quantity_product_uom
              FROM copied WHERE state NOT IN ('done', 'cancel')
        ), total AS (
            SELECT product_id, location, lot_id, SUM(qty) AS qty, SUM(reserved) AS reserved
              FROM delta GROUP BY 1, 2, 3
        )
        UPDATE stock_quant q SET quantity = q.quantity + total.qty,
                                 reserved_quantity = q.reserved_quantity + total.reserved
          FROM total
         WHERE q.id = (SELECT MIN(id) FROM stock_quant x
                        WHERE x.product_id = total.product_id AND x.location_id = total.location
                          AND x.lot_id IS NOT DISTINCT FROM total.lot_id
                          AND x.package_id IS NULL AND x.owner_id IS NULL)
        """
    )


def _copy_partner_records(rep):
    """Opportunities, activities, notes, meetings, references and warnings of the copied customers."""
    partner_of = SQL("COALESCE(x_partner.new_id, t.res_id)")
    partner_join = (
        "LEFT JOIN clone_map_res_partner x_partner ON x_partner.old_id = t.res_id AND x_partner.copy = m.copy"
    )
    rep.map(
        "crm_lead",
        SQL("SELECT t.id, p.copy FROM crm_lead t JOIN clone_map_res_partner p ON p.old_id = t.partner_id"),
    )
    rep.map(
        "mail_activity",
        SQL("""SELECT t.id, p.copy FROM mail_activity t JOIN clone_map_res_partner p ON p.old_id = t.res_id
            WHERE t.res_model = 'res.partner'"""),
    )
    rep.map(
        "mail_message",
        SQL("""SELECT t.id, p.copy FROM mail_message t JOIN clone_map_res_partner p ON p.old_id = t.res_id
            WHERE t.model = 'res.partner'"""),
    )
    rep.map(
        "calendar_event",
        SQL("""SELECT t.id, p.copy FROM calendar_event t JOIN clone_map_res_partner p ON p.old_id = t.res_id
            WHERE t.res_model = 'res.partner'"""),
    )
    rep.map(
        "calendar_attendee",
        SQL("""SELECT t.id, e.copy FROM calendar_attendee t
             JOIN clone_map_calendar_event e ON e.old_id = t.event_id"""),
    )
    for table in ("ficha_partner_reference", "ficha_partner_warning"):
        rep.map(
            table,
            SQL(
                "SELECT t.id, p.copy FROM %s t JOIN clone_map_res_partner p ON p.old_id = t.partner_id",
                SQL.identifier(table),
            ),
        )
    res_id = {"res_id": partner_of}
    for table in PARTNER_TABLES:
        if table in ("mail_activity", "mail_message", "calendar_event"):
            rep.insert(table, res_id, [partner_join])
        else:
            rep.insert(table)
    for relation in PARTNER_LINKS:
        rep.link(relation)


def scale_counts(cr, big_partner_id):
    """What the benchmark database holds (customers, the big one's documents, totals)."""
    counts = {}
    queries = {
        "total_customers": "SELECT COUNT(*) FROM res_partner WHERE customer_rank > 0 AND parent_id IS NULL",
        "total_invoices": """SELECT COUNT(*) FROM account_move
                              WHERE move_type = 'out_invoice' AND state = 'posted'""",
        "total_sale_order_lines": "SELECT COUNT(*) FROM sale_order_line",
        "total_repairs": "SELECT COUNT(*) FROM repair_order",
        "total_returns": """SELECT COUNT(*) FROM stock_picking
                             WHERE return_id IS NOT NULL AND state = 'done'""",
        "big_invoices_total": """SELECT COUNT(*) FROM account_move WHERE move_type = 'out_invoice'
                                  AND state = 'posted' AND commercial_partner_id = %(big)s""",
        "big_installments_total": """SELECT COUNT(*) FROM account_move_line
                                    WHERE display_type = 'payment_term' AND parent_state = 'posted'
                                      AND partner_id = %(big)s""",
        "big_sale_order_lines": """SELECT COUNT(*) FROM sale_order_line l
                                    JOIN sale_order o ON o.id = l.order_id
                                    WHERE o.partner_id = %(big)s""",
        "big_repairs": "SELECT COUNT(*) FROM repair_order WHERE partner_id = %(big)s",
        "big_returns": """SELECT COUNT(*) FROM stock_picking
                           WHERE return_id IS NOT NULL AND state = 'done' AND partner_id = %(big)s""",
    }
    for key, query in queries.items():
        if "big" in key and not big_partner_id:
            continue
        cr.execute(query, {"big": big_partner_id})
        counts[key] = cr.fetchone()[0]
    return counts
