"""When is a reminder due? Pure functions: no Flask, no database, only times and zones.

A plan item's slot is a local wall-clock time ("08:00") on a local date in the patient's zone, so an
08:00 routine stays at 08:00 across DST changes and follows a traveller to the new zone. A wall time is
turned into an instant the way RFC 5545 reads DTSTART with a TZID (and Python's fold=0): a time that
falls in a spring-forward gap uses the offset before the gap (02:30 becomes 03:30 summer time), and a time
that occurs twice at fall-back means the first occurrence. So push reminders and the calendar feed agree,
and every occurrence has exactly one instant, hence fires once.

An occurrence at instant T is due at `now` when T - lead <= now < T + late, it is not done, it was not
already sent, and `now` is outside the quiet hours.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Protocol

from app.services.clock import zone

CHECKIN_KEY = "checkin"
LATE_MINUTES = 60  # a reminder more than an hour late is noise; the calendar alarm and the app cover it
# Enumerating wall times this far beyond the window covers any UTC offset change (at most 2 h anywhere).
_MARGIN = timedelta(hours=3)


class Schedulable(Protocol):
    """A plan item as far as scheduling goes (PlanItem or a row of the dispatcher's query)."""

    key: str
    id: int
    days_mask: int  # bit 0 = Monday
    times: str  # "08:00,18:30"


@dataclass(frozen=True)
class Prefs:
    lead_minutes: int = 10
    quiet_start: str | None = None
    quiet_end: str | None = None
    checkin_time: str | None = "20:00"


@dataclass(frozen=True)
class Due:
    key: str
    plan_item_id: int | None
    date: date
    slot: str
    at: datetime  # the slot's instant, UTC

    @property
    def ident(self) -> tuple[str, date, str]:
        return self.key, self.date, self.slot


def slot_instant(day: date, slot: str, tz_name: str) -> datetime:
    """The UTC instant of a local wall time (RFC 5545: gaps use the offset before, folds the first)."""
    hour, minute = int(slot[:2]), int(slot[3:5])
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(tz_name)).astimezone(UTC)


def local_hm(now: datetime, tz_name: str) -> str:
    return now.astimezone(zone(tz_name)).strftime("%H:%M")


def in_quiet_hours(hm: str, start: str | None, end: str | None) -> bool:
    """Is local time `hm` inside [start, end)? The range may wrap midnight (22:00-07:00)."""
    if not start or not end or start == end:
        return False
    if start < end:
        return start <= hm < end
    return hm >= start or hm < end


def due_slots(tz_name: str, now: datetime, lead_minutes: int,
              late_minutes: int = LATE_MINUTES) -> tuple[tuple[date, frozenset[str]], ...]:
    """Every local (date, "HH:MM") whose instant T has T - lead <= now < T + late, grouped by date."""
    return slots_between(tz_name, now - timedelta(minutes=late_minutes), now + timedelta(minutes=lead_minutes))


@lru_cache(maxsize=8192)
def slots_between(tz_name: str, start: datetime, end: datetime) -> tuple[tuple[date, frozenset[str]], ...]:
    """Every local (date, "HH:MM") whose instant T has start < T <= end, grouped by date.

    Each minute T of the window is shown on the clock as T + offset for every offset the zone uses
    around it; trying them all also finds the labels inside a DST gap (whose instant is label minus the
    offset before the gap) and both readings of a repeated hour, and the exact check keeps only labels
    whose own instant is in the window. One call serves every user of a zone.
    """
    tz = zone(tz_name)
    first = start.replace(second=0, microsecond=0)
    hours = int((end - first + 2 * _MARGIN) / timedelta(hours=1)) + 1
    offsets = {(first - _MARGIN + timedelta(hours=h)).astimezone(tz).utcoffset() for h in range(hours + 1)}
    found: dict[date, set[str]] = {}
    minute = first
    while minute <= end:
        for offset in offsets:
            wall = (minute + offset).replace(tzinfo=None)
            instant = wall.replace(tzinfo=tz).astimezone(UTC)
            if start < instant <= end:
                found.setdefault(wall.date(), set()).add(wall.strftime("%H:%M"))
        minute += timedelta(minutes=1)
    return tuple((d, frozenset(s)) for d, s in sorted(found.items()))


def quiet_until(now: datetime, tz_name: str, prefs_quiet_end: str) -> datetime:
    """The next instant after `now` at which the local clock shows the end of quiet hours."""
    local = now.astimezone(zone(tz_name)).date()
    instants = (slot_instant(local + timedelta(days=n), prefs_quiet_end, tz_name) for n in range(3))
    return next(instant for instant in instants if instant > now)


def due_items(items: Iterable[Schedulable], tz_name: str, prefs: Prefs, now: datetime,
              skip: set[tuple[str, date, str]] | frozenset = frozenset(),
              late_minutes: int = LATE_MINUTES) -> list[Due]:
    """The plan's occurrences due at `now`, minus those in `skip` (done or already sent), by time."""
    if in_quiet_hours(local_hm(now, tz_name), prefs.quiet_start, prefs.quiet_end):
        return []
    windows = due_slots(tz_name, now, prefs.lead_minutes, late_minutes)
    out = []
    for item in items:
        slots = [s for s in item.times.split(",") if s]
        for day, due_now in windows:
            if item.days_mask >> day.weekday() & 1:
                out.extend(Due(item.key, item.id, day, s, slot_instant(day, s, tz_name))
                           for s in slots if s in due_now and (item.key, day, s) not in skip)
    return sorted(out, key=lambda d: (d.at, d.key))


def checkin_due(tz_name: str, prefs: Prefs, now: datetime, checked_in: set[date] | frozenset = frozenset(),
                late_minutes: int = LATE_MINUTES) -> Due | None:
    """The daily check-in reminder, at the chosen time (no lead), if that day has no check-in yet."""
    if not prefs.checkin_time or in_quiet_hours(local_hm(now, tz_name), prefs.quiet_start, prefs.quiet_end):
        return None
    for day, due_now in due_slots(tz_name, now, 0, late_minutes):
        if prefs.checkin_time in due_now and day not in checked_in:
            return Due(CHECKIN_KEY, None, day, prefs.checkin_time, slot_instant(day, prefs.checkin_time, tz_name))
    return None
