"""A clinician's own routines: write, edit, archive.

A plan version holds what the patient agreed to follow. A routine that any plan item uses is therefore never
changed in place: an edit writes a new routine and marks the old one `replaced_by` it. The old row stays, frozen,
for every plan version that points at it. The clinician's patients whose care link is active and whose current plan
uses the old routine get a new plan version with the new one (shown in "What changed", with a note); a patient who
removed the clinician keeps following the text they agreed to, and nothing the clinician does reaches them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models import DOSE_FIELDS, VARIANTS, CareLink, Plan, PlanItem, PlanTemplate, PlanVersion, Routine, User
from app.services.care import audit
from app.services.freshness import touch
from app.services.plans.versions import current_specs, current_version, save_version

TEXT_FIELDS = ("kind", "title", "summary", "steps", "precautions", "media_url", *DOSE_FIELDS)


@dataclass
class RoutineText:
    """What a clinician writes for a routine."""

    kind: str
    title: str
    steps: list[str]
    summary: str = ""
    precautions: str = ""
    media_url: str | None = None
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None

    @classmethod
    def of(cls, routine: Routine) -> RoutineText:
        return cls(**{name: getattr(routine, name) for name in TEXT_FIELDS})


@dataclass
class Edit:
    routine: Routine  # the routine now current (a new row if the old one was in use)
    updated_patients: list[int] = field(default_factory=list)  # actively linked patients given a new version


def own(session: Session, clinician: User, routine_id) -> Routine | None:
    """The clinician's routine that is still current (not replaced by a newer one)."""
    return session.scalar(select(Routine).where(Routine.id == routine_id, Routine.owner_id == clinician.id,
                                                Routine.replaced_by_id.is_(None)))


def of_owner(session: Session, clinician: User) -> list[Routine]:
    return list(session.scalars(select(Routine).where(Routine.owner_id == clinician.id,
                                                      Routine.replaced_by_id.is_(None))
                                .order_by(Routine.archived, Routine.kind, Routine.title)))


def create(session: Session, clinician: User, text: RoutineText) -> Routine:
    routine = Routine(owner_id=clinician.id, **vars(text))
    session.add(routine)
    session.flush()
    return routine


def in_use(session: Session, routine: Routine) -> bool:
    return session.scalar(select(PlanItem.id).where(PlanItem.routine_id == routine.id).limit(1)) is not None


def active_patients(session: Session, clinician: User) -> Select:
    return select(CareLink.patient_id).where(CareLink.clinician_id == clinician.id, CareLink.active.is_(True))


def edit(session: Session, clinician: User, routine: Routine, text: RoutineText, note: str = "") -> Edit:
    """Change a routine (the caller commits). Unused: in place. In use: a new routine replaces it, see above."""
    if not in_use(session, routine):
        for name, value in vars(text).items():
            setattr(routine, name, value)
        session.flush()
        return Edit(routine)
    new = Routine(owner_id=clinician.id, archived=routine.archived, **vars(text))
    session.add(new)
    session.flush()
    routine.replaced_by_id, routine.archived = new.id, True
    for template in session.scalars(select(PlanTemplate).where(PlanTemplate.owner_id == clinician.id)):
        if any(item.get("routine_id") == routine.id for item in template.items):
            template.items = [item | {"routine_id": new.id} if item.get("routine_id") == routine.id else item
                              for item in template.items]
    note = note.strip() or f"Updated the instructions for \u201c{new.title}\u201d."
    updated = []
    plans = session.scalars(select(Plan).where(Plan.patient_id.in_(active_patients(session, clinician))))
    for plan in plans:
        for variant in VARIANTS:
            version = current_version(session, plan, variant)
            if version is None or all(i.routine_id != routine.id for i in version.items):
                continue
            specs = current_specs(session, plan, variant)
            for spec in specs:
                if spec.routine_id == routine.id:
                    spec.routine_id = new.id
            saved = save_version(session, plan, specs, clinician, variant=variant, note=note)
            audit.record(session, clinician, plan.patient_id, "changed_plan", variant=variant,
                         version=saved.number, routine=new.title)
            if plan.patient_id not in updated:
                updated.append(plan.patient_id)
    return Edit(new, updated)


def set_archived(session: Session, clinician: User, routine: Routine, archived: bool) -> None:
    """Archive or restore: plans that use it keep it as it is; it cannot be added again. The day shows no archive
    flag; the clinician's actively linked patients who use it still get a new data version (cheap, and it keeps the
    rule "a clinician's routine write moves their patients' version" without exceptions). Others are not touched."""
    routine.archived = archived
    using = (select(Plan.patient_id).join(PlanVersion, PlanVersion.plan_id == Plan.id)
             .join(PlanItem, PlanItem.version_id == PlanVersion.id)
             .where(PlanItem.routine_id == routine.id,
                    Plan.patient_id.in_(active_patients(session, clinician))))
    touch(session, using)
