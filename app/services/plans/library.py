"""The built-in routine library, loaded from app/content/library.py."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.content.library import BUILTIN_ROUTINES
from app.models import DOSE_FIELDS, Plan, PlanItem, PlanVersion, Routine, User
from app.services.freshness import patients_using, touch

FIELDS = ("kind", "title", "summary", "steps", "precautions", "topic")
SHOWN_ON_TODAY = ("kind", "title")  # of FIELDS, the ones GET /api/v1/today includes
KIND_LABELS = {"exercise": _l("Exercise"), "sleep": _l("Sleep"), "heat_cold": _l("Heat & cold"),
               "mind_body": _l("Mind & body"), "education": _l("Learn")}


def load_builtin(session: Session) -> int:
    """Insert or refresh built-in routines by slug; returns how many were added."""
    existing = {r.slug: r for r in session.scalars(select(Routine).where(Routine.owner_id.is_(None)))}
    added, retitled = 0, []
    for data in BUILTIN_ROUTINES:
        routine = existing.get(data["slug"])
        if routine is None:
            routine = Routine(slug=data["slug"])
            session.add(routine)
            added += 1
        elif any(getattr(routine, name) != data[name] for name in SHOWN_ON_TODAY):
            retitled.append(routine.id)
        for name in FIELDS:
            setattr(routine, name, data[name])
        for name, value in data["dose"].items():
            setattr(routine, name, value)
    session.flush()
    if retitled:
        touch(session, patients_using(retitled))
    return added


def available_to(session: Session, user: User, clinician_ids: list[int] | None = None) -> list[Routine]:
    """Built-ins plus routines the user (or the patient's clinicians) wrote, not archived."""
    owners = [user.id, *(clinician_ids or [])]
    return list(session.scalars(
        select(Routine).where(Routine.archived.is_(False),
                              or_(Routine.owner_id.is_(None), Routine.owner_id.in_(owners)))
        .order_by(Routine.kind, Routine.title)
    ))


def may_read(session: Session, patient: User, routine: Routine, clinician_ids: list[int]) -> bool:
    """Built-ins, the patient's own, their active clinicians' routines, and any routine their plan uses (the text
    they agreed to stays readable after they remove the clinician who wrote it)."""
    if routine.owner_id is None or routine.owner_id in (patient.id, *clinician_ids):
        return True
    return session.scalar(select(PlanItem.id).join(PlanVersion).join(Plan).where(
        Plan.patient_id == patient.id, PlanItem.routine_id == routine.id).limit(1)) is not None


def with_usual_dose(spec, routine: Routine):
    """A plan item with no dose gets the routine's usual one; heat and cold always get a duration (the library's
    safe one), since a heat pack or cold compress without a time limit is what its precautions warn against."""
    if all(getattr(spec, name) is None for name in DOSE_FIELDS):
        for name in DOSE_FIELDS:
            setattr(spec, name, getattr(routine, name))
    if routine.kind == "heat_cold" and spec.minutes is None and routine.minutes:
        spec.minutes = routine.minutes
    return spec


def builtin_defaults(slug: str) -> dict:
    for data in BUILTIN_ROUTINES:
        if data["slug"] == slug:
            return data
    raise KeyError(slug)
