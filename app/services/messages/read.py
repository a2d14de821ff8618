"""Reading conversations: one per active care link, oldest first, with read receipts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.models import Message, User
from app.models.base import utcnow
from app.services.messages.store import between, partners


def conversation(session: Session, user: User, other: User, limit: int = 500) -> list[Message]:
    """The latest `limit` messages between the two, oldest first."""
    rows = list(session.scalars(select(Message).where(between(user.id, other.id))
                                .order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)))
    return rows[::-1]


def mark_read(session: Session, reader: User, other: User, now: datetime | None = None) -> int:
    """Read receipts: every unread message from `other` to `reader` is read now."""
    return session.execute(update(Message).where(
        Message.sender_id == other.id, Message.recipient_id == reader.id, Message.read_at.is_(None))
        .values(read_at=now or utcnow())).rowcount


@dataclass
class Thread:
    partner: User
    unread: int
    last_at: datetime | None


def threads(session: Session, user: User) -> list[Thread]:
    """A thread per active care link, with unread counts (two queries)."""
    people = partners(session, user)
    ids = [p.id for p in people]
    if not ids:
        return []
    unread = dict(session.execute(select(Message.sender_id, func.count()).where(
        Message.recipient_id == user.id, Message.sender_id.in_(ids), Message.read_at.is_(None))
        .group_by(Message.sender_id)).all())
    last = {}
    for sender, recipient, at in session.execute(select(Message.sender_id, Message.recipient_id,
                                                        func.max(Message.created_at)).where(
            ((Message.sender_id == user.id) & Message.recipient_id.in_(ids))
            | ((Message.recipient_id == user.id) & Message.sender_id.in_(ids)))
            .group_by(Message.sender_id, Message.recipient_id)):
        other = recipient if sender == user.id else sender
        last[other] = max(at, last.get(other, at))
    return [Thread(p, unread.get(p.id, 0), last.get(p.id)) for p in people]


def message_json(m: Message) -> dict:
    return {"id": m.id, "client_id": m.client_id, "from": m.sender_id, "to": m.recipient_id, "text": m.text,
            "recorded_at": m.recorded_at.isoformat(), "received_at": m.created_at.isoformat(),
            "read_at": m.read_at.isoformat() if m.read_at else None}
