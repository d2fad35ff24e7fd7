#!/usr/bin/env bash
# Sets everything up and starts Odoo with the addon and the demo story on http://localhost:8069
# (login admin / admin). Idempotent: an existing demo database is reused; --reset rebuilds it.
#   scripts/demo.sh [--reset] [--customers N] [--years N] [--big-invoices N] [--no-start] [--smoke]
# --smoke: instead of starting Odoo for you, a production smoke run on the demo database (Odoo with
# --workers 2: login, web client, websocket, no error in the log; see scripts/smoke_workers.sh).
source "$(dirname "$0")/lib.sh"

DB="${FICHA_DEMO_DB:-ficha_demo}"
RESET=0 START=1 SMOKE=0 GEN_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --reset) RESET=1 ;;
        --no-start) START=0 ;;
        --smoke) SMOKE=1 START=0 ;;
        --customers|--years|--big-invoices|--seed) GEN_ARGS+=("$1" "$2"); shift ;;
        *) die "unknown option $1 (see the header of $0)" ;;
    esac
    shift
done

check_prerequisites
ensure_venv
ensure_postgres
CONF="$(odoo_conf "$DB")"

[ "$RESET" = 1 ] && { say "Dropping $DB"; drop_db "$DB"; }
if ! db_exists "$DB" || ! PGPASSWORD="$DB_PASSWORD" psql -U "$DB_USER" -d "$DB" -tAc \
        "SELECT value FROM ir_config_parameter WHERE key = 'ficha_cliente.demo_loaded'" 2>/dev/null | grep -q .; then
    drop_db "$DB"
    say "Creating $DB in pt_BR (base), then a Brazilian company in BRL"
    odoo_bin -c "$CONF" -d "$DB" -i base --load-language=pt_BR --stop-after-init --log-level=warn
    PYTHONPATH="$PROJECT_DIR${PYTHONPATH:+:$PYTHONPATH}" odoo_bin shell -c "$CONF" -d "$DB" --log-level=warn <<'PY'
from demo.generator import prepare_company
prepare_company(env)
env.cr.commit()
PY
    say "Installing ficha_cliente and the apps it reads (Brazilian chart of accounts included)"
    odoo_bin -c "$CONF" -d "$DB" -i ficha_cliente,l10n_br --stop-after-init --log-level=warn
    say "Generating the demo story ${GEN_ARGS[*]:-}"
    FICHA_GEN_ARGS="${GEN_ARGS[*]:-}" PYTHONPATH="$PROJECT_DIR${PYTHONPATH:+:$PYTHONPATH}" \
        odoo_bin shell -c "$CONF" -d "$DB" --log-level=warn <<'PY'
import os, time
from demo.generator import generate, parse_args
started = time.time()
stats = generate(env, **parse_args(os.environ.get("FICHA_GEN_ARGS", "").split()))
env["ficha.alert.state"].with_context(lang=env.ref("base.user_admin").lang)._cron_refresh_alerts()  # tonight's check
env["ir.config_parameter"].sudo().set_param("ficha_cliente.demo_loaded", "1")
env.cr.commit()
print("demo story generated in %.0f s: %s" % (time.time() - started, stats))
PY
else
    say "Updating ficha_cliente in the existing $DB (scripts/demo.sh --reset rebuilds it)"
    odoo_bin -c "$CONF" -d "$DB" -u ficha_cliente --stop-after-init --log-level=warn
fi

[ "$SMOKE" = 1 ] && { odoo_smoke "$DB"; exit; }
if [ "$START" = 1 ]; then
    say "Odoo on http://localhost:8069 (login admin / password admin); Ctrl+C stops it"
    exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --log-level=info
fi
