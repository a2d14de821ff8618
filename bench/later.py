"""Figures for capabilities built on other branches (clinician dashboard, reminders dispatcher).

Each is written against the documented contract and answers None when its route or command is missing.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

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


def dispatch_vs_scan(app: Flask, moments: list[datetime]) -> tuple[float, float] | None:
    """Median seconds of `flask reminders send --at T` (each T a fresh minute) and of one SELECT of the plan items.

    The SELECT reads every plan item with its patient: the rows a dispatcher must at least look at.
    """
    if not has_dispatcher(app):
        return None
    runner = app.test_cli_runner()
    sends = []
    for moment in moments:
        start = time.perf_counter()
        result = runner.invoke(args=["reminders", "send", "--at", moment.strftime("%Y-%m-%dT%H:%M")])
        sends.append(time.perf_counter() - start)
        if result.exit_code != 0:
            raise RuntimeError(f"flask reminders send failed: {result.output[-500:]}")
    with app.app_context():
        statement = (select(PlanItem.id, PlanItem.key, PlanItem.days_mask, PlanItem.times, Plan.patient_id)
                     .join(PlanVersion, PlanItem.version_id == PlanVersion.id).join(Plan))

        def scan():
            with db.engine.connect() as conn:
                rows = conn.execute(statement).all()
            if not rows:
                raise RuntimeError("no plan items to scan")

        scan_time = median_seconds(scan, len(moments))
    sends.sort()
    return sends[len(sends) // 2], scan_time


def moments_today(hours: list[str]) -> list[datetime]:
    today = datetime.now(timezone.utc).date()
    return [datetime.fromisoformat(f"{today.isoformat()}T{h}:00+00:00") for h in hours]
