# shellcheck shell=bash
# Shared set-up for scripts/demo.sh, scripts/test.sh and scripts/benchmark.sh.
# Sourced, not run. Every step is idempotent and says what is missing.

set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo18}"
VENV="${FICHA_VENV:-$PROJECT_DIR/.venv}"
RUN_DIR="$PROJECT_DIR/.run"
export PGHOST="${FICHA_DB_HOST:-localhost}"
export PGPORT="${FICHA_DB_PORT:-5432}"
DB_USER="${FICHA_DB_USER:-odoo}"
DB_PASSWORD="${FICHA_DB_PASSWORD:-odoo}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

check_prerequisites() {
    [ -f "$ODOO_SRC/odoo-bin" ] && [ -d "$ODOO_SRC/odoo/addons" ] || die "no Odoo 18.0 source tree at '$ODOO_SRC'.
  Odoo is a prerequisite: export ODOO_SRC=/path/to/odoo (a checkout of Odoo 18.0 Community)."
    grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" \
        || die "the Odoo tree at '$ODOO_SRC' is not Odoo 18.0 (see $ODOO_SRC/odoo/release.py)."
    PYTHON="${FICHA_PYTHON:-$(command -v python3 || true)}"
    [ -n "$PYTHON" ] || die "python3 not found: install Python 3.10, 3.11 or 3.12."
    "$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' \
        || die "$("$PYTHON" --version) found: Odoo 18.0 needs Python 3.10 to 3.12 (set FICHA_PYTHON)."
    command -v pg_isready >/dev/null || die "PostgreSQL client tools not found: install postgresql (Debian: apt-get install postgresql)."
}

venv_current() {
    [ -f "$ODOO_SRC/requirements.txt" ] && [ -f "$VENV/.ficha-requirements" ] \
        && [ "$(cat "$VENV/.ficha-requirements")" = "$(requirements_digest)" ]
}

requirements_digest() {
    cat "$ODOO_SRC/requirements.txt" "$PROJECT_DIR/requirements.txt" | sha1sum | cut -c1-40
}

# odoo_requirements FILE: Odoo's requirements as this project installs them.
odoo_requirements() {
    # cbor2 5.4.2 (pinned for Python < 3.12) does not build on Python 3.11: 5.4.6 is the same API.
    # python-ldap only serves auth_ldap, which the sheet does not use, and needs system headers.
    sed -e 's/^cbor2==5\.4\.2\(.*\)/cbor2==5.4.6\1/' -e '/^python-ldap/d' "$ODOO_SRC/requirements.txt" > "$1"
}

ensure_venv() {
    venv_current && return
    say "Creating the virtualenv in $VENV (Odoo's requirements + this project's)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" || die "could not create a virtualenv (Debian: apt-get install python3-venv)."
    # setuptools 82 dropped pkg_resources, which Odoo's pinned gevent imports (the evented worker).
    "$VENV/bin/pip" install -q --upgrade pip wheel "setuptools<81"
    odoo_requirements "$VENV/odoo-requirements.txt"
    "$VENV/bin/pip" install -q -r "$VENV/odoo-requirements.txt" -r "$PROJECT_DIR/requirements.txt" \
        || die "pip could not install the requirements (see above)."
    requirements_digest > "$VENV/.ficha-requirements"
}

pg_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT"; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
    if ! pg_ready && [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null; then
        local cluster
        cluster="$(pg_lsclusters -h 2>/dev/null | awk -v port="$PGPORT" '$3 == port {print $1 " " $2; exit}')"
        if [ -n "$cluster" ]; then
            say "Starting the PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start || true
        fi
    fi
    if ! pg_ready; then
        # No server: a private cluster under the project's folder.
        local bindir datadir="$PROJECT_DIR/.pgdata"
        bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
        [ -x "$bindir/initdb" ] || die "no PostgreSQL server reachable on $PGHOST:$PGPORT and no server binaries found.
  Install one (Debian: apt-get install postgresql) or point FICHA_DB_HOST/FICHA_DB_PORT to yours."
        if [ ! -f "$datadir/PG_VERSION" ]; then
            say "Creating a private PostgreSQL cluster in $datadir"
            mkdir -p "$datadir"
            [ "$(id -u)" = 0 ] && chown postgres: "$datadir"
            as_postgres "$bindir/initdb" -q -D "$datadir" -U postgres --auth-local=trust --auth-host=trust >/dev/null
        fi
        say "Starting the private PostgreSQL cluster on port $PGPORT"
        as_postgres "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
            -o "-p $PGPORT -k /tmp -c listen_addresses=localhost" start >/dev/null
    fi
    pg_ready || die "PostgreSQL is not answering on $PGHOST:$PGPORT."
    if ! PGPASSWORD="$DB_PASSWORD" psql -q -U "$DB_USER" -d postgres -c 'select 1' >/dev/null 2>&1; then
        say "Creating the PostgreSQL role '$DB_USER'"
        # Over TCP first (a private cluster trusts it), then over the local socket, where the
        # packaged cluster authenticates the postgres user by peer (PGHOST would force TCP).
        as_postgres psql -w -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
            -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'" 2>/dev/null \
        || as_postgres env -u PGHOST psql -w -q -p "$PGPORT" -d postgres \
            -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'" \
        || die "could not create the role '$DB_USER': create it yourself (LOGIN CREATEDB PASSWORD) or set FICHA_DB_USER/FICHA_DB_PASSWORD."
    fi
}

db_exists() {
    PGPASSWORD="$DB_PASSWORD" psql -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

drop_db() {
    PGPASSWORD="$DB_PASSWORD" dropdb -U "$DB_USER" --if-exists --force "$1"
}

# odoo_conf DBNAME: writes an Odoo configuration file for DBNAME and prints its path.
odoo_conf() {
    mkdir -p "$RUN_DIR"
    local conf="$RUN_DIR/$1.conf"
    cat > "$conf" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_DIR
data_dir = $RUN_DIR/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $DB_USER
db_password = $DB_PASSWORD
db_name = $1
dbfilter = ^$1\$
list_db = False
http_port = ${FICHA_HTTP_PORT:-8069}
gevent_port = ${FICHA_GEVENT_PORT:-8072}
without_demo = all
CONF
    echo "$conf"
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"
}

# The native apps the sheet reads; installed once into a template database so
# that every fresh test database is a copy, not a 90-second install.
ODOO_DEPENDENCIES="account,sale_management,sale_stock,repair,crm,calendar,contacts"
