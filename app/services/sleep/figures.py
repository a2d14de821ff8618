"""Derived sleep figures from one diary night: pure functions, no Flask, no database.

A night is four local clock times ("HH:MM") in the order in bed -> tried to sleep -> final wake -> out of bed,
dated by the morning it ends on, read in the zone the patient was in that night (stored with the entry). Each
time is placed on the latest day that keeps that order, ending on the morning's date, so 23:10 -> 07:20 crosses
midnight. Durations are real elapsed minutes: the wall times become instants in the night's zone (a time in a
spring-forward gap uses the offset before it, a repeated fall-back time its first occurrence, as in RFC 5545),
so the night the clocks go back is an hour longer than the clock faces suggest.

Figures follow the Consensus Sleep Diary (Carney et al. 2012):
time in bed = out of bed - in bed; total sleep = final wake - (tried to sleep + latency) - wake after sleep onset;
efficiency = total sleep / time in bed x 100, to one decimal.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import fmean

from app.services.clock import zone

DAY_MIN = 24 * 60
ORDER = ("in_bed", "tried_sleep", "final_wake", "out_of_bed")


@dataclass(frozen=True)
class Figures:
    time_in_bed_min: int
    total_sleep_min: int
    latency_min: int  # sleep onset latency, as reported
    waso_min: int  # wake after sleep onset, as reported
    efficiency: float  # 0-100, one decimal

    def as_json(self) -> dict:
        return {"time_in_bed_min": self.time_in_bed_min, "total_sleep_min": self.total_sleep_min,
                "latency_min": self.latency_min, "waso_min": self.waso_min, "efficiency": self.efficiency}


class NightError(ValueError):
    """Field -> message: the times or durations cannot belong to one night."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def minutes_of(hm: str) -> int:
    return int(hm[:2]) * 60 + int(hm[3:5])


def forward(a: str, b: str) -> int:
    """Clock minutes from a to b going forward (0 if equal, across midnight if b is earlier)."""
    return (minutes_of(b) - minutes_of(a)) % DAY_MIN


def wall_times(morning: date, times: dict[str, str]) -> dict[str, datetime]:
    """Naive local datetimes of the four times: out of bed on `morning`, each earlier one on the latest day
    that keeps the order (so it may fall on the evening before)."""
    out = {}
    later = None
    for name in reversed(ORDER):
        hm = times[name]
        day = morning if later is None else later.date()
        wall = datetime(day.year, day.month, day.day, int(hm[:2]), int(hm[3:5]))
        if later is not None and wall > later:
            wall -= timedelta(days=1)
        out[name] = later = wall
    return out


def instants(morning: date, times: dict[str, str], tz_name: str) -> dict[str, datetime]:
    """The four times as UTC instants in the night's zone."""
    tz = zone(tz_name)
    return {name: wall.replace(tzinfo=tz).astimezone(UTC) for name, wall in wall_times(morning, times).items()}


def check_night(times: dict[str, str], latency_min: int, waso_min: int, awakenings: int | None) -> None:
    """Raise NightError for a combination no night can have; the clock order alone allows any times, so a step
    of more than 16 hours (or a night of 24 hours or more) means a time was entered on the wrong side."""
    errors = {}
    bed_to_try = forward(times["in_bed"], times["tried_sleep"])
    try_to_wake = forward(times["tried_sleep"], times["final_wake"])
    wake_to_out = forward(times["final_wake"], times["out_of_bed"])
    if bed_to_try > 16 * 60:
        errors["tried_sleep"] = "must be at or after the time you went to bed"
    if wake_to_out > 16 * 60:
        errors["out_of_bed"] = "must be at or after your final waking time"
    if not errors and bed_to_try + try_to_wake + wake_to_out >= DAY_MIN:
        errors["out_of_bed"] = "makes the night 24 hours or longer"
    if not errors and try_to_wake == 0:
        errors["final_wake"] = "must be after the time you tried to sleep"
    if not errors and latency_min > try_to_wake:
        errors["latency_min"] = "is longer than the time from trying to sleep to waking up"
    if not errors and latency_min + waso_min > try_to_wake:
        errors["waso_min"] = "is longer than the time left for sleep after falling asleep"
    if waso_min and awakenings == 0:
        errors["awakenings"] = "must be at least 1 when you were awake in the night"
    if errors:
        raise NightError(errors)


def figures(morning: date, times: dict[str, str], latency_min: int, waso_min: int, tz_name: str) -> Figures:
    """Time in bed, total sleep and efficiency for a valid night (check_night passed), in real minutes."""
    at = instants(morning, times, tz_name)
    in_bed = round((at["out_of_bed"] - at["in_bed"]).total_seconds() / 60)
    asleep_span = round((at["final_wake"] - at["tried_sleep"]).total_seconds() / 60)
    total = max(0, min(asleep_span - latency_min - waso_min, in_bed))
    return Figures(in_bed, total, latency_min, waso_min, efficiency(total, in_bed))


def efficiency(total_sleep_min: int, time_in_bed_min: int) -> float:
    """Total sleep as a percentage of time in bed, half up to one decimal, kept in 0-100."""
    if time_in_bed_min <= 0:
        return 0.0
    tenths = (total_sleep_min * 1000 * 2 + time_in_bed_min) // (time_in_bed_min * 2)  # round half up
    return max(0.0, min(100.0, tenths / 10))


@dataclass(frozen=True)
class Week:
    start: date  # Monday
    nights: int
    efficiency: float | None
    total_sleep_min: int | None


def weekly(nights: list[tuple[date, Figures]]) -> list[Week]:
    """Average efficiency and total sleep per ISO week (Monday start), oldest first."""
    by_week: dict[date, list[Figures]] = {}
    for day, fig in nights:
        by_week.setdefault(day - timedelta(days=day.weekday()), []).append(fig)
    return [Week(start, len(figs), round(fmean(f.efficiency for f in figs), 1),
                 round(fmean(f.total_sleep_min for f in figs)))
            for start, figs in sorted(by_week.items())]


def average_efficiency(figs: list[Figures]) -> float | None:
    return round(fmean(f.efficiency for f in figs), 1) if figs else None
