"""Outcome measures: each answered questionnaire, and which measures are scheduled for a patient."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import DeviceRecord, PatientRow, UTCDateTime, utcnow


class MeasureResponse(DeviceRecord, db.Model):
    """One answered questionnaire; never edited by the patient (a new answer is a new row)."""

    __tablename__ = "measure_responses"
    __table_args__ = (
        UniqueConstraint("patient_id", "client_id"),  # client ids are unique per patient (replay-safe)
        Index("ix_measure_responses_patient_instrument_date", "patient_id", "instrument", "date"),
        Index("ix_measure_responses_patient_alert", "patient_id", "alert_open"),
    )

    instrument: Mapped[str] = mapped_column(String(12))
    version: Mapped[str] = mapped_column(String(24))  # the instrument version the answers belong to
    date: Mapped[date]
    answers: Mapped[object] = mapped_column(JSON)
    score: Mapped[float]
    parts: Mapped[dict] = mapped_column(JSON, default=dict)
    flags: Mapped[list] = mapped_column(JSON, default=list)  # "urgent" (PHQ-9 item 9 > 0), "severe"
    # A flag waiting for a clinician's acknowledgement (audited when acknowledged).
    alert_open: Mapped[bool] = mapped_column(default=False)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class MeasureSchedule(PatientRow, db.Model):
    """How often one patient is asked one instrument; no row means the default (services/measures/schedule.py)."""

    __tablename__ = "measure_schedules"
    __table_args__ = (UniqueConstraint("patient_id", "instrument"),)

    instrument: Mapped[str] = mapped_column(String(12))
    every_days: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    # The due date the patient said "not now" to: the card then waits for the next one (one reminder, no nagging).
    dismissed_due: Mapped[date | None]
    # A score at or above this suggests the flare-up plan (e.g. PEG 7); null: no suggestion.
    flare_at: Mapped[float | None]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
