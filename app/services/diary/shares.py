"""Share links for the doctor's report: random, stored only as a hash, expiring, revocable, and audited."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ReportShare, User
from app.services.care import audit

LIFETIME = timedelta(days=7)
MAX_ACTIVE = 10


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active(session: Session, patient: User, now: datetime | None = None) -> list[ReportShare]:
    now = now or datetime.now(UTC)
    return list(session.scalars(select(ReportShare).where(
        ReportShare.patient_id == patient.id, ReportShare.revoked_at.is_(None), ReportShare.expires_at > now)
        .order_by(ReportShare.created_at.desc())))


def create(session: Session, patient: User, start: date, end: date) -> tuple[ReportShare, str]:
    """A new link for the report of [start, end]; the token is returned once and never stored."""
    for old in active(session, patient)[MAX_ACTIVE - 1:]:
        old.revoked_at = datetime.now(UTC)
    token = secrets.token_urlsafe(24)
    share = ReportShare(patient_id=patient.id, token_hash=_hash(token), start=start, end=end,
                        expires_at=datetime.now(UTC) + LIFETIME)
    session.add(share)
    session.flush()
    audit.record(session, patient, patient.id, "report_shared", share_id=share.id, start=start.isoformat(),
                 end=end.isoformat())
    return share, token


def revoke(session: Session, patient: User, share_id: int) -> bool:
    share = session.scalar(select(ReportShare).where(ReportShare.id == share_id, ReportShare.patient_id == patient.id))
    if share is None or share.revoked_at is not None:
        return False
    share.revoked_at = datetime.now(UTC)
    audit.record(session, patient, patient.id, "report_share_revoked", share_id=share.id)
    return True


def open_share(session: Session, token: str, now: datetime | None = None) -> ReportShare | None:
    """The live share for a token (counted and audited as opened), or None if unknown, expired or revoked."""
    now = now or datetime.now(UTC)
    share = session.scalar(select(ReportShare).where(ReportShare.token_hash == _hash(token)))
    if share is None or share.revoked_at is not None or share.expires_at <= now:
        return None
    share.opened += 1
    audit.record(session, None, share.patient_id, "report_opened", share_id=share.id)
    return share
