"""A user's reminder preferences, push subscriptions and snoozes (plain functions taking a session)."""
from __future__ import annotations

import base64
import re
from datetime import date, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import PushSubscription, ReminderPref, ReminderSent, User
from app.services.records import validation as v
from app.services.reminders.endpoints import check_endpoint
from app.services.reminders.schedule import LATE_MINUTES

B64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")
SNOOZE = timedelta(minutes=30)


def prefs_for(session: Session, user: User, create: bool = False) -> ReminderPref:
    """The user's row, or an unsaved one holding the defaults (`schedule.DEFAULTS`)."""
    row = session.scalar(select(ReminderPref).where(ReminderPref.user_id == user.id))
    if row is None:
        row = ReminderPref(user_id=user.id, push_enabled=True, calendar_enabled=True, in_app_enabled=True)
        if create:
            session.add(row)
    return row


def prefs_json(row: ReminderPref) -> dict:
    """The preferences as the page reads them (due.js): every default already applied, and the lateness limit,
    so the browser never re-derives what the server decides."""
    return {"push": row.push_enabled, "calendar": row.calendar_enabled, "in_app": row.in_app_enabled,
            "quiet_start": row.quiet_start, "quiet_end": row.quiet_end, "lead_minutes": row.lead_minutes,
            "late_minutes": LATE_MINUTES, "checkin_time": row.checkin_time}


def _b64url(value, size: int, name: str) -> bytes:
    if not isinstance(value, str) or not value or len(value) > 200:
        raise v.Invalid(f"must be the browser's {name} key, base64url encoded")
    if not B64URL.fullmatch(value):
        raise v.Invalid("must be base64url encoded (A-Z, a-z, 0-9, - and _)")
    try:
        raw = base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except ValueError:
        raise v.Invalid("must be base64url encoded") from None
    if len(raw) != size:
        raise v.Invalid(f"must decode to {size} bytes, not {len(raw)}")
    return raw


def clean_subscription(body, allow_loopback: bool, hosts: str) -> dict:
    """{endpoint, keys: {p256dh, auth}} as PushSubscription.toJSON() gives it; raises EntryErrors."""
    if not isinstance(body, dict):
        raise v.EntryErrors({"subscription": "must be a JSON object"})
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    errors, out = {}, {}
    for name, check in (("endpoint", lambda: check_endpoint(body.get("endpoint"), allow_loopback, hosts)),
                        ("p256dh", lambda: _point(keys.get("p256dh"))),
                        ("auth", lambda: _auth(keys.get("auth")))):
        try:
            out[name] = check()
        except v.Invalid as exc:
            errors[name if name == "endpoint" else f"keys.{name}"] = str(exc)
    if errors:
        raise v.EntryErrors(errors)
    return out


def _auth(value) -> str:
    _b64url(value, 16, "auth")
    return value


def _point(value) -> str:
    raw = _b64url(value, 65, "p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise v.Invalid("is not a point on the P-256 curve") from None
    return value


class EndpointTaken(Exception):
    """The endpoint is registered to another account with other keys."""


def subscribe(session: Session, user: User, data: dict) -> tuple[PushSubscription, bool]:
    """Store or refresh a subscription (the caller commits); True when new.

    An endpoint belongs to one browser profile; if another account used it before, it moves to this one, but
    only when its keys match too: the keys prove it is the same browser, while the endpoint alone may have been
    seen elsewhere (a log, a shared screen). Raises EndpointTaken otherwise.
    """
    row = session.scalar(select(PushSubscription).where(PushSubscription.endpoint == data["endpoint"]))
    if row is not None and row.user_id != user.id and (row.p256dh, row.auth) != (data["p256dh"], data["auth"]):
        raise EndpointTaken()
    created = row is None
    if created:
        row = PushSubscription(endpoint=data["endpoint"], user_id=user.id)
        session.add(row)
    row.user_id, row.p256dh, row.auth, row.failures = user.id, data["p256dh"], data["auth"], 0
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # the same browser registered twice at once: the other request stored it
        return subscribe(session, user, data)
    return row, created


def unsubscribe(session: Session, user: User, endpoint: str) -> bool:
    return session.execute(delete(PushSubscription).where(
        PushSubscription.user_id == user.id, PushSubscription.endpoint == endpoint)).rowcount > 0


def snooze(session: Session, user: User, key: str, day: date, slot: str, plan_item_id: int | None,
           now: datetime) -> datetime:
    """Ask the dispatcher to push this reminder again in 30 minutes (the caller commits)."""
    until = now + SNOOZE
    row = session.get(ReminderSent, (user.id, key, day, slot))
    if row is None:  # a reminder shown by the open app (due.js), never pushed
        row = ReminderSent(user_id=user.id, item_key=key, date=day, slot=slot, plan_item_id=plan_item_id, sent_at=now)
        session.add(row)
    row.snoozed_until = until
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # the dispatcher claimed it this very moment
        session.get(ReminderSent, (user.id, key, day, slot), populate_existing=True).snoozed_until = until
    return until

