"""JSON API v1, used by the PWA and any other client."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, jsonify, request
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from app.access import role_required
from app.api import bp
from app.api.day_cache import day_bytes, etag_for
from app.api.me_routes import calendar_url
from app.api.serialize import checkin_json, completion_json, day_json, user_json, version_json
from app.errors import api_error
from app.extensions import db
from app.messages.notify import push_new_messages
from app.models import CheckIn, Completion
from app.services.clock import local_today
from app.services.plans import versions as plans
from app.services.plans.today import day_for
from app.services.records import sync as records
from app.services.records.days import recordable_days, viewable_days
from app.services.records.validation import Invalid, local_date

HISTORY_MAX_DAYS = 400


def date_arg(name: str, default):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return local_date(raw)
    except Invalid as exc:
        raise BadArg(name, str(exc)) from None


class BadArg(Exception):
    def __init__(self, name: str, message: str):
        self.name, self.message = name, message


@bp.errorhandler(BadArg)
def bad_arg(exc: BadArg):
    return api_error(400, f"The query parameter '{exc.name}' {exc.message}.", {exc.name: exc.message})


@bp.get("/me")
@login_required
def me():
    """Who is logged in, with the private calendar feed's full URL (patients)."""
    return jsonify(user_json(current_user, calendar_url()))


@bp.get("/csrf")
@login_required
def csrf_token():
    """A fresh CSRF token, fetched by the outbox before each flush (tokens expire), and whose session it is."""
    return jsonify(csrf_token=generate_csrf(), user_id=current_user.id)


@bp.get("/today")
@role_required("patient")
def today():
    """Today's (or ?date=) items with their status, and the check-in."""
    day = date_arg("date", local_today(current_user.timezone))
    try:
        viewable_days(current_user).check(day, "open")
    except Invalid as exc:
        return api_error(422, f"The date {exc}.", {"date": str(exc)})
    # The version was read with the user, before any of the day's rows: a write committed in between makes the
    # cached bytes newer than their key, never older.
    key = (current_user.id, current_user.data_version, day)
    etag = etag_for(key)
    if request.if_none_match.contains_weak(etag):
        response = current_app.response_class(status=304)
    else:
        body = day_bytes(key, lambda: jsonify(day_json(day_for(db.session, current_user, day))).get_data())
        response = current_app.response_class(body, mimetype=current_app.json.mimetype)
    response.set_etag(etag, weak=True)
    response.cache_control.private = response.cache_control.no_cache = True  # revalidate every time
    return response


@bp.get("/plan")
@role_required("patient")
def plan():
    """The whole plan: both variants with items and schedules."""
    the_plan = plans.plan_for(db.session, current_user)
    if the_plan is None:
        return jsonify(id=None, mode="standard", standard=None, flare=None)
    return jsonify(id=the_plan.id, mode=the_plan.mode,
                   standard=version_json(plans.current_version(db.session, the_plan, "standard")),
                   flare=version_json(plans.current_version(db.session, the_plan, "flare")))


@bp.get("/history")
@role_required("patient")
def history():
    """Completions and check-ins between ?from= and ?to= (inclusive, at most 400 days, within the account's life)."""
    days = recordable_days(current_user)
    end = date_arg("to", local_today(current_user.timezone))
    start = date_arg("from", max(end - timedelta(days=29), min(days.first, end)))
    if start > end:
        return api_error(400, "'from' must not be after 'to'.", {"from": "must not be after 'to'"})
    if (end - start).days > HISTORY_MAX_DAYS:
        return api_error(400, f"Ask for at most {HISTORY_MAX_DAYS} days at a time.", {"from": "range too long"})
    for name, day in (("to", end), ("from", start)):
        try:
            days.check(day)
        except Invalid as exc:
            return api_error(422, f"'{name}' {exc}.", {name: str(exc)})
    completions = db.session.scalars(select(Completion).where(
        Completion.patient_id == current_user.id, Completion.date.between(start, end))
        .order_by(Completion.date, Completion.slot))
    checkins = db.session.scalars(select(CheckIn).where(
        CheckIn.patient_id == current_user.id, CheckIn.date.between(start, end)).order_by(CheckIn.date))
    return jsonify({"from": start.isoformat(), "to": end.isoformat(),
                    "completions": [completion_json(c) for c in completions],
                    "checkins": [checkin_json(c) for c in checkins]})


@bp.post("/sync")
@role_required("patient")
def sync():
    """Store a batch of outbox entries; one result per entry, in order."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        return api_error(400, 'Send a JSON object like {"items": [...]}.', {"items": "must be a list"})
    items = body["items"]
    limit = current_app.config["SYNC_MAX_ITEMS"]
    if len(items) > limit:
        return api_error(413, f"Send at most {limit} entries per batch.", {"items": f"at most {limit}"})
    results = records.store(db.session, current_user, items)
    if any(isinstance(i, dict) and i.get("type") == "message" for i in items):
        push_new_messages()  # "New message from your patient", no text (app/messages/notify.py)
    return jsonify(results=[r.as_json() for r in results])
