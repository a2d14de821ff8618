"""The pain diary: pain entries with a body map, flare episodes and treatments, synced with client ids."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extensions import db
from app.models import FlareEpisode, PainEntry, Treatment
from helpers import make_user

NOW = datetime.now(UTC).replace(microsecond=0)


def iso(at: datetime) -> str:
    return at.isoformat()


def pain(at=None, **extra) -> dict:
    at = at or NOW - timedelta(hours=2)
    return {"client_id": str(uuid.uuid4()), "type": "pain_entry", "at": iso(at), "intensity": 6,
            "areas": [{"area": "lower_back", "intensity": 7, "qualities": ["aching", "stiff"]},
                      {"area": "neck", "intensity": 4}],
            "triggers": ["long_sitting"], "context": "desk work", "recorded_at": iso(at)} | extra


def flare(start, end=None, of=None, recorded=None, **extra) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "flare", "start": iso(start), "end": end and iso(end),
            "triggers": ["weather"], "helped": "heat pack", "recorded_at": iso(recorded or end or start),
            **({"of": of} if of else {})} | extra


def treatment(name="Heat pack", effect=None, of=None, recorded=None, **extra) -> dict:
    at = NOW - timedelta(hours=3)
    return {"client_id": str(uuid.uuid4()), "type": "treatment", "name": name, "kind": "heat", "at": iso(at),
            "effect": effect, "recorded_at": iso(recorded or at), **({"of": of} if of else {})} | extra


def sync(s, *entries):
    response = s.post_json("/api/v1/sync", {"items": list(entries)})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [r["status"] for r in response.json["results"]]


def test_pain_entry_with_areas_is_stored_once_and_read_back(login, patient):
    s = login(patient)
    entry = pain()
    assert sync(s, entry) == ["created"]
    assert sync(s, entry) == ["duplicate"]
    data = s.get("/api/v1/diary").json
    [stored] = data["pain_entries"]
    assert stored["intensity"] == 6 and stored["context"] == "desk work"
    assert stored["areas"][0] == {"area": "lower_back", "intensity": 7, "qualities": ["aching", "stiff"]}
    assert data["summary"]["areas"][0] == {"area": "lower_back", "entries": 1, "mean": 7}


@pytest.mark.parametrize("field, value", [
    ("intensity", 11), ("intensity", "six"), ("areas", [{"area": "elbow", "intensity": 3}]),
    ("areas", [{"area": "neck", "intensity": 3}, {"area": "neck", "intensity": 4}]),
    ("areas", [{"area": "neck", "intensity": 3, "qualities": ["electric"]}]), ("areas", "neck"),
    ("triggers", "weather"), ("triggers", [["nested"]]), ("triggers", ["x" * 41]), ("at", "2026-13-01T00:00:00Z"),
    ("at", "9999-01-01T00:00:00+00:00"), ("at", "1990-01-01T00:00:00+00:00"), ("at", "2026-11-01T10:00:00"),
    ("context", "x" * 201), ("context", {"a": 1}),
])
def test_a_bad_pain_entry_is_rejected_alone(login, patient, field, value):
    s = login(patient)
    bad, good = pain() | {field: value}, pain()
    response = s.post_json("/api/v1/sync", {"items": [bad, good]})
    first, second = response.json["results"]
    assert first["status"] == "rejected" and field in first["fields"]
    assert second["status"] == "created"
    assert db.session.scalar(select(func.count()).select_from(PainEntry)) == 1


def test_a_flare_is_started_then_ended_and_a_late_older_write_is_superseded(login, patient):
    s = login(patient)
    start = NOW - timedelta(days=3)
    begin = flare(start)
    end = flare(start, end=NOW - timedelta(days=1), of=begin["client_id"])
    assert sync(s, end) == ["created"]  # the end arrives first (two phones, one offline)
    assert sync(s, begin) == ["superseded"]  # the older write loses and says so, not "duplicate"
    assert sync(s, end, begin) == ["duplicate", "superseded"]
    [row] = db.session.scalars(select(FlareEpisode)).all()
    assert row.client_id == begin["client_id"] and row.end is not None
    [shown] = s.get("/api/v1/diary").json["flares"]
    assert shown["end"] is not None and shown["helped"] == "heat pack"


def test_a_flare_that_ends_before_it_starts_is_rejected(login, patient):
    s = login(patient)
    [result] = s.post_json("/api/v1/sync", {"items": [flare(NOW, end=NOW - timedelta(hours=1))]}).json["results"]
    assert result["status"] == "rejected" and "end" in result["fields"]


def test_a_treatment_is_rated_later_and_ranked_by_effect(login, patient):
    s = login(patient)
    heat = treatment("Heat pack")
    assert sync(s, heat) == ["created"]
    rated = treatment("Heat pack", effect=7, of=heat["client_id"], recorded=NOW - timedelta(hours=1))
    assert sync(s, rated) == ["updated"]
    assert sync(s, treatment("heat pack ", effect=5), treatment("Walk", effect=2), treatment("Walk", effect=4)) == [
        "created"] * 3
    rows = s.get("/api/v1/diary").json["summary"]["treatments"]
    assert [(r["name"].strip().lower(), r["times"], r["mean_effect"]) for r in rows] == [
        ("heat pack", 2, 6.0), ("walk", 2, 3.0)]
    assert db.session.scalar(select(func.count()).select_from(Treatment)) == 4


def test_client_ids_of_one_patient_never_touch_anothers(login, patient):
    other = make_user("other@example.com")
    entry = pain()
    assert sync(login(patient), entry) == ["created"]
    assert sync(login(other), entry) == ["created"]  # no "duplicate" oracle across patients
    assert db.session.scalar(select(func.count()).select_from(PainEntry)) == 2
    assert len(login(other).get("/api/v1/diary").json["pain_entries"]) == 1


def test_triggers_before_flares_need_two_flares(login, patient):
    s = login(patient)
    one = NOW - timedelta(days=10)
    two = NOW - timedelta(days=4)
    sync(s, pain(at=one - timedelta(hours=20), triggers=["stress", "poor_sleep"]), flare(one, one + timedelta(days=2)))
    assert s.get("/api/v1/diary").json["summary"]["triggers_before_flares"] == []
    sync(s, pain(at=two - timedelta(hours=5), triggers=["stress"]), flare(two, two + timedelta(days=1)))
    summary = s.get("/api/v1/diary").json["summary"]
    assert summary["triggers_before_flares"][0] == {"trigger": "stress", "flares": 2}
    assert {"trigger": "weather", "flares": 2} in summary["triggers_before_flares"]
    assert sum(m["episodes"] for m in summary["flares_by_month"]) == 2


@pytest.fixture
def patient_session(login, patient):
    return login(patient)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)), repeats=st.lists(st.integers(0, 3), max_size=4))
def test_any_order_and_any_replays_end_in_the_same_diary(patient_session, order, repeats):
    """Property: offline replays in any order never double an entry, and the newest flare write wins."""
    for model in (PainEntry, FlareEpisode, Treatment):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    start = NOW - timedelta(days=2)
    begin = flare(start, recorded=start)
    entries = [pain(), begin, flare(start, end=start + timedelta(hours=30), of=begin["client_id"]),
               treatment(effect=3)]
    s = patient_session
    for i in [*order, *repeats]:
        sync(s, entries[i])
    assert db.session.scalar(select(func.count()).select_from(PainEntry)) == 1
    assert db.session.scalar(select(func.count()).select_from(Treatment)) == 1
    [row] = db.session.scalars(select(FlareEpisode)).all()
    assert row.end == start + timedelta(hours=30)
