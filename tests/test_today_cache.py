"""GET /api/v1/today from its cache: every write that changes the day shows on the next request, ETags and 304s."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app import create_app
from app.api.day_cache import LRU
from app.content.library import BUILTIN_ROUTINES
from app.extensions import db
from app.models import Completion
from app.services.clock import local_today
from app.services.freshness import touch
from app.services.plans.library import load_builtin
from helpers import (
    Session,
    entry_checkin,
    entry_completion,
    give_plan,
    item_form,
    make_user,
    routine_id,
    testing_config,
)

URL = "/api/v1/today"


def mode_entry(mode: str) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "mode", "mode": mode}


def draft_sent(w):
    base = f"/clinician/patients/{w.patient.id}/plan/standard"
    w.c.post(f"{base}/draft")
    w.c.post(f"{base}/items/{w.items[1].key}", data=item_form("gentle-walk", minutes="25"))
    return w.c.post(f"{base}/draft/send", data={"version_note": "One update."})


def removal_undone(w):
    w.p.post(f"/plan/items/{w.items[1].key}/remove", data={"reason": "no_time"})
    fresh(w)
    from app.models import ItemRemoval
    removal = db.session.scalar(select(ItemRemoval))
    return w.p.post(f"/plan/removals/{removal.id}/undo")


WRITES = {
    "sync completion": lambda w: w.p.post_json("/api/v1/sync", {"items": [
        entry_completion(w.items[0].id, w.day, w.items[0].slots[0])]}),
    "sync check-in": lambda w: w.p.post_json("/api/v1/sync", {"items": [entry_checkin(w.day, 3)]}),
    "sync mode switch": lambda w: w.p.post_json("/api/v1/sync", {"items": [mode_entry("flare")]}),
    "tick form": lambda w: w.p.post("/today/complete", data={
        "client_id": str(uuid.uuid4()), "plan_item_id": w.items[1].id, "date": w.day, "slot": w.items[1].slots[0],
        "status": "skipped"}),
    "check-in form": lambda w: w.p.post("/today/checkin", data={"client_id": str(uuid.uuid4()), "date": w.day,
                                                                "pain": "7"}),
    "mode form": lambda w: w.p.post("/today/mode", data={"client_id": str(uuid.uuid4()), "mode": "flare"}),
    "plan edit by the patient": lambda w: w.p.post("/plan/items", data=item_form("slow-breathing", minutes="5")),
    "plan edit by the clinician": lambda w: w.c.post(
        f"/clinician/patients/{w.patient.id}/plan/standard/items/{w.items[1].key}",
        data=item_form("gentle-walk", times="12:30", minutes="25")),
    "template applied by the clinician": lambda w: w.c.post(
        f"/clinician/patients/{w.patient.id}/plan/apply", data={"template_id": w.template, "how": "replace"}),
    "clinician renames their routine": lambda w: w.c.post(f"/clinician/routines/{w.own}", data={
        "kind": "exercise", "title": "Wall angels (slow)", "steps": "Slide both arms up a wall.", "reps": "8"}),
    "clinician sends a draft": draft_sent,
    "patient adds several routines": lambda w: w.p.post("/plan/add", data={
        "routine_ids": [str(routine_id("slow-breathing")), str(routine_id("body-scan"))], "presets": ["19:00"],
        "days": [str(d) for d in range(7)]}),
    "patient removes a prescribed routine with a reason": lambda w: w.p.post(
        f"/plan/items/{w.items[1].key}/remove", data={"reason": "hurts"}),
    "patient undoes a removal": removal_undone,
}


def fresh(w) -> bytes:
    """The day computed now, whatever the cache holds."""
    cache = w.p.client.application.extensions["day_cache"]
    cache.clear()
    return w.p.get(URL).get_data()


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_path_shows_on_the_next_request(world, write):
    before = world.p.get(URL)
    assert before.status_code == 200
    assert write(world).status_code in (200, 303)
    after = world.p.get(URL)
    assert after.get_data() != before.get_data()
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.get_data() == fresh(world)


def test_the_cache_answers_until_the_version_changes(world):
    """The control for the test above: a row written behind the app's back (no touch) is not seen until a touch,
    so the cache really answers repeat requests."""
    before = world.p.get(URL).get_data()
    item = world.items[0]
    db.session.add(Completion(client_id=str(uuid.uuid4()), patient_id=world.patient.id, plan_item_id=item.id,
                              item_key=item.key, date=local_today(world.patient.timezone), slot=item.slots[0],
                              status="done", recorded_at=datetime.now(UTC)))
    db.session.commit()
    assert world.p.get(URL).get_data() == before
    touch(db.session, [world.patient.id])
    db.session.commit()
    assert b'"status":"done"' in world.p.get(URL).get_data()


def test_archiving_a_routine_gives_a_new_version(world):
    """Archived routines stay in plans and Today shows no archive flag, but the version still moves."""
    before = world.p.get(URL)
    assert world.c.post(f"/clinician/routines/{world.own}/archive").status_code == 303
    after = world.p.get(URL)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.get_data() == before.get_data() == fresh(world)


@pytest.fixture
def retitled_walk(app):
    """The library's gentle walk with a new title, as a deploy could bring; the database is put back after."""
    walk = next(r for r in BUILTIN_ROUTINES if r["slug"] == "gentle-walk")
    original = walk["title"]
    walk["title"] = "Easy walk"
    yield
    walk["title"] = original
    load_builtin(db.session)
    db.session.commit()


def test_a_library_reload_that_retitles_a_routine_shows(world, runner, retitled_walk):
    before = world.p.get(URL).get_data()
    assert b"Easy walk" not in before
    assert runner.invoke(args=["library", "load"]).exit_code == 0
    after = world.p.get(URL).get_data()
    assert b"Easy walk" in after and after == fresh(world)


def test_a_library_reload_without_changes_keeps_the_version(world, runner):
    before = world.p.get(URL).headers["ETag"]
    assert runner.invoke(args=["library", "load"]).exit_code == 0
    assert world.p.get(URL).headers["ETag"] == before


def test_a_write_to_one_patient_leaves_another_patients_version(world, login):
    other = make_user("other@example.com")
    give_plan(other)
    o = login(other)
    before = o.get(URL).headers["ETag"]
    assert WRITES["sync check-in"](world).status_code == 200
    assert o.get(URL).headers["ETag"] == before


def test_etag_and_304(world):
    first = world.p.get(URL)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Cache-Control"] == "private, no-cache"
    again = world.p.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == "private, no-cache"
    assert world.p.get(URL, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200
    other_day = world.p.get(f"{URL}?date=2026-01-05")
    assert other_day.headers["ETag"] != etag

    assert WRITES["sync check-in"](world).status_code == 200
    changed = world.p.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["checkin"]["pain"] == 3
    assert changed.headers["ETag"] != etag


def test_another_user_never_matches_an_etag(world, login):
    """Two patients with the same plan and day still have different ETags: the user is in the key."""
    other = make_user("other@example.com")
    give_plan(other)
    etag = world.p.get(URL).headers["ETag"]
    assert login(other).get(URL, headers={"If-None-Match": etag}).status_code == 200


def test_cache_per_app_and_size_zero_turns_it_off(app, database_url, patient):
    off = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "DAY_CACHE_SIZE": 0} | testing_config())
    assert off.extensions["day_cache"] is not app.extensions["day_cache"]
    give_plan(patient)
    s = Session(off.test_client(), patient)
    assert s.get(URL).status_code == 200 and s.get(URL).json["items"]
    assert not off.extensions["day_cache"].entries


def test_lru_forgets_the_least_recently_used():
    lru = LRU(2)
    lru.put("a", b"1")
    lru.put("b", b"2")
    assert lru.get("a") == b"1"  # now "b" is the oldest
    lru.put("c", b"3")
    assert (lru.get("a"), lru.get("b"), lru.get("c")) == (b"1", None, b"3")
