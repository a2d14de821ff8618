"""JSON API for clinicians: linked patients and one patient's summary (see shared API.md)."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user

from app.access import role_required
from app.api import bp
from app.errors import api_error
from app.extensions import db
from app.services.care import audit
from app.services.care.dashboard import note_overview, patient_rows
from app.services.care.links import linked_patient
from app.services.progress.summary import RANGES, summary_for, summary_json


@bp.get("/patients")
@role_required("clinician")
def patients():
    """Linked patients, the ones needing attention first."""
    rows = patient_rows(db.session, current_user)
    note_overview(db.session, current_user, [r.patient.id for r in rows])
    db.session.commit()
    return jsonify([r.as_json() for r in rows])


@bp.get("/patients/<int:patient_id>/summary")
@role_required("clinician")
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
    db.session.commit()
    result = summary_for(db.session, person, int(days))
    return jsonify(summary_json(result))
