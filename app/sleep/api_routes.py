"""GET /api/v1/sleep: the diary's nights with their derived figures, and the current sleep window."""
from __future__ import annotations

from datetime import timedelta

from flask import jsonify, request
from flask_login import current_user, login_required

from app.errors import api_error
from app.extensions import db
from app.services.clock import local_today
from app.services.records.validation import Invalid, local_date
from app.services.sleep import store, windows
from app.sleep import api_bp

MAX_DAYS = 400


@api_bp.get("", strict_slashes=False)
@login_required
def nights():
    """Nights with from <= date <= to (default: the last 30 days) and the window now in force."""
    if not current_user.is_patient:
        return api_error(403, "Only patients keep a sleep diary.")
    today = local_today(current_user.timezone)
    try:
        end = local_date(request.args["to"]) if request.args.get("to") else today
        start = local_date(request.args["from"]) if request.args.get("from") else end - timedelta(days=29)
    except Invalid as exc:
        return api_error(400, f"The dates {exc}.", {"from": str(exc)})
    if start > end or (end - start).days >= MAX_DAYS:
        return api_error(400, f"'from' must be on or before 'to', at most {MAX_DAYS} days apart.",
                         {"from": "must be on or before to"})
    win = windows.current(db.session, current_user.id)
    return jsonify({"nights": [store.night_json(e) for e in store.entries(db.session, current_user.id, start, end)],
                    "window": win and window_json(win)})


def window_json(win) -> dict:
    return {"bedtime": win.bedtime, "rise": win.rise, "floor_min": win.floor_min, "raise_at": win.raise_at,
            "lower_at": win.lower_at, "since": win.created_at.isoformat()}
