"""The user's local time: every schedule is read in the patient's own timezone."""
from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(n for n in available_timezones() if "/" in n or n == "UTC"))


def is_timezone(name: str) -> bool:
    return isinstance(name, str) and name in timezone_names()


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_now(tz_name: str, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(zone(tz_name))


def local_today(tz_name: str, now: datetime | None = None) -> date:
    return local_now(tz_name, now).date()


def part_of_day(slot: str) -> str:
    hour = int(slot[:2])
    if hour < 12:
        return "morning"
    if hour < 17:
        return "afternoon"
    return "evening"
