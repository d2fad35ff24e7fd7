"""Upgrading and uninstalling ficha_cliente leaves the native data intact.

Run by scripts/test.sh after pytest, on a throwaway copy of the test database:
    python tests/uninstall_check.py CONF DB
It creates documents (confirmed order, posted invoice, payment, repair, the sheet's own
warning and reference), counts the native records, upgrades the addon with
``odoo-bin -u``, uninstalls it, and checks the native counts are unchanged and nothing of
the addon is left (models, tables, SQL views, res.partner columns, views). Exit status 1
with the differences on failure.
"""

import os
import subprocess
import sys

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry

NATIVE_TABLES = (
    "res_partner",
    "product_product",
    "sale_order",
    "sale_order_line",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "stock_picking",
    "stock_move",
    "repair_order",
    "crm_lead",
    "mail_activity",
)


def environment(cr):
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})


def seed(env):
    partner = env["res.partner"].create({"name": "Cliente Desinstalação", "is_company": True})
    product = env["product.product"].create(
        {"name": "Produto Desinstalação", "type": "consu", "list_price": 50}
    )
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
        }
    )
    order.action_confirm()
    invoice = order._create_invoices()
    invoice.action_post()
    env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
        {"amount": 40.0}
    )._create_payments()
    env["repair.order"].create({"partner_id": partner.id, "product_id": product.id})
    env["crm.lead"].create({"name": "Oportunidade", "type": "opportunity", "partner_id": partner.id})
    partner.activity_schedule("mail.mail_activity_data_call", summary="Ligar")
    env["ficha.partner.warning"].create({"partner_id": partner.id, "message": "Aviso de teste"})
    env["ficha.partner.reference"].create({"partner_id": partner.id, "name": "Banco Referência"})
    return partner.id


def native_counts(cr):
    counts = {}
    for table in NATIVE_TABLES:
        cr.execute(f"SELECT COUNT(*) FROM {table}")
        counts[table] = cr.fetchone()[0]
    cr.execute("SELECT COUNT(*) FROM mail_message WHERE model NOT LIKE 'ficha.%'")
    counts["mail_message (native models)"] = cr.fetchone()[0]
    return counts


def leftovers(cr):
    found = []
    queries = {
        "tables/views": "SELECT relname FROM pg_class"
        " WHERE relname LIKE 'ficha\\_%' AND relkind IN ('r', 'v')",
        "indexes on native tables": "SELECT indexname FROM pg_indexes"
        " WHERE indexname LIKE 'ficha\\_cliente\\_%'",
        "models": "SELECT model FROM ir_model WHERE model LIKE 'ficha.%'",
        "columns on native tables": "SELECT table_name || '.' || column_name FROM information_schema.columns"
        " WHERE table_name IN ('res_partner', 'res_company', 'sale_order', 'product_product',"
        " 'account_move_line')"
        " AND column_name LIKE 'ficha\\_%'",
        "fields": "SELECT model || '.' || name FROM ir_model_fields WHERE name LIKE 'ficha\\_%'",
        "views": "SELECT name FROM ir_ui_view WHERE arch_db::text LIKE '%ficha\\_%'",
        "xml ids": "SELECT name FROM ir_model_data WHERE module = 'ficha_cliente'",
        "groups": "SELECT id::text FROM res_groups WHERE id IN"
        " (SELECT res_id FROM ir_model_data WHERE module = 'ficha_cliente' AND model = 'res.groups')",
    }
    for what, query in queries.items():
        cr.execute(query)
        rows = [row[0] for row in cr.fetchall()]
        if rows:
            found.append(f"{what}: {', '.join(rows[:10])}")
    return found


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    with Registry.new(db).cursor() as cr:
        seed(environment(cr))
        before = native_counts(cr)
    subprocess.run(
        [sys.executable, os.path.join(os.path.dirname(odoo.__path__[0]), "odoo-bin"), "-c", conf, "-d", db]
        + ["-u", "ficha_cliente", "--stop-after-init", "--log-level=warn"],
        check=True,
    )
    with Registry.new(db).cursor() as cr:
        after_upgrade = native_counts(cr)
        installed = leftovers(cr)  # the check must see the addon before it goes
        module = environment(cr)["ir.module.module"].search([("name", "=", "ficha_cliente")])
        module.button_immediate_uninstall()
    with Registry.new(db).cursor() as cr:
        state = environment(cr)["ir.module.module"].search([("name", "=", "ficha_cliente")]).state
        after_uninstall = native_counts(cr)
        left = leftovers(cr)
    # every kind of trace must be found while installed, or the check could not fail
    kinds = {item.split(":")[0] for item in installed}
    errors = [] if len(kinds) == 8 else [f"before uninstall only these kinds were found: {sorted(kinds)}"]
    for name, counts in (("upgrade", after_upgrade), ("uninstall", after_uninstall)):
        errors += [
            f"after {name}: {table} {before[table]} -> {counts[table]}"
            for table in before
            if counts[table] != before[table]
        ]
    if state != "uninstalled":
        errors.append(f"module state after uninstall: {state}")
    errors += [f"left after uninstall: {item}" for item in left]
    if errors:
        print("Uninstall check FAILED:\n  " + "\n  ".join(errors))
        return 1
    print(f"Uninstall check passed: native counts unchanged {before}; nothing of ficha_cliente left.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
