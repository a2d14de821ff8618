"""A clinician's saved plan templates: made from scratch or from a patient's plan, applied to any linked patient."""
from __future__ import annotations

from dataclasses import asdict

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Plan, PlanTemplate, PlanVersion, Routine, User
from app.services.clinics.teams import colleagues
from app.services.plans.library import available_to
from app.services.plans.versions import ItemSpec, current_specs, save_version, versions

SPEC_FIELDS = ("routine_id", "days_mask", "times", "sets", "reps", "hold_seconds", "minutes", "notes")


def spec_to_dict(spec: ItemSpec) -> dict:
    return {k: v for k, v in asdict(spec).items() if k in SPEC_FIELDS}


def spec_from_dict(data: dict) -> ItemSpec:
    return ItemSpec(**{k: data.get(k) for k in SPEC_FIELDS if k in data})


def usable_routines(session: Session, clinician: User) -> dict[int, Routine]:
    """What a clinician may put in a plan: built-ins, their own and their clinic colleagues' routines, not archived."""
    return {r.id: r for r in available_to(session, clinician, [c.id for c in colleagues(session, clinician)])}


def for_owner(session: Session, clinician: User) -> list[PlanTemplate]:
    return list(session.scalars(select(PlanTemplate).where(PlanTemplate.owner_id == clinician.id)
                                .order_by(PlanTemplate.name, PlanTemplate.id)))


def get(session: Session, clinician: User, template_id) -> PlanTemplate | None:
    try:
        template_id = int(template_id)
    except (TypeError, ValueError):
        return None
    return session.scalar(select(PlanTemplate).where(PlanTemplate.id == template_id,
                                                     PlanTemplate.owner_id == clinician.id))


def usable_templates(session: Session, clinician: User) -> list[PlanTemplate]:
    """Templates the clinician may apply: their own and their clinic colleagues' (only the owner edits one)."""
    owners = [clinician.id, *(c.id for c in colleagues(session, clinician))]
    return list(session.scalars(select(PlanTemplate).where(PlanTemplate.owner_id.in_(owners))
                                .order_by(PlanTemplate.owner_id != clinician.id, PlanTemplate.name, PlanTemplate.id)))


def usable_template(session: Session, clinician: User, template_id) -> PlanTemplate | None:
    return next((t for t in usable_templates(session, clinician) if str(t.id) == str(template_id)), None)


def create(session: Session, clinician: User, name: str, description: str = "",
           specs: list[ItemSpec] = ()) -> PlanTemplate:
    template = PlanTemplate(owner_id=clinician.id, name=name.strip(), description=description.strip(),
                            items=[spec_to_dict(s) for s in specs])
    session.add(template)
    session.flush()
    return template


def notes_written_by(session: Session, plan: Plan, variant: str, author: User) -> dict[str, str]:
    """Item key -> its current note, for the notes this author wrote (the version that last changed an item's
    note is its writer; a note the patient or another clinician wrote is theirs, not this author's)."""
    writer: dict[str, tuple[str, int | None]] = {}
    for version in reversed(versions(session, plan, variant)):  # oldest first
        for item in version.items:
            if writer.get(item.key, ("", None))[0] != item.notes:
                writer[item.key] = (item.notes, version.author_id)
    return {key: note for key, (note, by) in writer.items() if by == author.id}


def from_plan(session: Session, clinician: User, plan: Plan, name: str, variant: str = "standard"):
    """A template from a patient's current plan: routines, days, times, dose, and only the notes this clinician
    wrote; items using routines the clinician may not share are left out."""
    usable = usable_routines(session, clinician)
    specs = current_specs(session, plan, variant)
    own_notes = notes_written_by(session, plan, variant, clinician)
    for spec in specs:
        spec.notes = own_notes.get(spec.key, "")
    kept = [s for s in specs if s.routine_id in usable]
    skipped = [session.get(Routine, s.routine_id).title for s in specs if s.routine_id not in usable]
    return create(session, clinician, name, specs=kept), skipped


def set_items(template: PlanTemplate, specs: list[ItemSpec]) -> None:
    template.items = [spec_to_dict(s) for s in specs]  # a new list, so the JSON column is saved


def specs_of(session: Session, clinician: User, template: PlanTemplate) -> tuple[list[ItemSpec], list[str]]:
    """The template's items that can still be used, and a note for each one that cannot (archived routine)."""
    usable = usable_routines(session, clinician)
    specs, skipped = [], []
    for data in template.items:
        spec = spec_from_dict(data)
        (specs if spec.routine_id in usable else skipped).append(spec)
    return specs, [f"routine #{s.routine_id} is archived or gone" for s in skipped]


def apply(session: Session, clinician: User, template: PlanTemplate, plan: Plan, replace: bool = True,
          note: str = "") -> tuple[PlanVersion, list[str]]:
    """Write the template into the patient's plan as a new version (replacing it, or added to it)."""
    specs, skipped = specs_of(session, clinician, template)
    current = current_specs(session, plan)
    if replace:
        # The same routine keeps its item key, so the patient sees "dose changed" rather than removed + added.
        keys = {s.routine_id: s.key for s in current}
        for spec in specs:
            spec.key = keys.pop(spec.routine_id, None)
        result = specs
    else:
        result = current + specs
    version = save_version(session, plan, result, clinician,
                           note=note or gettext("Plan from template \u201c%(name)s\u201d", name=template.name))
    return version, skipped
