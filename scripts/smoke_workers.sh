#!/usr/bin/env bash
# Production smoke run on an existing database: Odoo with --workers 2 answers the login page, the
# web client and a websocket on the gevent port, and its log has no ERROR and no traceback.
#   scripts/smoke_workers.sh [DBNAME]     (default: the test database, FICHA_TEST_DB or ficha_test)
# Ports: FICHA_HTTP_PORT (8069) and FICHA_GEVENT_PORT (8072). scripts/test.sh runs it after the
# suite, scripts/demo.sh --smoke on the demo database.
source "$(dirname "$0")/lib.sh"

DB="${1:-${FICHA_TEST_DB:-ficha_test}}"
check_prerequisites
ensure_venv
ensure_postgres
db_exists "$DB" || die "no database $DB: scripts/test.sh or scripts/demo.sh builds one."
odoo_smoke "$DB"
