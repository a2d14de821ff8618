"""A patient's own plan: build it from the library, edit it, see its history."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.i18n import current_language
from app.models import CareLink, Routine
from app.patient import bp
from app.patient.access import patient_required
from app.patient.forms import PlanItemForm
from app.services.localize import routine_text
from app.services.media import images as media
from app.services.plans import library
from app.services.plans import versions as plans
from app.services.plans.versions import ItemSpec


def clinician_ids() -> list[int]:
    return list(db.session.scalars(select(CareLink.clinician_id).where(
        CareLink.patient_id == current_user.id, CareLink.active.is_(True))))


def routine_choices(form: PlanItemForm) -> dict[int, Routine]:
    routines = library.available_to(db.session, current_user, clinician_ids())
    language = current_language()
    form.routine_id.choices = [(r.id, f"{library.KIND_LABELS[r.kind]}: {routine_text(r, 'title', language)}")
                               for r in routines]
    return {r.id: r for r in routines}


def spec_from(form: PlanItemForm, key: str | None = None) -> ItemSpec:
    return ItemSpec(form.routine_id.data, plans.days_to_mask(form.days.data), form.time_list, form.sets.data,
                    form.reps.data, form.hold_seconds.data, form.minutes.data, form.notes.data or "", key)


@bp.route("/plan")
@patient_required
def plan():
    """The current plan, its flare-up variant and a form to add a routine."""
    the_plan = plans.plan_for(db.session, current_user)
    standard = plans.current_version(db.session, the_plan, "standard") if the_plan else None
    flare = plans.current_version(db.session, the_plan, "flare") if the_plan else None
    form = PlanItemForm()
    routine_choices(form)
    return render_template("patient/plan.html", plan=the_plan, standard=standard, flare=flare, form=form)


@bp.post("/plan/items")
@patient_required
def add_item():
    """Add a routine to the plan: a new version."""
    form = PlanItemForm()
    routines = routine_choices(form)
    if not form.validate_on_submit():
        the_plan = plans.plan_for(db.session, current_user)
        standard = plans.current_version(db.session, the_plan, "standard") if the_plan else None
        return render_template("patient/plan.html", plan=the_plan, standard=standard, flare=None, form=form), 422
    the_plan = plans.plan_for(db.session, current_user, create=True)
    specs = plans.current_specs(db.session, the_plan) + [spec_from(form)]
    plans.save_version(db.session, the_plan, specs, current_user, note=f"Added {routines[form.routine_id.data].title}")
    db.session.commit()
    flash(_("Added %(title)s to your plan.", title=routine_text(routines[form.routine_id.data], "title", current_language())))
    return redirect(url_for("patient.plan")), 303


def find_spec(key: str) -> tuple:
    the_plan = plans.plan_for(db.session, current_user)
    if the_plan is None:
        abort(404)
    specs = plans.current_specs(db.session, the_plan)
    for index, spec in enumerate(specs):
        if spec.key == key:
            return the_plan, specs, index
    abort(404)


@bp.route("/plan/items/<key>", methods=["GET", "POST"])
@patient_required
def edit_item(key: str):
    """Change an item's days, times or dose: a new version."""
    the_plan, specs, index = find_spec(key)
    spec = specs[index]
    form = PlanItemForm(data={"routine_id": spec.routine_id, "days": [str(d) for d in range(7) if spec.days_mask >> d & 1],
                              "times": ", ".join(spec.times), "sets": spec.sets, "reps": spec.reps,
                              "hold_seconds": spec.hold_seconds, "minutes": spec.minutes, "notes": spec.notes})
    routines = routine_choices(form)
    if form.validate_on_submit():
        specs[index] = spec_from(form, key)
        plans.save_version(db.session, the_plan, specs, current_user,
                           note=f"Changed {routines[form.routine_id.data].title}")
        db.session.commit()
        flash(_("Plan updated."))
        return redirect(url_for("patient.plan")), 303
    return render_template("patient/edit_item.html", form=form, key=key), 422 if form.errors else 200


@bp.post("/plan/items/<key>/remove")
@patient_required
def remove_item(key: str):
    """Take an item out of the plan: a new version; its history stays."""
    the_plan, specs, index = find_spec(key)
    routine = db.session.get(Routine, specs[index].routine_id)
    title = routine.title
    del specs[index]
    plans.save_version(db.session, the_plan, specs, current_user, note=f"Removed {title}")
    db.session.commit()
    flash(_("Removed %(title)s. Your earlier ticks are kept.", title=routine_text(routine, "title", current_language())))
    return redirect(url_for("patient.plan")), 303


@bp.route("/plan/history")
@patient_required
def plan_history():
    """Every version of the plan, newest first."""
    the_plan = plans.plan_for(db.session, current_user)
    versions = plans.versions(db.session, the_plan) if the_plan else []
    return render_template("patient/plan_history.html", versions=versions)


@bp.route("/library")
@patient_required
def library_index():
    """Browse routines by kind."""
    routines = library.available_to(db.session, current_user, clinician_ids())
    return render_template("patient/library.html", routines=routines, kinds=library.KIND_LABELS)


@bp.route("/library/<int:routine_id>")
@patient_required
def routine(routine_id: int):
    """One routine: steps, dose, precautions."""
    item = db.session.get(Routine, routine_id)
    if item is None or (item.owner_id is not None and item.owner_id not in [current_user.id, *clinician_ids()]):
        abort(404)
    return render_template("patient/routine.html", routine=item, kinds=library.KIND_LABELS,
                           images=media.for_routines(db.session, [item.id]).get(item.id))
