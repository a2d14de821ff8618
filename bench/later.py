"""Figures for capabilities built on other branches (clinician dashboard, reminders dispatcher).

Each is written against the documented contract and answers None when its route or command is missing.
"""
from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Plan, PlanItem, PlanVersion

from .inprocess import Session, median_seconds

DASHBOARD = "/api/v1/patients"


def has_dashboard(app: Flask) -> bool:
    return any(r.rule == DASHBOARD and "GET" in r.methods for r in app.url_map.iter_rules())


def dashboard_seconds(app: Flask, clinician_email: str, expected: int, runs: int = 7) -> float | None:
    """Median time of GET /api/v1/patients for the clinician (who has `expected` linked patients)."""
    if not has_dashboard(app):
        return None
    session = Session(app, clinician_email)

    def load():
        reply = session.get(DASHBOARD)
        if reply.status_code != 200 or len(reply.get_json()) != expected:
            raise RuntimeError(f"{DASHBOARD} answered {reply.status_code}")

    return median_seconds(load, runs)


def has_dispatcher(app: Flask) -> bool:
    group = app.cli.commands.get("reminders")
    return group is not None and "send" in getattr(group, "commands", {})


class Receiver:
    """A stand-in push service on 127.0.0.1: answers 201 Created to every push, as FCM or Mozilla's do, and counts.

    The dispatcher runs unchanged (`flask reminders send`): real VAPID signing, real aes128gcm encryption for each
    subscription's key, real HTTP; only the far end is local, so the network's latency is left out.
    """

    def __init__(self):
        counter = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as requests' sessions expect

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with counter.lock:
                    counter.pushes += 1
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.pushes, self.lock = 0, threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}/push"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def subscription_keys() -> tuple[str, str]:
    """A browser-like (p256dh, auth) pair: a P-256 public point and 16 random bytes, base64url."""
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return b64(point), b64(secrets.token_bytes(16))


def dispatch_vs_scan(app: Flask, moments: list[datetime], receiver: Receiver) -> tuple[float, float, str] | None:
    """Median seconds of `flask reminders send --at T` (each T a fresh minute) and of one SELECT of the plan items,
    and what the sends did.

    The SELECT reads every plan item with its patient: the rows a dispatcher must at least look at.
    """
    if not has_dispatcher(app):
        return None
    runner = app.test_cli_runner()
    sends, lines = [], []
    for moment in moments:
        start = time.perf_counter()
        result = runner.invoke(args=["reminders", "send", "--at", moment.strftime("%Y-%m-%dT%H:%M")])
        sends.append(time.perf_counter() - start)
        if result.exit_code != 0:
            raise RuntimeError(f"flask reminders send failed: {result.output[-500:]}")
        done = re.search(r"claimed (\d+).*pushes ok (\d+), gone (\d+), failed (\d+)", result.output)
        if not done or int(done[2]) == 0 or int(done[3]) or int(done[4]):
            raise RuntimeError(f"the dispatcher pushed nothing, or failed: {result.output.strip()[-500:]}")
        lines.append(f"{moment:%H:%M} {done[1]} claimed/{done[2]} pushed in {sends[-1]:.1f} s")
    with app.app_context():
        statement = (select(PlanItem.id, PlanItem.key, PlanItem.days_mask, PlanItem.times, Plan.patient_id)
                     .join(PlanVersion, PlanItem.version_id == PlanVersion.id).join(Plan))

        def scan():
            with db.engine.connect() as conn:
                rows = conn.execute(statement).all()
            if not rows:
                raise RuntimeError("no plan items to scan")

        scan_time = median_seconds(scan, len(moments))
    ordered = sorted(sends)
    return ordered[len(ordered) // 2], scan_time, "; ".join(lines) + f"; receiver got {receiver.pushes}"


def dispatch_without_push(app: Flask, moment: datetime) -> tuple[float, str]:
    """Seconds of the same dispatcher pass (select, claim, bookkeeping) with a sender that accepts every push
    unsent: how much of the command's time is the pushing itself."""
    from app.services.reminder_dispatch import run

    with app.app_context():
        start = time.perf_counter()
        report = run(db.session, moment, lambda info, data: 201, workers=app.config["PUSH_WORKERS"],
                     prune_days=app.config["PUSH_PRUNE_DAYS"])
        return time.perf_counter() - start, report.line()


def moments_today(hours: list[str]) -> list[datetime]:
    today = datetime.now(timezone.utc).date()
    return [datetime.fromisoformat(f"{today.isoformat()}T{h}:00+00:00") for h in hours]
