"""The physio's side: set a progression rule per plan item, add a goal with the patient."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.clinician.access import patient_or_404
from app.extensions import db
from app.progression import bp
from app.progression.labels import amount
from app.services.clock import local_today
from app.services.progression import goals, overview, store
from app.services.progression.rules import FIELDS, STEP_KINDS


def back(patient_id: int):
    return redirect(url_for("clinician.patient", patient_id=patient_id) + "#progression"), 303


def number(name: str, cast, lo: float, hi: float, default):
    raw = request.form.get(name)
    if raw in (None, ""):
        return default
    value = cast(raw)
    if not lo <= value <= hi:
        raise ValueError(name)
    return value


@bp.post("/clinician/patients/<int:patient_id>/progression/rules")
@role_required("clinician")
def set_rule(patient_id: int):
    """Create or replace the rule of one plan item; optionally start it at a share of the baseline."""
    person = patient_or_404(patient_id)
    key = request.form.get("item_key", "")
    try:
        field = request.form.get("field", "")
        kind = request.form.get("step_kind", "percent")
        if field not in FIELDS or kind not in STEP_KINDS:
            raise ValueError("field")
        data = store.RuleInput(
            field=field, step_kind=kind, step=number("step", float, 0.5, 100, 10.0),
            every_weeks=number("every_weeks", int, 1, 2, 1),
            min_adherence=number("min_adherence", float, 0, 100, 80.0) / 100,
            floor=number("floor", int, 1, 600, 1), ceiling=number("ceiling", int, 1, 600, 60),
            start_share=number("start_share", float, 30, 120, 80.0) / 100)
        today = local_today(person.timezone)
        base = None
        if request.form.get("from_baseline") == "yes":
            base = next((row.baseline for row in overview.items_progress(db.session, person, today)
                         if row.item.key == key), None)
        note = (f"Progression starts at {round(data.start_share * 100)} % of the baseline "
                f"({amount(field, base)}).") if base else ""
        store.set_rule(db.session, person, current_user, key, data, today, baseline=base, start_note=note)
    except ValueError:
        db.session.rollback()
        flash(_("Check the rule: floor at most ceiling, step above 0, every 1 or 2 weeks."), "error")
        return back(person.id)
    db.session.commit()
    flash(_("Progression rule saved."))
    return back(person.id)


@bp.post("/clinician/patients/<int:patient_id>/progression/goals")
@role_required("clinician")
def clinician_add_goal(patient_id: int):
    """Write down a goal agreed with the patient, in their words."""
    person = patient_or_404(patient_id)
    try:
        goals.add_goal(db.session, person, current_user, request.form.get("text", ""),
                       request.form.get("activity", ""), request.form.get("item_key") or None,
                       request.form.get("psfs_activity") or None)
    except goals.GoalError:
        flash(_("A goal needs 3 to 200 characters; at most five open goals."), "error")
        return back(person.id)
    db.session.commit()
    flash(_("Goal saved."))
    return back(person.id)
