"""Thresholds a clinician sets for one patient or for all of their patients (services/clinics/alerts.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class AlertRule(db.Model):
    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # None: all patients
    kind: Mapped[str] = mapped_column(String(24))
    threshold: Mapped[int] = mapped_column(default=0)
    mail: Mapped[bool] = mapped_column(default=False)  # in the daily mail digest (`flask alerts digest`)
    push: Mapped[bool] = mapped_column(default=False, server_default=false())  # in the daily push digest
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
