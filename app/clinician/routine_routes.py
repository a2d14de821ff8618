"""The clinician's own routines: create, edit, archive (patients' plans keep what they agreed to)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.access import found, role_required
from app.clinician import bp
from app.clinician.forms import RoutineForm
from app.extensions import db
from app.models import Routine
from app.services.media import images as media
from app.services.plans import routines as my_routines
from app.services.plans.library import KIND_LABELS


def own_routine(routine_id: int) -> Routine:
    return found(my_routines.own(db.session, current_user, routine_id))


@bp.route("/routines")
@role_required("clinician")
def routines():
    """The clinician's routines, archived ones last."""
    return render_template("clinician/routines.html", routines=my_routines.of_owner(db.session, current_user),
                           kinds=KIND_LABELS)


@bp.route("/routines/new", methods=["GET", "POST"])
@role_required("clinician")
def new_routine():
    """Write a routine of your own."""
    form = RoutineForm()
    if form.validate_on_submit():
        routine = my_routines.create(db.session, current_user, form.text())
        db.session.commit()
        flash(_("Saved %(title)s. You can now add it to any patient's plan.", title=routine.title))
        return redirect(url_for("clinician.routines")), 303
    return render_template("clinician/routine_form.html", form=form, routine=None), 422 if form.errors else 200


@bp.route("/routines/<int:routine_id>", methods=["GET", "POST"])
@role_required("clinician")
def edit_routine(routine_id: int):
    """Change a routine: linked patients who use it get a new plan version with the new text."""
    routine = own_routine(routine_id)
    form = RoutineForm.of(routine)
    if form.validate_on_submit():
        result = my_routines.edit(db.session, current_user, routine, form.text(), form.version_note.data or "")
        db.session.commit()
        count = len(result.updated_patients)
        message = _("Saved %(title)s.", title=result.routine.title)
        if count:
            message += " " + ngettext("%(num)d patient will see what changed.",
                                      "%(num)d patients will see what changed.", count)
        flash(message)
        return redirect(url_for("clinician.routines")), 303
    images = media.for_routines(db.session, [routine.id]).get(routine.id)
    return render_template("clinician/routine_form.html", form=form, routine=routine,
                           images=images), 422 if form.errors else 200


@bp.post("/routines/<int:routine_id>/archive")
@role_required("clinician")
def archive_routine(routine_id: int):
    """Archive (or restore): archived routines stay in existing plans but cannot be added again."""
    routine = own_routine(routine_id)
    my_routines.set_archived(db.session, current_user, routine, not routine.archived)
    db.session.commit()
    flash(_("%(title)s archived.", title=routine.title) if routine.archived
          else _("%(title)s restored.", title=routine.title))
    return redirect(url_for("clinician.routines")), 303
