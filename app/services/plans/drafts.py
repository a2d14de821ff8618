"""A clinician's draft of a patient's plan: many edits, sent once as one version with one note.

While a clinician has a draft of a variant, their editor changes the draft instead of writing versions; the patient
sees nothing until it is sent. Sending merges by item key with what the patient changed since the draft began
(their changes stay unless the clinician changed or removed the same item), writes one version, and deletes the draft.
"""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PlanDraft, PlanItem, PlanVersion, Routine, User
from app.models.plans import Plan, new_item_key
from app.services.plans.versions import ItemSpec, current_version, save_version


def get(session: Session, plan: Plan | None, variant: str, author: User) -> PlanDraft | None:
    if plan is None:
        return None
    return session.scalar(select(PlanDraft).where(PlanDraft.plan_id == plan.id, PlanDraft.variant == variant,
                                                  PlanDraft.author_id == author.id))


def specs(draft: PlanDraft) -> list[ItemSpec]:
    return [ItemSpec(**data) for data in draft.items]


def set_specs(draft: PlanDraft, new: list[ItemSpec]) -> None:
    """Store the draft's items; an item without a key gets one now, so later edits can find it."""
    for spec in new:
        spec.key = spec.key or new_item_key()
    draft.items = [asdict(spec) for spec in new]  # a new list, so the JSON column is saved


def start(session: Session, plan: Plan, variant: str, author: User) -> PlanDraft:
    existing = get(session, plan, variant, author)
    if existing is not None:
        return existing
    base = current_version(session, plan, variant)
    draft = PlanDraft(plan_id=plan.id, variant=variant, author_id=author.id,
                      base_version_id=base.id if base else None)
    set_specs(draft, [ItemSpec.from_item(i) for i in base.items] if base else [])
    session.add(draft)
    session.flush()
    return draft


def merged(session: Session, draft: PlanDraft) -> list[ItemSpec]:
    """The draft applied to the current version: a three-way merge by item key against the draft's base."""
    plan = session.get(Plan, draft.plan_id)
    base_version = session.get(PlanVersion, draft.base_version_id) if draft.base_version_id else None
    base = {i.key: ItemSpec.from_item(i) for i in base_version.items} if base_version else {}
    mine = {s.key: s for s in specs(draft)}
    now = current_version(session, plan, draft.variant)
    result = []
    for item in now.items if now else []:
        spec = ItemSpec.from_item(item)
        if item.key in base and item.key not in mine:
            continue  # the clinician removed it
        if item.key in mine and mine[item.key] != base.get(item.key):
            spec = mine[item.key]  # the clinician changed it (or it is new on both sides)
        result.append(spec)
    kept = {s.key for s in result}
    result += [s for key, s in mine.items() if key not in base and key not in kept]
    return result


def send(session: Session, draft: PlanDraft, note: str = "") -> PlanVersion:
    """Write the draft as one version with one note, and delete it (the caller commits)."""
    author = session.get(User, draft.author_id)
    version = save_version(session, session.get(Plan, draft.plan_id), merged(session, draft), author,
                           variant=draft.variant, note=note.strip())
    session.delete(draft)
    return version


def preview(session: Session, draft: PlanDraft) -> PlanVersion:
    """The draft as an unsaved version, for the editor and for "what will change" (never added to the session)."""
    routines = {r.id: r for r in session.scalars(select(Routine).where(
        Routine.id.in_({d["routine_id"] for d in draft.items})))}
    version = PlanVersion(variant=draft.variant, number=0, note="")
    version.items = []
    for position, spec in enumerate(specs(draft)):
        item = PlanItem(key=spec.key, position=position, routine_id=spec.routine_id, days_mask=spec.days_mask,
                        times=",".join(spec.times), notes=spec.notes, sets=spec.sets, reps=spec.reps,
                        hold_seconds=spec.hold_seconds, minutes=spec.minutes)
        item.routine = routines[spec.routine_id]
        version.items.append(item)
    return version
