"""What the patient records: completions of plan items and daily check-ins."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import DeviceRecord
from app.models.plans import PlanItem

STATUSES = ("done", "partial", "skipped", "cleared")  # "cleared" returns the slot to not done
# A tick undone: stored like any status so the last write still wins, read everywhere as "not done".
CLEARED = "cleared"


class Completion(DeviceRecord, db.Model):
    __tablename__ = "completions"
    __table_args__ = (
        UniqueConstraint("patient_id", "item_key", "date", "slot"),
        UniqueConstraint("patient_id", "client_id"),  # client ids are the patient's own, never global
        Index("ix_completions_patient_date", "patient_id", "date"),
    )

    plan_item_id: Mapped[int] = mapped_column(ForeignKey("plan_items.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(32))
    date: Mapped[date]
    slot: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(8))
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")

    plan_item: Mapped[PlanItem] = relationship()


class CheckIn(DeviceRecord, db.Model):
    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("patient_id", "date"), UniqueConstraint("patient_id", "client_id"))

    date: Mapped[date]
    pain: Mapped[int]
    stiffness: Mapped[int | None]
    fatigue: Mapped[int | None]
    sleep_hours: Mapped[float | None]
    sleep_quality: Mapped[int | None]
    mood: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
