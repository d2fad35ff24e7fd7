"""Benchmark of the customer sheet against Odoo's standard contact form.

Run by ``scripts/benchmark.sh`` (which builds the benchmark database first):

    python benchmark/bench_sheet.py -c .run/ficha_bench.conf -d ficha_bench [--load-seconds 60]

Measures, for a small customer and for the biggest one, the SQL queries and the
server time of what the web client does when it opens a form (``web_read`` with
the view's field specification, x2many pages included), for the sheet and for
``base.view_partner_form``; each section list's first page (``web_search_read``);
the customer list; the Excel export; the alerts of every customer; and, with
``--load-seconds``, 8 concurrent sessions against Odoo running 2 workers.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo18")
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from view_spec import opening_reads, section_specs, view_spec  # noqa: E402

SHEET_VIEW = "ficha_cliente.res_partner_view_form_ficha"
STANDARD_VIEW = "base.view_partner_form"
RUNS = 5


def measure(env, fn, runs=RUNS):
    """Median server time (ms) and query count of ``fn(env)`` on an empty record cache.

    A first call warms the registry caches (views, access rules, groups) as in a running
    server; every measured call starts from an empty record cache.
    """
    fn(env)
    times, counts = [], []
    for _ in range(runs):
        env.invalidate_all()
        start_count = env.cr.sql_log_count
        start = time.perf_counter()
        fn(env)
        times.append((time.perf_counter() - start) * 1000)
        counts.append(env.cr.sql_log_count - start_count)
    return statistics.median(times), max(counts)


def pick_customers(env):
    """The smallest and the biggest customer (by receivable lines) with history."""
    env.cr.execute(
        """
        SELECT p.commercial_partner_id, count(*)
          FROM account_move_line l JOIN res_partner p ON p.id = l.partner_id
         WHERE l.display_type = 'payment_term' AND l.parent_state = 'posted'
         GROUP BY 1 ORDER BY 2, 1
        """
    )
    rows = env.cr.fetchall()
    if not rows:
        sys.exit("No customer with posted invoices: build the benchmark database first.")
    return {"small": rows[len(rows) // 4], "big": rows[-1]}


def bench_forms(env, partner_id):
    """The sheet as the browser opens it, against the standard contact form.

    The sheet's form reads the identity; its sections are embedded forms read when shown:
    the header's two (alert banner, headline figures) at once, the first page (installments for a
    financial user) when the notebook renders it, any other page when the user opens it.
    "Opening" is the form, the header's sections and the first page: the three requests the
    browser sends to show the sheet (the form; the banner; the headline figures with the first
    page, "together"), side by side; here their server times added up.
    """
    partners = env["res.partner"]
    sheet_id = env.ref(SHEET_VIEW).id
    specs = {"sheet": view_spec(partners, sheet_id), **section_specs(partners, sheet_id)}
    specs["standard"] = view_spec(partners, env.ref(STANDARD_VIEW).id)
    out = {}
    for label, spec in specs.items():
        ms, queries = measure(env, lambda e, spec=spec: e["res.partner"].browse(partner_id).web_read(spec))
        out[label] = {"ms": round(ms, 1), "queries": queries}
    apart, names = opening_reads(partners, sheet_id)
    together = [specs[name] for name in names]
    ms, queries = measure(
        env, lambda e: e["res.partner"].browse(partner_id).ficha_web_read_sections(together)
    )
    out["together"] = {"ms": round(ms, 1), "queries": queries, "parts": f"{' + '.join(names)} in one request"}
    opening = [out["sheet"], *(out[name] for name in apart), out["together"]]
    out["opening"] = {
        "ms": round(sum(part["ms"] for part in opening), 1),
        "queries": sum(part["queries"] for part in opening),
        "parts": f"sheet + {' + '.join(apart)} + together",
    }
    return out


# What the web client's list views send: count the records up to 10,000, then show "10000+"
# (RelationalModel.DEFAULT_COUNT_LIMIT + 1).
WEB_COUNT_LIMIT = 10001


def section_lists(env, partner_id):
    """``[(field, model, domain, specification)]``: each section list of the sheet as its full
    list view reads it."""
    partners = env["res.partner"]
    out = []
    for name, field in partners._fields.items():
        if not name.startswith("ficha_") or field.type != "one2many":
            continue
        spec = view_spec(env[field.comodel_name], False, "list")
        out.append((name, field.comodel_name, [(field.inverse_name, "=", partner_id)], spec))
    return out


def bench_section_lists(env, partner_id):
    """First page of each section list of the sheet, as its full list view opens it."""
    out = {}
    for name, model, domain, spec in section_lists(env, partner_id):
        ms, queries = measure(
            env,
            lambda e, c=model, s=spec, d=domain: e[c].web_search_read(
                d, s, limit=80, count_limit=WEB_COUNT_LIMIT
            ),
        )
        out[name] = {"ms": round(ms, 1), "queries": queries}
    return out


def customer_list_read(env):
    """``(domain, specification)`` of the sheet's customer list."""
    from odoo.tools.safe_eval import safe_eval

    action = env.ref("ficha_cliente.res_partner_action_ficha")
    spec = view_spec(env["res.partner"], env.ref("ficha_cliente.res_partner_view_list_ficha").id, "list")
    return [*safe_eval(action.domain), ("customer_rank", ">", 0)], spec


def bench_customer_list(env):
    domain, spec = customer_list_read(env)
    ms, queries = measure(
        env, lambda e: e["res.partner"].web_search_read(domain, spec, limit=80, count_limit=WEB_COUNT_LIMIT)
    )
    return {"ms": round(ms, 1), "queries": queries}


def bench_export(env, partner_id):
    partner = env["res.partner"].browse(partner_id)
    if not hasattr(partner, "_ficha_financial_xlsx"):
        return "n/a (export not installed)"
    env.invalidate_all()
    start = time.perf_counter()
    _filename, content = partner._ficha_financial_xlsx()
    seconds = time.perf_counter() - start
    # A second run under tracemalloc (which slows Python down) for the peak memory.
    env.invalidate_all()
    tracemalloc.start()
    partner._ficha_financial_xlsx()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 2**20, 1), "size_kb": len(content) // 1024}


def bench_alerts(env):
    partners = env["res.partner"].search([("customer_rank", ">", 0), ("parent_id", "=", False)])
    if "ficha_alert_count" not in partners._fields:
        return "n/a (alerts not installed)"
    env.invalidate_all()
    start_count = env.cr.sql_log_count
    start = time.perf_counter()
    partners.mapped("ficha_alert_count")
    return {
        "customers": len(partners),
        "seconds": round(time.perf_counter() - start, 2),
        "queries": env.cr.sql_log_count - start_count,
    }


RETRY_WARNING = "retrying with a read/write cursor"
READONLY_FALLBACK = "Failed to open a readonly cursor"


def replica_options(args):
    if not args.replica:
        return []
    host, port = args.replica.rsplit(":", 1)
    return [f"--db_replica_host={host}", f"--db_replica_port={port}"]


def start_odoo(args, port, gevent_port, log_level, log_file):
    """Odoo as in production (2 workers, no cron) on ``port``, its read-only requests on the replica
    of ``args.replica`` if any, logging to ``log_file`` (stderr too: a worker that crashes before
    logging starts writes there; scripts/benchmark.sh fails on an ERROR or a traceback in it).
    Returns the process once the login page answers."""
    import requests

    proc = subprocess.Popen(
        [sys.executable, f"{ODOO_SRC}/odoo-bin", "-c", args.config, "-d", args.database,
         "--workers=2", f"--http-port={port}", f"--gevent-port={gevent_port}",
         f"--log-level={log_level}", "--max-cron-threads=0", "--limit-time-real=600",
         *replica_options(args)],
        stdout=log_file, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(240):
        try:
            requests.get(f"http://127.0.0.1:{port}/web/login", timeout=30)
            break
        except requests.RequestException:  # refused while starting, slow on the first request
            time.sleep(0.5)
    return proc


def sweep_requests(env, customers):
    """``[(label, model, method, args, kwargs)]``: every read of the sheet, once per customer: the
    form, each section (the header's and the pages), each section list's first page; the customer list."""
    partners = env["res.partner"]
    sheet_id = env.ref(SHEET_VIEW).id
    specs = {"form": view_spec(partners, sheet_id), **section_specs(partners, sheet_id)}
    together = [specs[name] for name in opening_reads(partners, sheet_id)[1]]
    out = []
    for label, (partner_id, _installments) in customers.items():
        for name, spec in specs.items():
            out.append(
                (f"{label} {name}", "res.partner", "web_read", [[partner_id]], {"specification": spec})
            )
        out.append(
            (
                f"{label} opening sections",
                "res.partner",
                "ficha_web_read_sections",
                [[partner_id], together],
                {},
            )
        )
        for name, model, domain, spec in section_lists(env, partner_id):
            kwargs = {"domain": domain, "specification": spec, "limit": 80, "count_limit": WEB_COUNT_LIMIT}
            out.append((f"{label} list {name}", model, "web_search_read", [], kwargs))
    domain, spec = customer_list_read(env)
    kwargs = {"domain": domain, "specification": spec, "limit": 80, "count_limit": WEB_COUNT_LIMIT}
    out.append(("customer list", "res.partner", "web_search_read", [], kwargs))
    return out


def readonly_sweep(args, base, sweep):
    """Sends each request of ``sweep`` once, one at a time, and reads the server log after each:
    a read-only request that writes is rolled back and retried on the primary with the warning
    "retrying with a read/write cursor" (``odoo/http.py``). Returns the requests that did, with
    the addon's innermost frame of the warning's traceback and the refused statement."""
    import requests

    session = requests.Session()
    session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": args.database, "login": "admin", "password": "admin"}},
        timeout=60,
    ).raise_for_status()
    log = Path(args.odoo_log)
    writers, failed = [], []
    for label, model, method, call_args, kwargs in sweep:
        offset = log.stat().st_size
        payload = {
            "params": {
                "model": model,
                "method": method,
                "args": call_args,
                "kwargs": {**kwargs, "context": {"lang": "pt_BR"}},
            }
        }
        resp = session.post(f"{base}/web/dataset/call_kw/{model}/{method}", json=payload, timeout=300)
        if resp.status_code != 200 or resp.json().get("error"):
            failed.append({"request": label, "error": resp.text[:300]})
        with log.open() as fh:
            fh.seek(offset)
            new = fh.read()
        if RETRY_WARNING in new:
            frames = re.findall(r'File "[^"]*/(ficha_cliente/[^"]+)", line (\d+), in (\w+)', new)
            refused = re.search(r"WARNING .*?: (.*?), " + RETRY_WARNING, new)
            writers.append({
                "request": f"{label} ({model}.{method})",
                "where": [f"{path}:{line} {func}" for path, line, func in frames][-3:],
                "refused": refused.group(1) if refused else None,
            })  # fmt: skip
    return {"requests": len(sweep), "writing": writers, "failed": failed}


def log_figures(path):
    """Read-only requests retried on the primary, fallbacks to the primary, and (at INFO, with a
    replica) the cursor of each request as werkzeug logs it: ro, ro->rw (retried), rw."""
    text = Path(path).read_text(errors="replace")
    modes = {}
    for mode in re.findall(r'" \d{3} \S+ \d+ [0-9.]+ [0-9.]+ (ro->rw|ro|rw)\b', text):
        modes[mode] = modes.get(mode, 0) + 1
    return {
        "retry_warnings": text.count(RETRY_WARNING),
        "readonly_fallbacks": text.count(READONLY_FALLBACK),
        "cursor_modes": modes,
    }


def database_transactions(args, port_of_replica=False):
    """Transactions committed and rolled back in the database so far (``pg_stat_database``), on the
    primary or on the replica. Odoo ends a read-only request's transaction with a rollback."""
    import psycopg2

    host, port = config["db_host"] or "localhost", config["db_port"] or 5432
    if port_of_replica:
        host, port = args.replica.rsplit(":", 1)
    conn = psycopg2.connect(
        dbname=args.database, host=host, port=port, user=config["db_user"], password=config["db_password"]
    )
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = %s", [args.database]
            )
            commit, rollback = cr.fetchone()
    finally:
        conn.close()
    return {"commit": commit, "rollback": rollback}


def bench_load(args, partner_ids, seconds, sweep=()):
    """8 sessions opening random sheets (form, header's sections, first page) against Odoo with
    2 workers.

    ``sweep``: requests sent once each, one at a time, before the load (see ``readonly_sweep``).
    With ``--replica``, Odoo sends its read-only requests to that standby.
    """
    import requests

    port = int(os.environ.get("FICHA_HTTP_PORT", 8369))
    gevent_port = int(os.environ.get("FICHA_GEVENT_PORT", port + 3))
    log_file = open(args.odoo_log, "w") if args.odoo_log else subprocess.DEVNULL  # noqa: SIM115
    odoo_proc = start_odoo(args, port, gevent_port, args.log_level, log_file)
    base = f"http://127.0.0.1:{port}"
    try:
        swept = readonly_sweep(args, base, sweep) if sweep else None
        spec_holder = {}
        latencies, errors = [], []
        lock = threading.Lock()
        # All sessions logged in, then the clock starts (a short run measured nothing otherwise).
        logged_in = threading.Barrier(8, timeout=300)
        deadline = [0.0]

        def session_worker(seed):
            rnd = random.Random(seed)
            session = requests.Session()
            resp = session.post(
                f"{base}/web/session/authenticate",
                json={"params": {"db": args.database, "login": "admin", "password": "admin"}},
                timeout=60,
            )
            logged = not resp.json().get("error")
            if not logged:
                errors.append("login failed")
            if logged_in.wait() == 0:
                deadline[0] = time.monotonic() + seconds
            logged_in.wait()
            if not logged:
                return
            while time.monotonic() < deadline[0]:
                # One opening: the sheet's form, its header's sections and its first page, in the
                # browser's three requests (side by side there; here one after the other).
                partner_id = rnd.choice(partner_ids)
                start = time.perf_counter()
                failed = None
                for method, arguments in spec_holder["opening"]:
                    payload = {
                        "params": {
                            "model": "res.partner",
                            "method": method,
                            "args": [[partner_id], *arguments],
                            "kwargs": {"context": {"lang": "pt_BR"}},
                        }
                    }
                    resp = session.post(
                        f"{base}/web/dataset/call_kw/res.partner/{method}", json=payload, timeout=120
                    )
                    if resp.status_code != 200 or resp.json().get("error"):
                        failed = resp.text[:200]
                        break
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if failed:
                        errors.append(failed)
                    else:
                        latencies.append(elapsed)

        with Registry(args.database).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env = env(user=env.ref("base.user_admin"))
            sheet_id = env.ref(SHEET_VIEW).id
            sections = section_specs(env["res.partner"], sheet_id)
            apart, together = opening_reads(env["res.partner"], sheet_id)
            spec_holder["opening"] = [
                ("web_read", [view_spec(env["res.partner"], sheet_id)]),
                *(("web_read", [sections[name]]) for name in apart),
                ("ficha_web_read_sections", [[sections[name] for name in together]]),
            ]
        # One login first: the admin's first login from a new address rewrites web.base.url, and 8 at
        # once would collide on it (a serialization failure, logged as an ERROR, then retried).
        requests.post(
            f"{base}/web/session/authenticate",
            json={"params": {"db": args.database, "login": "admin", "password": "admin"}},
            timeout=60,
        )
        threads = [threading.Thread(target=session_worker, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latencies.sort()
        return {
            "requests": len(latencies),
            "openings_per_s": round(len(latencies) / seconds, 1),
            "errors": len(errors),
            "p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else None,
            "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1) if latencies else None,
            "first_error": errors[0] if errors else None,
            **({"readonly_sweep": swept} if swept else {}),
        }
    finally:
        odoo_proc.terminate()
        odoo_proc.wait(timeout=30)
        if args.odoo_log:
            log_file.close()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--load-seconds", type=int, default=60, help="0 skips the load test")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--odoo-log", help="where the load test's Odoo (2 workers) logs")
    parser.add_argument(
        "--log-level", default="warn", help="of the load test's Odoo (info: a line per request)"
    )
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="only the load test (with --replica: and the read-only sweep)",
    )
    parser.add_argument(
        "--replica",
        metavar="HOST:PORT",
        help="a hot standby of the database: the load test's Odoo sends read-only requests there "
        "(db_replica_host/port); each read of the sheet is sent once first, and the requests that "
        "write (retried on the primary) are reported",
    )
    args = parser.parse_args()
    if (args.replica or args.log_level != "warn") and not args.odoo_log:
        parser.error("--replica and --log-level need --odoo-log (the log is read)")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    results = {}
    with Registry(args.database).cursor() as cr:
        # As the admin user (record rules apply), not as the superuser.
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "pt_BR"})
        env = env(user=env.ref("base.user_admin"))
        customers = pick_customers(env)
        sweep = sweep_requests(env, customers) if args.replica else ()
        for label, (partner_id, installments) in customers.items():
            if args.load_only:
                break
            forms = bench_forms(env, partner_id)
            results[label] = {
                "partner_id": partner_id,
                "partner": env["res.partner"].browse(partner_id).display_name,
                "installments": installments,
                "forms": forms,
                "opening_vs_standard_time": round(forms["opening"]["ms"] / forms["standard"]["ms"], 2),
                "sheet_form_vs_standard_time": round(forms["sheet"]["ms"] / forms["standard"]["ms"], 2),
                "section_lists": bench_section_lists(env, partner_id),
            }
        if not args.load_only:
            results["customer_list"] = bench_customer_list(env)
            results["export_big"] = bench_export(env, customers["big"][0])
            results["alerts_all_customers"] = bench_alerts(env)
        cr.rollback()
        env.cr.execute("SELECT id FROM res_partner WHERE customer_rank > 0 AND parent_id IS NULL")
        all_ids = [row[0] for row in env.cr.fetchall()]
    if args.load_seconds:
        if args.replica:
            before = database_transactions(args, port_of_replica=True)
            before_primary = database_transactions(args)
        load = bench_load(args, all_ids, args.load_seconds, sweep)
        if args.odoo_log:
            load["log"] = log_figures(args.odoo_log)
        if args.replica:
            # Read once Odoo is stopped: a backend reports its statistics when it goes idle or ends.
            after, after_primary = (
                database_transactions(args, port_of_replica=True),
                database_transactions(args),
            )
            load["transactions"] = {
                f"{where} {kind}": end[kind] - start[kind]
                for where, start, end in (
                    ("replica", before, after),
                    ("primary", before_primary, after_primary),
                )
                for kind in ("commit", "rollback")
            }
            load["replica"] = args.replica
        results["load_2_workers_8_sessions"] = load
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


def report(results):
    for label in ("small", "big"):
        if label not in results:
            continue
        res = results[label]
        print(f"\n{label} customer: {res['partner']} ({res['installments']} installments)")
        for part, figures in res["forms"].items():
            extra = f"  ({figures['parts']})" if "parts" in figures else ""
            print(f"  {part:<14} {figures['ms']:>8.1f} ms  {figures['queries']:>4} queries{extra}")
        print(f"  opening / standard form time: {res['opening_vs_standard_time']}"
              f"  (the sheet's form alone: {res['sheet_form_vs_standard_time']})")  # fmt: skip
        for name, figures in res["section_lists"].items():
            print(f"  list {name:<32} {figures['ms']:>8.1f} ms  {figures['queries']:>4} queries")
    if "small" in results:
        small, big = results["small"]["forms"], results["big"]["forms"]
        print("\nquery counts small/big:", ", ".join(
            f"{part} {small[part]['queries']}/{big[part]['queries']}" for part in small if part != "standard"
        ))  # fmt: skip
    for key in ("customer_list", "export_big", "alerts_all_customers"):
        if key in results:
            print(f"{key}: {results[key]}")
    load = results.get("load_2_workers_8_sessions")
    if load:
        replica = f", read-only requests on the replica {load['replica']}" if load.get("replica") else ""
        print(
            f"load, Odoo with 2 workers, 8 sessions{replica}: {load['requests']} openings"
            f" ({load['openings_per_s']}/s), p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms,"
            f" {load['errors']} errors" + (f" (first: {load['first_error']})" if load["first_error"] else "")
        )
        if "log" in load:
            print(
                f"  server log: {load['log']['retry_warnings']} read-only requests retried on the primary,"
                f" {load['log']['readonly_fallbacks']} fallbacks to the primary,"
                f" cursors {load['log']['cursor_modes']}"
            )
        if "transactions" in load:
            print(
                "  transactions in the database:",
                ", ".join(f"{k} {v}" for k, v in load["transactions"].items()),
            )
        sweep = load.get("readonly_sweep")
        if sweep:
            print(
                f"  every read of the sheet once ({sweep['requests']} requests):"
                f" {len(sweep['writing'])} wrote on a read-only cursor, {len(sweep['failed'])} failed"
            )
            for writer in sweep["writing"]:
                print(f"    {writer['request']}: {writer['refused']} at {writer['where']}")
            for failed in sweep["failed"]:
                print(f"    failed: {failed['request']}: {failed['error']}")


if __name__ == "__main__":
    main()
