"""Who may see patient data: a clinician an administrator has approved.

`clinician_approved(user)` is the one rule; the clinician guards (pages, JSON API, invites) and the care-link
lookups all call it, so an unapproved clinician reaches no patient even with an active link.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User
from app.models.base import utcnow


def clinician_approved(user) -> bool:
    """True for a clinician an administrator approved (and not rejected since)."""
    return bool(getattr(user, "is_clinician", False) and user.approved_at is not None and user.rejected_at is None)


def pending(session: Session) -> list[User]:
    """Clinicians waiting for a decision, oldest first."""
    return list(session.scalars(select(User).where(User.role == "clinician", User.approved_at.is_(None),
                                                   User.rejected_at.is_(None)).order_by(User.created_at, User.id)))


def decided(session: Session, limit: int = 50) -> list[User]:
    """Clinicians approved or rejected, the latest first."""
    return list(session.scalars(select(User).where(
        User.role == "clinician", (User.approved_at.is_not(None)) | (User.rejected_at.is_not(None)))
        .order_by(User.id.desc()).limit(limit)))


def clinician(session: Session, user_id) -> User | None:
    try:
        return session.scalar(select(User).where(User.id == int(user_id), User.role == "clinician"))
    except (TypeError, ValueError):
        return None


def approve(admin: User, user: User) -> None:
    user.approved_at, user.approved_by, user.rejected_at = utcnow(), admin.id, None


def reject(admin: User, user: User) -> None:
    """Withdraws access at once (also from an approved clinician whose registration turned out wrong)."""
    user.approved_at, user.approved_by, user.rejected_at = None, admin.id, utcnow()


def make_admin(session: Session, email: str, password: str | None, name: str | None = None) -> tuple[User, bool]:
    """Promote the account with this email, or create an administrator account; returns (user, created)."""
    email = email.strip().lower()
    user = session.scalar(select(User).where(User.email == email))
    created = user is None
    if created:
        if not password:
            raise ValueError("A new account needs a password.")
        user = User(email=email, display_name=name or email.split("@")[0], role="clinician", timezone="UTC")
        user.set_password(password)
        session.add(user)
    user.is_admin = True
    session.flush()
    return user, created
