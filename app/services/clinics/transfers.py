"""Sharing a patient with a colleague, or handing them over, only with the patient's consent.

The clinician asks; nothing changes until the patient accepts on "My clinicians". Accepting a share links the
colleague too; accepting a handover links the colleague and ends the asking clinician's link. Both steps are in the
patient's access log.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.models import CareLink, CareTransfer, User
from app.models.base import utcnow
from app.models.clinics import TRANSFER_MODES
from app.services.care import audit
from app.services.care.links import connect, linked_patient
from app.services.clinics.approval import clinician_approved
from app.services.clinics.teams import colleagues

ACTIONS = {
    "asked_share": "asked to share your care with a colleague; you decide on this page",
    "asked_handover": "asked to hand your care over to a colleague; you decide on this page",
    "care_shared": "now shares your care (you agreed)",
    "care_handed_over": "now has your care, handed over (you agreed)",
    "care_transfer_declined": "was not added: you declined",
}


def propose(session: Session, clinician: User, patient_id, colleague_id, mode: str) -> CareTransfer | None:
    """None unless the patient is linked to the clinician and the colleague shares a clinic with them."""
    patient = linked_patient(session, clinician, patient_id)
    colleague = next((c for c in colleagues(session, clinician) if str(c.id) == str(colleague_id)), None)
    if patient is None or colleague is None or mode not in TRANSFER_MODES:
        return None
    transfer = session.scalar(select(CareTransfer).where(
        CareTransfer.patient_id == patient.id, CareTransfer.to_id == colleague.id, CareTransfer.status == "pending"))
    if transfer is None:
        transfer = CareTransfer(patient_id=patient.id, from_id=clinician.id, to_id=colleague.id, mode=mode)
        session.add(transfer)
    transfer.from_id, transfer.mode = clinician.id, mode
    audit.record(session, clinician, patient.id, f"asked_{mode}", colleague=colleague.display_name)
    session.flush()
    return transfer


def pending_for(session: Session, patient: User) -> list[tuple[CareTransfer, User, User]]:
    """The patient's open requests: (transfer, asking clinician, colleague)."""
    asking, colleague = aliased(User), aliased(User)
    return [tuple(r) for r in session.execute(
        select(CareTransfer, asking, colleague).join(asking, asking.id == CareTransfer.from_id)
        .join(colleague, colleague.id == CareTransfer.to_id)
        .where(CareTransfer.patient_id == patient.id, CareTransfer.status == "pending")
        .order_by(CareTransfer.created_at))]


def decide(session: Session, patient: User, transfer_id, accept: bool) -> CareTransfer | None:
    """The patient's answer; None if it is not their open request (or it can no longer apply)."""
    try:
        transfer = session.scalar(select(CareTransfer).where(
            CareTransfer.id == int(transfer_id), CareTransfer.patient_id == patient.id,
            CareTransfer.status == "pending"))
    except (TypeError, ValueError):
        return None
    if transfer is None:
        return None
    asking, colleague = session.get(User, transfer.from_id), session.get(User, transfer.to_id)
    still_linked = linked_patient(session, asking, patient.id) is not None
    transfer.decided_at = utcnow()
    if not accept or not still_linked or not clinician_approved(colleague):
        transfer.status = "declined"
        audit.record(session, colleague, patient.id, "care_transfer_declined")
        return transfer
    transfer.status = "accepted"
    connect(session, colleague, patient)
    if transfer.mode == "handover":
        link = session.scalar(select(CareLink).where(CareLink.clinician_id == asking.id,
                                                     CareLink.patient_id == patient.id))
        link.active, link.ended_at = False, utcnow()
    audit.record(session, colleague, patient.id, "care_shared" if transfer.mode == "share" else "care_handed_over",
                 by=asking.display_name)
    return transfer
