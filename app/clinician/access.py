"""The clinician pages' guard for a patient in the URL: an active care link (the role check is app/access.py)."""
from __future__ import annotations

from flask_login import current_user

from app.access import found
from app.extensions import db
from app.models import User
from app.services.care.links import linked_patient


def patient_or_404(patient_id) -> User:
    """A patient linked to the signed-in clinician; anyone else's id answers 404, as if it did not exist."""
    return found(linked_patient(db.session, current_user, patient_id))
