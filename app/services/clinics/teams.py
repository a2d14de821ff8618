"""Clinics: an administrator creates them; members are clinicians with a role (clinic_admin or clinician).

Members of a clinic are colleagues: they see each other's routines in the plan editor and may share or hand over
a patient to each other (with the patient's consent, services/clinics/transfers.py).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.models import Clinic, ClinicMember, User
from app.models.clinics import CLINIC_ROLES
from app.services.clinics.approval import clinician_approved


def create(session: Session, admin: User, name: str) -> Clinic:
    clinic = Clinic(name=name.strip()[:120], created_by=admin.id)
    session.add(clinic)
    session.flush()
    return clinic


def get(session: Session, clinic_id) -> Clinic | None:
    try:
        return session.get(Clinic, int(clinic_id))
    except (TypeError, ValueError):
        return None


def all_clinics(session: Session) -> list[Clinic]:
    return list(session.scalars(select(Clinic).order_by(Clinic.name, Clinic.id)))


def members(session: Session, clinic: Clinic) -> list[tuple[ClinicMember, User]]:
    return [tuple(r) for r in session.execute(select(ClinicMember, User).join(User, User.id == ClinicMember.user_id)
                                              .where(ClinicMember.clinic_id == clinic.id)
                                              .order_by(User.display_name, User.id))]


def membership(session: Session, clinic: Clinic, user: User) -> ClinicMember | None:
    return session.scalar(select(ClinicMember).where(ClinicMember.clinic_id == clinic.id,
                                                     ClinicMember.user_id == user.id))


def clinics_of(session: Session, user: User) -> list[tuple[Clinic, ClinicMember]]:
    return [tuple(r) for r in session.execute(select(Clinic, ClinicMember).join(
        ClinicMember, ClinicMember.clinic_id == Clinic.id).where(ClinicMember.user_id == user.id)
        .order_by(Clinic.name))]


def may_manage(session: Session, clinic: Clinic, user: User) -> bool:
    """Site administrators, and the clinic's own clinic admins (while approved)."""
    if user.is_admin:
        return True
    member = membership(session, clinic, user)
    return bool(member and member.role == "clinic_admin" and clinician_approved(user))


def add_member(session: Session, clinic: Clinic, email: str, role: str) -> User | None:
    """Add (or change the role of) a clinician by email; None if there is no clinician with that email."""
    if role not in CLINIC_ROLES:
        return None
    user = session.scalar(select(User).where(User.email == email.strip().lower(), User.role == "clinician"))
    if user is None:
        return None
    member = membership(session, clinic, user)
    if member is None:
        session.add(ClinicMember(clinic_id=clinic.id, user_id=user.id, role=role))
    else:
        member.role = role
    session.flush()
    return user


def remove_member(session: Session, clinic: Clinic, user_id) -> bool:
    member = session.scalar(select(ClinicMember).where(ClinicMember.clinic_id == clinic.id,
                                                       ClinicMember.user_id == user_id))
    if member is None:
        return False
    session.delete(member)
    session.flush()
    return True


def colleagues(session: Session, clinician: User) -> list[User]:
    """Approved clinicians sharing a clinic with this (approved) clinician."""
    if not clinician_approved(clinician):
        return []
    mine, theirs = aliased(ClinicMember), aliased(ClinicMember)
    rows = session.scalars(select(User).join(theirs, theirs.user_id == User.id)
                           .join(mine, mine.clinic_id == theirs.clinic_id)
                           .where(mine.user_id == clinician.id, User.id != clinician.id, User.role == "clinician")
                           .distinct().order_by(User.display_name, User.id))
    return [u for u in rows if clinician_approved(u)]
