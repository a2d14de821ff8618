"""Writing and reading the audit trail."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, User


def N_(text: str) -> str:
    return text


# The one list of audit actions and how a patient reads them: action -> (kind, words), translated when shown.
# "looked" and "changed" name what was looked at or changed ("your plan"); "did" is a whole sentence.
ACTIONS = {
    "viewed_log": ("looked", N_("your ticks and check-ins")),
    "viewed_summary": ("looked", N_("your summary (through the app's API)")),
    "viewed_plan": ("looked", N_("your plan")),
    "viewed_overview": ("looked", N_("your weekly figures on their dashboard")),
    "changed_plan": ("changed", N_("your plan")),
    "changed_rules": ("changed", N_("your flare-up suggestion")),
    "export": ("did", N_("%(name)s downloaded a copy of your data")),
    "password_changed": ("did", N_("%(name)s changed your password")),
    "password_reset": ("did", N_("%(name)s reset your password with an email link")),
    "asked_share": ("did", N_("%(name)s asked to share your care with a colleague; you decide on My clinicians")),
    "asked_handover": ("did", N_("%(name)s asked to hand your care over to a colleague; you decide on My clinicians")),
    "care_shared": ("did", N_("%(name)s now shares your care (you agreed)")),
    "care_handed_over": ("did", N_("%(name)s now has your care, handed over (you agreed)")),
    "care_transfer_declined": ("did", N_("%(name)s was not added: you declined")),
    "report_shared": ("did", N_("%(name)s made a link to the doctor's report")),
    "report_opened": ("did", N_("Someone opened the report link you shared")),
    "report_share_revoked": ("did", N_("%(name)s stopped a report link")),
}


def record(session: Session, actor: User | None, patient_id: int | None, action: str, **detail) -> AuditEvent:
    """Add an event to the caller's transaction."""
    event = AuditEvent(actor_id=actor.id if actor else None, actor_name=actor.display_name if actor else "",
                       patient_id=patient_id, action=action, detail=detail)
    session.add(event)
    return event


def trail_for(session: Session, patient_id: int, limit: int = 200) -> list[AuditEvent]:
    """The newest events about one patient's data."""
    return list(session.scalars(select(AuditEvent).where(AuditEvent.patient_id == patient_id)
                                .order_by(AuditEvent.at.desc()).limit(limit)))
