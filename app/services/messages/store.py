"""Storing a message: sync entry `{"client_id", "type": "message", "to", "text", "recorded_at"}`.

Hooked into services/records/sync.py like measures: `CHECKS` validates the fields, `apply` stores one entry.
A message goes only along an active care link whose clinician is approved; client ids are unique per sender,
so an outbox replay answers `duplicate`. The same `apply` serves the plain HTML form.
"""
from __future__ import annotations

from flask import current_app, has_app_context
from limits import parse_many
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.extensions import limiter
from app.models import CareLink, Message, User
from app.models.messages import MESSAGE_MAX
from app.services.clinics.approval import clinician_approved
from app.services.records import validation as v


def message_text(value) -> str:
    if not isinstance(value, str):
        raise v.Invalid("must be text")
    text = value.strip()
    if not text:
        raise v.Invalid("must not be empty")
    if "\x00" in text:
        raise v.Invalid("must not contain NUL characters")
    if len(text) > MESSAGE_MAX:
        raise v.Invalid(f"must be at most {MESSAGE_MAX} characters")
    return text


CHECKS = {
    "client_id": (v.client_id, True),
    "to": (v.whole_number(1, 2**31 - 1), True),
    "text": (message_text, True),
    "recorded_at": (v.recorded_at, False),
}


def partners(session: Session, user: User) -> list[User]:
    """Who this user may write to: the other side of each active care link, approved clinicians only."""
    if user.is_patient:
        rows = session.scalars(select(User).join(CareLink, CareLink.clinician_id == User.id).where(
            CareLink.patient_id == user.id, CareLink.active.is_(True), User.role == "clinician")
            .order_by(CareLink.created_at))
        return [u for u in rows if clinician_approved(u)]
    if not clinician_approved(user):
        return []
    return list(session.scalars(select(User).join(CareLink, CareLink.patient_id == User.id).where(
        CareLink.clinician_id == user.id, CareLink.active.is_(True), User.role == "patient")
        .order_by(User.display_name, User.id)))


def partner(session: Session, user: User, other_id) -> User | None:
    """The other side of an active care link, or None (for anyone else, an ended link, an unapproved clinician)."""
    try:
        other_id = int(other_id)
    except (TypeError, ValueError):
        return None
    other = session.get(User, other_id)
    if other is None or other.id == user.id:
        return None
    if user.is_patient and other.is_clinician:
        clinician, patient = other, user
    elif user.is_clinician and other.is_patient:
        clinician, patient = user, other
    else:
        return None
    if not clinician_approved(clinician):
        return None
    active = session.scalar(select(CareLink.id).where(CareLink.clinician_id == clinician.id,
                                                      CareLink.patient_id == patient.id, CareLink.active.is_(True)))
    return other if active else None


def within_rate(sender_id: int) -> bool:
    """MESSAGE_LIMITS per sender, counted in Flask-Limiter's storage (shared between processes when configured)."""
    if not has_app_context() or not limiter.enabled:
        return True
    return all(limiter.limiter.hit(item, "message", str(sender_id))
               for item in parse_many(current_app.config["MESSAGE_LIMITS"]))


def apply(session: Session, sender: User, data: dict) -> tuple[str, str | None, dict | None]:
    """Store one cleaned message entry; (status, error, fields) as sync results carry them."""
    if session.scalar(select(Message.id).where(Message.sender_id == sender.id, Message.client_id == data["client_id"])):
        return "duplicate", None, None
    if partner(session, sender, data["to"]) is None:
        return "rejected", "not_found", {"to": "is not someone you share an active care link with"}
    if not within_rate(sender.id):
        return "rejected", "rate_limited", {"text": "too many messages; please wait a little"}
    session.add(Message(client_id=data["client_id"], sender_id=sender.id, recipient_id=data["to"],
                        text=data["text"], recorded_at=data["recorded_at"]))
    session.flush()
    return "created", None, None


def between(user_id: int, other_id: int):
    """The SQL condition for one conversation, both directions."""
    return or_(and_(Message.sender_id == user_id, Message.recipient_id == other_id),
               and_(Message.sender_id == other_id, Message.recipient_id == user_id))
