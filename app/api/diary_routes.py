"""The pain diary as JSON: pain entries, flare episodes and treatments in a period (writes go through /sync)."""
from __future__ import annotations

from datetime import timedelta

from flask import jsonify
from flask_login import current_user

from app.access import role_required
from app.api import bp
from app.api.routes import HISTORY_MAX_DAYS, date_arg
from app.errors import api_error
from app.extensions import db
from app.services.clock import local_today
from app.services.diary import read


def _iso(at):
    return at.isoformat() if at else None


@bp.get("/diary")
@role_required("patient")
def diary():
    """Entries between ?from= and ?to= (local dates, inclusive; default the last 30 days), with summaries."""
    end = date_arg("to", local_today(current_user.timezone))
    start = date_arg("from", end - timedelta(days=29))
    if start > end:
        return api_error(400, "'from' must not be after 'to'.", {"from": "must not be after 'to'"})
    if (end - start).days > HISTORY_MAX_DAYS:
        return api_error(400, f"Ask for at most {HISTORY_MAX_DAYS} days at a time.", {"from": "range too long"})
    p = read.period(db.session, current_user, start, end)
    return jsonify({
        "from": start.isoformat(), "to": end.isoformat(),
        "pain_entries": [{"client_id": e.client_id, "at": _iso(p.local(e.at)), "intensity": e.intensity,
                          "areas": e.areas, "triggers": e.triggers, "context": e.context, "helped": e.helped,
                          "note": e.note} for e in p.pain_entries],
        "flares": [{"client_id": f.client_id, "start": _iso(p.local(f.start)), "end": _iso(f.end and p.local(f.end)),
                    "triggers": f.triggers, "helped": f.helped, "note": f.note} for f in p.flares],
        "treatments": [{"client_id": t.client_id, "name": t.name, "kind": t.kind, "at": _iso(p.local(t.at)),
                        "effect": t.effect, "note": t.note} for t in p.treatments],
        "summary": {"areas": read.area_summary(p), "flares_by_month": read.flares_by_month(p),
                    "triggers_before_flares": [{"trigger": t, "flares": n} for t, n in read.triggers_before_flares(p)],
                    "treatments": read.treatment_effects(p)},
    })
