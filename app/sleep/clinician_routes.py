"""The physio's side of the sleep window: set it (with the rule's thresholds and floor), decide a suggestion."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.access import role_required
from app.clinician.access import patient_or_404
from app.extensions import db
from app.services.records.validation import Invalid, number, slot
from app.services.sleep import windows
from app.sleep import bp

# The form's labels (templates/sleep/_clinician.html), in front of what was wrong with each field.
FIELDS = {"bedtime": _l("Bedtime"), "rise": _l("Rise time"), "raise_at": _l("Longer at (%(unit)s)", unit="%"),
          "lower_at": _l("Shorter below (%(unit)s)", unit="%"), "floor_min": _l("Floor (hours)")}


def back(patient_id: int):
    return redirect(url_for("clinician.patient", patient_id=patient_id) + "#sleep"), 303


def optional(name: str, lo: float, hi: float) -> float | None:
    """A number from the form, or None (keep the current setting) when left empty."""
    raw = request.form.get(name)
    return None if raw in (None, "") else number(raw, lo, hi)


@bp.post("/patients/<int:patient_id>/window")
@role_required("clinician")
def clinician_set_window(patient_id: int):
    """Set the patient's window, the efficiency thresholds and the floor."""
    person = patient_or_404(patient_id)
    try:
        windows.set_window(db.session, person, current_user, slot(request.form.get("bedtime")),
                           slot(request.form.get("rise")),
                           raise_at=optional("raise_at", 50, 100), lower_at=optional("lower_at", 50, 100),
                           floor_min=None if (floor := optional("floor_hours", 3, 9)) is None else round(floor * 60))
    except (Invalid, windows.WindowError) as exc:
        for name, message in getattr(exc, "fields", {"bedtime": str(exc)}).items():
            flash(_("%(field)s %(problem)s.", field=FIELDS.get(name, name), problem=message), "error")
        return back(person.id)
    flash(_("Sleep window saved."))
    return back(person.id)


@bp.post("/patients/<int:patient_id>/window/decide")
@role_required("clinician")
def clinician_decide(patient_id: int):
    """Accept this week's suggestion for the patient, or keep the window."""
    person = patient_or_404(patient_id)
    row = windows.decide(db.session, person, current_user, accept=request.form.get("accept") == "yes")
    if row is not None:
        flash(_("Sleep window updated.") if row.reason == "accepted" else _("Sleep window kept as it is."))
    return back(person.id)
