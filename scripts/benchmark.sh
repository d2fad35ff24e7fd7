#!/usr/bin/env bash
# Builds (once) the benchmark database with the demo generator's scale mode, then measures the sheet.
#   scripts/benchmark.sh [--customers N] [--big-invoices N] [--load-seconds N] [--rebuild]
# Defaults: 2000 customers, one big customer with 30000 invoices (~90000 installments). The first
# build plays a template through Odoo and copies it in SQL (demo/scale.py):
# 13 minutes here on 2 cores (see README); later runs reuse the database.
source "$(dirname "$0")/lib.sh"

DB="${FICHA_BENCH_DB:-ficha_bench}"
CUSTOMERS=2000 BIG=30000 LOAD=60 REBUILD=0
while [ $# -gt 0 ]; do
    case "$1" in
        --customers) CUSTOMERS="$2"; shift ;;
        --big-invoices) BIG="$2"; shift ;;
        --load-seconds) LOAD="$2"; shift ;;
        --rebuild) REBUILD=1 ;;
        *) die "unknown option $1 (see the header of $0)" ;;
    esac
    shift
done

check_prerequisites
ensure_venv
ensure_postgres
RESET_ARG=()
[ "$REBUILD" = 1 ] && RESET_ARG=(--reset)
say "Benchmark database $DB ($CUSTOMERS customers, a big one with $BIG invoices; built once, then reused)"
# demo.sh builds the database when it has no demo story yet (an interrupted build included).
FICHA_DEMO_DB="$DB" "$PROJECT_DIR/scripts/demo.sh" "${RESET_ARG[@]}" --no-start \
    --customers "$CUSTOMERS" --big-invoices "$BIG" --years 5
CONF="$(odoo_conf "$DB")"
say "Measuring"
ODOO_SRC="$ODOO_SRC" "$VENV/bin/python" "$PROJECT_DIR/benchmark/bench_sheet.py" -c "$CONF" -d "$DB" \
    --load-seconds "$LOAD" --json "$RUN_DIR/benchmark-latest.json" --odoo-log "$RUN_DIR/benchmark-load.log"
# The load test's Odoo runs with workers, as in production: its log must be clean, and the
# websocket (the evented worker, which the load test does not use) must answer.
if [ "$LOAD" != 0 ]; then
    check_odoo_log "$RUN_DIR/benchmark-load.log" || die "the load test's Odoo logged errors (above)."
fi
odoo_smoke "$DB" || die "the production smoke run on $DB failed (above)."
