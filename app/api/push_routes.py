"""Web Push API: the VAPID public key, subscriptions, snoozing a reminder, reminder preferences."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, jsonify, request
from flask_login import current_user, login_required

from app.access import role_required
from app.api import bp
from app.errors import api_error
from app.extensions import db
from app.reminders.push import application_server_key
from app.services.clock import local_today
from app.services.plans.versions import plan_for, plan_item_ids
from app.services.records import validation as v
from app.services.reminders.prefs import (
    EndpointTaken,
    clean_subscription,
    prefs_for,
    prefs_json,
    snooze,
    subscribe,
    unsubscribe,
)
from app.services.reminders.schedule import CHECKIN_KEY

SNOOZE_CHECKS = {
    "kind": (v.one_of("item", "checkin"), False),
    "plan_item_id": (v.whole_number(1, 2**31 - 1), False),
    "date": (v.local_date, True),
    "slot": (v.slot, True),
}


def json_body() -> dict | None:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


@bp.get("/push/key")
@login_required
def push_key():
    """The VAPID public key, the applicationServerKey of PushManager.subscribe()."""
    return jsonify(public_key=application_server_key())


@bp.get("/reminders/prefs")
@login_required
def reminder_prefs():
    """The user's reminder preferences (read by the in-app due check)."""
    return jsonify(prefs_json(prefs_for(db.session, current_user)))


@bp.post("/push/subscriptions")
@login_required
def push_subscribe():
    """Store this browser's subscription, or refresh it (the app re-sends it on every open)."""
    config = current_app.config
    try:
        data = clean_subscription(json_body(), config["PUSH_ALLOW_LOOPBACK"], config["PUSH_ENDPOINT_HOSTS"])
    except v.EntryErrors as exc:
        return api_error(422, "That is not a usable push subscription.", exc.fields)
    try:
        row, created = subscribe(db.session, current_user, data)
    except EndpointTaken:
        return api_error(409, "This push subscription belongs to another account. Turn notifications off and on "
                              "again in this browser to get a new one.", {"endpoint": "is registered elsewhere"})
    db.session.commit()
    return jsonify(endpoint=row.endpoint, created=created), 201 if created else 200


@bp.delete("/push/subscriptions")
@login_required
def push_unsubscribe():
    """Forget this browser's subscription (notifications turned off on this device)."""
    body = json_body()
    if body is None or not isinstance(body.get("endpoint"), str):
        return api_error(400, 'Send {"endpoint": "..."} of the subscription to remove.', {"endpoint": "is required"})
    if not unsubscribe(db.session, current_user, body["endpoint"]):
        return api_error(404, "There is no such subscription on your account.")
    db.session.commit()
    return jsonify(deleted=True)


@bp.post("/push/snooze")
@role_required("patient")
def push_snooze():
    """Push this reminder again in 30 minutes: {plan_item_id, date, slot} or {kind: "checkin", date, slot}."""
    try:
        data = v.collect(json_body() or {}, SNOOZE_CHECKS)
    except v.EntryErrors as exc:
        return api_error(422, "That reminder cannot be snoozed.", exc.fields)
    today = local_today(current_user.timezone)
    if abs((data["date"] - today).days) > 1:
        return api_error(422, "Only today's reminders can be snoozed.", {"date": "must be today"})
    if data["kind"] == "checkin":
        key, item_id = CHECKIN_KEY, None
    else:
        plan = plan_for(db.session, current_user)
        key = plan_item_ids(db.session, plan).get(data["plan_item_id"]) if plan and data["plan_item_id"] else None
        if key is None:
            return api_error(404, "That item is not part of your plan.", {"plan_item_id": "is not in your plan"})
        item_id = data["plan_item_id"]
    until = snooze(db.session, current_user, key, data["date"], data["slot"], item_id, datetime.now(UTC))
    db.session.commit()
    return jsonify(snoozed_until=until.isoformat())
