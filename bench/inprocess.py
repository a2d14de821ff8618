"""Measurements made inside the bench process through Flask's test client: queries, sync, dashboard, dispatch."""
from __future__ import annotations

import json
import re
import statistics
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from flask import Flask
from sqlalchemy import delete, event, select

from app.extensions import db
from app.models import Completion, Plan, PlanItem, PlanVersion, User
from app.services.clock import local_today

from .client import CSRF_RE
from .data import PASSWORD

PATIENT_PAGE = re.compile(r"^/clinician/patients/<(?:int:)?\w+>$")


class Session:
    """A test client logged in as one user, with its CSRF token."""

    def __init__(self, app: Flask, email: str):
        self.client = app.test_client()
        token = CSRF_RE.search(self.client.get("/login").get_data(as_text=True)).group(1)
        reply = self.client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
        if reply.status_code != 302:
            raise RuntimeError(f"login as {email} failed ({reply.status_code})")
        self.token = self.client.get("/api/v1/csrf").get_json()["csrf_token"]  # bound to the signed-in session

    def get(self, path: str):
        return self.client.get(path)

    def post_json(self, path: str, body: bytes):
        """POST a body already encoded, so the client's own JSON encoding is not timed."""
        return self.client.post(path, data=body, content_type="application/json", headers={"X-CSRFToken": self.token})


@contextmanager
def counting(app: Flask):
    """Collect every SQL statement the app sends while the block runs."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, *args):
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
            statements.append(statement)  # transaction control is not a query (SQLite: we send BEGIN ourselves)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def queries_per_request(app: Flask, session: Session, path: str) -> int:
    session.get(path)  # warm: first-request work (library caches, compiled statements) is not per request
    with counting(app) as statements:
        reply = session.get(path)
    if reply.status_code != 200:
        raise RuntimeError(f"{path} answered {reply.status_code}")
    return len(statements)


def route_for(app: Flask, rule: str | re.Pattern, **values) -> str | None:
    """The path of a GET route in the URL map (by exact rule or pattern), or None if not built yet."""
    for r in app.url_map.iter_rules():
        if "GET" in r.methods and (r.rule == rule if isinstance(rule, str) else rule.match(r.rule)):
            return r.rule if not r.arguments else app.url_map.bind("localhost").build(r.endpoint, values)
    return None


def median_seconds(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sync_vs_raw(app: Flask, patient_ids: list[int], rounds: int = 16) -> list[tuple[float, float]]:
    """Seconds of one POST /api/v1/sync of 500 new completions and of one executemany of the same rows, per round.

    Both sides store the same rows into the same state: after each side its rows are deleted again. The side that
    goes second finds the index pages the first one touched already in SQLite's page cache, so rounds alternate
    which side goes first. Requests run outside the bench's own app context, so each one starts with a clean `g`,
    as in production.
    """
    pairs = []
    for n, patient_id in enumerate(patient_ids[:rounds]):
        with app.app_context():
            user = db.session.get(User, patient_id)
            email, entries = user.email, _entries(user)
            rows = _rows(user, entries)
        session, body = Session(app, email), json.dumps({"items": entries}).encode()
        times = {}
        for side in (("sync", "raw") if n % 2 == 0 else ("raw", "sync")):
            times[side] = _timed_sync(session, body) if side == "sync" else _timed_raw_insert(app, rows)
            with app.app_context():
                stored = _delete(rows)
            if stored != [_comparable(row) for row in rows]:
                raise RuntimeError(f"{side} stored other rows than the other side: {stored[:1]} vs {rows[:1]}")
        pairs.append((times["sync"], times["raw"]))
    return pairs


def _timed_sync(session: Session, body: bytes) -> float:
    start = time.perf_counter()
    reply = session.post_json("/api/v1/sync", body)
    elapsed = time.perf_counter() - start
    statuses = {r["status"] for r in reply.get_json()["results"]}
    if reply.status_code != 200 or statuses != {"created"}:
        raise RuntimeError(f"sync answered {reply.status_code} {statuses}")
    return elapsed


def _entries(user: User) -> list[dict]:
    """500 completions for 100 days before the generated history (5 items a day)."""
    version_id = db.session.scalar(select(PlanVersion.id).join(Plan).where(Plan.patient_id == user.id))
    items = list(db.session.execute(select(PlanItem.id, PlanItem.times).where(PlanItem.version_id == version_id)
                                    .order_by(PlanItem.position)))
    first = local_today(user.timezone) - timedelta(days=500)
    entries = []
    for n in range(100):
        day = (first + timedelta(days=n)).isoformat()
        for item_id, times in items:
            slot = times.split(",")[0]
            entries.append({"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item_id,
                            "date": day, "slot": slot, "status": "done", "pain_before": 5, "pain_after": 4,
                            "note": "", "recorded_at": f"{day}T{slot}:00+00:00"})
    return entries[:500]


def _rows(user: User, entries: list[dict]) -> list[tuple]:
    """The rows (in _COLUMNS order) the sync stores for these entries; the raw side inserts exactly these."""
    keys = dict(db.session.execute(select(PlanItem.id, PlanItem.key).where(
        PlanItem.id.in_({e["plan_item_id"] for e in entries}))).all())
    received = datetime.now(UTC)
    return [(e["client_id"], user.id, e["plan_item_id"], keys[e["plan_item_id"]], date.fromisoformat(e["date"]),
             e["slot"], e["status"], e["pain_before"], e["pain_after"], e["note"],
             datetime.fromisoformat(e["recorded_at"]).astimezone(UTC), 0, received) for e in entries]


def _comparable(row: tuple) -> tuple:
    """A row without received_at (the server's clock), with times in UTC whatever the driver returns."""
    return tuple(v.astimezone(UTC) if isinstance(v, datetime) and v.tzinfo else
                 v.replace(tzinfo=UTC) if isinstance(v, datetime) else v for v in row[:-1])


def _delete(rows: list[tuple]) -> list[tuple]:
    """Delete these rows (by client id); what was stored, comparable and in the rows' order."""
    ids = [row[0] for row in rows]
    stored = {r[0]: _comparable(tuple(r)) for r in db.session.execute(
        select(*_COLUMNS).where(Completion.client_id.in_(ids)))}
    db.session.execute(delete(Completion).where(Completion.client_id.in_(ids)))
    db.session.commit()
    return [stored.get(i) for i in ids]


def _timed_raw_insert(app: Flask, rows: list[tuple]) -> float:
    """Seconds to insert the rows with one DBAPI executemany and commit."""
    with app.app_context():
        names = [c.key for c in _COLUMNS]
        mark = "?" if db.engine.dialect.paramstyle == "qmark" else "%s"
        sql = f"INSERT INTO completions ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
        values = [_raw_values(row) for row in rows]
        connection = db.engine.raw_connection()
        try:
            start = time.perf_counter()
            cursor = connection.cursor()
            if db.engine.dialect.name == "sqlite":
                cursor.execute("BEGIN")  # app/sqlite.py turns off the driver's own BEGIN: one transaction, not 500
            cursor.executemany(sql, values)
            connection.commit()
            return time.perf_counter() - start
        finally:
            connection.close()


_COLUMNS = (Completion.client_id, Completion.patient_id, Completion.plan_item_id, Completion.item_key,
            Completion.date, Completion.slot, Completion.status, Completion.pain_before, Completion.pain_after,
            Completion.note, Completion.recorded_at, Completion.recorded_offset_min, Completion.received_at)


def _raw_values(row: tuple) -> tuple:
    """Values as the driver takes them: SQLite stores dates and times as text (SQLAlchemy's format)."""
    if db.engine.dialect.name != "sqlite":
        return row
    return tuple(v.strftime("%Y-%m-%d %H:%M:%S.%f") if hasattr(v, "hour") else
                 v.isoformat() if hasattr(v, "isoformat") else v for v in row)
