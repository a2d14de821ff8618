"""Helpers for the clinician-side tests: seeded check-ins and completions, quick lookups."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, CheckIn, Completion, Routine
from app.services.clock import local_today


def routine_id(slug: str) -> int:
    return db.session.scalar(select(Routine.id).where(Routine.slug == slug))


def add_checkins(patient, pains: dict[int, int]) -> None:
    """pains: days ago -> pain."""
    today = local_today(patient.timezone)
    for ago, pain in pains.items():
        day = today - timedelta(days=ago)
        db.session.add(CheckIn(client_id=str(uuid.uuid4()), patient_id=patient.id, date=day, pain=pain,
                               stiffness=pain, fatigue=max(0, pain - 1), sleep_hours=7.0, sleep_quality=3, mood=3,
                               note="", recorded_at=datetime.now(timezone.utc)))
    db.session.commit()


def tick(patient, item, ago: int, status: str = "done", **extra) -> Completion:
    day = local_today(patient.timezone) - timedelta(days=ago)
    row = Completion(client_id=str(uuid.uuid4()), patient_id=patient.id, plan_item_id=item.id, item_key=item.key,
                     date=day, slot=item.slots[0], status=status, recorded_at=datetime.now(timezone.utc), **extra)
    db.session.add(row)
    db.session.commit()
    return row


def backdate(version, days: int) -> None:
    version.created_at = datetime.now(timezone.utc) - timedelta(days=days)
    db.session.commit()


def events(patient_id: int, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.patient_id == patient_id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))
