# shellcheck shell=bash
# Shared set-up for scripts/demo.sh, scripts/test.sh and scripts/benchmark.sh.
# Sourced, not run. Every step is idempotent and says what is missing.

set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo18}"
# Where the setup fetches Odoo 18.0 Community when ODOO_SRC holds none (git-ignored).
ODOO_FETCHED="$PROJECT_DIR/.odoo"
ODOO_REPO="${FICHA_ODOO_REPO:-https://github.com/odoo/odoo}"
VENV="${FICHA_VENV:-$PROJECT_DIR/.venv}"
RUN_DIR="$PROJECT_DIR/.run"
export PGHOST="${FICHA_DB_HOST:-localhost}"
export PGPORT="${FICHA_DB_PORT:-5432}"
DB_USER="${FICHA_DB_USER:-odoo}"
DB_PASSWORD="${FICHA_DB_PASSWORD:-odoo}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

is_odoo_tree() { [ -f "$1/odoo-bin" ] && [ -d "$1/odoo/addons" ]; }

# The apt package of the interpreter's venv or headers: python3-X for the system's default
# python3, python3.N-X for another Debian/Ubuntu interpreter.
python_deb() {
    local version default
    version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    default="$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
    if [ "$version" = "$default" ]; then echo "python3-$1"; else echo "python$version-$1"; fi
}

venv_current() {
    [ -f "$ODOO_SRC/requirements.txt" ] && [ -f "$VENV/.ficha-requirements" ] \
        && [ "$(cat "$VENV/.ficha-requirements")" = "$(requirements_digest)" ]
}

requirements_digest() {
    cat "$ODOO_SRC/requirements.txt" "$PROJECT_DIR/requirements.txt" | sha1sum | cut -c1-40
}

# check_system_packages [--browser]: names every missing system package in one install command,
# before anything is fetched or built (--browser: Chromium too, for the tours).
# pip builds some of Odoo's pins from source (psycopg2 always: libpq-dev, a C compiler, the Python
# headers), so those are needed only while the virtualenv is to be (re)built.
check_system_packages() {
    local missing=()
    if [ -z "$PYTHON" ]; then
        missing+=(python3 python3-venv python3-dev libpq-dev build-essential)
    elif ! venv_current; then
        [ -x "$VENV/bin/python" ] || "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null \
            || missing+=("$(python_deb venv)")
        [ -f "$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ] \
            || missing+=("$(python_deb dev)")
        command -v pg_config >/dev/null || missing+=(libpq-dev)
        command -v cc >/dev/null || command -v gcc >/dev/null || missing+=(build-essential)
    fi
    if ! command -v psql >/dev/null || ! command -v pg_isready >/dev/null; then
        missing+=(postgresql)
    elif [[ "$PGHOST" =~ ^(localhost|127\.0\.0\.1|::1)$ ]] && ! pg_ready \
            && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
        missing+=(postgresql)  # the client alone, and no local server to start
    fi
    is_odoo_tree "$ODOO_SRC" || is_odoo_tree "$ODOO_FETCHED" || command -v git >/dev/null || missing+=(git)
    if [ "$1" = --browser ] && ! command -v chromium >/dev/null \
            && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
        # The tours run in headless Chromium (Ubuntu's package is chromium-browser, a snap).
        if grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null; then missing+=(chromium-browser); else missing+=(chromium); fi
    fi
    [ "${#missing[@]}" = 0 ] && return
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo "
    if command -v apt-get >/dev/null; then
        die "missing system packages: ${missing[*]}. Install them with:
  ${sudo}apt-get install -y ${missing[*]}
then run this again."
    fi
    die "missing system packages (Debian/Ubuntu names): ${missing[*]}. Install your system's equivalents, then run this again."
}

# Uses ODOO_SRC when it holds Odoo, else the copy fetched earlier into .odoo, else fetches it.
fetch_odoo() {
    local partial="$ODOO_FETCHED.partial"
    local by_hand="git clone --depth 1 --branch 18.0 $ODOO_REPO $ODOO_FETCHED"
    if [ "${CI:-}" = true ]; then
        die "no Odoo 18.0 source tree at '$ODOO_SRC'. CI does not fetch Odoo: set ODOO_SRC to an Odoo 18.0 tree."
    fi
    say "No Odoo at '$ODOO_SRC': fetching Odoo 18.0 Community (shallow clone of branch 18.0) into $ODOO_FETCHED"
    export GIT_TERMINAL_PROMPT=0
    timeout 60 git ls-remote --exit-code --heads "$ODOO_REPO" 18.0 >/dev/null || die "could not reach $ODOO_REPO (offline?). Either:
  - connect to the internet and run this again (Odoo is then fetched into $ODOO_FETCHED), or
  - fetch it there yourself from a machine or mirror that has it: $by_hand, or
  - use an Odoo 18.0 Community tree you have: export ODOO_SRC=/path/to/odoo-18.0"
    rm -rf "$partial"
    # A stalled transfer (under 1 kB/s for a minute) stops instead of hanging.
    git -c http.lowSpeedLimit=1000 -c http.lowSpeedTime=60 clone --depth 1 --branch 18.0 --single-branch \
        "$ODOO_REPO" "$partial" || { rm -rf "$partial"; die "fetching Odoo failed (see above); run this again, or: $by_hand"; }
    mv "$partial" "$ODOO_FETCHED"
}

# check_prerequisites [--browser]
check_prerequisites() {
    PYTHON="${FICHA_PYTHON:-$(command -v python3 || true)}"
    if [ -n "$PYTHON" ]; then
        "$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' \
            || die "$("$PYTHON" --version) found: Odoo 18.0 needs Python 3.10 to 3.12 (set FICHA_PYTHON)."
    fi
    if ! is_odoo_tree "$ODOO_SRC" && is_odoo_tree "$ODOO_FETCHED"; then
        ODOO_SRC="$ODOO_FETCHED"
    fi
    check_system_packages "${1:-}"
    is_odoo_tree "$ODOO_SRC" || { fetch_odoo; ODOO_SRC="$ODOO_FETCHED"; }
    export ODOO_SRC
    grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" \
        || die "the Odoo tree at '$ODOO_SRC' is not Odoo 18.0 (see $ODOO_SRC/odoo/release.py)."
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

# sudo_ok [-u USER]: sudo may run commands here, without a password or asking for it at a terminal.
sudo_ok() {
    command -v sudo >/dev/null && { sudo -n "$@" true 2>/dev/null || [ -t 0 ]; }
}

ensure_postgres() {
    if ! pg_ready && command -v pg_lsclusters >/dev/null; then
        local cluster
        cluster="$(pg_lsclusters -h 2>/dev/null | awk -v port="$PGPORT" '$3 == port {print $1 " " $2; exit}')"
        if [ -n "$cluster" ] && [ "$(id -u)" = 0 ]; then
            say "Starting the PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start || true
        elif [ -n "$cluster" ] && sudo_ok; then
            say "Starting the PostgreSQL cluster $cluster (sudo pg_ctlcluster $cluster start)"
            # shellcheck disable=SC2086
            sudo pg_ctlcluster $cluster start || true
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
        create_role
    fi
}

# The role the scripts connect as (FICHA_DB_USER), with the right to create databases.
create_role() {
    local sql="CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
    say "Creating the PostgreSQL role '$DB_USER'"
    # Over TCP first (a private cluster trusts it), then over the local socket, where the
    # packaged cluster authenticates the postgres system user by peer (PGHOST would force TCP).
    as_postgres psql -w -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "$sql" 2>/dev/null && return
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- env -u PGHOST psql -w -q -p "$PGPORT" -d postgres -c "$sql" && return
    elif sudo_ok -u postgres; then
        say "... as the postgres system user: sudo -u postgres psql (sudo may ask for your password)"
        (cd / && sudo -u postgres env -u PGHOST psql -w -q -p "$PGPORT" -d postgres -c "$sql") && return
    else
        # No sudo: one's own login role, when it may create roles.
        env -u PGHOST psql -w -q -p "$PGPORT" -d postgres -c "$sql" 2>/dev/null && return
    fi
    die "could not create the PostgreSQL role '$DB_USER'. Run once, as a user who may use sudo (or as root):
  sudo -u postgres psql -p $PGPORT -c \"CREATE ROLE \\\"$DB_USER\\\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\"
then run this again (or set FICHA_DB_USER/FICHA_DB_PASSWORD to a role that exists)."
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

# check_odoo_log LOGFILE: fails, showing them, on the ERROR/CRITICAL lines and tracebacks of a log.
check_odoo_log() {
    local found
    found="$(grep -n -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |Traceback \(most recent call last\)' "$1" || true)"
    [ -z "$found" ] && return
    printf '\033[31mThe Odoo log %s has errors:\033[0m\n' "$1" >&2
    echo "$found" | head -20 >&2
    grep -q Traceback "$1" && { echo "First traceback:" >&2; grep -m1 -A25 'Traceback (most recent call last)' "$1" >&2; }
    return 1
}

# odoo_smoke DBNAME: Odoo in production mode (--workers 2: prefork HTTP workers, a cron worker and
# the evented worker that serves websockets) on DBNAME, probed by scripts/smoke_workers.py (login,
# web client, websocket on the gevent port), stopped, then its log checked for errors.
odoo_smoke() {
    local db="$1" conf log pid status=0
    local http="${FICHA_HTTP_PORT:-8069}" gevent="${FICHA_GEVENT_PORT:-8072}"
    conf="$(odoo_conf "$db")"
    log="$RUN_DIR/smoke-$db.log"
    rm -f "$log"
    say "Production smoke run: Odoo with --workers 2 on $db (HTTP $http, websocket $gevent), log in $log"
    # The log on stderr, not --logfile: a worker that crashes before logging starts (the evented
    # one without pkg_resources) writes its traceback there.
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$db" --workers 2 --max-cron-threads 1 \
        --http-port "$http" --gevent-port "$gevent" --log-level info > "$log" 2>&1 &
    pid=$!
    "$VENV/bin/python" "$PROJECT_DIR/scripts/smoke_workers.py" --http "http://127.0.0.1:$http" \
        --gevent-port "$gevent" -d "$db" || status=1
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
    else
        printf '\033[31mOdoo stopped by itself during the smoke run (ports %s/%s taken?)\033[0m\n' "$http" "$gevent" >&2
        status=1
    fi
    wait "$pid" || true
    check_odoo_log "$log" || status=1
    [ "$status" = 0 ] && say "Production smoke run passed (no error in the log)"
    return "$status"
}
