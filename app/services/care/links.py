"""Care links: which clinician may see and plan for which patient."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import AlertRule, CareLink, User
from app.models.base import utcnow
from app.services.clinics.approval import clinician_approved


def linked_patient(session: Session, clinician: User, patient_id) -> User | None:
    """The patient if an active link joins them to the clinician; None for anyone else."""
    try:
        patient_id = int(patient_id)
    except (TypeError, ValueError):
        return None
    if not clinician_approved(clinician):
        return None
    return session.scalar(select(User).join(CareLink, CareLink.patient_id == User.id).where(
        User.id == patient_id, User.role == "patient",
        CareLink.clinician_id == clinician.id, CareLink.active.is_(True)))


def linked_patients(session: Session, clinician: User) -> list[User]:
    if not clinician_approved(clinician):
        return []
    return list(session.scalars(select(User).join(CareLink, CareLink.patient_id == User.id).where(
        CareLink.clinician_id == clinician.id, CareLink.active.is_(True), User.role == "patient")
        .order_by(User.display_name, User.id)))


def clinicians_of(session: Session, patient: User) -> list[tuple[CareLink, User]]:
    rows = session.execute(select(CareLink, User).join(User, CareLink.clinician_id == User.id).where(
        CareLink.patient_id == patient.id, CareLink.active.is_(True)).order_by(CareLink.created_at))
    return [tuple(r) for r in rows]


def connect(session: Session, clinician: User, patient: User) -> CareLink:
    """Create the link, or reactivate one the patient ended earlier."""
    care = session.scalar(select(CareLink).where(CareLink.clinician_id == clinician.id,
                                                 CareLink.patient_id == patient.id))
    if care is None:
        care = CareLink(clinician_id=clinician.id, patient_id=patient.id)
        session.add(care)
    elif not care.active:
        care.active, care.ended_at, care.created_at = True, None, utcnow()
    session.flush()
    return care


def unlink(session: Session, patient: User, link_id) -> User | None:
    """End one of the patient's links; returns the clinician, or None if it is not theirs."""
    care = session.scalar(select(CareLink).where(CareLink.id == link_id, CareLink.patient_id == patient.id,
                                                 CareLink.active.is_(True)))
    if care is None:
        return None
    care.active, care.ended_at = False, utcnow()
    # The clinician's alert rules about this patient go too: nothing of theirs names a patient they lost.
    session.execute(delete(AlertRule).where(AlertRule.clinician_id == care.clinician_id,
                                            AlertRule.patient_id == patient.id))
    return session.get(User, care.clinician_id)
