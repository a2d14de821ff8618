"""Shared column helpers for the models."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes stored as UTC; SQLite would otherwise drop the offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class PatientRow:
    """The leading columns of a row that belongs to one patient: it goes when the patient's account goes (the
    database deletes it with the user, so an erased account leaves none behind)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), sort_order=-1)


class DeviceRecord:
    """Columns of a row the patient's device writes, offline first: the patient, the client id of the write that
    made it (a replay finds it and changes nothing), when and at what UTC offset the device recorded it (its local
    day), and when the server received it. The first three lead the table, the last three close it."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    client_id: Mapped[str] = mapped_column(String(36), sort_order=-1)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), sort_order=-1)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_offset_min: Mapped[int] = mapped_column(default=0)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
