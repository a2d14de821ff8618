"""Plans and their versions: every change writes a new version, history stays."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import DOSE_FIELDS, Plan, PlanItem, PlanVersion, Routine, User
from app.services.freshness import touch
from app.services.records.validation import SLOT_RE
from app.sqlite import in_write_request


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
    query = select(Plan).where(Plan.patient_id == patient.id)
    if in_write_request():
        # A writer (patient and physio editing at once) waits for the other's new version before it reads the
        # current one: no lost edit, no clash of version numbers. SQLite writers are serialised by BEGIN IMMEDIATE.
        query = query.with_for_update()
    plan = session.scalar(query)
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
    share_keys(session, plan, specs, variant)
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


def share_keys(session: Session, plan: Plan, specs: list[ItemSpec], variant: str) -> None:
    """A new item takes the key of the same routine in the other variant: one routine is one slot in both plans,
    so a tick made before switching between the usual and the flare-up plan still shows after it."""
    if all(spec.key for spec in specs):
        return
    other = current_version(session, plan, "flare" if variant == "standard" else "standard")
    if other is None:
        return
    taken = {spec.key for spec in specs if spec.key}
    for spec in specs:
        if spec.key:
            continue
        match = next((i.key for i in other.items if i.routine_id == spec.routine_id and i.key not in taken), None)
        if match:
            spec.key = match
            taken.add(match)


def current_specs(session: Session, plan: Plan, variant: str = "standard") -> list[ItemSpec]:
    version = current_version(session, plan, variant)
    return [ItemSpec.from_item(i) for i in version.items] if version else []


def index_of(specs: list[ItemSpec], key: str) -> int | None:
    """Where the item with this stable key is in a list of items (both plan editors look items up this way)."""
    return next((i for i, spec in enumerate(specs) if spec.key == key), None)


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
