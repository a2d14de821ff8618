"""The clinician's own routines: create, edit, archive (patients' plans keep working)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app.clinician import bp
from app.clinician.access import clinician_required
from app.clinician.forms import RoutineForm
from app.extensions import db
from app.models import DOSE_FIELDS, Routine
from app.services.freshness import patients_using, touch
from app.services.media import images as media
from app.services.plans.library import KIND_LABELS


def own_routine(routine_id: int) -> Routine:
    routine = db.session.scalar(select(Routine).where(Routine.id == routine_id, Routine.owner_id == current_user.id))
    if routine is None:
        abort(404)
    return routine


def fill(routine: Routine, form: RoutineForm) -> None:
    routine.kind, routine.title = form.kind.data, form.title.data.strip()
    routine.summary = (form.summary.data or "").strip()
    routine.steps = form.step_list
    routine.precautions = (form.precautions.data or "").strip()
    routine.media_url = (form.media_url.data or "").strip() or None
    for name in DOSE_FIELDS:
        setattr(routine, name, getattr(form, name).data)


@bp.route("/routines")
@clinician_required
def routines():
    """The clinician's routines, archived ones last."""
    mine = db.session.scalars(select(Routine).where(Routine.owner_id == current_user.id)
                              .order_by(Routine.archived, Routine.kind, Routine.title)).all()
    return render_template("clinician/routines.html", routines=mine, kinds=KIND_LABELS)


@bp.route("/routines/new", methods=["GET", "POST"])
@clinician_required
def new_routine():
    """Write a routine of your own."""
    form = RoutineForm()
    if form.validate_on_submit():
        routine = Routine(owner_id=current_user.id)
        fill(routine, form)
        db.session.add(routine)
        db.session.commit()
        flash(f"Saved {routine.title}. You can now add it to any patient's plan.")
        return redirect(url_for("clinician.routines")), 303
    return render_template("clinician/routine_form.html", form=form, routine=None), 422 if form.errors else 200


@bp.route("/routines/<int:routine_id>", methods=["GET", "POST"])
@clinician_required
def edit_routine(routine_id: int):
    """Change a routine: every plan that uses it shows the new text."""
    routine = own_routine(routine_id)
    form = RoutineForm(data={"kind": routine.kind, "title": routine.title, "summary": routine.summary,
                             "steps": "\n".join(routine.steps), "precautions": routine.precautions,
                             "media_url": routine.media_url or "", **routine.dose})
    if form.validate_on_submit():
        fill(routine, form)
        touch(db.session, patients_using([routine.id]))
        db.session.commit()
        flash(f"Saved {routine.title}.")
        return redirect(url_for("clinician.routines")), 303
    images = media.for_routines(db.session, [routine.id]).get(routine.id)
    return render_template("clinician/routine_form.html", form=form, routine=routine,
                           images=images), 422 if form.errors else 200


@bp.post("/routines/<int:routine_id>/archive")
@clinician_required
def archive_routine(routine_id: int):
    """Archive (or restore): archived routines stay in existing plans but cannot be added again."""
    routine = own_routine(routine_id)
    routine.archived = not routine.archived
    touch(db.session, patients_using([routine.id]))
    db.session.commit()
    flash(f"{routine.title} {'archived' if routine.archived else 'restored'}.")
    return redirect(url_for("clinician.routines")), 303
