"""Concurrent writers (issue 14.9): on SQLite up to 40 % of these requests answered 500 "database is locked".

Each attack fires real requests from several threads at once (each thread is its own client, session and database
connection, as separate gunicorn workers would be) and then checks the stored state. Runs on SQLite (a file, WAL)
and on PostgreSQL.
"""
from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db, limiter
from app.models import CareLink, Completion, Invite, PlanVersion
from app.services.records import sync as records
from app.sqlite import LOCK_RETRIES, begin_statement
from helpers import entry_completion, give_plan, item_form, link, make_user

ROUNDS = 6


def at_once(calls) -> list:
    """Run every call in its own thread, released together; the responses in order."""
    db.session.rollback()  # the test's own session holds no transaction (and no lock) while they run
    barrier, out = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            out[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            out[i] = exc
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def statuses(responses) -> list:
    return [getattr(r, "status_code", repr(r)) for r in responses]


def test_two_devices_sync_the_same_slot_at_once(app, login, patient):
    """Attack: two phones of one patient send ticks for the same slots at the same moment, again and again."""
    items = give_plan(patient).items
    phones = [login(patient), login(patient)]
    sent = []
    for n in range(ROUNDS):
        day = f"2026-11-{n + 1:02d}"
        batches = [[entry_completion(items[i].id, day, items[i].slots[0], status,
                                     recorded_at=f"{day}T09:00:0{k}+00:00") for i in range(3)]
                   for k, status in enumerate(("done", "skipped"))]
        replies = at_once([lambda p=p, b=b: p.post_json("/api/v1/sync", {"items": b})
                           for p, b in zip(phones, batches, strict=True)])
        assert statuses(replies) == [200, 200], [getattr(r, "get_data", lambda r=r: r)() for r in replies]
        for reply in replies:
            assert {r["status"] for r in reply.json["results"]} <= {"created", "updated", "superseded"}
        sent.append(batches[1])  # recorded a second later: it wins every slot, whichever arrived first
    stored = {c.client_id for c in db.session.scalars(select(Completion).where(Completion.patient_id == patient.id))}
    assert stored == {e["client_id"] for batch in sent for e in batch}


def test_two_patients_accept_the_same_invite_at_once(app, login, clinician):
    """Attack: two patients press "Accept" on one single-use invite at the same instant."""
    physio = login(clinician)
    for _ in range(ROUNDS):
        assert physio.post("/clinician/invites", data={"label": "x"}).status_code == 303
        invite = db.session.scalars(select(Invite).order_by(Invite.id.desc())).first()
        token = invite.token
        people = [login(make_user()), login(make_user())]
        replies = at_once([lambda s=s, token=token: s.post(f"/invite/{token}") for s in people])
        assert statuses(replies) == [303, 303]
    links = db.session.scalar(select(func.count(CareLink.id)).where(CareLink.clinician_id == clinician.id))
    assert links == ROUNDS  # each invite linked exactly one patient


def test_patient_and_physio_edit_the_plan_at_once(app, login, clinician, patient):
    """Attack: the patient adds a routine while the physio adds another, at the same instant."""
    link(clinician, patient)
    give_plan(patient, author=clinician)
    p, c = login(patient), login(clinician)
    mine, theirs = item_form("slow-breathing", minutes="5"), item_form("gentle-walk")
    theirs_url = f"/clinician/patients/{patient.id}/plan/standard/items"
    for _ in range(ROUNDS):
        replies = at_once([lambda: p.post("/plan/items", data=mine), lambda: c.post(theirs_url, data=theirs)])
        assert all(code in (303, 409) for code in statuses(replies)), statuses(replies)
    numbers = db.session.scalars(select(PlanVersion.number).where(PlanVersion.variant == "standard")).all()
    assert len(numbers) == len(set(numbers)) > 1  # versions numbered once each, none lost to a crash


def test_writes_begin_immediate_reads_do_not(app):
    """The lock is taken up front only where a request may write."""
    with app.test_request_context("/api/v1/sync", method="POST"):
        assert begin_statement() == "BEGIN IMMEDIATE"
    with app.test_request_context("/today"):
        assert begin_statement() == "BEGIN"


def test_lock_retries_are_bounded_then_503(app, login, patient, monkeypatch):
    """If the lock stays taken past the busy timeout, the batch is tried LOCK_RETRIES more times, then 503."""
    s = login(patient)
    calls = []

    def locked(*args):
        calls.append(1)
        raise OperationalError("INSERT", {}, Exception("database is locked"))
    monkeypatch.setattr(records, "_apply_and_commit", locked)
    day = "2026-11-20"
    give_plan(patient)
    reply = s.post_json("/api/v1/sync", {"items": [{"client_id": str(uuid.uuid4()), "type": "checkin", "date": day,
                                                    "pain": 3}]})
    assert reply.status_code == 503 and reply.json["error"] == "busy" and reply.headers["Retry-After"]
    assert len(calls) == LOCK_RETRIES + 1


def test_a_lock_error_once_is_retried_and_stored(app, login, patient, monkeypatch):
    s = login(patient)
    real, calls = records._apply_and_commit, []

    def once_locked(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real(*args)
    monkeypatch.setattr(records, "_apply_and_commit", once_locked)
    reply = s.post_json("/api/v1/sync", {"items": [{"client_id": str(uuid.uuid4()), "type": "checkin",
                                                    "date": "2026-11-20", "pain": 3}]})
    assert reply.status_code == 200 and reply.json["results"][0]["status"] == "created" and len(calls) == 2


@pytest.fixture(autouse=True)
def _release(app):
    limiter.enabled = False  # many logins from one address
    yield
    limiter.enabled = True
    db.session.rollback()
