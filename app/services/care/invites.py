"""Invites: a clinician creates one, a patient accepts it once within 14 days."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import CareLink, Invite, User
from app.models.base import utcnow
from app.models.invites import CODE_ALPHABET, CODE_LENGTH, LIFETIME, new_code
from app.services.care.links import connect

CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
MESSAGES = {
    "accepted": _l("This invite has already been used. Ask your physiotherapist for a new one."),
    "revoked": _l("This invite was withdrawn. Ask your physiotherapist for a new one."),
    "expired": _l("This invite has expired (invites last 14 days). Ask your physiotherapist for a new one."),
}


class InviteError(Exception):
    pass


def create(session: Session, clinician: User, label: str = "") -> Invite:
    now = utcnow()
    invite = Invite(clinician_id=clinician.id, label=label.strip()[:80], code=new_code(), created_at=now,
                    expires_at=now + LIFETIME)
    # A code collision is about one in 10^11 per pair; draw again rather than fail.
    while session.scalar(select(Invite.id).where(Invite.code == invite.code)):
        invite.code = new_code()
    session.add(invite)
    session.flush()
    return invite


def recent_for(session: Session, clinician: User, limit: int = 20) -> list[Invite]:
    return list(session.scalars(select(Invite).where(Invite.clinician_id == clinician.id)
                                .order_by(Invite.created_at.desc(), Invite.id.desc()).limit(limit)))


def revoke(session: Session, clinician: User, invite_id) -> Invite | None:
    invite = session.scalar(select(Invite).where(Invite.id == invite_id, Invite.clinician_id == clinician.id))
    if invite is None:
        return None
    if invite.state() == "pending":
        invite.revoked_at = utcnow()
    return invite


def by_token(session: Session, token: str) -> Invite | None:
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Invite).where(Invite.token == token))


def normal_code(raw: str) -> str:
    """Accept "abcd-efgh", "ABCD EFGH" and the like."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def by_code(session: Session, raw: str) -> Invite | None:
    code = normal_code(raw)
    if not CODE_RE.match(code):
        return None
    return session.scalar(select(Invite).where(Invite.code == code))


def accept(session: Session, invite: Invite, patient: User) -> CareLink:
    """Link the patient to the inviting clinician; raises InviteError when the invite cannot be used."""
    if not patient.is_patient:
        raise InviteError("Invites link a patient to a physiotherapist. Log in with a patient account to accept.")
    state = invite.state()
    if state != "pending":
        raise InviteError(MESSAGES[state])
    # Single use even when two requests race: only one UPDATE finds the invite still open.
    now = utcnow()
    done = session.execute(update(Invite).where(Invite.id == invite.id, Invite.accepted_at.is_(None),
                                                Invite.revoked_at.is_(None))
                           .values(accepted_at=now, accepted_by_id=patient.id))
    if done.rowcount != 1:
        raise InviteError(MESSAGES["accepted"])
    clinician = session.get(User, invite.clinician_id)
    return connect(session, clinician, patient)
