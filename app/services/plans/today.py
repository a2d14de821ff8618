"""What a patient is asked to do on a given local date, and what they have recorded."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session, aliased, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.models import CheckIn, Completion, Plan, PlanItem, PlanVersion, Routine, User
from app.services.clock import part_of_day
from app.services.progress.credit import CREDIT


@dataclass
class DueItem:
    item: PlanItem
    slot: str
    completion: Completion | None

    @property
    def status(self) -> str | None:
        # A "cleared" row is an undone tick: the slot reads as not done.
        return self.completion.status if self.completion and self.completion.status != "cleared" else None

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
    plan_began: datetime | None = None  # when the plan's first version was written (before it: read-only history)

    def by_part(self) -> list[tuple[str, list[DueItem]]]:
        parts = {"morning": [], "afternoon": [], "evening": []}
        for due in self.items:
            parts[due.part].append(due)
        return [(name, items) for name, items in parts.items() if items]

    @property
    def done_count(self) -> float:
        """Routines done today, partly done counting half: the same credit as every adherence figure."""
        return sum(CREDIT.get(d.status, 0.0) for d in self.items)


def scheduled(version: PlanVersion | None, day: date) -> list[tuple[PlanItem, str]]:
    """Item occurrences of a version on a date, in time order."""
    if version is None:
        return []
    weekday = day.weekday()
    pairs = [(item, s) for item in version.items if item.days_mask >> weekday & 1 for s in item.slots]
    return sorted(pairs, key=lambda p: (p[1], p[0].position))


_newest = aliased(PlanVersion)
_first = aliased(PlanVersion)
# Built once: the day is read on every page view and API call, so statement construction is worth saving.
PLAN_ROW = (
    select(Plan, PlanVersion, CheckIn,
           select(func.min(_first.created_at)).where(_first.plan_id == Plan.id).correlate(Plan).scalar_subquery())
    .select_from(Plan).where(Plan.patient_id == bindparam("patient_id"))
    .outerjoin(PlanVersion, and_(
        PlanVersion.plan_id == Plan.id, PlanVersion.variant == Plan.mode,
        PlanVersion.number == select(func.max(_newest.number))
        .where(_newest.plan_id == Plan.id, _newest.variant == Plan.mode).correlate(Plan).scalar_subquery()))
    .outerjoin(CheckIn, and_(CheckIn.patient_id == Plan.patient_id, CheckIn.date == bindparam("day"))))
CHECKIN = select(CheckIn).where(CheckIn.patient_id == bindparam("patient_id"), CheckIn.date == bindparam("day"))
ITEMS_DONE = (
    select(PlanItem, Completion).select_from(PlanItem).where(PlanItem.version_id == bindparam("version_id"))
    .outerjoin(Completion, and_(Completion.patient_id == bindparam("patient_id"), Completion.date == bindparam("day"),
                                Completion.item_key == PlanItem.key))
    .order_by(PlanItem.position)
    .options(joinedload(PlanItem.routine).load_only(Routine.id, Routine.slug, Routine.owner_id, Routine.kind,
                                                     Routine.title)))


def day_for(session: Session, patient: User, day: date) -> Day:
    """The patient's day in two queries: plan + current version + check-in, then items + their completions."""
    params = {"patient_id": patient.id, "day": day}
    row = session.execute(PLAN_ROW, params).first()
    plan, version, checkin, began = row or (None, None, session.scalar(CHECKIN, params), None)
    completions: dict[tuple[str, str], Completion] = {}
    if version is not None:
        rows = session.execute(ITEMS_DONE, params | {"version_id": version.id}).all()
        set_committed_value(version, "items", list({item.id: item for item, _ in rows}.values()))
        completions = {(c.item_key, c.slot): c for _, c in rows if c is not None}
    due = [DueItem(item, s, completions.get((item.key, s))) for item, s in scheduled(version, day)]
    return Day(day, plan, version, due, checkin, began)
