"""JSON API for clinicians: linked patients and one patient's summary (see shared API.md)."""
from __future__ import annotations

from functools import wraps

from flask import jsonify, request
from flask_login import current_user, login_required

from app.api import bp
from app.errors import api_error
from app.extensions import db
from app.services.care import audit
from app.services.care.dashboard import note_overview, patient_rows
from app.services.care.links import linked_patient
from app.services.clinics.approval import clinician_approved
from app.services.progress.summary import RANGES, summary_for, summary_json


def clinician_only(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_clinician:
            return api_error(403, "Only physiotherapists have patients.")
        if not clinician_approved(current_user):
            return api_error(403, "An administrator has not approved this account yet.", code="not_approved")
        return view(*args, **kwargs)
    return wrapper


@bp.get("/patients")
@clinician_only
def patients():
    """Linked patients, the ones needing attention first."""
    rows = patient_rows(db.session, current_user)
    note_overview(db.session, current_user, [r.patient.id for r in rows])
    body = [r.as_json() for r in rows]  # before the commit expires the rows
    db.session.commit()
    return jsonify(body)


@bp.get("/patients/<int:patient_id>/summary")
@clinician_only
def summary(patient_id: int):
    """Adherence by item and week, and symptom series, for ?days= (14, 28, 56 or 90; default 28)."""
    person = linked_patient(db.session, current_user, patient_id)
    if person is None:
        return api_error(404, "No such patient among yours.")
    days = request.args.get("days", "28")
    if not days.isdigit() or int(days) not in RANGES:
        allowed = ", ".join(map(str, RANGES))
        return api_error(400, f"'days' must be one of {allowed}.", {"days": f"must be one of {allowed}"})
    audit.record(db.session, current_user, person.id, "viewed_summary", days=int(days))
    db.session.commit()  # before loading: a commit would expire every loaded row
    result = summary_for(db.session, person, int(days))
    return jsonify(summary_json(result))
