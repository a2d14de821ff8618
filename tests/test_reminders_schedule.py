"""The one due function, as the dispatcher calls it: property tests across zones and DST boundaries, the classic
DST cases, and proof that the dispatcher answers "is it due?" with nothing else."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.clock import timezone_names
from app.services.reminders import dispatch, schedule
from app.services.reminders.dispatch import due_in  # the dispatcher's own due function
from app.services.reminders.schedule import (
    CHECKIN_KEY,
    DEFAULTS,
    LATE_MINUTES,
    Item,
    checkin_item,
    in_quiet_hours,
    slot_instant,
    slots_between,
    window,
)

# Zones with unusual rules: 30-min DST (Lord Howe), 45-min offsets (Chatham), southern hemisphere,
# DST at midnight (Santiago, Havana), Ramadan suspensions (Casablanca), none at all (Tokyo, Kolkata).
TRICKY = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Santiago", "America/Havana",
          "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham", "America/St_Johns",
          "Africa/Casablanca", "Asia/Tokyo", "Asia/Kolkata", "America/Sao_Paulo", "UTC"]
PROPS = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def due(plan, tz: str, lead: int, since: datetime, now: datetime) -> list:
    """What a dispatcher pass at `now` after a pass at `since` finds for `plan`, exactly as dispatch.due_items
    asks: one window per zone and lead, then `due_in` per item."""
    found = window(tz, lead, since, now)
    return [d for item in plan for d in due_in(item, tz, found)]


@cache
def transitions(tz_name: str, year: int = 2026) -> list[datetime]:
    """UTC instants where the zone's offset changes during the year (hourly scan, then to the minute)."""
    tz, out = ZoneInfo(tz_name), []
    t = datetime(year, 1, 1, tzinfo=UTC)
    while t.year == year:
        nxt = t + timedelta(hours=1)
        if t.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            m = t
            while m.astimezone(tz).utcoffset() == t.astimezone(tz).utcoffset():
                m += timedelta(minutes=1)
            out.append(m)
        t = nxt
    return out


@st.composite
def moments(draw, zones=None):
    """A zone and a UTC minute, usually within a few hours of one of the zone's DST transitions."""
    tz = draw(st.sampled_from(TRICKY) if zones is None else zones)
    edges = transitions(tz)
    if edges and draw(st.booleans()):
        base = draw(st.sampled_from(edges))
        now = base + timedelta(minutes=draw(st.integers(-240, 240)))
    else:
        now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 365 * 1440)))
    return tz, now


slots = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
items = st.lists(st.builds(lambda i, mask, times: Item(f"k{i}", i, mask, ",".join(sorted(set(times)))),
                           st.integers(1, 10**6), st.integers(1, 127), st.lists(slots, min_size=1, max_size=4)),
                 min_size=1, max_size=4, unique_by=lambda it: it.key)
leads = st.sampled_from([0, 5, 10, 15, 30, 60])


def oracle(plan, tz: str, since: datetime, now: datetime, lead: int) -> set[tuple]:
    """Brute force: every occurrence on nearby local dates whose reminder moment lies in (since, now]."""
    local = now.astimezone(ZoneInfo(tz)).date()
    out = set()
    for offset in range(-3, 3):
        day = local + timedelta(days=offset)
        for item in plan:
            if item.days_mask >> day.weekday() & 1:
                for s in item.times.split(","):
                    moment = slot_instant(day, s, tz) - timedelta(minutes=lead)
                    if since < moment <= now:
                        out.add((item.key, day, s))
    return out


def test_the_dispatcher_uses_the_one_due_function(app, patient, monkeypatch):
    """dispatch.due_items and due_checkins find occurrences only through schedule.due_in; no other copy exists."""
    from helpers import give_plan

    assert due_in is schedule.due_in
    assert not hasattr(schedule, "due_items") and not hasattr(schedule, "checkin_due")
    from app.extensions import db
    from app.models import PushSubscription

    give_plan(patient)  # 08:00, 12:30 and 19:00 every day, London
    db.session.add(PushSubscription(user_id=patient.id, endpoint="https://fcm.googleapis.com/x", p256dh="p", auth="a"))
    db.session.commit()
    asked = []
    monkeypatch.setattr(dispatch, "due_in", lambda item, tz, found: asked.append(item) or [])
    since, now = datetime(2026, 6, 1, 6, 49, tzinfo=UTC), datetime(2026, 6, 1, 6, 50, tzinfo=UTC)
    assert dispatch.due_items(db.session, since, now, {}) == []  # the spy found nothing, so nothing is due
    assert [item.times for item in asked] == ["08:00"]
    monkeypatch.undo()
    [(uid, found)] = dispatch.due_items(db.session, since, now, {})
    assert (uid, found.slot, found.at) == (patient.id, "08:00", datetime(2026, 6, 1, 7, 0, tzinfo=UTC))
    asked.clear()
    monkeypatch.setattr(dispatch, "due_in", lambda item, tz, found: asked.append(item) or [])
    at_8pm = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)
    assert dispatch.due_checkins(db.session, at_8pm - timedelta(minutes=1), at_8pm, {}) == []
    assert asked == [checkin_item(DEFAULTS.checkin_time)]


@PROPS
@given(moments(st.sampled_from(TRICKY) | st.sampled_from(timezone_names())), items, leads, st.integers(1, 90))
def test_due_in_matches_brute_force(moment, plan, lead, minutes):
    tz, now = moment
    since = now - timedelta(minutes=minutes)
    got = [d.ident for d in due(plan, tz, lead, since, now)]
    assert len(got) == len(set(got))
    assert set(got) == oracle(plan, tz, since, now, lead)


@PROPS
@given(st.sampled_from(TRICKY), st.dates(date(2026, 1, 1), date(2026, 12, 31)), slots)
def test_slot_instant_keeps_the_wall_clock_or_skips_the_gap(tz_name, day, slot):
    tz = ZoneInfo(tz_name)
    instant = slot_instant(day, slot, tz_name)
    wall = datetime.combine(day, datetime.strptime(slot, "%H:%M").time())
    local = instant.astimezone(tz).replace(tzinfo=None)
    if local == wall:
        return  # the usual case: 08:00 is 08:00 whatever the offset
    # Only a time inside a spring-forward gap moves, forward by exactly the gap (RFC 5545's reading).
    before = wall.replace(tzinfo=tz, fold=0).utcoffset()
    after = wall.replace(tzinfo=tz, fold=1).utcoffset()
    assert before < after and local - wall == after - before


@settings(deadline=None, max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([z for z in TRICKY if transitions(z)]), st.data(), items, leads)
def test_a_dispatcher_every_minute_sends_each_occurrence_once(tz, data, plan, lead):
    """Passes one minute apart for 12 hours around a DST change, as `flask reminders send` runs from cron."""
    edge = data.draw(st.sampled_from(transitions(tz)))
    start = edge.replace(second=0) - timedelta(hours=6)
    sent: dict[tuple, datetime] = {}
    for minute in range(1, 12 * 60):
        since, now = start + timedelta(minutes=minute - 1), start + timedelta(minutes=minute)
        for found in due(plan, tz, lead, since, now):
            assert found.ident not in sent
            sent[found.ident] = now
    for (_key, day, s), when in sent.items():
        # Sent at the first pass at or after its reminder moment (the moment is a whole minute).
        assert when == slot_instant(day, s, tz) - timedelta(minutes=lead)
    # Every occurrence whose reminder moment lies inside the run was sent.
    for item in plan:
        local = start.astimezone(ZoneInfo(tz)).date()
        for day in (local + timedelta(days=o) for o in range(-1, 3)):
            if item.days_mask >> day.weekday() & 1:
                for s in item.times.split(","):
                    moment = slot_instant(day, s, tz) - timedelta(minutes=lead)
                    if start < moment <= start + timedelta(minutes=12 * 60 - 1):
                        assert (item.key, day, s) in sent


@PROPS
@given(slots, slots, slots)
def test_quiet_hours_wrap_midnight(hm, start, end):
    minutes = lambda x: int(x[:2]) * 60 + int(x[3:])  # noqa: E731
    inside = {(minutes(start) + i) % 1440 for i in range((minutes(end) - minutes(start)) % 1440)}
    assert in_quiet_hours(hm, start, end) == (minutes(hm) in inside)


def fired_at(plan, tz, day_from, hours, lead=0):
    """A dispatcher run every minute from midnight UTC of `day_from`: occurrence -> when it was sent."""
    sent = {}
    start = datetime.combine(day_from, datetime.min.time(), UTC)
    for minute in range(1, hours * 60):
        now = start + timedelta(minutes=minute)
        for found in due(plan, tz, lead, now - timedelta(minutes=1), now):
            assert found.ident not in sent
            sent[found.ident] = now
    return sent


def test_eight_oclock_stays_eight_oclock_across_spring_forward():
    plan = [Item("walk", 1, 127, "08:00")]
    sent = fired_at(plan, "Europe/Berlin", date(2026, 3, 28), 48)
    assert sent[("walk", date(2026, 3, 28), "08:00")] == datetime(2026, 3, 28, 7, 0, tzinfo=UTC)  # CET
    assert sent[("walk", date(2026, 3, 29), "08:00")] == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # CEST


def test_a_slot_in_the_spring_forward_gap_fires_once_after_the_gap():
    plan = [Item("gap", 1, 127, "02:30")]
    sent = fired_at(plan, "Europe/Berlin", date(2026, 3, 29), 24)
    assert list(sent.items()) == [(("gap", date(2026, 3, 29), "02:30"), datetime(2026, 3, 29, 1, 30, tzinfo=UTC))]
    assert sent[("gap", date(2026, 3, 29), "02:30")].astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "03:30"


def test_a_slot_repeated_at_fall_back_fires_once_at_its_first_occurrence():
    plan = [Item("twice", 1, 127, "02:30")]
    sent = fired_at(plan, "Europe/Berlin", date(2026, 10, 25), 24)
    assert list(sent.values()) == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]  # 02:30 CEST, not 02:30 CET


def test_lead_time_moves_the_reminder_moment():
    plan = [Item("k", 1, 127, "08:00")]
    at = lambda h, m: datetime(2026, 6, 1, h, m, tzinfo=UTC)  # noqa: E731  (London is UTC+1 in June)
    passes = lambda h, m: due(plan, "Europe/London", 15, at(h, m) - timedelta(minutes=1), at(h, m))  # noqa: E731
    assert passes(6, 44) == []
    [found] = passes(6, 45)  # 07:45 local, 15 minutes before 08:00
    assert (found.slot, found.at) == ("08:00", at(7, 0))
    assert passes(6, 46) == [] and passes(7, 0) == []  # each occurrence falls in exactly one pass
    # A catch-up pass after an outage finds it as long as its moment is inside the pass.
    assert [d.slot for d in due(plan, "Europe/London", 15, at(6, 0), at(7, 30))] == ["08:00"]


def test_a_traveller_is_not_reminded_twice_and_flying_east_moves_the_morning():
    plan = [Item("k", 1, 127, "08:00")]
    london_8 = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    [first] = due(plan, "Europe/London", 0, london_8 - timedelta(minutes=1), london_8)
    # Flew to New York the same day: 08:00 there is the same local date and slot (ReminderSent holds it).
    ny_8 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert [d.ident for d in due(plan, "America/New_York", 0, ny_8 - timedelta(minutes=1), ny_8)] == [first.ident]
    # Flying east to Tokyo: the next morning's 08:00 comes at 08:00 Tokyo time.
    tokyo_8 = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)
    [tokyo] = due(plan, "Asia/Tokyo", 0, tokyo_8 - timedelta(minutes=1), tokyo_8)
    assert (tokyo.date, tokyo.at) == (date(2026, 6, 2), tokyo_8)


def test_the_checkin_is_an_item_every_day_at_the_chosen_time():
    at = datetime(2026, 1, 10, 20, 0, tzinfo=UTC)
    [found] = due_in(checkin_item("20:00"), "Europe/London", window("Europe/London", 0, at - timedelta(minutes=1), at))
    assert (found.key, found.plan_item_id, found.date, found.slot) == (CHECKIN_KEY, None, date(2026, 1, 10), "20:00")
    assert checkin_item(None) is None and checkin_item("") is None
    assert DEFAULTS.checkin_time == "20:00" and DEFAULTS.lead_minutes == 10 and DEFAULTS.quiet_start is None


def test_a_window_covers_each_wall_minute_once():
    now = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    found = window("Asia/Kolkata", 10, now - timedelta(minutes=LATE_MINUTES), now)
    labels = [s for _, group in found for s in group]
    assert len(labels) == len(set(labels)) == LATE_MINUTES  # 16:41..17:40 local: reminder moments 10 min before


def labels(found) -> set[tuple]:
    return {(day, label) for day, day_labels in found for label in day_labels}


@PROPS
@given(moments(), st.lists(st.integers(1, 70), min_size=1, max_size=6))
def test_passes_of_any_length_see_each_local_minute_once(moment, gaps):
    """The dispatcher's windows (previous pass, this pass] tile time: every wall-clock minute whose instant lies in
    the whole span is in exactly one of them, and nothing else is (gaps, folds and odd offsets included)."""
    tz, start = moment
    edges = [start]
    for gap in gaps:
        edges.append(edges[-1] + timedelta(minutes=gap))
    seen = [labels(slots_between(tz, a, b)) for a, b in zip(edges, edges[1:], strict=False)]
    assert sum(len(part) for part in seen) == len(set().union(*seen))  # disjoint
    local = start.astimezone(ZoneInfo(tz)).date()
    expected = {(day, f"{m // 60:02d}:{m % 60:02d}") for offset in range(-2, 3)
                for day in [local + timedelta(days=offset)] for m in range(1440)
                if start < slot_instant(day, f"{m // 60:02d}:{m % 60:02d}", tz) <= edges[-1]}
    assert set().union(*seen) == expected
