"""Saves a screenshot of each page of the customer sheet, as a user sees it.

Needs Odoo running with the demo database (scripts/demo.sh) and Debian's chromium:

    .venv/bin/python scripts/screenshots.py [--url http://localhost:8069] [--db ficha_demo] [--customer NAME]

Logs in as admin, opens the customer list (docs/screenshots/00_customer_list.png), then the sheet
of the demo customer with the most invoices (or --customer NAME, e.g. "Uniformes Rio Claro ME",
the late payer of the demo story) and writes docs/screenshots/<nn>_<page>.png for each page,
1440 px wide and as tall as the sheet, through Chromium's DevTools protocol (websocket-client,
already a test requirement). The PNGs are reduced to 256 colours (Pillow) to stay small.
"""

import argparse
import base64
import io
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


class Chromium:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="ficha_shots_")
        self.width, self.height = width, height
        with socket.socket() as sock:  # a free port for the DevTools protocol
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [shutil.which("chromium") or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--hide-scrollbars", f"--remote-debugging-port={port}",
             f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=1).json()
                page = next(t for t in targets if t["type"] == "page")
                break
            except (requests.ConnectionError, StopIteration):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = itertools.count(1)

    def call(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                return
            time.sleep(0.25)
        raise TimeoutError(selector)

    def settle(self, timeout=30):
        """Wait until the web client has no RPC in flight and the DOM stopped changing."""
        deadline = time.time() + timeout
        previous = None
        while time.time() < deadline:
            state = self.evaluate(
                "[document.querySelectorAll('.o_loading_indicator, .o_view_sample_data').length,"
                " document.body.innerHTML.length]"
            )
            if state == previous and not state[0]:
                return
            previous = state
            time.sleep(0.4)

    def screenshot(self, path, full=True):
        """Save the page as a 256-colour PNG; ``full`` grows the window to the sheet's whole height."""
        height = self.height
        if full:
            content = self.evaluate(
                "(() => { const el = document.querySelector('.o_content');"
                " return el ? el.scrollHeight + el.getBoundingClientRect().top : 0; })()"
            )
            height = max(self.height, min(int(content or 0) + 8, 3000))
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        time.sleep(0.3)  # one layout pass at the new size (charts resize)
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        self.call("Emulation.clearDeviceMetricsOverride")
        path.write_bytes(small_png(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def small_png(data):
    """Screenshots of the web client have few colours: a palette PNG is 3-4 times smaller."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with Odoo's requirements; keep the raw capture otherwise
        return data
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    return out.getvalue()


def rpc(session, url, model, method, *args, **kwargs):
    resp = session.post(
        f"{url}/web/dataset/call_kw",
        json={"params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}},
        timeout=120,
    ).json()
    if resp.get("error"):
        raise RuntimeError(resp["error"]["data"]["message"])
    return resp["result"]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="ficha_demo")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument(
        "--customer", help="name of the customer to show (default: the one with most invoices)"
    )
    args = parser.parse_args()

    session = requests.Session()
    auth = session.post(
        f"{args.url}/web/session/authenticate",
        json={"params": {"db": args.db, "login": args.login, "password": args.password}},
        timeout=60,
    ).json()
    if auth.get("error"):
        raise SystemExit(f"Login failed: {auth['error']['data']['message']}")
    if args.customer:
        partner_id = rpc(session, args.url, "res.partner", "search", [("name", "=", args.customer)], limit=1)[
            0
        ]
    else:
        groups = rpc(
            session, args.url, "account.move", "read_group",
            [("move_type", "=", "out_invoice"), ("state", "=", "posted")], ["partner_id"], ["partner_id"],
            orderby="partner_id_count desc", limit=1,
        )  # fmt: skip
        partner_id = rpc(
            session, args.url, "res.partner", "read", [groups[0]["partner_id"][0]], ["commercial_partner_id"]
        )[0]["commercial_partner_id"][0]

    OUT.mkdir(parents=True, exist_ok=True)
    browser = Chromium(1440, 1000)
    try:
        browser.call("Network.enable")
        host = args.url.split("//", 1)[1].split(":")[0].split("/")[0]
        browser.call(
            "Network.setCookie", name="session_id", value=session.cookies["session_id"], domain=host, path="/"
        )
        browser.call("Page.enable")
        browser.call("Page.navigate", url=f"{args.url}/odoo/ficha-cliente")
        browser.wait_for(".o_list_view .o_data_row")
        browser.settle()
        browser.screenshot(OUT / "00_customer_list.png", full=False)
        print(f"saved {(OUT / '00_customer_list.png').relative_to(OUT.parent.parent)}")
        browser.call("Page.navigate", url=f"{args.url}/odoo/ficha-cliente/{partner_id}")
        browser.wait_for(".o_ficha_cliente .o_notebook")
        browser.settle()
        pages = browser.evaluate(
            "[...document.querySelectorAll('.o_ficha_cliente .o_notebook .nav-link')]"
            ".map(a => a.getAttribute('name'))"
        )
        for index, name in enumerate(pages, start=1):
            browser.evaluate(f"document.querySelector(\".o_notebook .nav-link[name='{name}']\").click()")
            browser.wait_for(f".o_notebook .nav-link.active[name='{name}']")
            browser.settle()
            path = OUT / f"{index:02d}_{name}.png"
            browser.screenshot(path)
            print(f"saved {path.relative_to(OUT.parent.parent)}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
