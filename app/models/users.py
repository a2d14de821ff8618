"""Accounts and the links between clinicians and patients."""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db, normal_email
from app.models.base import UTCDateTime, utcnow

ROLES = ("patient", "clinician")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_data_version() -> int:
    """Random, not an increment: a restored backup or a recreated database must never bring back a
    (user id, version) pair that a running process has cached (see services/freshness.py)."""
    return secrets.randbelow(2**63 - 1) + 1


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lowercased, so logins look it up with an exact match that can use the unique index.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    follow_device_timezone: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str | None] = mapped_column(String(8))
    # Part of every session's id: a new password (set_password) rotates it, which ends every session at once,
    # whatever path set it. Single sessions end by their row in login_sessions (services/accounts/sessions.py).
    session_token: Mapped[str] = mapped_column(String(64), default=new_token)
    calendar_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Changes with every write that changes the patient's day (services/freshness.py); keys the Today cache.
    data_version: Mapped[int] = mapped_column(BigInteger, default=new_data_version, server_default="0")
    # Administrators approve clinicians (services/clinics/approval.py); any role may also be an administrator.
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What a clinician states when registering; no access to patient data until an administrator approves.
    profession: Mapped[str | None] = mapped_column(String(80))
    registration_number: Mapped[str | None] = mapped_column(String(80))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @validates("email")
    def lowercase_email(self, _key: str, email: str) -> str:
        return normal_email(email)

    # The secret of the login session this object was loaded for (services/accounts/sessions.py); not a column.
    login_secret = None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}:{self.login_secret}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_token = new_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_patient(self) -> bool:
        return self.role == "patient"

    @property
    def is_clinician(self) -> bool:
        return self.role == "clinician"


class CareLink(db.Model):
    """A clinician may read and plan for a patient while this link is active."""

    __tablename__ = "care_links"
    __table_args__ = (UniqueConstraint("clinician_id", "patient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
