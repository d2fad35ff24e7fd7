#!/usr/bin/env bash
# Runs the whole test suite: lint, the requirements resolved for Python 3.10/3.11/3.12, then
# pytest-odoo (browser tours included) on a fresh database; the whole suite ends with the
# upgrade/uninstall check and a production smoke run (Odoo with --workers 2, scripts/smoke_workers.sh).
#   scripts/test.sh [pytest arguments, e.g. tests/test_sheet.py -k contact]
# FICHA_KEEP_DB=1 reuses the test database when it exists (updating the addon) instead of rebuilding it.
source "$(dirname "$0")/lib.sh"

DB="${FICHA_TEST_DB:-ficha_test}"
check_prerequisites --browser
ensure_venv
ensure_postgres
CONF="$(odoo_conf "$DB")"

say "Lint: ruff"
"$VENV/bin/ruff" check "$PROJECT_DIR" || die "ruff found problems (ruff check --fix may mend them)."
"$VENV/bin/ruff" format --check "$PROJECT_DIR" || die "ruff format would reformat files (run: $VENV/bin/ruff format .)."
say "Lint: pylint-odoo (mandatory checks)"
(cd "$PROJECT_DIR" && "$VENV/bin/pylint" --rcfile=.pylintrc ficha_cliente) || die "pylint-odoo found problems."
say "Requirements: Odoo's + requirements.txt resolved for Python 3.10, 3.11 and 3.12"
"$PROJECT_DIR/scripts/check_requirements.sh"

if [ "${FICHA_KEEP_DB:-0}" = 1 ] && db_exists "$DB"; then
    say "Updating ficha_cliente in $DB"
    odoo_bin -c "$CONF" -d "$DB" -u ficha_cliente --stop-after-init --log-level=warn
else
    say "Creating a fresh test database $DB with ficha_cliente installed"
    drop_db "$DB"
    odoo_bin -c "$CONF" -d "$DB" -i ficha_cliente --stop-after-init --log-level=warn
fi

say "pytest-odoo"
export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
cd "$PROJECT_DIR"
set +e
"$VENV/bin/python" -m pytest -p no:cacheprovider --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn "${@:-tests}"
status=$?
set -e

# Whole suite only: upgrade and uninstall on a copy of the test database keep the native data.
if [ "$status" = 0 ] && [ $# = 0 ]; then
    say "Uninstall check on a copy of $DB"
    drop_db "${DB}_uninstall"
    PGPASSWORD="$DB_PASSWORD" createdb -U "$DB_USER" -T "$DB" "${DB}_uninstall"
    "$VENV/bin/python" tests/uninstall_check.py "$(odoo_conf "${DB}_uninstall")" "${DB}_uninstall" || status=1
    drop_db "${DB}_uninstall"
    rm -rf "$RUN_DIR/data/filestore/${DB}_uninstall"
    odoo_smoke "$DB" || status=1
fi
[ "$status" = 5 ] && die "pytest collected no test."
exit "$status"
