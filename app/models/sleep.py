"""The sleep diary (one entry per patient and night) and the sleep window's history."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import DeviceRecord, PatientRow, UTCDateTime, utcnow


class SleepEntry(DeviceRecord, db.Model):
    """One night of the Consensus Sleep Diary, dated by the morning it ends on, in the zone of that night."""

    __tablename__ = "sleep_entries"
    __table_args__ = (UniqueConstraint("patient_id", "date"), UniqueConstraint("patient_id", "client_id"))

    date: Mapped[date]
    in_bed: Mapped[str] = mapped_column(String(5))
    tried_sleep: Mapped[str] = mapped_column(String(5))
    final_wake: Mapped[str] = mapped_column(String(5))
    out_of_bed: Mapped[str] = mapped_column(String(5))
    latency_min: Mapped[int]
    awakenings: Mapped[int]
    waso_min: Mapped[int]
    quality: Mapped[int | None]
    naps_min: Mapped[int] = mapped_column(default=0)
    tz: Mapped[str] = mapped_column(String(64))  # the IANA zone the patient was in that night

    @property
    def times(self) -> dict[str, str]:
        return {"in_bed": self.in_bed, "tried_sleep": self.tried_sleep, "final_wake": self.final_wake,
                "out_of_bed": self.out_of_bed}


class SleepWindow(PatientRow, db.Model):
    """One version of a patient's sleep window with the rule's settings; the newest row is the current one.

    `reason`: set (by the physio or a self-managed patient), accepted (a weekly suggestion), kept (a suggestion
    declined: the week starts again with the same window), settings (thresholds or floor changed)."""

    __tablename__ = "sleep_windows"
    __table_args__ = (Index("ix_sleep_windows_patient_created", "patient_id", "created_at"),)

    bedtime: Mapped[str] = mapped_column(String(5))
    rise: Mapped[str] = mapped_column(String(5))
    raise_at: Mapped[float]
    lower_at: Mapped[float]
    floor_min: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))
    average_efficiency: Mapped[float | None]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
