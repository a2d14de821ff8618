"""GET /api/v1/messages?with=<user_id>: one conversation, oldest first (sending is a sync entry of type message)."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user, login_required

from app.api import bp
from app.errors import api_error
from app.extensions import db
from app.services.clinics.approval import clinician_approved
from app.services.messages import read, store


@bp.get("/messages")
@login_required
def messages():
    """The conversation with ?with=<user_id> (an active care link); reading it marks their messages read."""
    if current_user.is_clinician and not clinician_approved(current_user):
        return api_error(403, "An administrator has not approved this account yet.", code="not_approved")
    other = store.partner(db.session, current_user, request.args.get("with"))
    if other is None:
        return api_error(404, "No conversation with that user.",
                         {"with": "must be someone you share an active care link with"})
    read.mark_read(db.session, current_user, other)
    db.session.commit()
    rows = read.conversation(db.session, current_user, other)
    return jsonify({"with": {"id": other.id, "display_name": other.display_name, "role": other.role},
                    "messages": [read.message_json(m) for m in rows]})
