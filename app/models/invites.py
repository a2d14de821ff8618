"""Invites: how a clinician and a patient become linked."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.users import User

# No I, L, O, 0 or 1: a code read aloud or copied from paper cannot be mistyped into another valid code.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
LIFETIME = timedelta(days=14)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_invite_token() -> str:
    return secrets.token_urlsafe(24)


class Invite(db.Model):
    """Single use: accepted, revoked or expired ends it."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_invite_token)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True, default=new_code)
    label: Mapped[str] = mapped_column(String(80), default="")  # the clinician's reminder of whom it is for
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: utcnow() + LIFETIME)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    clinician: Mapped[User] = relationship(foreign_keys=[clinician_id])

    def state(self, now: datetime | None = None) -> str:
        """pending | accepted | revoked | expired"""
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if (now or utcnow()) >= self.expires_at:
            return "expired"
        return "pending"

    @property
    def pretty_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"
