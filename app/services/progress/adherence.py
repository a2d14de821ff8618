"""Adherence: what was planned on each local date against what the patient recorded.

Works for many patients at once in a fixed number of queries (dashboard), and for one patient over
months (patient page, progress). A slot counts as planned on a day when the version of the plan in force
that day (the newest one created by the end of that day) schedules it. Done = 1, partly done = 0.5.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import Completion, Plan, PlanVersion, Routine
from app.services.clock import zone
from app.services.progress.credit import CREDIT


@dataclass
class Tally:
    planned: int = 0
    credit: float = 0.0

    @property
    def rate(self) -> float | None:
        return round(min(1.0, self.credit / self.planned), 3) if self.planned else None


def share(tallies, days) -> Tally:
    """One tally over some days of `Adherence.by_day` (a day without slots adds nothing)."""
    out = Tally()
    for day in days:
        if day in tallies:
            out.planned += tallies[day].planned
            out.credit += tallies[day].credit
    return out


@dataclass
class Adherence:
    total: Tally = field(default_factory=Tally)
    by_item: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))   # item key
    by_week: dict[date, Tally] = field(default_factory=lambda: defaultdict(Tally))  # Monday of the week
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_day: dict[date, Tally] = field(default_factory=lambda: defaultdict(Tally))
    routines: dict[str, Routine] = field(default_factory=dict)  # item key -> its routine (newest version)

    def last_days(self, today: date, days: int = 7) -> Tally:
        """The figure shown as "last 7 days" on the dashboard, the patient page and Progress: today included."""
        return share(self.by_day, (today - timedelta(days=d) for d in range(days)))


def load_versions(session: Session, plan_ids: list[int]) -> dict[int, list[PlanVersion]]:
    """Every version of the given plans with items and routines, oldest first, in two queries."""
    out: dict[int, list[PlanVersion]] = defaultdict(list)
    if not plan_ids:
        return out
    rows = session.scalars(select(PlanVersion).where(PlanVersion.plan_id.in_(plan_ids))
                           .order_by(PlanVersion.plan_id, PlanVersion.number)
                           .options(selectinload(PlanVersion.items)))
    for version in rows:
        out[version.plan_id].append(version)
    return out


def version_on(versions: list[PlanVersion], variant: str, day: date, tz: str) -> PlanVersion | None:
    end_of_day = datetime.combine(day, time.max, tzinfo=zone(tz))
    current = None
    for version in versions:
        if version.variant == variant and version.created_at <= end_of_day:
            current = version
    return current


def variant_on(plan: Plan, day: date, tz: str) -> str:
    if plan.mode == "flare" and plan.mode_changed_at and plan.mode_changed_at.astimezone(zone(tz)).date() <= day:
        return "flare"
    return "standard"


def planned_slots(plan: Plan, versions: list[PlanVersion], start: date, end: date, tz: str):
    """Yield (day, item, slot) for every planned occurrence in [start, end]."""
    day = start
    while day <= end:
        version = version_on(versions, variant_on(plan, day, tz), day, tz)
        if version is not None:
            weekday = day.weekday()
            for item in version.items:
                if item.days_mask >> weekday & 1:
                    for slot in item.slots:
                        yield day, item, slot
        day += timedelta(days=1)


def adherence_for(session: Session, plans: list[Plan], tz_by_patient: dict[int, str],
                  start: date, end: date, now: datetime | None = None) -> dict[int, Adherence]:
    """patient_id -> Adherence over [start, end], for many patients in three queries.

    With `now`, a slot later than the patient's local time today (or on a later day) counts as planned only once
    something is recorded for it: a morning look does not count the evening as missed. Every figure shown
    (Progress, the dashboard, the patient page, the summary API) passes `now`, so they all agree.
    """
    versions = load_versions(session, [p.id for p in plans])
    patient_ids = [p.patient_id for p in plans]
    recorded: dict[tuple, str] = {}
    if patient_ids:
        rows = session.execute(select(Completion.patient_id, Completion.item_key, Completion.date, Completion.slot,
                                      Completion.status)
                               .where(Completion.patient_id.in_(patient_ids), Completion.date.between(start, end)))
        recorded = {(pid, key, d, s): status for pid, key, d, s, status in rows}
    result = {}
    for plan in plans:
        tally = Adherence()
        tz = tz_by_patient.get(plan.patient_id, "UTC")
        local = now.astimezone(zone(tz)) if now else None
        for day, item, slot in planned_slots(plan, versions.get(plan.id, []), start, end, tz):
            status = recorded.get((plan.patient_id, item.key, day, slot))
            if local and status is None and (day, slot) > (local.date(), local.strftime("%H:%M")):
                continue  # not due yet
            credit = CREDIT.get(status, 0.0)
            monday = day - timedelta(days=day.weekday())
            tally.routines[item.key] = item.routine
            for bucket in (tally.total, tally.by_item[item.key], tally.by_week[monday],
                           tally.by_kind[item.routine.kind], tally.by_day[day]):
                bucket.planned += 1
                bucket.credit += credit
        result[plan.patient_id] = tally
    return result
