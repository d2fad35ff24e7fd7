#!/usr/bin/env bash
# Builds (once) the benchmark database with the demo generator's scale mode, then measures the sheet.
#   scripts/benchmark.sh [--customers N] [--big-invoices N] [--load-seconds N] [--browser-runs N]
#                        [--replica] [--rebuild]
# Defaults: 2000 customers, one big customer with 30000 invoices (~90000 installments). The first
# build plays a template through Odoo and copies it in SQL (demo/scale.py):
# 13 minutes here on 2 cores (see README); later runs reuse the database.
# --browser-runs N: openings measured in headless Chromium after a warm-up (default 11, 0 skips).
# --replica: also starts a hot standby of the local cluster (pg_basebackup -R, port
#   FICHA_REPLICA_PORT, default 5434), runs the load test without and with Odoo sending its
#   read-only requests there, then stops and removes it. Needs the postgres system user (root or
#   sudo -u postgres) and a local cluster.
source "$(dirname "$0")/lib.sh"

DB="${FICHA_BENCH_DB:-ficha_bench}"
CUSTOMERS=2000 BIG=30000 LOAD=60 REBUILD=0 RUNS=11 REPLICA=0
REPLICA_PORT="${FICHA_REPLICA_PORT:-5434}"
while [ $# -gt 0 ]; do
    case "$1" in
        --customers) CUSTOMERS="$2"; shift ;;
        --big-invoices) BIG="$2"; shift ;;
        --load-seconds) LOAD="$2"; shift ;;
        --browser-runs) RUNS="$2"; shift ;;
        --replica) REPLICA=1 ;;
        --rebuild) REBUILD=1 ;;
        *) die "unknown option $1 (see the header of $0)" ;;
    esac
    shift
done
[ "$REPLICA" = 1 ] && [ "$LOAD" = 0 ] && die "--replica compares load tests: give --load-seconds more than 0."

# --- the read replica ---------------------------------------------------------------------------
REPLICA_DIR=""

# as_pg_superuser CMD...: CMD as the postgres system user, over the local socket (peer).
as_pg_superuser() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- env -u PGHOST "$@"
    elif sudo -n -u postgres true 2>/dev/null; then
        (cd / && sudo -n -u postgres env -u PGHOST "$@")
    else
        die "--replica runs pg_basebackup and the standby as the postgres system user: run as root or with sudo -u postgres allowed."
    fi
}

primary_setting() { as_pg_superuser psql -X -w -p "$PGPORT" -d postgres -tAc "SHOW $1"; }

# start_replica: a hot standby of the local cluster on REPLICA_PORT, caught up with the primary.
start_replica() {
    [[ "$PGHOST" =~ ^(localhost|127\.0\.0\.1|::1)$ ]] || die "--replica needs the PostgreSQL cluster on this machine (FICHA_DB_HOST=$PGHOST)."
    pg_isready -q -h localhost -p "$REPLICA_PORT" && die "port $REPLICA_PORT is taken: set FICHA_REPLICA_PORT."
    local major bindir socket option options=()
    major="$(( $(primary_setting server_version_num) / 10000 ))"
    bindir="/usr/lib/postgresql/$major/bin"
    [ -x "$bindir/pg_basebackup" ] || bindir="$(dirname "$(command -v pg_basebackup)")"
    socket="$(primary_setting unix_socket_directories | cut -d, -f1 | xargs)"
    # A hot standby needs these at least as high as on the primary; the access rules are the primary's.
    for option in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
            max_locks_per_transaction hba_file ident_file; do
        options+=(-c "$option=$(primary_setting "$option")")
    done
    REPLICA_DIR="$(mktemp -d /tmp/ficha-replica.XXXXXX)"
    trap stop_replica EXIT
    [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
    say "Read replica: pg_basebackup -R of the cluster on port $PGPORT into $REPLICA_DIR, hot standby on port $REPLICA_PORT"
    local started=$SECONDS
    as_pg_superuser "$bindir/pg_basebackup" -h "$socket" -p "$PGPORT" -U postgres -D "$REPLICA_DIR/data" \
        -R -X stream -c fast || die "pg_basebackup failed (above)."
    say "... copied in $((SECONDS - started)) s ($(du -sh "$REPLICA_DIR/data" | cut -f1)); starting the standby"
    # Debian keeps the configuration outside the data directory: the copy then has none.
    [ -f "$REPLICA_DIR/data/postgresql.conf" ] || as_pg_superuser touch "$REPLICA_DIR/data/postgresql.conf"
    # Command-line settings override the configuration the copy may hold (the primary's port...).
    as_pg_superuser "$bindir/pg_ctl" -D "$REPLICA_DIR/data" -l "$REPLICA_DIR/server.log" -w -t 300 \
        -o "-c port=$REPLICA_PORT -c listen_addresses=localhost -c unix_socket_directories=$REPLICA_DIR \
            -c hot_standby=on -c hot_standby_feedback=on -c logging_collector=off ${options[*]}" start >/dev/null \
        || { cat "$REPLICA_DIR/server.log" >&2; die "the standby did not start (its log above)."; }
    # Read-only connections as Odoo makes them (its role, over TCP), then caught up with the primary.
    local target in_recovery caught_up
    target="$(PGPASSWORD="$DB_PASSWORD" psql -X -U "$DB_USER" -d "$DB" -tAc 'SELECT pg_current_wal_lsn()')"
    for _ in $(seq 300); do
        in_recovery="$(PGPASSWORD="$DB_PASSWORD" psql -X -p "$REPLICA_PORT" -U "$DB_USER" -d "$DB" -tAc \
            "SELECT pg_is_in_recovery()" 2>/dev/null || true)"
        caught_up="$(PGPASSWORD="$DB_PASSWORD" psql -X -p "$REPLICA_PORT" -U "$DB_USER" -d "$DB" -tAc \
            "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn" 2>/dev/null || true)"
        [ "$in_recovery" = t ] && [ "$caught_up" = t ] && break
        sleep 1
    done
    [ "$in_recovery" = t ] && [ "$caught_up" = t ] || die "the standby on port $REPLICA_PORT does not serve $DB read-only (see $REPLICA_DIR/server.log)."
    say "Standby on port $REPLICA_PORT accepts read-only connections, replayed up to $target ($((SECONDS - started)) s in all)"
}

stop_replica() {
    [ -n "$REPLICA_DIR" ] || return 0
    if [ -f "$REPLICA_DIR/data/postmaster.pid" ]; then
        local bindir
        bindir="/usr/lib/postgresql/$(( $(primary_setting server_version_num) / 10000 ))/bin"
        [ -x "$bindir/pg_ctl" ] || bindir="$(dirname "$(command -v pg_ctl)")"
        as_pg_superuser "$bindir/pg_ctl" -D "$REPLICA_DIR/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$REPLICA_DIR"
    say "Standby stopped and removed"
    REPLICA_DIR=""
}

# check_retries LOGFILE: a read-only request that writes is retried on the primary with a warning.
check_retries() {
    local count
    count="$(grep -c 'retrying with a read/write cursor' "$1" || true)"
    [ "$count" = 0 ] && return 0
    printf '\033[31m%s read-only requests wrote and were retried on the primary (%s):\033[0m\n' "$count" "$1" >&2
    grep -m3 -A30 'retrying with a read/write cursor' "$1" | grep -E 'retrying|ficha_cliente/' >&2
    return 1
}

# --- the measures -------------------------------------------------------------------------------
if [ "$RUNS" != 0 ]; then check_prerequisites --browser; else check_prerequisites; fi
ensure_venv
ensure_postgres
RESET_ARG=()
[ "$REBUILD" = 1 ] && RESET_ARG=(--reset)
say "Benchmark database $DB ($CUSTOMERS customers, a big one with $BIG invoices; built once, then reused)"
# demo.sh builds the database when it has no demo story yet (an interrupted build included).
FICHA_DEMO_DB="$DB" "$PROJECT_DIR/scripts/demo.sh" "${RESET_ARG[@]}" --no-start \
    --customers "$CUSTOMERS" --big-invoices "$BIG" --years 5
CONF="$(odoo_conf "$DB")"
BENCH=("$VENV/bin/python" "$PROJECT_DIR/benchmark/bench_sheet.py" -c "$CONF" -d "$DB")
export ODOO_SRC
say "Measuring"
"${BENCH[@]}" --load-seconds "$LOAD" --json "$RUN_DIR/benchmark-latest.json" --odoo-log "$RUN_DIR/benchmark-load.log"
# The load test's Odoo runs with workers, as in production: its log must be clean, and the
# websocket (the evented worker, which the load test does not use) must answer.
if [ "$LOAD" != 0 ]; then
    check_odoo_log "$RUN_DIR/benchmark-load.log" || die "the load test's Odoo logged errors (above)."
fi
if [ "$RUNS" != 0 ]; then
    say "Browser: the sheet and the contact form in headless Chromium ($RUNS openings after a warm-up)"
    "$VENV/bin/python" "$PROJECT_DIR/benchmark/browser_bench.py" -c "$CONF" -d "$DB" --runs "$RUNS" \
        --json "$RUN_DIR/benchmark-browser.json" --odoo-log "$RUN_DIR/benchmark-browser-odoo.log" \
        || die "the browser benchmark failed (above)."
    check_odoo_log "$RUN_DIR/benchmark-browser-odoo.log" || die "the browser benchmark's Odoo logged errors (above)."
fi
if [ "$REPLICA" = 1 ]; then
    # Both load tests with Odoo at INFO (a line per request, with its cursor when there is a replica).
    say "Load test without a replica (Odoo at INFO, log in $RUN_DIR/benchmark-noreplica-load.log)"
    "${BENCH[@]}" --load-only --load-seconds "$LOAD" --log-level info \
        --json "$RUN_DIR/benchmark-noreplica.json" --odoo-log "$RUN_DIR/benchmark-noreplica-load.log"
    check_odoo_log "$RUN_DIR/benchmark-noreplica-load.log" || die "the load test's Odoo logged errors (above)."
    start_replica
    say "Load test with the replica (every read of the sheet sent once first; log in $RUN_DIR/benchmark-replica-load.log)"
    "${BENCH[@]}" --load-only --load-seconds "$LOAD" --log-level info --replica "localhost:$REPLICA_PORT" \
        --json "$RUN_DIR/benchmark-replica.json" --odoo-log "$RUN_DIR/benchmark-replica-load.log"
    status=0
    check_odoo_log "$RUN_DIR/benchmark-replica-load.log" || status=1
    check_retries "$RUN_DIR/benchmark-replica-load.log" || status=1
    if [ "$RUNS" != 0 ]; then
        say "Browser with the replica (every page clicked; log in $RUN_DIR/benchmark-browser-replica-odoo.log)"
        "$VENV/bin/python" "$PROJECT_DIR/benchmark/browser_bench.py" -c "$CONF" -d "$DB" --runs 3 \
            --replica "localhost:$REPLICA_PORT" --json "$RUN_DIR/benchmark-browser-replica.json" \
            --odoo-log "$RUN_DIR/benchmark-browser-replica-odoo.log" || status=1
        check_odoo_log "$RUN_DIR/benchmark-browser-replica-odoo.log" || status=1
        check_retries "$RUN_DIR/benchmark-browser-replica-odoo.log" || status=1
    fi
    stop_replica
    [ "$status" = 0 ] || die "with the replica, Odoo logged errors or read-only requests that write (above)."
fi
odoo_smoke "$DB" || die "the production smoke run on $DB failed (above)."
