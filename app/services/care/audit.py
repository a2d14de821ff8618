"""Writing and reading the audit trail."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, User


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
