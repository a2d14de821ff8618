"""Property: after any sequence of writes, the cached GET /api/v1/today answers exactly what an app without the
cache computes from the database, for today and yesterday."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import STATUSES, Routine
from app.services.clock import local_today
from helpers import Session, entry_checkin, item_form, testing_config

URL = "/api/v1/today"
OPS = st.one_of(
    st.tuples(st.just("tick"), st.integers(0, 4), st.sampled_from(STATUSES), st.sampled_from([0, 1])),
    st.tuples(st.just("checkin"), st.integers(0, 10), st.sampled_from([0, 1])),
    st.tuples(st.just("mode"), st.sampled_from(["standard", "flare"])),
    st.tuples(st.just("dose"), st.integers(1, 60)),
    st.tuples(st.just("rename"), st.sampled_from(["Wall angels", "Wall slides", "Arm circles"])),
)


@pytest.fixture
def uncached(world, database_url):
    """The same patient signed in to a second app on the same database, with the cache turned off."""
    off = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "DAY_CACHE_SIZE": 0} | testing_config())
    return Session(off.test_client(), world.patient)


def apply(w, op: tuple, dates: list[str]) -> None:
    kind, *args = op
    db.session.rollback()  # the test's own reads share the requests' session: end them, as a new request would
    if kind == "tick":
        index, status, back = args
        items = w.p.get(f"{URL}?date={dates[back]}").json["items"]
        if not items:
            return
        due = items[index % len(items)]
        entry = {"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": due["plan_item_id"],
                 "date": dates[back], "slot": due["slot"], "status": status}
        response = w.p.post_json("/api/v1/sync", {"items": [entry]})
    elif kind == "checkin":
        pain, back = args
        entry = entry_checkin(dates[back], pain)
        del entry["recorded_at"]  # now: a later write wins
        response = w.p.post_json("/api/v1/sync", {"items": [entry]})
    elif kind == "mode":
        response = w.p.post_json("/api/v1/sync", {"items": [{"client_id": str(uuid.uuid4()), "type": "mode",
                                                             "mode": args[0]}]})
    elif kind == "dose":
        response = w.c.post(f"/clinician/patients/{w.patient.id}/plan/standard/items/{w.items[1].key}",
                            data=item_form("gentle-walk", times="12:30", minutes=str(args[0])))
    else:
        response = w.c.post(f"/clinician/routines/{w.own}", data={
            "kind": "exercise", "title": args[0], "steps": "Slide both arms up a wall.", "reps": "8"})
        # A routine a plan uses is never edited in place: the edit is a new routine that replaces it.
        db.session.rollback()  # a fresh read, ended at once: the requests share this session
        w.own = db.session.scalar(select(Routine.replaced_by_id).where(Routine.id == w.own)) or w.own
        db.session.rollback()
    assert response.status_code in (200, 303), response.get_data(as_text=True)[:300]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=6))
def test_cached_day_equals_a_fresh_one_after_any_writes(world, uncached, ops):
    world.p.client.application.extensions["day_cache"].clear()  # examples share the database, not the cache
    today = local_today(world.patient.timezone)
    dates = [today.isoformat(), (today - timedelta(days=1)).isoformat()]
    for op in [None, *ops]:
        if op:
            apply(world, op, dates)
        for day in dates:
            cached = world.p.get(f"{URL}?date={day}")
            assert cached.get_data() == uncached.get(f"{URL}?date={day}").get_data(), (op, day)
