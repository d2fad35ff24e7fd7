"""Probes an Odoo started in production mode (``--workers``) as a browser would meet it.

Run by ``scripts/smoke_workers.sh`` once Odoo is starting:

    python scripts/smoke_workers.py --http http://127.0.0.1:8069 --gevent-port 8072 -d DB

Waits for the login page, logs in as admin, loads the web client and its asset bundles, then opens
a websocket on the evented (gevent) port, the one a reverse proxy sends ``/websocket`` to, and
subscribes as the web client does. Exits non-zero, saying what failed, on the first failure.
"""

import argparse
import json
import re
import sys
import time
from urllib.parse import urlparse

import requests
import websocket


def wait_for_login(base, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            resp = requests.get(f"{base}/web/login", timeout=60)
            if resp.status_code == 200:
                return
            problem = f"HTTP {resp.status_code}"
        except requests.RequestException as exc:  # refused while the workers start
            problem = str(exc)
        if time.monotonic() > deadline:
            raise SystemExit(f"{base}/web/login did not answer within {timeout} s: {problem}")
        time.sleep(0.5)


def open_web_client(base, database, login, password):
    session = requests.Session()
    resp = session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": database, "login": login, "password": password}},
        timeout=60,
    )
    if resp.status_code != 200 or resp.json().get("error"):
        raise SystemExit(f"login as {login} failed: {resp.text[:300]}")
    resp = session.get(f"{base}/web", timeout=300)  # the first one builds the asset bundles
    if resp.status_code != 200:
        raise SystemExit(f"/web answered HTTP {resp.status_code}")
    bundles = sorted(set(re.findall(r'"(/web/assets/[^"]+)"', resp.text)))
    for url in bundles:
        asset = session.get(f"{base}{url}", timeout=300)
        if asset.status_code != 200:
            raise SystemExit(f"{url} answered HTTP {asset.status_code}")
    return session, len(bundles)


def open_websocket(base, gevent_port, session, timeout):
    host = f"{urlparse(base).hostname}:{gevent_port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            # Same origin as the socket's host, as behind a proxy: Odoo keeps the session then.
            ws = websocket.create_connection(
                f"ws://{host}/websocket",
                origin=f"http://{host}",
                cookie=f"session_id={session.cookies['session_id']}",
                timeout=30,
            )
            break
        except ConnectionRefusedError as exc:  # the evented worker starts after the HTTP ones
            if time.monotonic() > deadline:
                raise SystemExit(f"websocket on port {gevent_port} refused for {timeout} s: {exc}")
            time.sleep(0.5)
        except (OSError, websocket.WebSocketException) as exc:
            raise SystemExit(f"websocket on port {gevent_port} failed: {exc}")
    status = ws.getstatus()
    ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
    ws.settimeout(2)
    try:
        ws.recv()  # nothing is due; a closed socket would raise here
    except websocket.WebSocketTimeoutException:
        pass
    except websocket.WebSocketConnectionClosedException:
        raise SystemExit(f"websocket on port {gevent_port} closed right after subscribing")
    ws.close()
    return status


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--http", required=True, help="base URL of Odoo's HTTP port")
    parser.add_argument("--gevent-port", type=int, required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--timeout", type=int, default=120, help="seconds to wait for the login page")
    args = parser.parse_args()
    started = time.monotonic()
    wait_for_login(args.http, args.timeout)
    session, bundles = open_web_client(args.http, args.database, args.login, args.password)
    status = open_websocket(args.http, args.gevent_port, session, 30)
    print(
        f"login page, login, web client ({bundles} asset bundles), websocket {status} on port "
        f"{args.gevent_port}: {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
