"""Figures for capabilities built on other branches (clinician dashboard, reminders dispatcher).

Each is written against the documented contract and answers None when its route or command is missing.
"""
from __future__ import annotations

import base64
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask
from sqlalchemy import create_engine, select

from app.extensions import db
from app.models import Plan, PlanItem, PlanVersion

from .inprocess import Session, median_seconds

DASHBOARD = "/api/v1/patients"
PROJECT = Path(__file__).resolve().parent.parent  # where `python -m bench.<module>` runs


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


def snapshot(engine, url: str) -> str:
    """A copy of the database as it is now, for measuring it again later; its URL."""
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database).with_name("small.sqlite3")
        raw = engine.raw_connection()  # outside SQLAlchemy's transaction: VACUUM refuses to run inside one
        try:
            raw.cursor().execute(f"VACUUM INTO '{path}'")
        finally:
            raw.close()
        return f"sqlite:///{path}"
    engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the source without connections
    name = engine.url.database
    admin = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}_small"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}_small" TEMPLATE "{name}"')
    admin.dispose()
    return engine.url.set(database=f"{name}_small").render_as_string(hide_password=False)


def dashboard_rounds(urls: dict[str, str], clinician_email: str, expected: int, rounds: int = 5,
                     runs: int = 5) -> dict[str, list[float]]:
    """Median dashboard seconds on each database, alternating between them for `rounds` rounds, each measured
    in a fresh process: load that comes and goes on a shared machine then hurts both sides alike."""
    times: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            out = subprocess.run([sys.executable, "-m", "bench.dashboard_probe", clinician_email, str(expected),
                                  str(runs)], env={**os.environ, "DATABASE_URL": url}, capture_output=True,
                                 text=True, check=True, cwd=PROJECT)
            times[name].append(float(out.stdout.strip().splitlines()[-1]))
    return times


def has_dispatcher(app: Flask) -> bool:
    group = app.cli.commands.get("reminders")
    return group is not None and "send" in getattr(group, "commands", {})


class Receiver:
    """A stand-in push service on 127.0.0.1, in its own process as a real one would be: answers 201 Created to
    every push, as FCM or Mozilla's do, and counts (GET /count).

    The dispatcher runs unchanged (`flask reminders send`): real VAPID signing, real aes128gcm encryption for each
    subscription's key, real HTTP; only the far end is local, so the network's latency is left out.
    """

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "bench.push_service"], stdout=subprocess.PIPE,
                                        text=True, cwd=PROJECT)
        port = int(self.process.stdout.readline())
        self.base = f"http://127.0.0.1:{port}"
        self.endpoint = f"{self.base}/push"

    @property
    def pushes(self) -> int:
        with urllib.request.urlopen(f"{self.base}/count", timeout=10) as reply:
            return int(reply.read())

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def subscription_keys() -> tuple[str, str]:
    """A browser-like (p256dh, auth) pair: a P-256 public point and 16 random bytes, base64url."""
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return b64(point), b64(secrets.token_bytes(16))


@dataclass
class Dispatch:
    cycle_mean: float  # seconds per pass, mean over CYCLE consecutive minutes
    scan: float  # seconds of one SELECT of every plan item with its patient
    worst: tuple[datetime, float, int]  # the slowest pass: minute, seconds, pushes
    catch_up: tuple[float, int]  # the first pass (an hour to catch up on): seconds, pushes
    pushed: int  # pushes in the cycle
    received: int  # pushes the stand-in service received, all passes
    bare: list[tuple[int, float, float]] = field(default_factory=list)  # (pushes, seconds, bare pushes/s) per pass

    def busiest_vs_bare(self, top: int = 3) -> tuple[float, str] | None:
        """Median over the `top` busiest passes of (pass pushes/s) / (bare loop pushes/s, measured right after)."""
        if not self.bare:
            return None
        busiest = sorted(self.bare, key=lambda b: -b[0])[:top]
        ratios = [pushes / seconds / rate for pushes, seconds, rate in busiest]
        pushes, seconds, rate = busiest[0]
        return statistics.median(ratios), (
            f"busiest minute {pushes:,} pushes at {pushes / seconds:.0f}/s vs bare loop {rate:.0f}/s; median of "
            f"the {len(ratios)} busiest minutes, each against a bare run of its own messages right after it")

    def summary(self) -> str:
        return (f"mean pass {self.cycle_mean * 1000:.0f} ms over {CYCLE} consecutive minutes / scan "
                f"{self.scan * 1000:.0f} ms; {self.pushed:,} pushes in those minutes")


CYCLE = 15  # minutes: plans are on a quarter-hour grid, so any 15 consecutive minutes see each kind of minute once


def dispatch_vs_scan(app: Flask, start: datetime, receiver: Receiver, bare=None) -> Dispatch | None:
    """Run `flask reminders send --at T` as cron would, once a minute: a first pass at `start` (nothing ran in the
    hour before, so it catches up on that hour), then CYCLE passes, each for the minute after the last.

    The figure is the mean pass of the cycle (what reminders cost the server per minute in steady state) over
    one SELECT reading every plan item with its patient (median of 3): the rows a dispatcher could have to read.
    """
    if not has_dispatcher(app):
        return None
    runner = app.test_cli_runner()

    def one(moment: datetime) -> tuple[float, int]:
        began = time.perf_counter()
        result = runner.invoke(args=["reminders", "send", "--at", moment.strftime("%Y-%m-%dT%H:%M")])
        elapsed = time.perf_counter() - began
        if result.exit_code != 0:
            raise RuntimeError(f"flask reminders send failed: {result.output[-500:]}")
        done = re.search(r"claimed (\d+).*pushes ok (\d+), gone (\d+), failed (\d+)", result.output)
        if not done or int(done[1]) != int(done[2]) or int(done[3]) or int(done[4]):
            raise RuntimeError(f"the dispatcher did not push what it claimed: {result.output.strip()[-500:]}")
        return elapsed, int(done[2])

    catch_up = one(start)
    passes, bare_runs = [], []
    for m in range(1, CYCLE + 1):
        passes.append((start + timedelta(minutes=m), *one(start + timedelta(minutes=m))))
        _, seconds, pushes = passes[-1]
        if bare is not None and pushes and pushes >= 0.5 * max(p for _, _, p in passes):
            bare_runs.append((pushes, seconds, bare(pushes)))  # the same number of pushes, bare, right after
    with app.app_context():
        statement = (select(PlanItem.id, PlanItem.key, PlanItem.days_mask, PlanItem.times, Plan.patient_id)
                     .join(PlanVersion, PlanItem.version_id == PlanVersion.id).join(Plan))

        def scan():
            with db.engine.connect() as conn:
                rows = conn.execute(statement).all()
            if not rows:
                raise RuntimeError("no plan items to scan")

        scan_time = median_seconds(scan, 3)
    pushed = sum(n for _, _, n in passes)
    if pushed == 0:
        raise RuntimeError("the dispatcher pushed nothing in the cycle: pick a busier start")
    return Dispatch(statistics.mean(t for _, t, _ in passes), scan_time, max(passes, key=lambda p: p[1]),
                    catch_up, pushed, receiver.pushes, bare_runs)


def busiest_start(day: date) -> datetime:
    """18:49 UTC on `day`: the next minutes hold the day's peak, the default 20:00 check-in in Central Europe
    (19:00 UTC in winter) and 19:00 evening routines in Britain and Western Europe (due 18:50 with the lead)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=18, minute=49)
