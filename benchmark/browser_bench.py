"""Browser benchmark: the customer sheet against Odoo's contact form, as a user sees them.

Run by ``scripts/benchmark.sh`` after the server figures:

    python benchmark/browser_bench.py -c .run/ficha_bench.conf -d ficha_bench \
        --json .run/benchmark-browser.json --odoo-log .run/benchmark-browser-odoo.log

Starts Odoo with 2 workers (as the load test does) and a headless Chromium, driven through
its DevTools protocol (CDP) over a websocket. Logs in as admin, loads the web client once on
the customer list, then opens, for the small and the big customer of ``bench_sheet.py``:

- the customer sheet: the window action ``res.partner.action_open_ficha`` returns, run by the
  web client's own action service (``env.services.action.doAction``), as a click in a list does;
- Odoo's contact form of the same customer (``views: [[false, 'form']]``).

Odoo's onboarding tours are switched off for admin first, as the sheet's users have them.

An opening is timed from the ``doAction`` call until the screen is usable: what the user
looks at is rendered (the sheet: its header's sections, alert banner and headline figures, and
the active page's, each an embedded form of the ``ficha_section`` widget; the contact form: its
form) and no request is in flight (XHR/fetch RPCs and lazily loaded scripts, followed through
CDP Network events). Usable = the later of "rendered" and "last request finished", once nothing has moved for
``SETTLE`` seconds. Between openings the customer list is shown again, so every opening
starts from a list. The two screens are opened in turn (sheet, contact form, sheet, ...), so that
both see the machine in the same state. The first opening of each is a warm-up (view
descriptions, scripts); the figure is the median of the next ``--runs``.

Then, on the big customer's sheet, each notebook page: a click on its tab (by the page's
``name``), until its section is rendered and the network is idle; a warm-up round, then the
median of ``--runs`` rounds (a page re-reads its section every time it is shown).

Each request is listed with its server time as the browser saw it (time to the response's
headers) and, from Odoo's log (werkzeug lines at INFO: queries, SQL time, other time), per
endpoint.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import websocket

SETTLE = 0.15  # seconds without a new request or rendering before an opening counts as done
TIMEOUT = 120
# Requests that are not part of showing a screen: the bus (websocket, long polling) and images.
TRACKED_TYPES = {"XHR", "Fetch", "Script"}
IGNORED_PATHS = ("/websocket", "/longpolling", "/bus/")
# What the sheet must do as a user feels it, each run judged on its own figures: the opening
# against Odoo's contact form of the same customer (the sheet's time / the form's), and each page
# of the big customer after a click on it (ms).
TARGETS = {"small": 1.0, "big": 0.8, "page_ms": 250}

# The watcher installed in the page before each measurement: calls the CDP binding
# ``benchReady`` once the condition holds (checked on every DOM mutation).
WATCH_JS = """
(() => {
    const cond = () => { %s };
    if (window.__benchObserver) { window.__benchObserver.disconnect(); }
    if (cond()) { return "already"; }
    const observer = new MutationObserver(() => {
        if (cond()) { observer.disconnect(); window.benchReady("ready"); }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    window.__benchObserver = observer;
    return "watching";
})()
"""

# The sheet is usable when its header's sections (alert banner, headline figures) and every
# section of the active page are rendered (a section's form appears once its record is read).
SHEET_READY = """
    const manager = document.querySelector(".o_action_manager");
    const pane = manager && manager.querySelector(".o_notebook .tab-pane.active");
    if (!pane) { return false; }
    const header = [...manager.querySelectorAll(".o_widget_ficha_section")].filter(
        (w) => !w.closest(".o_notebook"));
    return header.length === 2 && [...header, ...pane.querySelectorAll(".o_widget_ficha_section")].every(
        (w) => w.querySelector(".o_form_renderer"));
"""
CONTACT_READY = """
    const form = document.querySelector(".o_action_manager .o_form_view .o_form_renderer");
    return Boolean(form) && !document.querySelector(".o_action_manager .o_ficha_section");
"""
LIST_READY = """
    return Boolean(document.querySelector(".o_action_manager .o_list_view .o_data_row"));
"""
PAGE_READY = """
    const link = document.querySelector('.o_notebook_headers a.nav-link[name="%s"]');
    if (!link || !link.classList.contains("active")) { return false; }
    const pane = document.querySelector(".o_action_manager .o_notebook .tab-pane.active");
    if (!pane || !pane.children.length) { return false; }
    return [...pane.querySelectorAll(".o_widget_ficha_section")].every(
        (w) => w.querySelector(".o_form_renderer"));
"""
ENV_JS = "odoo.__WOWL_DEBUG__.root.env"
LIST_ACTION = "ficha_cliente.res_partner_action_ficha"


class Front(threading.Thread):
    """A loopback TCP front for Odoo, as its reverse proxy is in production: a connection whose
    first request is for ``/websocket`` goes to the evented (gevent) port, any other to the HTTP
    workers. Bytes are passed on as they come (no parsing beyond the first request line)."""

    def __init__(self, http_port, gevent_port):
        super().__init__(daemon=True)
        self.ports = http_port, gevent_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]

    def run(self):
        while True:
            try:
                client, _addr = self.server.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def serve(self, client):
        head = b""
        while b"\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            head += chunk
        path = head.split(b" ", 2)[1]
        port = self.ports[1] if path.startswith(b"/websocket") else self.ports[0]
        try:
            upstream = socket.create_connection(("127.0.0.1", port))
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        upstream.sendall(head)
        threading.Thread(target=self.pipe, args=(upstream, client), daemon=True).start()
        self.pipe(client, upstream)

    @staticmethod
    def pipe(src, dst):
        try:
            while chunk := src.recv(65536):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def close(self):
        self.server.close()


class Browser:
    """Headless Chromium and one page, driven through CDP on a websocket."""

    def __init__(self, chromium, base):
        self.base = base
        self.profile = tempfile.mkdtemp(prefix="ficha_bench_chromium_")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--no-default-browser-check",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={self.profile}",
                "--window-size=1920,1080",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.close()
            raise SystemExit("Chromium did not open its DevTools port within 20 s")
        port = port_file.read_text().split()[0]
        targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True, timeout=30)
        self.next_id = 0
        self.inflight = {}  # requestId -> request record
        self.finished = []  # records finished since the last reset
        self.last_activity = 0.0
        self.ready_at = None
        self.console_errors = []
        self.cpu_sample = lambda: dict.fromkeys(CPU_GROUPS, 0.0)  # set by main() (cpu_sample)
        for method in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.call(method)
        self.call("Network.setCacheDisabled", cacheDisabled=False)
        self.call("Runtime.addBinding", name="benchReady")

    # --- CDP plumbing -------------------------------------------------------------------
    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        return self.next_id

    def call(self, method, timeout=TIMEOUT, **params):
        msg_id = self.send(method, **params)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.pump(deadline - time.monotonic())
            if msg and msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
        raise TimeoutError(f"{method}: no answer within {timeout} s")

    def pump(self, timeout):
        """Reads one message (None after ``timeout`` seconds) and follows the events."""
        self.ws.settimeout(max(timeout, 0.001))
        try:
            msg = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None
        now = time.perf_counter()
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.requestWillBeSent":
            request = params["request"]
            path = request["url"].removeprefix(self.base)
            if (
                request["url"].startswith(self.base)
                and params.get("type") in TRACKED_TYPES
                and not path.startswith(IGNORED_PATHS)
            ):
                self.inflight[params["requestId"]] = {
                    "label": label(path, request.get("postData")),
                    "start": now,
                }
                self.last_activity = now
        elif method == "Network.responseReceived" and params["requestId"] in self.inflight:
            timing = params["response"].get("timing") or {}
            if "receiveHeadersEnd" in timing:
                # From the request sent to the response's headers: Odoo's time for an RPC.
                self.inflight[params["requestId"]]["server_ms"] = round(
                    timing["receiveHeadersEnd"] - timing.get("sendEnd", 0), 1
                )
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            record = self.inflight.pop(params["requestId"], None)
            if record:
                record["end"] = now
                record["failed"] = method == "Network.loadingFailed"
                self.finished.append(record)
                self.last_activity = now
        elif method == "Runtime.bindingCalled" and params.get("name") == "benchReady":
            self.ready_at = now
            self.last_activity = max(self.last_activity, now)
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            args = params["args"]
            self.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
        return msg

    def evaluate(self, expression, await_promise=False):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=await_promise, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    # --- measuring ----------------------------------------------------------------------
    def measure(self, start_js, ready_js):
        """Milliseconds from running ``start_js`` until ``ready_js`` holds and nothing is in flight."""
        self.wait_idle()
        self.finished = []
        self.ready_at = None
        state = self.evaluate(WATCH_JS % ready_js)
        if state != "watching":
            raise RuntimeError(f"the screen looked ready before the action ({ready_js.strip()[:60]}...)")
        cpu0 = self.cpu_sample()
        t0 = time.perf_counter()
        self.send("Runtime.evaluate", expression=start_js)
        cpu_at_usable = None
        deadline = t0 + TIMEOUT
        while time.perf_counter() < deadline:
            self.pump(0.01)
            now = time.perf_counter()
            if cpu_at_usable is None and self.ready_at and not self.inflight:
                cpu_at_usable = self.cpu_sample()
            if self.ready_at and not self.inflight and now - self.last_activity >= SETTLE:
                ends = [r["end"] for r in self.finished]
                usable = max([self.ready_at, *ends])
                requests_ = [
                    {
                        "label": r["label"],
                        "server_ms": r.get("server_ms"),
                        "start_ms": round((r["start"] - t0) * 1000, 1),
                        "ms": round((r["end"] - r["start"]) * 1000, 1),
                        "failed": r["failed"],
                    }
                    for r in self.finished
                ]
                last = max(self.finished, key=lambda r: r["end"], default=None)
                timing = {
                    "ms": round((usable - t0) * 1000, 1),
                    # CPU time (all cores) from the click to usable, by process group
                    "cpu_ms": {group: round((cpu_at_usable[group] - cpu0[group]) * 1000) for group in cpu0},
                    # The request that finished last, and how long the screen took to render after it.
                    "last_request": last["label"] if last else None,
                    "render_after_last_ms": (
                        round(max(self.ready_at - last["end"], 0) * 1000, 1) if last else None
                    ),
                }
                return timing, requests_
        raise TimeoutError(
            f"not usable within {TIMEOUT} s: ready={bool(self.ready_at)}, in flight "
            f"{[r['label'] for r in self.inflight.values()]}"
        )

    def wait_idle(self):
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            self.pump(0.01)
            if not self.inflight and time.perf_counter() - self.last_activity >= SETTLE:
                return
        raise TimeoutError(f"network not idle: {[r['label'] for r in self.inflight.values()]}")

    def close(self):
        with contextlib.suppress(Exception):  # closing anyway
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def label(path, post_data):
    """A request's name: its path, and for a ``web_read`` the sheet section it reads (for
    ``ficha_web_read_sections``, each section it reads)."""
    path = path.split("?")[0]
    if path.startswith("/web/assets/"):
        return "/web/assets/" + path.rsplit("/", 1)[-1]
    if path.startswith("/web/dataset/call_kw/") and post_data and "web_read" in path:
        try:
            params = json.loads(post_data)["params"]
            if path.endswith("/ficha_web_read_sections"):
                specs = params["args"][1]
            else:
                specs = [params["kwargs"].get("specification", {})]
        except (ValueError, KeyError, TypeError, IndexError):
            return path
        return f"{path} [{' | '.join(spec_label(spec) for spec in specs)}]"
    return path


def spec_label(spec):
    """A ``web_read`` specification's name: its first ``ficha_`` field, or its number of fields."""
    own = sorted(name for name in spec if name.startswith("ficha_"))
    if own:
        return f"{own[0]}{', ...' if len(own) > 1 else ''}"
    return f"{len(spec)} fields"


def login(browser, base, database, user, password):
    browser.call("Page.navigate", url=f"{base}/web/login")
    browser.wait_idle()
    result = browser.evaluate(
        f"""fetch("/web/session/authenticate", {{
            method: "POST", headers: {{"Content-Type": "application/json"}},
            body: JSON.stringify({{jsonrpc: "2.0", method: "call",
                  params: {json.dumps({"db": database, "login": user, "password": password})}}})
        }}).then((r) => r.json()).then((r) => r.error ? JSON.stringify(r.error) : "ok")""",
        await_promise=True,
    )
    if result != "ok":
        raise SystemExit(f"login as {user} failed: {result}")
    # The admin of a database without demo data starts with Odoo's onboarding tours on: their
    # watcher runs on every change of the page (web_tour's MacroMutationObserver), more often on
    # the screen that draws more. The sheet's users (salespeople, accountants) have it off, as the
    # admin once the onboarding is done: switched off as its "Onboarding" switch does.
    result = browser.evaluate(
        """fetch("/web/dataset/call_kw/res.users/switch_tour_enabled", {
            method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({jsonrpc: "2.0", method: "call", params: {
                model: "res.users", method: "switch_tour_enabled", args: [false], kwargs: {}}})
        }).then((r) => r.json()).then((r) => r.error ? JSON.stringify(r.error) : String(r.result))""",
        await_promise=True,
    )
    if result != "false":
        raise SystemExit(f"switching the onboarding tours off failed: {result}")
    # The web client, once, on the customer list (the sheet's menu).
    browser.call("Page.navigate", url=f"{base}/odoo/action-ficha_cliente.res_partner_action_ficha")
    deadline = time.monotonic() + 300  # the first visit may build the asset bundles
    while time.monotonic() < deadline:
        browser.pump(0.1)
        try:
            if browser.evaluate(f"Boolean(odoo.__WOWL_DEBUG__) && (() => {{ {LIST_READY} }})()"):
                break
        except RuntimeError:
            pass
    else:
        raise SystemExit("the web client did not show the customer list within 300 s")
    browser.wait_idle()


def show_list(browser):
    """Back to the customer list, where each opening starts (as a click in a list)."""
    browser.evaluate(
        f"{ENV_JS}.services.action.doAction('{LIST_ACTION}', {{clearBreadcrumbs: true}})",
        await_promise=True,
    )
    browser.wait_idle()
    if not browser.evaluate(f"(() => {{ {LIST_READY} }})()"):
        raise RuntimeError("the customer list is not shown")


def sheet_action_of(browser, partner_id):
    """The window action of the sheet, as the button "Ficha de Cliente" gets it from the server."""
    return browser.evaluate(
        f"{ENV_JS}.services.orm.call('res.partner', 'action_open_ficha', [[{partner_id}]])",
        await_promise=True,
    )


def bench_openings(browser, partner_id, runs):
    """Median usable time of the sheet and of the contact form of ``partner_id``."""
    sheet_action = sheet_action_of(browser, partner_id)
    contact_action = {
        "type": "ir.actions.act_window",
        "res_model": "res.partner",
        "res_id": partner_id,
        "views": [[False, "form"]],
        "target": "current",
    }
    out = {}
    screens = (("sheet", sheet_action, SHEET_READY), ("contact_form", contact_action, CONTACT_READY))
    timings = {name: [] for name, _action, _ready in screens}
    per_request = {name: {} for name, _action, _ready in screens}
    # one opening of each screen in turn, so that both see the machine in the same state
    for run in range(runs + 1):
        for name, action, ready in screens:
            show_list(browser)
            timing, reqs = browser.measure(
                f"{ENV_JS}.services.action.doAction({json.dumps(action)}, {{clearBreadcrumbs: true}})", ready
            )
            if run == 0:
                out.setdefault("warmup_ms", {})[name] = timing["ms"]
                continue
            timings[name].append(timing)
            collect(per_request[name], reqs)
    for name, _action, _ready in screens:
        out[name] = figures(timings[name], per_request[name])
    out["ratio"] = round(out["sheet"]["median_ms"] / out["contact_form"]["median_ms"], 2)
    return out


def bench_pages(browser, partner_id, runs):
    """Median usable time of each notebook page of the sheet after a click on its tab.

    Each round starts from a sheet opened anew, so that every page is a first visit of the record:
    the chatter's page (mail's own chatter, which reads a record's messages once per load of it)
    asks them in every round, as on a user's first click on it."""
    sheet_action = sheet_action_of(browser, partner_id)
    open_sheet = f"{ENV_JS}.services.action.doAction({json.dumps(sheet_action)}, {{clearBreadcrumbs: true}})"
    browser.measure(open_sheet, SHEET_READY)
    pages = browser.evaluate(
        "[...document.querySelectorAll('.o_notebook_headers a.nav-link')]"
        ".map((a) => [a.getAttribute('name'), a.textContent.trim()])"
    )
    # The first page last, so that every click changes page.
    pages = pages[1:] + pages[:1]
    timings = {name: [] for name, _title in pages}
    per_request = {name: {} for name, _title in pages}
    for round_ in range(runs + 1):
        if round_:
            show_list(browser)
            browser.measure(open_sheet, SHEET_READY)
        for name, _title in pages:
            timing, reqs = browser.measure(
                f"document.querySelector('.o_notebook_headers a.nav-link[name=\"{name}\"]').click()",
                PAGE_READY % name,
            )
            if round_:
                timings[name].append(timing)
                collect(per_request[name], reqs)
    return {name: {"title": title, **figures(timings[name], per_request[name])} for name, title in pages}


# "renderer": Chromium's renderer processes (the page's scripts, style, layout and paint), part of
# "chromium"; "steal": time the hypervisor gave to other machines while this one wanted the CPU (the
# noise of a shared host, not part of "machine").
CPU_GROUPS = ("machine", "chromium", "renderer", "odoo", "postgres", "benchmark", "steal")
_RENDERERS = {}  # pid -> whether it is a Chromium renderer (its command line, read once)


def _is_renderer(pid):
    if pid not in _RENDERERS:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                # Chromium rewrites its title: the arguments may be joined by spaces, not NULs
                _RENDERERS[pid] = b"--type=renderer" in cmdline.read()
        except OSError:
            _RENDERERS[pid] = False
    return _RENDERERS[pid]


def cpu_sample(roots):
    """CPU time spent so far, in seconds (ticks of 10 ms): by the whole machine (``/proc/stat``:
    all but idle, iowait and steal, the last counted apart), by the process trees of ``roots``
    (``{group: pid}``: Chromium's, its renderers apart too, Odoo's), by PostgreSQL's processes
    and by this benchmark (its CDP client and front)."""
    tick = os.sysconf("SC_CLK_TCK")
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    out = dict.fromkeys(CPU_GROUPS, 0.0)
    # user, nice, system, irq, softirq (idle, iowait and steal left out)
    out["machine"] = (sum(ticks[:7]) - ticks[3] - ticks[4]) / tick
    out["steal"] = ticks[7] / tick
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                line = stat.read()
        except OSError:  # gone meanwhile
            continue
        comm = line[line.index("(") + 1 : line.rindex(")")]
        fields = line[line.rindex(")") + 2 :].split()
        procs[int(entry)] = (comm, int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    group_of = {pid: group for group, pid in roots.items()}
    group_of[os.getpid()] = "benchmark"

    def group(pid, depth=0):
        if pid in group_of or depth > 20 or pid not in procs:
            return group_of.get(pid)
        comm, ppid, _cpu = procs[pid]
        return "postgres" if comm == "postgres" else group(ppid, depth + 1)

    for pid, (_comm, _ppid, cpu) in procs.items():
        name = group(pid)
        if name:
            out[name] += cpu
            if name == "chromium" and _is_renderer(pid):
                out["renderer"] += cpu
    return out


def figures(timings, per_request):
    """Median time of a screen's measurements, its requests and the one that usually ends last."""
    lasts = [t["last_request"] for t in timings if t["last_request"]]
    renders = [t["render_after_last_ms"] for t in timings if t["render_after_last_ms"] is not None]
    return {
        "median_ms": round(statistics.median(t["ms"] for t in timings), 1),
        "cpu_ms": {
            group: round(statistics.median(t["cpu_ms"][group] for t in timings)) for group in CPU_GROUPS
        },
        "runs_ms": [t["ms"] for t in timings],
        "last_request": max(set(lasts), key=lasts.count) if lasts else None,
        "render_after_last_ms": round(statistics.median(renders), 1) if renders else None,
        "requests": summarize(per_request),
    }


def collect(per_request, reqs):
    for req in reqs:
        per_request.setdefault(req["label"], []).append(req)


def summarize(per_request):
    return {
        label_: {
            "server_ms": round(statistics.median([r["server_ms"] or 0 for r in reqs]), 1),
            "start_ms": round(statistics.median([r["start_ms"] for r in reqs]), 1),
            "ms": round(statistics.median([r["ms"] for r in reqs]), 1),
            "n": len(reqs),
        }
        for label_, reqs in per_request.items()
    }


# werkzeug's line at INFO: ... "POST /web/dataset/call_kw/res.partner/web_read HTTP/1.1" 200 - 51 0.031 0.120
NOT_RPC = ("/web/assets", "/web/static", "/web/image", "/websocket")
LOG_LINE = re.compile(r'"(?:GET|POST) (\S+) HTTP/[0-9.]+" (\d+) \S+ (\d+) ([0-9.]+) ([0-9.]+)')


def server_log_figures(log_text, since=0):
    """Per endpoint: calls, median queries, median SQL and other server time (ms)."""
    rows = {}
    for line in log_text.splitlines()[since:]:
        match = LOG_LINE.search(line)
        if match and not match.group(1).startswith(NOT_RPC):
            rows.setdefault(match.group(1).split("?")[0], []).append(
                (int(match.group(3)), float(match.group(4)) * 1000, float(match.group(5)) * 1000)
            )
    return {
        path: {
            "calls": len(vals),
            "queries_median": statistics.median(v[0] for v in vals),
            "queries_max": max(v[0] for v in vals),
            "sql_ms_median": round(statistics.median(v[1] for v in vals), 1),
            "other_ms_median": round(statistics.median(v[2] for v in vals), 1),
        }
        for path, vals in sorted(rows.items())
    }


def pick(args):
    """The small and the big customer, as ``bench_sheet.py`` picks them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_sheet import pick_customers  # puts ODOO_SRC on the path

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        customers = pick_customers(env)
        return {
            label_: {"id": pid, "installments": n, "name": env["res.partner"].browse(pid).display_name}
            for label_, (pid, n) in customers.items()
        }


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("no Chromium found (Debian: apt-get install chromium)")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=11, help="measured openings after one warm-up")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--odoo-log", help="where this benchmark's Odoo (2 workers, INFO) logs")
    parser.add_argument(
        "--replica", metavar="HOST:PORT", help="Odoo sends read-only requests to this standby"
    )
    args = parser.parse_args()
    customers = pick(args)
    from bench_sheet import start_odoo  # on the path since pick()

    port = int(os.environ.get("FICHA_HTTP_PORT", 8369))
    gevent_port = int(os.environ.get("FICHA_GEVENT_PORT", port + 3))
    # The browser talks to Odoo through a front that sends /websocket to the evented worker.
    front = Front(port, gevent_port)
    front.start()
    base = f"http://127.0.0.1:{front.port}"
    log_path = Path(args.odoo_log or tempfile.mktemp(suffix=".log"))
    log_file = log_path.open("w")
    odoo_proc = start_odoo(args, port, gevent_port, "info", log_file)
    browser = None
    results = {"customers": customers, "runs": args.runs}
    try:
        browser = Browser(find_chromium(), base)
        roots = {"chromium": browser.proc.pid, "odoo": odoo_proc.pid}
        browser.cpu_sample = lambda: cpu_sample(roots)
        login(browser, base, args.database, "admin", "admin")
        for label_ in ("small", "big"):
            since = len(log_path.read_text().splitlines())
            results[label_] = bench_openings(browser, customers[label_]["id"], args.runs)
            results[label_]["server_log"] = server_log_figures(log_path.read_text(), since)
        since = len(log_path.read_text().splitlines())
        results["big_pages"] = bench_pages(browser, customers["big"]["id"], args.runs)
        results["big_pages_server_log"] = server_log_figures(log_path.read_text(), since)
        results["console_errors"] = browser.console_errors[:20]
        # A read-only request that writes: retried on the primary (with a replica only).
        results["retry_warnings"] = log_path.read_text().count("retrying with a read/write cursor")
    finally:
        if browser:
            browser.close()
        front.close()
        odoo_proc.terminate()
        odoo_proc.wait(timeout=30)
        log_file.close()
    results["targets"] = [
        {"what": what, "figure": figure, "limit": limit, "met": met}
        for what, figure, limit, met in verdicts(results)
    ]
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    if results["console_errors"]:
        sys.exit("the browser logged errors (above)")


def verdicts(results):
    """``[(what, figure, limit, met)]``: the run's figures against ``TARGETS``, the openings
    (sheet / contact form) first, then the big customer's pages (ms)."""
    rows = [
        (f"{label_} sheet / contact form", results[label_]["ratio"], TARGETS[label_])
        for label_ in ("small", "big")
    ]
    rows += [
        (f"page {name}", fig["median_ms"], TARGETS["page_ms"]) for name, fig in results["big_pages"].items()
    ]
    return [(what, figure, limit, figure <= limit) for what, figure, limit in rows]


def report(results):
    print(
        "\nBrowser (headless Chromium, Odoo with 2 workers): "
        f"median of {results['runs']} openings after a warm-up"
    )
    print(
        f"{'customer':<8} {'installments':>12} {'sheet':>9} {'contact form':>13} {'sheet/form':>11}"
        "   CPU time to usable (machine; Chromium [its renderer], Odoo, PostgreSQL, benchmark;"
        " stolen by the host): sheet | contact form"
    )
    for label_ in ("small", "big"):
        res = results[label_]
        print(
            f"{label_:<8} {results['customers'][label_]['installments']:>12}"
            f" {res['sheet']['median_ms']:>7.0f} ms {res['contact_form']['median_ms']:>10.0f} ms"
            f" {res['ratio']:>11.2f}   "
            + " | ".join(
                "{machine} ms ({chromium} [{renderer}], {odoo}, {postgres}, {benchmark};"
                " steal {steal})".format(**res[screen]["cpu_ms"])
                for screen in ("sheet", "contact_form")
            )
        )
    for label_ in ("small", "big"):
        for screen in ("sheet", "contact_form"):
            fig = results[label_][screen]
            print(
                f"  {label_} {screen}: last request {fig['last_request']},"
                f" rendered {fig['render_after_last_ms']} ms after it;"
                " requests (median server time / browser time, sent at ms after the click)"
            )
            for name, fig in sorted(
                results[label_][screen]["requests"].items(), key=lambda kv: kv[1]["start_ms"]
            ):
                print(
                    f"    {name:<72} {fig['server_ms']:>7.1f} {fig['ms']:>7.1f} ms"
                    f"  at {fig['start_ms']:>6.1f}  x{fig['n']}"
                )
    print(
        "\nBig customer, each page after a click on its tab "
        "(median ms; the request that ended last, its server time)"
    )
    for name, fig in results["big_pages"].items():
        last = fig["last_request"] or "-"
        server = fig["requests"].get(last, {}).get("server_ms", 0)
        print(
            f"  {name:<20} {fig['median_ms']:>7.0f} ms   last request {last} (server {server} ms),"
            f" rendered {fig['render_after_last_ms']} ms after it"
        )
    print("\nServer log, per endpoint (calls, median queries, SQL ms, other ms):")
    for key in ("small", "big"):
        for path, fig in results[key]["server_log"].items():
            print(
                f"  {key:<5} {path:<60} {fig['calls']:>4} {fig['queries_median']:>5} "
                f"{fig['sql_ms_median']:>8.1f} {fig['other_ms_median']:>8.1f}"
            )
    for path, fig in results["big_pages_server_log"].items():
        print(
            f"  pages {path:<60} {fig['calls']:>4} {fig['queries_median']:>5} "
            f"{fig['sql_ms_median']:>8.1f} {fig['other_ms_median']:>8.1f}"
        )
    checks = results["targets"]
    missed = [f"{c['what']} {c['figure']} (at most {c['limit']})" for c in checks if not c["met"]]
    slowest = max((c for c in checks if c["what"].startswith("page ")), key=lambda c: c["figure"])
    print(
        f"\nTargets in this run: {len(checks) - len(missed)} of {len(checks)} met"
        f" (slowest page: {slowest['what'][5:]} {slowest['figure']:.0f} ms)"
        + (": missed " + "; ".join(missed) if missed else "")
    )
    if results.get("retry_warnings"):
        print(f"read-only requests retried on the primary: {results['retry_warnings']} (see the Odoo log)")
    if results.get("console_errors"):
        print("browser console errors:", *results["console_errors"], sep="\n  ")


if __name__ == "__main__":
    main()
