"""A clinician's saved plan templates and the log of a patient's flare-mode switches."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class PlanTemplate(db.Model):
    """A reusable list of plan items ("lower back starter"); applying it writes a plan version."""

    __tablename__ = "plan_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    # [{routine_id, days_mask, times: [..], sets, reps, hold_seconds, minutes, notes}]
    items: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ModeChange(db.Model):
    """When and why a patient's plan switched between the usual and the flare-up variant."""

    __tablename__ = "mode_changes"
    __table_args__ = (Index("ix_mode_changes_patient_at", "patient_id", "at"),
                      UniqueConstraint("patient_id", "client_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mode: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(120), default="")  # "patient switched", "suggested by pain 8"
    at: Mapped[datetime] = mapped_column(UTCDateTime)  # recorded on the device
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
