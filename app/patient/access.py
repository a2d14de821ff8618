"""Role guards for views."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def patient_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_patient:
            abort(403, "This page is for patients.")
        return view(*args, **kwargs)
    return wrapper
