"""When is a reminder due? Pure functions: no Flask, no database, only times and zones.

This module is the one answer. `due_in` turns a plan item (or the check-in preference, through `checkin_item`)
and a window of reminder moments into the occurrences due in it; the dispatcher (`dispatch.py`) calls it for
every row it reads, the calendar feed takes its first occurrence and alarm from the same rules and defaults,
and the browser's `static/js/due.js` mirrors it from the preferences JSON the server sends (`prefs_json`).

A plan item's slot is a local wall-clock time ("08:00") on a local date in the patient's zone, so an
08:00 routine stays at 08:00 across DST changes and follows a traveller to the new zone. A wall time is
turned into an instant the way RFC 5545 reads DTSTART with a TZID (and Python's fold=0): a time that
falls in a spring-forward gap uses the offset before the gap (02:30 becomes 03:30 summer time), and a time
that occurs twice at fall-back means the first occurrence. So push reminders and the calendar feed agree,
and every occurrence has exactly one instant, hence fires once.

An occurrence at instant T has its reminder moment at T - lead. A dispatcher pass at `now` after a pass at
`since` sends the occurrences whose reminder moment lies in (since, now], so passes of any length tile time
and each occurrence falls in exactly one of them. The browser shows an item as due while
T - lead <= now < T + LATE_MINUTES.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple, Protocol

from app.services.clock import zone

CHECKIN_KEY = "checkin"
EVERY_DAY = 0b1111111
LATE_MINUTES = 60  # a reminder more than an hour late is noise; the calendar alarm and the app cover it
# Enumerating wall times this far beyond the window covers any UTC offset change (at most 2 h anywhere).
_MARGIN = timedelta(hours=3)


@dataclass(frozen=True)
class Prefs:
    """A patient's reminder preferences; the field defaults are THE defaults (models, forms, JSON read them)."""

    lead_minutes: int = 10
    quiet_start: str | None = None
    quiet_end: str | None = None
    checkin_time: str | None = "20:00"


DEFAULTS = Prefs()


class Schedulable(Protocol):
    """A plan item as far as scheduling goes (PlanItem, a row of the dispatcher's query, `Item`)."""

    key: str
    id: int | None
    days_mask: int  # bit 0 = Monday
    times: str  # "08:00,18:30"


class Item(NamedTuple):
    """The schedulable part of a plan item, or of the check-in preference (`checkin_item`)."""

    key: str
    id: int | None
    days_mask: int
    times: str


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


# (local date, wall-clock labels) pairs, sorted by date: what `window` and `slots_between` return.
Window = tuple[tuple[date, frozenset[str]], ...]


def checkin_item(checkin_time: str | None) -> Item | None:
    """The daily check-in reminder as a plan item: every day at the chosen time (None: turned off)."""
    return Item(CHECKIN_KEY, None, EVERY_DAY, checkin_time) if checkin_time else None


def runs_on(days_mask: int, day: date) -> bool:
    """Is an item with this days mask (bit 0 = Monday) scheduled on `day`?"""
    return bool(days_mask >> day.weekday() & 1)


def slot_instant(day: date, slot: str, tz_name: str) -> datetime:
    """The UTC instant of a local wall time (RFC 5545: gaps use the offset before, folds the first)."""
    hour, minute = int(slot[:2]), int(slot[3:5])
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(tz_name)).astimezone(UTC)


def due_in(item: Schedulable, tz_name: str, found: Window) -> list[Due]:
    """THE due function: the occurrences of `item` (a plan item or `checkin_item`) whose local (date, time) is in
    `found`, a window from `window` (or `slots_between`), by date. Nothing else decides what is due."""
    slots = [s for s in item.times.split(",") if s]
    return [Due(item.key, item.id, day, slot, slot_instant(day, slot, tz_name))
            for day, labels in found if runs_on(item.days_mask, day) for slot in slots if slot in labels]


def window(tz_name: str, lead_minutes: int, since: datetime, now: datetime) -> Window:
    """The local (date, labels) in zone `tz_name` whose reminder moment (instant minus `lead_minutes`) lies in
    (since, now]: one dispatcher pass. Cached per zone, lead and pass, so one call serves every patient."""
    lead = timedelta(minutes=lead_minutes)
    return slots_between(tz_name, since + lead, now + lead)


def local_hm(now: datetime, tz_name: str) -> str:
    return now.astimezone(zone(tz_name)).strftime("%H:%M")


def in_quiet_hours(hm: str, start: str | None, end: str | None) -> bool:
    """Is local time `hm` inside [start, end)? The range may wrap midnight (22:00-07:00)."""
    if not start or not end or start == end:
        return False
    if start < end:
        return start <= hm < end
    return hm >= start or hm < end


@lru_cache(maxsize=8192)
def slots_between(tz_name: str, start: datetime, end: datetime) -> Window:
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


def labels_of(windows: Iterable[Window]) -> set[str]:
    """Every wall-clock label in any of the windows: what the dispatcher's SQL filter asks for."""
    return {label for found in windows for _, day_labels in found for label in day_labels}


def quiet_until(now: datetime, tz_name: str, prefs_quiet_end: str) -> datetime:
    """The next instant after `now` at which the local clock shows the end of quiet hours."""
    local = now.astimezone(zone(tz_name)).date()
    instants = (slot_instant(local + timedelta(days=n), prefs_quiet_end, tz_name) for n in range(3))
    return next(instant for instant in instants if instant > now)
