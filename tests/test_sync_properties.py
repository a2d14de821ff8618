"""Property: any mix of valid and invalid sync entries, delivered in any order, in any batches and any number of
times, leaves the same stored state as sending each valid entry once (and the state a last-write-wins model
predicts)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from app.extensions import db
from app.models import CheckIn, Completion, ModeChange, Plan, PlanItem
from app.services.plans.versions import current_specs, plan_for, save_version
from helpers import give_plan

DAYS = ["2026-11-18", "2026-11-19"]
# Few distinct device times, in two offsets, so equal instants (ties) are common.
TIMES = [f"2026-11-18T{h:02d}:00:00{o}" for h in (8, 9) for o in ("+00:00", "+01:00")]
uuids = st.uuids(version=4).map(str)


@pytest.fixture
def setup(login, patient):
    """A patient whose plan has two versions (one item key has two item ids) and a flare variant to switch to."""
    first = give_plan(patient)
    plan = plan_for(db.session, patient)
    specs = current_specs(db.session, plan)
    specs[0].minutes = 25
    second = save_version(db.session, plan, specs, patient)
    save_version(db.session, plan, specs[:1], patient, variant="flare")
    db.session.commit()
    ids = [i.id for i in first.items] + [i.id for i in second.items]
    return login(patient), patient, ids


def completion(ids):
    return st.fixed_dictionaries({
        "client_id": uuids, "type": st.just("completion"), "plan_item_id": st.sampled_from(ids),
        "date": st.sampled_from(DAYS), "slot": st.sampled_from(["08:00", "12:30"]),
        "status": st.sampled_from(["done", "partial", "skipped", "cleared"]),
        "pain_before": st.none() | st.integers(0, 10),
        "recorded_at": st.sampled_from(TIMES)})


checkin = st.fixed_dictionaries({
    "client_id": uuids, "type": st.just("checkin"), "date": st.sampled_from(DAYS), "pain": st.integers(0, 10),
    "sleep_hours": st.none() | st.sampled_from([0, 6.5, 24]), "recorded_at": st.sampled_from(TIMES)})
mode = st.fixed_dictionaries({"client_id": uuids, "type": st.just("mode"),
                              "mode": st.sampled_from(["standard", "flare"]), "recorded_at": st.sampled_from(TIMES)})


# Values an attacker or a broken client sends: wrong types (nested, unhashable), date-times past the last
# representable instant, whitespace around exact formats, days outside the account's life.
nested = st.recursive(st.none() | st.integers() | st.text(max_size=5),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                  max_size=3),
                      max_leaves=6).filter(lambda v: isinstance(v, (list, dict)))
EXTREME_TIMES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999-23:59",
                 "1970-01-01T00:00:00+00:00"]
WHITESPACE = ["\n", " ", "\t", "\r\n", "\u00a0", "\u2028"]
FIELDS = ["client_id", "plan_item_id", "date", "slot", "status", "pain_before", "note", "recorded_at"]


def padded(field: str, value):
    return st.sampled_from(WHITESPACE).flatmap(lambda ws: st.sampled_from([(field, value + ws), (field, ws + value)]))


def invalid(ids):
    bad_fields = st.one_of(
        st.sampled_from([("pain_before", 11), ("date", "2026-02-30"), ("plan_item_id", 10**9),
                         ("client_id", "not-a-uuid"), ("status", "finished"), ("date", "2999-01-01"),
                         ("date", "9999-12-31"), ("date", "1999-01-01"), ("slot", "25:00"),
                         ("recorded_at", "2026-11-18T08:00:00"), ("note", "\ud800")]),
        st.tuples(st.sampled_from(FIELDS), nested),
        st.tuples(st.just("recorded_at"), st.sampled_from(EXTREME_TIMES[:3])),
        st.sampled_from(["08:00", "12:30"]).flatmap(lambda v: padded("slot", v)),
        st.sampled_from(DAYS).flatmap(lambda v: padded("date", v)),
        st.sampled_from(["done", "skipped"]).flatmap(lambda v: padded("status", v)))
    broken = st.tuples(completion(ids), bad_fields).map(lambda p: p[0] | {p[1][0]: p[1][1]})
    no_pain = checkin.map(lambda e: {k: v for k, v in e.items() if k != "pain"})
    return st.one_of(broken, no_pain, st.sampled_from([5, "x", None, {"type": "nap"}]))


def entries(ids):
    valid = st.one_of(completion(ids), checkin, mode).map(lambda e: (True, e))
    return st.lists(st.one_of(valid, invalid(ids).map(lambda e: (False, e))), min_size=1, max_size=8,
                    unique_by=lambda p: repr(p[1].get("client_id")) if isinstance(p[1], dict) else id(p[1]))


def reset(patient):
    db.session.execute(delete(Completion))
    db.session.execute(delete(CheckIn))
    db.session.execute(delete(ModeChange))
    plan = plan_for(db.session, patient)
    plan.mode, plan.mode_changed_at = "standard", None
    db.session.commit()


def state(patient):
    db.session.expire_all()
    completions = {(c.item_key, c.date, c.slot): (c.client_id, c.plan_item_id, c.status, c.pain_before, c.recorded_at,
                                                  c.recorded_offset_min)
                   for c in db.session.scalars(select(Completion))}
    checkins = {c.date: (c.client_id, c.pain, c.sleep_hours, c.recorded_at, c.recorded_offset_min)
                for c in db.session.scalars(select(CheckIn))}
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    return completions, checkins, (plan.mode, plan.mode_changed_at)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def model(valid: list[dict], keys: dict[int, str]) -> tuple[dict, dict, str]:
    """Last write on the device wins; the client id (or the mode's name) breaks ties."""
    slots, days, modes = {}, {}, []
    for e in valid:
        rank = (instant(e["recorded_at"]), e["client_id"])
        if e["type"] == "completion":
            slot = (keys[e["plan_item_id"]], e["date"], e["slot"])
            slots[slot] = max(slots.get(slot, rank), rank)
        elif e["type"] == "checkin":
            days[e["date"]] = max(days.get(e["date"], rank), rank)
        else:
            modes.append((instant(e["recorded_at"]), e["mode"]))
    return ({k: v[1] for k, v in slots.items()}, {k: v[1] for k, v in days.items()},
            max(modes)[1] if modes else "standard")


def send(session, batch) -> list[dict]:
    response = session.post_json("/api/v1/sync", {"items": batch})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["results"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_delivery_order_and_repetition_gives_the_same_state(setup, data):
    session, patient, ids = setup
    pool = data.draw(entries(ids), label="entries")
    valid = [e for ok, e in pool if ok]

    reset(patient)
    for (ok, entry), result in zip(pool, send(session, [e for _, e in pool]), strict=False):
        assert (result["status"] == "rejected") is not ok, (entry, result)
        # Every client id is new here: "duplicate" would claim a write was stored when it was not.
        assert result["status"] != "duplicate", (entry, result)
    reset(patient)
    if valid:
        send(session, valid)
    once = state(patient)

    # Deliver every entry at least once, some again, shuffled, in batches of random sizes.
    repeats = data.draw(st.lists(st.sampled_from(range(len(pool))), max_size=10), label="repeats")
    order = data.draw(st.permutations(list(range(len(pool))) + repeats), label="order")
    reset(patient)
    while order:
        size = data.draw(st.integers(1, len(order)), label="batch size")
        batch, order = order[:size], order[size:]
        for result in send(session, [pool[i][1] for i in batch]):
            assert result["status"] in ("created", "updated", "duplicate", "superseded", "rejected")
    assert state(patient) == once

    keys = dict(db.session.execute(select(PlanItem.id, PlanItem.key).where(PlanItem.id.in_(ids))).all())
    slots, days, mode = model(valid, keys)
    completions, checkins, (stored_mode, _) = once
    assert {k: v[0] for k, v in completions.items()} == {(k, date.fromisoformat(d), s): cid
                                                         for (k, d, s), cid in slots.items()}
    assert {k: v[0] for k, v in checkins.items()} == {date.fromisoformat(d): cid for d, cid in days.items()}
    assert stored_mode == mode
