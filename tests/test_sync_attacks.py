"""Attacks on the sync store (issue 14, items 7, 8, 10; issue 15, items 2 and 5): the request, then the state."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CheckIn, Completion, ModeChange
from app.services.clock import local_today
from app.services.plans.versions import ItemSpec, plan_for, save_version
from helpers import entry_checkin, entry_completion, give_plan, make_user, routine_id

DAY = "2026-11-20"


def sync(session, *entries) -> list[dict]:
    reply = session.post_json("/api/v1/sync", {"items": list(entries)})
    assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
    return reply.json["results"]


def today(patient) -> str:
    return local_today(patient.timezone).isoformat()


def stored_checkin(patient, day: str) -> CheckIn | None:
    db.session.expire_all()
    return db.session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id,
                                                   CheckIn.date == datetime.fromisoformat(day).date()))


# 14.7: the device clock is not the truth.

def test_a_checkin_stamped_in_2099_does_not_freeze_the_day(login, patient):
    """Attack: a phone whose clock says 2099 checks in; every later, correct check-in was answered "duplicate"."""
    s = login(patient)
    day = today(patient)
    frozen = entry_checkin(day, pain=9, recorded_at="2099-01-01T00:00:00+00:00")
    assert sync(s, frozen)[0]["status"] == "created"
    stamp = stored_checkin(patient, day).recorded_at
    assert stamp <= datetime.now(UTC) + timedelta(minutes=5)  # taken as the time it arrived
    later = entry_checkin(day, pain=3, recorded_at=(datetime.now(UTC) + timedelta(minutes=1)).isoformat())
    assert sync(s, later)[0]["status"] == "updated"
    assert stored_checkin(patient, day).pain == 3


def test_a_completion_stamped_far_ahead_does_not_win_every_later_tick(login, patient):
    items = give_plan(patient).items
    s = login(patient)
    day = today(patient)
    ahead = entry_completion(items[0].id, day, "08:00", "skipped", recorded_at="9000-01-01T00:00:00+00:00")
    now = entry_completion(items[0].id, day, "08:00", "done",
                           recorded_at=(datetime.now(UTC) + timedelta(seconds=30)).isoformat())
    assert [r["status"] for r in sync(s, ahead, now)] == ["created", "updated"]
    assert db.session.scalar(select(Completion.status)) == "done"


@pytest.mark.parametrize("day, recorded", [
    ("9999-12-31", "9999-12-31T09:00:00+00:00"),  # the device time agrees: still refused
    ("2999-01-01", None),
    ("far ahead", "now"),
])
def test_days_far_ahead_are_refused_even_when_the_device_agrees(login, patient, day, recorded):
    s = login(patient)
    if day == "far ahead":
        day = (local_today(patient.timezone) + timedelta(days=3)).isoformat()
    entry = entry_checkin(day, pain=2)
    if recorded == "now":
        entry["recorded_at"] = f"{day}T09:00:00+00:00"
    elif recorded is None:
        entry.pop("recorded_at")
    else:
        entry["recorded_at"] = recorded
    result = sync(s, entry)[0]
    assert result["status"] == "rejected" and "future" in result["fields"]["date"]
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0  # nothing hides the patient's missing check-ins


def test_tomorrow_is_within_the_slack(login, patient):
    """A phone a few hours ahead (or a traveller east of their profile's zone) may record tomorrow."""
    day = (local_today(patient.timezone) + timedelta(days=1)).isoformat()
    assert sync(login(patient), entry_checkin(day, recorded_at=None))[0]["status"] == "created"


def test_days_before_the_account_existed_are_refused(login):
    newcomer = make_user()
    newcomer.created_at = datetime.now(UTC) - timedelta(days=3)
    db.session.commit()
    s = login(newcomer)
    old = (local_today(newcomer.timezone) - timedelta(days=10)).isoformat()
    result = sync(s, entry_checkin(old, pain=4))[0]
    assert result["status"] == "rejected" and "before your account existed" in result["fields"]["date"]
    edge = (local_today(newcomer.timezone) - timedelta(days=4)).isoformat()  # the day before it existed: slack
    assert sync(s, entry_checkin(edge, pain=4))[0]["status"] == "created"


@pytest.mark.parametrize("query, field", [
    ("from=1999-01-01&to=1999-01-31", "to"), ("from={before}&to={after}", "from"),
    ("to=9999-12-31&from=9999-12-01", "to"), ("from=2999-01-01&to=2999-01-02", "to")])
def test_history_outside_the_accounts_life_is_422(login, patient, query, field):
    created = patient.created_at.astimezone(UTC).date()
    before, after = (created - timedelta(days=30)).isoformat(), (created + timedelta(days=30)).isoformat()
    response = login(patient).get(f"/api/v1/history?{query.format(before=before, after=after)}")
    assert response.status_code == 422 and field in response.json["fields"], response.get_data(as_text=True)


def test_history_default_range_of_a_new_account_is_fine(login):
    response = login(make_user()).get("/api/v1/history")
    assert response.status_code == 200 and response.json["checkins"] == []


def test_an_older_write_is_superseded_never_duplicate(login, patient):
    items = give_plan(patient).items
    s = login(patient)
    newer = entry_completion(items[0].id, DAY, "08:00", "done", recorded_at=f"{DAY}T10:00:00+00:00")
    older = entry_completion(items[0].id, DAY, "08:00", "skipped", recorded_at=f"{DAY}T09:00:00+00:00")
    assert [r["status"] for r in sync(s, newer, older)] == ["created", "superseded"]
    assert [r["status"] for r in sync(s, older, newer)] == ["superseded", "duplicate"]
    assert [r["status"] for r in sync(s, older, older)] == ["superseded", "superseded"]  # never stored


# 14.8: one patient's client ids never touch another's.

def test_another_patients_client_id_is_no_oracle_and_cannot_preempt(login, patient):
    items = give_plan(patient).items
    other = make_user()
    other_items = give_plan(other).items
    victim, attacker = login(patient), login(other)
    shared = str(uuid.uuid4())
    mine = entry_checkin(DAY, pain=6) | {"client_id": shared}
    assert sync(victim, mine)[0]["status"] == "created"
    # The attacker replays the victim's id (learned or guessed): a fresh write for the attacker, no hint.
    assert sync(attacker, entry_checkin(DAY, pain=1) | {"client_id": shared})[0]["status"] == "created"
    # The attacker pre-empts an id the victim's phone is about to send.
    next_id = str(uuid.uuid4())
    assert sync(attacker, entry_completion(other_items[0].id, DAY, "08:00") | {"client_id": next_id})[0]["status"] \
        == "created"
    assert sync(victim, entry_completion(items[0].id, DAY, "08:00") | {"client_id": next_id})[0]["status"] == "created"
    db.session.expire_all()
    assert stored_checkin(patient, DAY).pain == 6
    owners = db.session.execute(select(Completion.patient_id).where(Completion.client_id == next_id)).scalars().all()
    assert sorted(owners) == sorted([patient.id, other.id])


def test_mode_client_ids_are_per_patient_too(login, world):
    shared = str(uuid.uuid4())
    other = make_user()
    give_plan(other)
    plan = plan_for(db.session, other)
    save_version(db.session, plan, [ItemSpec(routine_id("gentle-walk"))], other, variant="flare")
    db.session.commit()
    switch = {"client_id": shared, "type": "mode", "mode": "flare", "recorded_at": f"{DAY}T09:00:00+00:00"}
    assert sync(login(other), switch)[0]["status"] == "created"
    assert sync(world.p, switch)[0]["status"] == "created"
    assert db.session.scalar(select(func.count(ModeChange.id)).where(ModeChange.client_id == shared)) == 2


# 14.10: bad input is rejected alone.

def nested(depth: int):
    value = "08:00"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("field, value", [
    ("slot", ["08:00"]), ("slot", {"h": 8}), ("slot", "08:00\n"), ("slot", " 08:00"), ("slot", nested(200)),
    ("date", [DAY]), ("date", {"y": 2026}), ("date", f"{DAY}\n"), ("status", ["done"]), ("status", "done\n"),
    ("client_id", ["x"]), ("client_id", {"a": 1}), ("plan_item_id", [1]), ("plan_item_id", 2**64),
    ("recorded_at", "9999-12-31T23:59:59-14:00"), ("recorded_at", "0001-01-01T00:00:00+14:00"),
    ("recorded_at", ["2026-11-20T08:00:00+00:00"]), ("note", "\ud800"), ("note", ["a"]), ("pain_before", "7\n8"),
    ("type", ["completion"]), ("type", {"completion": 1}),
])
def test_one_malformed_entry_is_rejected_alone(login, patient, field, value):
    items = give_plan(patient).items
    s = login(patient)
    before, bad, after = (entry_completion(items[0].id, DAY, "08:00"), entry_completion(items[1].id, DAY, "12:30"),
                          entry_checkin(DAY, pain=4))
    bad[field] = value
    results = sync(s, before, bad, after)
    assert [r["status"] for r in results] == ["created", "rejected", "created"], results
    assert results[1]["fields"]
    db.session.expire_all()
    assert {c.client_id for c in db.session.scalars(select(Completion))} == {before["client_id"]}
    assert stored_checkin(patient, DAY).client_id == after["client_id"]


# 15.2: a tick can be undone.

def test_cleared_returns_the_slot_to_not_done_and_syncs_like_any_write(login, patient):
    items = give_plan(patient).items
    s = login(patient)
    day = today(patient)
    now = datetime.now(UTC)
    done = entry_completion(items[0].id, day, "08:00", "done", pain_before=6,
                            recorded_at=(now - timedelta(minutes=2)).isoformat())
    cleared = entry_completion(items[0].id, day, "08:00", "cleared",
                               recorded_at=(now - timedelta(minutes=1)).isoformat())
    assert [r["status"] for r in sync(s, done, cleared)] == ["created", "updated"]
    status = {(i["plan_item_id"], i["slot"]): i["status"] for i in s.get("/api/v1/today").json["items"]}
    assert status[(items[0].id, "08:00")] is None
    assert sync(s, cleared)[0]["status"] == "duplicate"  # a replay
    assert sync(s, done)[0]["status"] == "superseded"  # the older tick arriving late does not come back
    assert db.session.scalar(select(Completion.pain_before)) is None
    again = entry_completion(items[0].id, day, "08:00", "partial", recorded_at=now.isoformat())
    assert sync(s, again)[0]["status"] == "updated"
    status = {(i["plan_item_id"], i["slot"]): i["status"] for i in s.get("/api/v1/today").json["items"]}
    assert status[(items[0].id, "08:00")] == "partial"


def test_the_html_form_accepts_cleared(login, patient):
    items = give_plan(patient).items
    s = login(patient)
    day = today(patient)
    form = {"plan_item_id": items[0].id, "date": day, "slot": "08:00"}
    assert s.post("/today/complete", data=form | {"client_id": str(uuid.uuid4()), "status": "done"}).status_code == 303
    assert s.post("/today/complete", data=form | {"client_id": str(uuid.uuid4()), "status": "cleared"}).status_code \
        == 303
    db.session.expire_all()
    assert db.session.scalar(select(Completion.status)) == "cleared"
    status = {(i["plan_item_id"], i["slot"]): i["status"] for i in s.get("/api/v1/today").json["items"]}
    assert status[(items[0].id, "08:00")] is None


# 15.5: ticks carry between the usual and flare-up plans.

def test_a_tick_before_switching_to_the_flare_plan_shows_after(login, patient):
    version = give_plan(patient)
    plan = plan_for(db.session, patient)
    # The flare-up plan written on its own (not copied): the walk again, at the same time, gentler.
    save_version(db.session, plan, [ItemSpec(routine_id("gentle-walk"), times=["12:30"], minutes=5),
                                    ItemSpec(routine_id("slow-breathing"), times=["19:00"])], patient, variant="flare")
    db.session.commit()
    walk = next(i for i in version.items if i.routine_id == routine_id("gentle-walk"))
    s = login(patient)
    day = today(patient)
    assert sync(s, entry_completion(walk.id, day, "12:30", recorded_at=datetime.now(UTC).isoformat()))[0]["status"] \
        == "created"
    switch = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "flare",
              "recorded_at": datetime.now(UTC).isoformat()}
    assert sync(s, switch)[0]["status"] == "created"
    body = s.get("/api/v1/today").json
    assert body["plan"]["mode"] == "flare"
    shown = {(i["routine"]["id"], i["slot"]): i["status"] for i in body["items"]}
    assert shown[(walk.routine_id, "12:30")] == "done"
    assert shown[(routine_id("slow-breathing"), "19:00")] is None
