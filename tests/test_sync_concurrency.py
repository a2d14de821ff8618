"""Several devices syncing at once on the SQLite file database: every batch stored, none answered with an error.

Before writing requests took SQLite's write lock up front (app/sqlite.py: BEGIN IMMEDIATE), a
batch that had read and then wanted to write while another held the lock got SQLITE_BUSY at once and a 500 (`make
bench`, 8 devices at once). Threads with their own clients stand in for gunicorn's worker processes.
"""
from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Completion
from helpers import entry_completion, give_plan, make_user

DEVICES, BATCHES, PER_BATCH = 6, 4, 15


def test_devices_syncing_at_once_all_store(app, login):
    sessions, bodies = [], []
    for n in range(DEVICES):
        patient = make_user(f"device{n}@example.com")
        version = give_plan(patient)
        db.session.commit()
        items = [(i.id, i.slots[0]) for i in version.items]
        entries = [entry_completion(item_id, (date(2025, 1, 1) + timedelta(days=d)).isoformat(), slot)
                   for d in range(BATCHES * PER_BATCH) for item_id, slot in items][:BATCHES * PER_BATCH]
        bodies.append([{"items": entries[b * PER_BATCH:(b + 1) * PER_BATCH]} for b in range(BATCHES)])
        sessions.append(login(patient))
    answers: list[tuple[int, set]] = []
    start = threading.Barrier(DEVICES)

    def device(n: int) -> None:
        start.wait()
        for body in bodies[n]:
            reply = sessions[n].post_json("/api/v1/sync", body)
            answers.append((reply.status_code, {r["status"] for r in (reply.json or {}).get("results", [])}))

    threads = [threading.Thread(target=device, args=(n,)) for n in range(DEVICES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [(200, {"created"})] * (DEVICES * BATCHES)
    db.session.rollback()  # a new snapshot: this session's own read transaction predates the batches
    assert db.session.scalar(select(func.count()).select_from(Completion)) == DEVICES * BATCHES * PER_BATCH
