"""A patient removing a routine their physiotherapist prescribed: asked why, can undo, and the physio is told.

"Prescribed" means the version that first had the item was written by someone other than the patient. The reason
is kept in `ItemRemoval`; the physio's dashboard lists recent removals that were not undone.
"""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CareLink, ItemRemoval, Plan, PlanItem, PlanVersion, User
from app.models.base import utcnow
from app.services.plans.versions import ItemSpec, current_specs, index_of, save_version

REASONS = {"hurts": _l("It hurts or makes my pain worse"), "too_hard": _l("It is too hard for me right now"),
           "no_time": _l("I don't have time for it"), "no_help": _l("It doesn't seem to help"),
           "other": _l("Something else")}
SHOWN_FOR = timedelta(days=14)  # how long the physio's dashboard lists a removal


def prescribers(session: Session, plan: Plan, variant: str = "standard") -> dict[str, int | None]:
    """Item key -> author of the first version that had it, for every key the plan ever had."""
    rows = session.execute(select(PlanItem.key, PlanVersion.author_id).join(PlanVersion)
                           .where(PlanVersion.plan_id == plan.id, PlanVersion.variant == variant)
                           .order_by(PlanVersion.number.desc()))
    return dict(rows.all())  # the oldest version wins: its row comes last


def prescribed(session: Session, plan: Plan, patient: User) -> dict[str, int]:
    """Keys of the current items that someone else (a physiotherapist) put in, -> who."""
    by = prescribers(session, plan)
    return {s.key: by[s.key] for s in current_specs(session, plan) if by.get(s.key) not in (None, patient.id)}


def remove(session: Session, plan: Plan, patient: User, key: str, title: str, reason: str | None = None,
           note: str = "") -> ItemRemoval | None:
    """Take the item out as a new version; for a prescribed item, remember why (the caller commits)."""
    specs = current_specs(session, plan)
    index = index_of(specs, key)
    by = prescribed(session, plan, patient).get(key)
    del specs[index]
    version = save_version(session, plan, specs, patient, note=f"Removed {title}" + (f": {note}" if note else ""))
    if by is None:
        return None
    removal = ItemRemoval(patient_id=patient.id, prescribed_by_id=by, version_id=version.id, item_key=key,
                          title=title, reason=reason or "other", note=note.strip())
    session.add(removal)
    session.flush()
    return removal


def last_undoable(session: Session, patient: User, within: timedelta = timedelta(days=1)) -> ItemRemoval | None:
    """The patient's newest removal of a prescribed routine, offered for undo for a day."""
    return session.scalar(select(ItemRemoval).where(ItemRemoval.patient_id == patient.id,
                                                    ItemRemoval.undone_at.is_(None),
                                                    ItemRemoval.removed_at >= utcnow() - within)
                          .order_by(ItemRemoval.id.desc()).limit(1))


def undo(session: Session, plan: Plan, patient: User, removal_id) -> ItemRemoval | None:
    """Put the item back as it was before the removal, as a new version (same key, so ticks still count)."""
    removal = session.scalar(select(ItemRemoval).where(ItemRemoval.id == removal_id,
                                                       ItemRemoval.patient_id == patient.id,
                                                       ItemRemoval.undone_at.is_(None)))
    if removal is None:
        return None
    specs = current_specs(session, plan)
    if index_of(specs, removal.item_key) is None:
        before = session.scalar(select(PlanItem).join(PlanVersion).where(
            PlanVersion.plan_id == plan.id, PlanVersion.variant == "standard", PlanItem.key == removal.item_key,
            PlanVersion.id < removal.version_id).order_by(PlanVersion.number.desc()).limit(1))
        if before is not None:
            save_version(session, plan, [*specs, ItemSpec.from_item(before)], patient,
                         note=f"Put back {removal.title}")
    removal.undone_at = utcnow()
    return removal


def for_clinician(session: Session, clinician: User) -> list[tuple[ItemRemoval, User]]:
    """Recent removals of this clinician's routines by patients still linked to them, not undone, newest first."""
    return [tuple(row) for row in session.execute(
        select(ItemRemoval, User).join(User, User.id == ItemRemoval.patient_id)
        .join(CareLink, (CareLink.patient_id == ItemRemoval.patient_id) & (CareLink.clinician_id == clinician.id))
        .where(ItemRemoval.prescribed_by_id == clinician.id, ItemRemoval.undone_at.is_(None),
               CareLink.active.is_(True), ItemRemoval.removed_at >= utcnow() - SHOWN_FOR)
        .order_by(ItemRemoval.removed_at.desc()).limit(20))]
