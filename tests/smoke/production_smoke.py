"""Production smoke test: the app as the README deploys it, exercised over real HTTP.

    python tests/smoke/production_smoke.py [--postgres postgresql+psycopg://postgres@127.0.0.1:5432]
                                           [--redis redis://127.0.0.1:6379/14] [--workers 2]

Creates a fresh PostgreSQL database (inoplan_smoke), migrates it with `flask db upgrade` in production mode,
starts gunicorn with 2 workers on a free 127.0.0.1 port (INOPLAN_ENV=production, shared Redis limits, a random
64-character SECRET_KEY, mail over SMTP to a local aiosmtpd server), then: refuses an unknown Host; registers,
logs in, syncs a check-in, reads Today (HTML and JSON); checks the security headers and the Secure / HttpOnly /
SameSite flags of the session and remember-me cookies; subscribes a local push receiver (allowed only through
PUSH_ALLOW_LOOPBACK=1) and runs `flask reminders send`, decrypting what arrives; mails a reset link (it must
point at BASE_URL); logs out and replays the old cookies; and checks that the login limit holds across both
workers. Drops the database at the end. Exits non-zero on the first failure, printing what it saw.

Cookies are handled by hand: a Secure cookie must not be sent over plain http by a correct client, and this
test talks plain http to 127.0.0.1 (TLS would be the reverse proxy's job), so it reads Set-Cookie itself.
"""
from __future__ import annotations

import argparse
import email
import email.policy
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from push_receiver import Browser, start_receiver, verify_vapid  # noqa: E402

CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
HEADERS = {"Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff",
           "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "Strict-Transport-Security": "max-age="}
PASSWORD = "smoke test password 1"


def step(text: str) -> None:
    print(f"smoke: {text}", flush=True)


def check(condition: bool, what: str, seen: object = "") -> None:
    if not condition:
        raise AssertionError(f"{what}" + (f"\n  saw: {str(seen)[:1500]}" if seen != "" else ""))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A minimal HTTP client that keeps cookies (flags recorded) and follows nothing."""

    def __init__(self, port: int, host: str | None = None):
        self.port, self.host = port, host or f"127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.flags: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            self.flags[name] = header
            if value and "expires=Thu, 01 Jan 1970" not in header:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        conn.close()
        return response.status, response.headers, data.decode(errors="replace")

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def csrf(self, path: str = "/login") -> str:
        status, _, html = self.get(path)
        match = CSRF.search(html)
        check(match is not None, f"a CSRF token on {path} ({status})", html[:500])
        return match.group(1)

    def form(self, path: str, fields: dict, token_from: str | None = None):
        fields = {"csrf_token": self.csrf(token_from or path), **fields}
        from urllib.parse import urlencode
        return self.request("POST", path, urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "Referer": f"http://{self.host}{path}"})

    def json(self, method: str, path: str, body: dict, token: str):
        return self.request(method, path, json.dumps(body).encode(),
                            {"Content-Type": "application/json", "X-CSRFToken": token})


def cookie_is_locked_down(client: Client, name: str) -> None:
    header = client.flags.get(name, "")
    check(bool(header), f"a {name} cookie was set", client.flags)
    lowered = header.lower()
    for flag in ("secure", "httponly", "samesite=lax"):
        check(flag in lowered, f"{name} cookie has {flag}", header)


def database(admin_url: str, name: str, create: bool) -> None:
    import psycopg

    url = admin_url.replace("postgresql+psycopg://", "postgresql://").rstrip("/") + "/postgres"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def start_smtp():
    from aiosmtpd.controller import Controller

    inbox: list[email.message.EmailMessage] = []
    arrived = threading.Event()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            inbox.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            arrived.set()
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port, inbox, arrived


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        check(process.poll() is None, "gunicorn is running", process.poll())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on {port} within {seconds} s")


def run(args) -> None:
    port = free_port()
    name = args.database
    db_url = f"{args.postgres.rstrip('/')}/{name}"
    scratch = Path(tempfile.mkdtemp(prefix="inoplan-smoke-"))
    smtp, smtp_port, inbox, arrived = start_smtp()
    receiver, receiver_server = start_receiver()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "INOPLAN_", "MAIL_"))} | {
        "INOPLAN_ENV": "production", "FLASK_APP": "wsgi.py",
        "SECRET_KEY": secrets.token_hex(32),  # 64 random characters, as the README says
        "BASE_URL": f"http://127.0.0.1:{port}", "DATABASE_URL": db_url, "RATELIMIT_STORAGE_URI": args.redis,
        "MAIL_URL": f"smtp://127.0.0.1:{smtp_port}?tls=none", "PUSH_ALLOW_LOOPBACK": "1",
        "VAPID_KEY_FILE": str(scratch / "vapid.pem"), "PUSH_PROCESSES": "1",
    }
    python = sys.executable
    gunicorn = None
    database(args.postgres, name, create=True)
    try:
        import redis

        redis.Redis.from_url(args.redis).flushdb()  # this smoke test's own Redis database
        step(f"migrating {name}")
        for command in (["db", "upgrade"], ["library", "load"]):
            done = subprocess.run([python, "-m", "flask", *command], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=300)
            check(done.returncode == 0, f"flask {' '.join(command)}", done.stdout + done.stderr)
        step(f"gunicorn -w {args.workers} on 127.0.0.1:{port}")
        log = open(scratch / "gunicorn.log", "w")  # noqa: SIM115 (closed in finally)
        gunicorn = subprocess.Popen([python, "-m", "gunicorn", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
                                     "--access-logfile", "-", "wsgi:app"], cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
        wait_until_up(port, gunicorn)
        exercise(port, env, inbox, arrived, receiver)
        step("all checks passed")
    except BaseException:
        if (scratch / "gunicorn.log").exists():
            print("---- gunicorn log (tail) ----\n" + (scratch / "gunicorn.log").read_text()[-4000:], file=sys.stderr)
        raise
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        smtp.stop()
        receiver_server.shutdown()
        database(args.postgres, name, create=False)
        shutil.rmtree(scratch, ignore_errors=True)


def exercise(port: int, env: dict, inbox, arrived, receiver) -> None:
    step("an unknown Host is refused")
    status, _, _ = Client(port, host="evil.example").get("/login")
    check(status == 400, "Host: evil.example answers 400", status)

    step("security headers")
    visitor = Client(port)
    status, headers, _ = visitor.get("/login")
    check(status == 200, "GET /login", status)
    for header, expected in HEADERS.items():
        check(expected in (headers.get(header) or ""), f"{header} contains {expected!r}", headers.get(header))
    cookie_is_locked_down(visitor, "session")
    status, headers, _ = visitor.get("/static/css/app.css")
    check(status == 200 and "nosniff" in (headers.get("X-Content-Type-Options") or ""), "static file headers")

    step("register")
    address = f"smoke-{uuid.uuid4().hex[:8]}@example.com"
    newcomer = Client(port)
    status, headers, body = newcomer.form("/register", {
        "display_name": "Smoke Test", "email": address, "password": PASSWORD, "role": "patient", "timezone": "UTC"})
    check(status in (302, 303), "POST /register redirects", (status, body[:800]))
    register_finish(newcomer, headers, inbox, arrived, port)

    step("log in (keep me logged in)")
    phone = Client(port)
    status, headers, body = phone.form("/login", {"email": address.upper(), "password": PASSWORD, "remember": "y"})
    check(status == 302 and headers["Location"].endswith("/today"), "POST /login", (status, body[:800]))
    cookie_is_locked_down(phone, "session")
    cookie_is_locked_down(phone, "remember_token")
    copied = dict(phone.cookies)

    step("subscribe a local push receiver")
    status, _, body = phone.get("/api/v1/csrf")
    token = json.loads(body)["csrf_token"]
    browser = Browser(f"http://127.0.0.1:{receiver.port}/push/smoke")
    status, _, body = phone.json("POST", "/api/v1/push/subscriptions", browser.subscription(), token)
    check(status == 201, "POST /api/v1/push/subscriptions", (status, body))
    status, _, body = phone.get("/api/v1/push/key")
    server_key = json.loads(body)["public_key"]

    step("push a reminder through `flask reminders send`")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    done = subprocess.run([sys.executable, "-m", "flask", "reminders", "send", "--at", f"{tomorrow}T20:00"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    check(done.returncode == 0, "flask reminders send", done.stdout + done.stderr)
    check(len(receiver.received) == 1, "one push reached the receiver", (done.stdout, receiver.received))
    message = receiver.received[0]
    check(browser.decrypt(message)["kind"] == "checkin", "the push decrypts to the check-in reminder")
    claims = verify_vapid(message.headers["authorization"], server_key)
    check(claims["aud"] == f"http://127.0.0.1:{receiver.port}", "VAPID audience is the receiver", claims)

    step("sync a check-in, read Today")
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    entry = {"client_id": str(uuid.uuid4()), "type": "checkin", "date": today, "pain": 4,
             "recorded_at": datetime.now(UTC).isoformat(timespec="seconds")}
    status, _, body = phone.json("POST", "/api/v1/sync", {"items": [entry]}, token)
    check(status == 200 and json.loads(body)["results"][0]["status"] == "created", "POST /api/v1/sync", body)
    status, _, body = phone.json("POST", "/api/v1/sync", {"items": [entry]}, token)
    check(json.loads(body)["results"][0]["status"] == "duplicate", "a replayed entry is a duplicate", body)
    status, headers, body = phone.get("/api/v1/today")
    check(status == 200 and json.loads(body)["date"] == today, "GET /api/v1/today", body[:500])
    check(json.loads(body).get("checkin", {}).get("pain") == 4, "Today shows the synced check-in", body[:800])
    check("public" not in (headers.get("Cache-Control") or "public"), "Today is never cached publicly",
          headers.get("Cache-Control"))
    status, _, body = phone.get("/today")
    check(status == 200 and "<html" in body.lower(), "GET /today", status)

    step("a reset link is mailed over SMTP and points at BASE_URL")
    arrived.clear()
    inbox.clear()
    status, _, _ = Client(port).form("/reset-password", {"email": address})
    check(status == 303, "POST /reset-password", status)
    check(arrived.wait(20), "the reset mail reached the SMTP server")
    text = inbox[-1].get_content()
    links = re.findall(r"https?://\S+", text)
    check(bool(links) and all(link.startswith(env["BASE_URL"] + "/reset-password/") for link in links),
          "the reset link is built from BASE_URL", text)

    step("logout ends the session on the server; copied cookies stop working")
    status, _, _ = phone.form("/logout", {}, token_from="/settings/")
    check(status == 302, "POST /logout", status)
    for name in ("session", "remember_token"):
        thief = Client(port)
        thief.cookies = {name: copied[name]}
        status, _, body = thief.get("/api/v1/me")
        check(status == 401, f"a copied {name} cookie is refused after logout", (status, body[:300]))

    step("the login limit holds across workers (10 a minute per address)")
    limited = Client(port)
    codes = [limited.form("/login", {"email": f"nobody{i}@example.com", "password": "wrong password"})[0]
             for i in range(11)]
    check(429 in codes and codes.index(429) <= 10, "the 11th login from one address at the latest answers 429",
          codes)


def register_finish(client: Client, headers, inbox, arrived, port: int) -> None:
    """A new address is signed in at once and gets a welcome mail built from BASE_URL."""
    check(headers["Location"].endswith("/today"), "registering leads to Today", headers["Location"])
    status, _, _ = client.get("/today")
    check(status == 200, "GET /today after registering", status)
    check(arrived.wait(20), "the welcome mail reached the SMTP server", headers["Location"])
    text = inbox[-1].get_content()
    check(re.search(r"http://127\.0\.0\.1:\d+/login", text) is not None, "the welcome mail links to BASE_URL", text)
    arrived.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres",
                        default=os.environ.get("SMOKE_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432"))
    parser.add_argument("--redis", default=os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--database", default="inoplan_smoke")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.monotonic()
    try:
        run(args)
    except AssertionError as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        return 1
    step(f"done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
