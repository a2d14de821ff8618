"""The one role check: `@role_required("patient")` or `@role_required("clinician")` on any view. A clinician must
also be approved by an administrator (services/clinics/approval.py) before any clinician view opens.

Anonymous callers get the login redirect (pages) or 401 JSON (under /api/, see app/security.py); a signed-in
user of the other role gets 403, as JSON under /api/ and as the error page elsewhere (app/errors.py decides).
"""
from __future__ import annotations

from functools import wraps
from typing import TypeVar

from flask import abort, render_template
from flask_babel import gettext
from flask_login import current_user, login_required

from app.errors import api_error
from app.formatting import N_
from app.security import wants_json
from app.services.clinics.approval import clinician_approved

T = TypeVar("T")
REFUSALS = {"patient": N_("This is for patients: only they have a plan and a log."),
            "clinician": N_("This is for physiotherapists: only they have patients.")}


def role_required(role: str):
    """Let in signed-in users whose role is `role`."""
    if role not in REFUSALS:
        raise ValueError(f"unknown role: {role}")

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if current_user.role != role:
                message = REFUSALS[role]  # the JSON API answers in English (docs/i18n.md)
                abort(403, message if wants_json() else gettext(message))
            if role == "clinician" and not clinician_approved(current_user):
                # No patient data, no invites, until an administrator has checked the registration.
                if wants_json():
                    return api_error(403, "An administrator has not approved this account yet.", code="not_approved")
                return render_template("clinics/waiting.html"), 403
            return view(*args, **kwargs)
        return wrapper
    return decorate


def found(value: T | None) -> T:
    """`value`, or 404 when the lookup found nothing (a page, or JSON under /api/: app/errors.py decides)."""
    if value is None:
        abort(404)
    return value
