"""The sync's bulk insert stores exactly what the ORM would: converted by SQLAlchemy's own types, defaults filled."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from app.extensions import db
from app.models import CheckIn
from app.services.records.bulk import insert_rows


def test_rows_round_trip_with_types_and_defaults(app, patient):
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=-5)))  # a non-UTC aware time
    rows = [{"client_id": str(uuid.uuid4()), "patient_id": patient.id, "date": date(2026, 3, 28) + timedelta(days=i),
             "pain": i, "stiffness": None, "fatigue": 3, "sleep_hours": 6.5, "sleep_quality": None, "mood": 2,
             "note": "ünïcode; 'quotes'", "recorded_at": moment, "recorded_offset_min": -300} for i in range(3)]
    before = datetime.now(UTC)
    insert_rows(db.session, CheckIn.__table__, rows)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalars(select(CheckIn).where(CheckIn.patient_id == patient.id).order_by(CheckIn.date)).all()
    assert [(c.client_id, c.date, c.pain, c.stiffness, c.sleep_hours, c.note) for c in stored] == \
        [(r["client_id"], r["date"], r["pain"], r["stiffness"], r["sleep_hours"], r["note"]) for r in rows]
    assert all(c.recorded_at == moment and c.recorded_at.tzinfo is not None for c in stored)
    assert all(before - timedelta(seconds=1) <= c.received_at <= datetime.now(UTC) for c in stored)


def test_nothing_to_insert_sends_nothing(app):
    from helpers import counting_queries
    with counting_queries() as statements:
        insert_rows(db.session, CheckIn.__table__, [])
    assert statements == []
