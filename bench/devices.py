"""Several devices syncing at once: entries stored per second with 8 patients' devices posting together, served
by gunicorn with 4 workers, over one device alone (docs/bench.md, `sync_8_devices_vs_1_throughput`).

Each device posts BATCHES batches of BATCH new completions (as a phone does after a day offline), one after the
other. Rounds alternate which side goes first; after each side its rows are counted (every entry must be stored
exactly once, and no answer may be a 5xx or carry an error) and deleted again, so each side starts from the same
database.
"""
from __future__ import annotations

import json
import statistics
import threading
import uuid
from datetime import timedelta

from flask import Flask
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import Completion, Plan, PlanItem, PlanVersion, User
from app.services.clock import local_today

from .client import Client, Gunicorn, timed
from .data import PASSWORD


class SyncErrors(RuntimeError):
    """Some sync failed (a 5xx, an entry not created) or the rows stored differ from those sent."""


WORKERS, DEVICES, BATCHES, BATCH, ROUNDS = 4, 8, 6, 50, 5


def _bodies(app: Flask, patient_id: int, offset: int) -> list[bytes]:
    """BATCHES sync bodies of BATCH new completions, on days long before the generated history."""
    with app.app_context():
        user = db.session.get(User, patient_id)
        version_id = db.session.scalar(select(PlanVersion.id).join(Plan).where(Plan.patient_id == patient_id))
        items = list(db.session.execute(select(PlanItem.id, PlanItem.times).where(PlanItem.version_id == version_id)
                                        .order_by(PlanItem.position)))
        first = local_today(user.timezone) - timedelta(days=900 - offset)
    entries = []
    day_n = 0
    while len(entries) < BATCHES * BATCH:
        day = (first + timedelta(days=day_n)).isoformat()
        day_n += 1
        for item_id, times in items:
            slot = times.split(",")[0]
            entries.append({"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item_id,
                            "date": day, "slot": slot, "status": "done", "pain_before": 4, "pain_after": 3,
                            "note": "", "recorded_at": f"{day}T{slot}:00+00:00"})
    return [json.dumps({"items": entries[i * BATCH:(i + 1) * BATCH]}).encode() for i in range(BATCHES)]


class Device:
    def __init__(self, port: int, email: str):
        self.client = Client(port)
        self.client.login(email, PASSWORD)
        self.token = json.loads(self.client.get("/api/v1/csrf").body)["csrf_token"]

    def sync(self, bodies: list[bytes], errors: list[str]) -> None:
        for body in bodies:
            reply = self.client.request("POST", "/api/v1/sync", body, {"Content-Type": "application/json",
                                                                       "X-CSRFToken": self.token})
            if reply.status != 200:
                errors.append(f"sync answered {reply.status}")
                continue
            bad = {r["status"] for r in json.loads(reply.body)["results"]} - {"created"}
            if bad:
                errors.append(f"sync results {bad}")


def _side(app: Flask, devices: list[Device], bodies: list[list[bytes]], ids: list[int]) -> float:
    """Entries stored per second with these devices syncing at once; checks and deletes what they stored."""
    errors: list[str] = []
    elapsed = timed([threading.Thread(target=d.sync, args=(b, errors)) for d, b in zip(devices, bodies, strict=True)])
    expected = sum(len(json.loads(body)["items"]) for part in bodies for body in part)
    client_ids = [e["client_id"] for part in bodies for body in part for e in json.loads(body)["items"]]
    with app.app_context():
        stored = sum(db.session.scalar(select(func.count()).select_from(Completion).where(
            Completion.client_id.in_(client_ids[i:i + 500]))) for i in range(0, len(client_ids), 500))
        for i in range(0, len(client_ids), 500):
            db.session.execute(delete(Completion).where(Completion.client_id.in_(client_ids[i:i + 500])))
        db.session.commit()
    if errors or stored != expected:
        raise SyncErrors(f"{len(devices)} devices: {len(errors)} errors ({errors[:1]}), stored {stored} of "
                           f"{expected}")
    return expected / elapsed


def devices_vs_one(app: Flask, emails: dict[int, str]) -> tuple[list[float], list[float]]:
    """(rates with one device, rates with DEVICES at once), one of each per round, entries per second."""
    ids = list(emails)[:DEVICES]
    server = Gunicorn({}, workers=WORKERS)
    try:
        devices = [Device(server.port, emails[i]) for i in ids]
        one, many = [], []
        for n in range(ROUNDS + 1):  # round 0 warms the workers up and is not counted
            sides = ("one", "many") if n % 2 == 0 else ("many", "one")
            for side in sides:
                chosen = devices[:1] if side == "one" else devices
                bodies = [_bodies(app, i, n) for i in ids[:len(chosen)]]
                rate = _side(app, chosen, bodies, ids[:len(chosen)])
                if n:
                    (one if side == "one" else many).append(rate)
        return one, many
    finally:
        server.stop()


def summary(one: list[float], many: list[float]) -> tuple[float, str]:
    ratios = [m / o for o, m in zip(one, many, strict=True)]
    return statistics.median(ratios), (
        f"{statistics.median(many):.0f} / {statistics.median(one):.0f} entries/s; {WORKERS} gunicorn workers, "
        f"{BATCHES} batches of {BATCH} per device, median of {len(ratios)} alternating rounds, 0 errors")
