"""What a patient is asked to do on a given local date, and what they have recorded."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CheckIn, Completion, Plan, PlanItem, PlanVersion, User
from .clock import part_of_day
from .plans import current_version, plan_for


@dataclass
class DueItem:
    item: PlanItem
    slot: str
    completion: Completion | None

    @property
    def status(self) -> str | None:
        return self.completion.status if self.completion else None

    @property
    def part(self) -> str:
        return part_of_day(self.slot)


@dataclass
class Day:
    date: date
    plan: Plan | None
    version: PlanVersion | None
    items: list[DueItem]
    checkin: CheckIn | None

    def by_part(self) -> list[tuple[str, list[DueItem]]]:
        parts = {"morning": [], "afternoon": [], "evening": []}
        for due in self.items:
            parts[due.part].append(due)
        return [(name, items) for name, items in parts.items() if items]

    @property
    def done_count(self) -> int:
        return sum(1 for d in self.items if d.status in ("done", "partial"))


def scheduled(version: PlanVersion | None, day: date) -> list[tuple[PlanItem, str]]:
    """Item occurrences of a version on a date, in time order."""
    if version is None:
        return []
    weekday = day.weekday()
    pairs = [(item, s) for item in version.items if item.days_mask >> weekday & 1 for s in item.slots]
    return sorted(pairs, key=lambda p: (p[1], p[0].position))


def day_for(session: Session, patient: User, day: date) -> Day:
    plan = plan_for(session, patient)
    version = current_version(session, plan) if plan else None
    completions = {
        (c.item_key, c.slot): c
        for c in session.scalars(select(Completion).where(Completion.patient_id == patient.id, Completion.date == day))
    }
    items = [DueItem(item, s, completions.get((item.key, s))) for item, s in scheduled(version, day)]
    checkin = session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id, CheckIn.date == day))
    return Day(day, plan, version, items, checkin)
