"""The pain diary pages: a quick pain entry with a body map, flare episodes, and what was taken or done.

Forms post plain HTML (the no-JavaScript path); static/js/diary.js queues the same entries in the outbox."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.access import role_required
from app.diary import bp
from app.extensions import db
from app.models import Treatment
from app.models.diary import BODY_AREAS, QUALITIES, TREATMENT_KINDS, TRIGGERS
from app.services.clock import local_today
from app.services.diary import entries, read
from app.services.records import sync as records
from app.services.records.labels import flash_rejected

RECENT_DAYS = 14


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _store(entry: dict) -> records.Result:
    entry.setdefault("client_id", request.form.get("client_id") or str(uuid.uuid4()))
    entry.setdefault("recorded_at", _now_iso())
    result = records.store(db.session, current_user, [entry])[0]
    if result.status == "rejected":
        flash_rejected(result.fields)
    return result


def _number(name: str):
    raw = (request.form.get(name) or "").strip()
    return int(raw) if raw.isdigit() else (raw or None)


@bp.get("/diary")
@role_required("patient")
def index():
    """Today's quick pain entry, the flare switch, the treatment log, and the last two weeks."""
    today = local_today(current_user.timezone)
    p = read.period(db.session, current_user, today - timedelta(days=RECENT_DAYS - 1), today)
    names = list(dict.fromkeys(db.session.scalars(select(Treatment.name).where(
        Treatment.patient_id == current_user.id).order_by(Treatment.at.desc()).limit(50))))
    unrated = [t for t in p.treatments if t.effect is None][-3:]
    return render_template("diary/index.html", period=p, areas=BODY_AREAS, qualities=QUALITIES, triggers=TRIGGERS,
                           kinds=TREATMENT_KINDS, names=names, unrated=unrated,
                           open_flare=read.open_flare(db.session, current_user.id), new_id=uuid.uuid4)


@bp.post("/diary/pain")
@role_required("patient")
def pain():
    """A pain entry from the plain form: overall intensity, the areas ticked, words and context."""
    intensity = _number("intensity")
    areas = [{"area": a, "intensity": _number(f"area_{a}") if _number(f"area_{a}") is not None else intensity,
              "qualities": request.form.getlist("qualities")} for a in request.form.getlist("areas")]
    result = _store({"type": "pain_entry", "at": _now_iso(), "intensity": intensity, "areas": areas,
                     "triggers": request.form.getlist("triggers"), "context": request.form.get("context", ""),
                     "helped": request.form.get("helped", ""), "note": request.form.get("note", "")})
    if result.status != "rejected":
        flash(_("Pain entry saved."))
    return redirect(url_for("diary.index")), 303


@bp.post("/diary/flare")
@role_required("patient")
def flare():
    """Start a flare episode now, or end the open one (`of` = its id)."""
    of = request.form.get("of")
    entry = {"type": "flare", "triggers": request.form.getlist("triggers"), "helped": request.form.get("helped", ""),
             "note": request.form.get("note", "")}
    if of:
        episode = read.open_flare(db.session, current_user.id)
        if episode is None or episode.client_id != of:
            flash(_("That flare has already ended."), "error")
            return redirect(url_for("diary.index")), 303
        entry = entries.flare_end(episode, request.form.get("client_id") or str(uuid.uuid4()), _now_iso(),
                                  helped=request.form.get("helped", ""))
    else:
        entry["start"] = _now_iso()
    if _store(entry).status != "rejected":
        flash(_("Flare ended. We hope the next days are easier.") if of
              else _("Flare started. Be gentle with yourself."))
    return redirect(url_for("diary.index")), 303


@bp.post("/diary/treatment")
@role_required("patient")
def treatment():
    """Log something taken or done, or (with `of`) rate later how much it helped."""
    of = request.form.get("of")
    entry = {"type": "treatment", "effect": _number("effect"), "note": request.form.get("note", "")}
    if of:
        row = db.session.scalar(select(Treatment).where(Treatment.patient_id == current_user.id,
                                                        Treatment.client_id == of))
        if row is None:
            return redirect(url_for("diary.index")), 303
        entry |= {"of": of, "name": row.name, "kind": row.kind, "at": row.at.isoformat()}
    else:
        entry |= {"name": request.form.get("name", ""), "kind": request.form.get("kind") or "other",
                  "at": _now_iso()}
    if _store(entry).status != "rejected":
        flash(_("Saved."))
    return redirect(url_for("diary.index")), 303
