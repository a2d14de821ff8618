"""The pure scheduling service: property tests across zones and DST boundaries, and the classic DST cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.clock import timezone_names
from app.services.reminders.schedule import (
    CHECKIN_KEY,
    LATE_MINUTES,
    Prefs,
    checkin_due,
    due_items,
    due_slots,
    in_quiet_hours,
    slot_instant,
    slots_between,
)

UTC = UTC
# Zones with unusual rules: 30-min DST (Lord Howe), 45-min offsets (Chatham), southern hemisphere,
# DST at midnight (Santiago, Havana), Ramadan suspensions (Casablanca), none at all (Tokyo, Kolkata).
TRICKY = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Santiago", "America/Havana",
          "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham", "America/St_Johns",
          "Africa/Casablanca", "Asia/Tokyo", "Asia/Kolkata", "America/Sao_Paulo", "UTC"]
PROPS = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Item:
    key: str
    id: int
    days_mask: int
    times: str


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
def moments(draw, zones=st.sampled_from(TRICKY)):
    """A zone and a UTC minute, usually within a few hours of one of the zone's DST transitions."""
    tz = draw(zones)
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


def oracle(plan, tz: str, now: datetime, lead: int) -> set[tuple]:
    """Brute force: every occurrence on nearby local dates whose instant is in the window."""
    local = now.astimezone(ZoneInfo(tz)).date()
    out = set()
    for offset in range(-2, 3):
        day = local + timedelta(days=offset)
        for item in plan:
            if item.days_mask >> day.weekday() & 1:
                for s in item.times.split(","):
                    t = slot_instant(day, s, tz)
                    if t - timedelta(minutes=lead) <= now < t + timedelta(minutes=LATE_MINUTES):
                        out.add((item.key, day, s))
    return out


@PROPS
@given(moments(st.sampled_from(TRICKY) | st.sampled_from(timezone_names())), items, leads)
def test_due_items_match_brute_force(moment, plan, lead):
    tz, now = moment
    got = {d.ident for d in due_items(plan, tz, Prefs(lead_minutes=lead, quiet_start=None), now)}
    assert got == oracle(plan, tz, now, lead)


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
    """Run minute by minute for 12 hours around a DST change, remembering what was sent (as ReminderSent does)."""
    edge = data.draw(st.sampled_from(transitions(tz)))
    start = edge.replace(second=0) - timedelta(hours=6)
    sent: dict[tuple, datetime] = {}
    for minute in range(12 * 60):
        now = start + timedelta(minutes=minute)
        for due in due_items(plan, tz, Prefs(lead_minutes=lead), now, skip=set(sent)):
            assert due.ident not in sent
            sent[due.ident] = now
    for (_key, day, s), when in sent.items():
        instant = slot_instant(day, s, tz)
        # Fired at the first tick of its window, unless the run started inside that window.
        assert when == max(instant - timedelta(minutes=lead), start) or when == start
    # Every occurrence whose whole window lies inside the run fired.
    for item in plan:
        local = start.astimezone(ZoneInfo(tz)).date()
        for day in (local + timedelta(days=o) for o in range(-1, 3)):
            if item.days_mask >> day.weekday() & 1:
                for s in item.times.split(","):
                    t = slot_instant(day, s, tz)
                    opens, closes = t - timedelta(minutes=lead), t + timedelta(minutes=LATE_MINUTES)
                    if start <= opens and closes <= start + timedelta(hours=12):
                        assert (item.key, day, s) in sent


@PROPS
@given(slots, slots, slots)
def test_quiet_hours_wrap_midnight(hm, start, end):
    minutes = lambda x: int(x[:2]) * 60 + int(x[3:])  # noqa: E731
    inside = {(minutes(start) + i) % 1440 for i in range((minutes(end) - minutes(start)) % 1440)}
    assert in_quiet_hours(hm, start, end) == (minutes(hm) in inside)


def fired_at(plan, tz, day_from, hours, lead=0):
    sent = {}
    start = datetime.combine(day_from, datetime.min.time(), UTC)
    for minute in range(hours * 60):
        now = start + timedelta(minutes=minute)
        for due in due_items(plan, tz, Prefs(lead_minutes=lead), now, skip=set(sent)):
            sent[due.ident] = now
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


def test_lead_time_and_lateness_window():
    plan = [Item("k", 1, 127, "08:00")]
    prefs = Prefs(lead_minutes=15)
    at = lambda h, m: datetime(2026, 6, 1, h, m, tzinfo=UTC)  # noqa: E731  (London is UTC+1 in June)
    assert due_items(plan, "Europe/London", prefs, at(6, 44)) == []
    assert [d.slot for d in due_items(plan, "Europe/London", prefs, at(6, 45))] == ["08:00"]
    assert [d.slot for d in due_items(plan, "Europe/London", prefs, at(7, 59))] == ["08:00"]
    assert due_items(plan, "Europe/London", prefs, at(8, 0)) == []  # an hour late: the calendar and app cover it


def test_done_and_quiet_hours_suppress_and_a_traveller_is_not_reminded_twice():
    plan = [Item("k", 1, 127, "08:00")]
    london_8 = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    [due] = due_items(plan, "Europe/London", Prefs(lead_minutes=0), london_8)
    assert due_items(plan, "Europe/London", Prefs(lead_minutes=0), london_8, skip={due.ident}) == []
    assert due_items(plan, "Europe/London", Prefs(0, "07:30", "08:30"), london_8) == []
    # Flew to New York the same day: 08:00 there is the same local date and slot, already sent.
    ny_8 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert [d.ident for d in due_items(plan, "America/New_York", Prefs(lead_minutes=0), ny_8)] == [due.ident]
    assert due_items(plan, "America/New_York", Prefs(lead_minutes=0), ny_8, skip={due.ident}) == []
    # Flying east to Tokyo: the next morning's 08:00 comes at 08:00 Tokyo time.
    [tokyo] = due_items(plan, "Asia/Tokyo", Prefs(lead_minutes=0), datetime(2026, 6, 1, 23, 0, tzinfo=UTC))
    assert (tokyo.date, tokyo.at) == (date(2026, 6, 2), datetime(2026, 6, 1, 23, 0, tzinfo=UTC))


def test_checkin_reminder_at_the_chosen_time_unless_checked_in():
    at = datetime(2026, 1, 10, 20, 5, tzinfo=UTC)
    due = checkin_due("Europe/London", Prefs(checkin_time="20:00"), at)
    assert (due.key, due.date, due.slot) == (CHECKIN_KEY, date(2026, 1, 10), "20:00")
    assert checkin_due("Europe/London", Prefs(checkin_time="20:00"), at, checked_in={date(2026, 1, 10)}) is None
    assert checkin_due("Europe/London", Prefs(checkin_time=None), at) is None
    assert checkin_due("Europe/London", Prefs(checkin_time="20:00", quiet_start="20:00", quiet_end="07:00"), at) is None


def test_due_slots_covers_each_wall_minute_once_per_window():
    now = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    windows = due_slots("Asia/Kolkata", now, 10)
    labels = [s for _, group in windows for s in group]
    assert len(labels) == len(set(labels)) == 10 + LATE_MINUTES  # 17:21..18:30 local, one per minute


def labels(window) -> set[tuple]:
    return {(day, label) for day, day_labels in window for label in day_labels}


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
