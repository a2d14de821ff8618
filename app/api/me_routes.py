"""Changing the account from the app: the phone's timezone while travelling."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user, login_required

from app.api import bp
from app.api.serialize import user_json
from app.errors import api_error
from app.extensions import db
from app.services.clock import is_timezone
from app.urls import absolute_url


def calendar_url() -> str | None:
    """The private feed's full URL (patients only: clinicians have no plan)."""
    if not current_user.is_patient:
        return None
    return absolute_url("reminders.feed", token=current_user.calendar_token)


@bp.patch("/me")
@login_required
def update_me():
    """Set {"timezone"} (an IANA name) and/or {"follow_device_timezone"} (true/false)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not ({"timezone", "follow_device_timezone"} & body.keys()):
        return api_error(400, 'Send {"timezone": "Europe/Berlin"} or {"follow_device_timezone": true}.')
    errors = {}
    if "timezone" in body and not is_timezone(body["timezone"]):
        errors["timezone"] = "must be an IANA timezone name such as Europe/Berlin"
    if "follow_device_timezone" in body and not isinstance(body["follow_device_timezone"], bool):
        errors["follow_device_timezone"] = "must be true or false"
    if errors:
        return api_error(422, "Nothing was changed.", errors)
    for name in ("timezone", "follow_device_timezone"):
        if name in body:
            setattr(current_user, name, body[name])
    db.session.commit()
    return jsonify(user_json(current_user, calendar_url()))
