"""Reading the diary for a period, and the summaries that Progress, the physio and the doctor's report show.

Summaries are counts and averages of what the patient wrote, worded as association by the callers: a trigger
"often came before" a flare, never "caused" it."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import FlareEpisode, PainEntry, Treatment, User
from app.models.diary import BODY_AREAS

BEFORE_FLARE = timedelta(hours=48)  # a trigger noted this long before a flare's start counts as "before" it
MIN_FLARES_FOR_TRIGGERS = 2
MIN_RATINGS = 2  # a treatment needs this many self-ratings before it is ranked
# The heat map's shades: an area's mean intensity below 3.5 is the lightest, below 6.5 the middle, else the darkest
# (the 0-3, 4-6 and 7-10 bands of the 0-10 scale once rounded). 0 is an area nobody marked.
HEAT_BANDS = (3.5, 6.5)


@dataclass
class Period:
    start: date
    end: date
    tz: ZoneInfo
    pain_entries: list[PainEntry] = field(default_factory=list)
    flares: list[FlareEpisode] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)


def bounds(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of the first moment of `start` and of the day after `end`, in the patient's zone."""
    return (datetime.combine(start, time(), tz).astimezone(UTC),
            datetime.combine(end + timedelta(days=1), time(), tz).astimezone(UTC))


def period(session: Session, patient: User, start: date, end: date) -> Period:
    tz = ZoneInfo(patient.timezone)
    lo, hi = bounds(start, end, tz)
    out = Period(start, end, tz)
    out.pain_entries = list(session.scalars(select(PainEntry).where(
        PainEntry.patient_id == patient.id, PainEntry.at >= lo, PainEntry.at < hi).order_by(PainEntry.at)))
    out.flares = list(session.scalars(select(FlareEpisode).where(
        FlareEpisode.patient_id == patient.id, FlareEpisode.start < hi,
        or_(FlareEpisode.end.is_(None), FlareEpisode.end >= lo)).order_by(FlareEpisode.start)))
    out.treatments = list(session.scalars(select(Treatment).where(
        Treatment.patient_id == patient.id, Treatment.at >= lo, Treatment.at < hi).order_by(Treatment.at)))
    return out


def within(p: Period, start: date, end: date | None = None) -> Period:
    """The part of an already read diary from `start` to `end` (local days), without another query."""
    end = end or p.end
    lo, hi = bounds(start, end, p.tz)
    return Period(start, end, p.tz, [e for e in p.pain_entries if lo <= e.at < hi],
                  [f for f in p.flares if f.start < hi and (f.end is None or f.end >= lo)],
                  [t for t in p.treatments if lo <= t.at < hi])


def halves(p: Period) -> tuple[Period, Period]:
    """The first and the second half of a period (the middle day goes to the second half of an odd one)."""
    middle = p.start + timedelta(days=((p.end - p.start).days + 1) // 2)
    return within(p, p.start, middle - timedelta(days=1)), within(p, middle)


def open_flare(session: Session, patient_id: int) -> FlareEpisode | None:
    return session.scalar(select(FlareEpisode).where(FlareEpisode.patient_id == patient_id,
                                                     FlareEpisode.end.is_(None))
                          .order_by(FlareEpisode.start.desc()).limit(1))


def area_summary(p: Period) -> list[dict]:
    """Per WPI area: how many entries marked it and the mean intensity there, most marked first."""
    marks: dict[str, list[int]] = defaultdict(list)
    for entry in p.pain_entries:
        for a in entry.areas or []:
            marks[a["area"]].append(a["intensity"])
    rows = [{"area": area, "entries": len(marks[area]), "mean": round(mean(marks[area]), 1)}
            for area in BODY_AREAS if marks.get(area)]
    return sorted(rows, key=lambda r: (-r["entries"], -r["mean"], r["area"]))


def heat_level(mean_intensity: float) -> int:
    """1, 2 or 3: the heat map's shade for an area's mean intensity."""
    return 1 + sum(mean_intensity >= edge for edge in HEAT_BANDS)


def heat_map(p: Period) -> dict[str, dict]:
    """Per area marked in the period: entries, mean intensity and its shade (the area_summary rows, by area)."""
    return {row["area"]: row | {"level": heat_level(row["mean"])} for row in area_summary(p)}


def flare_days(flare: FlareEpisode, now: datetime) -> float:
    return round(((flare.end or now) - flare.start).total_seconds() / 86400, 1)


def flares_by_month(p: Period, now: datetime | None = None) -> list[dict]:
    """Episodes starting in each month of the period, with their mean length in days (an open one counts to now)."""
    now = now or datetime.now(UTC)
    months: dict[str, list[float]] = defaultdict(list)
    first, _ = bounds(p.start, p.end, p.tz)
    for flare in (f for f in p.flares if f.start >= first):  # one that began before the period lasts into it
        months[f"{p.local(flare.start):%Y-%m}"].append(flare_days(flare, now))
    return [{"month": m, "episodes": len(v), "mean_days": round(mean(v), 1)} for m, v in sorted(months.items())]


def triggers_before_flares(p: Period) -> list[tuple[str, int]]:
    """Tags noted on a flare or on a pain entry in the 48 h before it, by the number of flares they came before."""
    if len(p.flares) < MIN_FLARES_FOR_TRIGGERS:
        return []
    counts: Counter = Counter()
    for flare in p.flares:
        tags = set(flare.triggers or [])
        tags.update(t for e in p.pain_entries if flare.start - BEFORE_FLARE <= e.at <= flare.start
                    for t in e.triggers or [])
        counts.update(tags)
    return sorted(((tag, n) for tag, n in counts.items() if n >= MIN_FLARES_FOR_TRIGGERS), key=lambda t: (-t[1], t[0]))


def treatment_effects(p: Period) -> list[dict]:
    """Per treatment name (as the patient wrote it, case ignored): times logged, mean self-rated effect."""
    by_name: dict[str, list[Treatment]] = defaultdict(list)
    for t in p.treatments:
        by_name[t.name.strip().lower()].append(t)
    rows = []
    for rows_of_name in by_name.values():
        rated = [t.effect for t in rows_of_name if t.effect is not None]
        rows.append({"name": rows_of_name[-1].name, "kind": rows_of_name[-1].kind, "times": len(rows_of_name),
                     "rated": len(rated), "mean_effect": round(mean(rated), 1) if rated else None})
    return sorted(rows, key=lambda r: (-(r["mean_effect"] if r["rated"] >= MIN_RATINGS else -1), -r["times"]))
