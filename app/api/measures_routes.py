"""GET /api/v1/measures: the signed-in patient's due measures and every answered one (see docs/api.md)."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from app.access import role_required
from app.api import bp
from app.extensions import db
from app.services.measures import schedule, store


def response_json(r) -> dict:
    return {"instrument": r.instrument, "version": r.version, "date": r.date.isoformat(), "score": r.score,
            "parts": r.parts, "flags": r.flags, "client_id": r.client_id}


@bp.get("/measures")
@role_required("patient")
def measures():
    """{"due": [{"instrument", "due_date"}], "history": [{"instrument", "date", "score", "flags"}]}, oldest first."""
    due = [{"instrument": p.instrument, "due_date": p.due_date.isoformat(), "every_days": p.every_days}
           for p in schedule.due(db.session, current_user)]
    return jsonify({"due": due, "history": [response_json(r) for r in store.history(db.session, current_user.id)]})
