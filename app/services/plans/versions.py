"""Plans and their versions: every change writes a new version, history stays."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import DOSE_FIELDS, Plan, PlanItem, PlanVersion, Routine, User
from app.services.freshness import touch
from app.services.records.validation import SLOT_RE


@dataclass
class ItemSpec:
    routine_id: int
    days_mask: int = 0b1111111
    times: list[str] = field(default_factory=lambda: ["08:00"])
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None
    notes: str = ""
    key: str | None = None

    @classmethod
    def from_item(cls, item: PlanItem) -> ItemSpec:
        return cls(item.routine_id, item.days_mask, item.slots, *(getattr(item, f) for f in DOSE_FIELDS),
                   notes=item.notes, key=item.key)

    @classmethod
    def from_routine(cls, routine: Routine, days_mask: int = 0b1111111, times: list[str] | None = None) -> ItemSpec:
        return cls(routine.id, days_mask, times or ["08:00"], *(getattr(routine, f) for f in DOSE_FIELDS))


def days_to_mask(days) -> int:
    return sum(1 << int(d) for d in set(days))


def plan_for(session: Session, patient: User, create: bool = False) -> Plan | None:
    plan = session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    if plan is None and create:
        plan = Plan(patient_id=patient.id)
        session.add(plan)
        session.flush()
    return plan


def current_version(session: Session, plan: Plan, variant: str | None = None) -> PlanVersion | None:
    """The newest version of a variant (the plan's active one by default), items loaded."""
    variant = variant or plan.mode
    return session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id, PlanVersion.variant == variant)
        .order_by(PlanVersion.number.desc())
        .limit(1)
        .options(selectinload(PlanVersion.items))
    )


def save_version(session: Session, plan: Plan, specs: list[ItemSpec], author: User | None,
                 variant: str = "standard", note: str = "") -> PlanVersion:
    """Write a new version of one variant from item specs (the caller commits)."""
    for spec in specs:
        if not spec.times or not all(SLOT_RE.match(t) for t in spec.times):
            raise ValueError("times must be HH:MM")
        if not 0 < spec.days_mask < 128:
            raise ValueError("choose at least one day")
    last = session.scalar(
        select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id, PlanVersion.variant == variant)
    )
    version = PlanVersion(plan_id=plan.id, variant=variant, number=(last or 0) + 1,
                          author_id=author.id if author else None, note=note)
    for position, spec in enumerate(specs):
        item = PlanItem(position=position, routine_id=spec.routine_id, days_mask=spec.days_mask,
                        times=",".join(sorted(set(spec.times))), notes=spec.notes,
                        **{f: getattr(spec, f) for f in DOSE_FIELDS})
        if spec.key:
            item.key = spec.key
        version.items.append(item)
    session.add(version)
    session.flush()
    touch(session, [plan.patient_id])
    return version


def current_specs(session: Session, plan: Plan, variant: str = "standard") -> list[ItemSpec]:
    version = current_version(session, plan, variant)
    return [ItemSpec.from_item(i) for i in version.items] if version else []


def versions(session: Session, plan: Plan, variant: str = "standard") -> list[PlanVersion]:
    """Every version of the plan, newest first, with their items (one query for all, not one per version)."""
    return list(session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.variant == variant)
        .order_by(PlanVersion.number.desc()).options(selectinload(PlanVersion.items))
    ))


def plan_item_ids(session: Session, plan: Plan) -> dict[int, str]:
    """Every item id of every version of the plan -> its stable key."""
    rows = session.execute(
        select(PlanItem.id, PlanItem.key).join(PlanVersion).where(PlanVersion.plan_id == plan.id)
    )
    return dict(rows.all())
