"""Guards for the clinician's pages: the role, and an active care link for any patient in the URL."""
from __future__ import annotations

from functools import wraps

from flask import abort, render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.models import User
from app.services.care.links import linked_patient
from app.services.clinics.approval import clinician_approved


def clinician_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_clinician:
            abort(403, "This page is for physiotherapists.")
        if not clinician_approved(current_user):
            return render_template("clinics/waiting.html"), 403
        return view(*args, **kwargs)
    return wrapper


def patient_or_404(patient_id) -> User:
    """A patient linked to the signed-in clinician; anyone else's id answers 404, as if it did not exist."""
    patient = linked_patient(db.session, current_user, patient_id)
    if patient is None:
        abort(404)
    return patient
