"""Secure messages between a patient and a clinician along an active care link (services/messages)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

MESSAGE_MAX = 2000


class Message(db.Model):
    __tablename__ = "messages"
    # Client ids are unique per sender: a replay from the outbox answers `duplicate`.
    __table_args__ = (UniqueConstraint("sender_id", "client_id"),
                      Index("ix_messages_pair", "sender_id", "recipient_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36))
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it was written on the device
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when the server stored it
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # push sent (or nothing to push to)
