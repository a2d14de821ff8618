"""The pain diary beyond the daily check-in: timestamped pain entries with a body map, flare episodes, and a log
of what the patient took or did (names they type; the app suggests none), each synced with a client id."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

# The 19 regions of the Widespread Pain Index (shared/API.md); the body map's regions are these.
BODY_AREAS = ("jaw_l", "jaw_r", "shoulder_l", "shoulder_r", "upper_arm_l", "upper_arm_r", "lower_arm_l",
              "lower_arm_r", "hip_l", "hip_r", "upper_leg_l", "upper_leg_r", "lower_leg_l", "lower_leg_r", "neck",
              "upper_back", "lower_back", "chest", "abdomen")
QUALITIES = ("aching", "burning", "stiff", "tender", "throbbing", "shooting", "cramping", "tingling")
TRIGGERS = ("weather", "stress", "long_sitting", "poor_sleep", "overdoing_it", "cold", "travel", "illness")
TREATMENT_KINDS = ("medication", "heat", "cold", "tens", "massage", "physio", "exercise", "relaxation", "other")


class _Entry:
    """Columns every diary row has: who, which client write made it, and when the device recorded it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PainEntry(_Entry, db.Model):
    """A moment of pain: overall intensity, where (area -> intensity and words), what was going on."""

    __tablename__ = "pain_entries"
    __table_args__ = (UniqueConstraint("patient_id", "client_id"),
                      Index("ix_pain_entries_patient_at", "patient_id", "at"))

    at: Mapped[datetime] = mapped_column(UTCDateTime)
    at_offset_min: Mapped[int] = mapped_column(default=0)  # the device's UTC offset then: its local day
    intensity: Mapped[int]
    areas: Mapped[list] = mapped_column(JSON, default=list)  # [{"area", "intensity", "qualities": [...]}]
    triggers: Mapped[list] = mapped_column(JSON, default=list)
    context: Mapped[str] = mapped_column(String(200), default="")  # what I was doing
    helped: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class FlareEpisode(_Entry, db.Model):
    """A flare from start to end (end empty while it lasts). Later writes (ending it, adding what helped) carry
    the episode's first client id in `of`; the one recorded last on the device wins."""

    __tablename__ = "flare_episodes"
    __table_args__ = (UniqueConstraint("patient_id", "client_id"),
                      Index("ix_flares_patient_start", "patient_id", "start"))

    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    triggers: Mapped[list] = mapped_column(JSON, default=list)
    helped: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    last_client_id: Mapped[str] = mapped_column(String(36))  # the write that set the current values


class Treatment(_Entry, db.Model):
    """Something the patient took or did, in their own words, and how much it helped (0-10, rated later)."""

    __tablename__ = "treatments"
    __table_args__ = (UniqueConstraint("patient_id", "client_id"),
                      Index("ix_treatments_patient_at", "patient_id", "at"))

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    effect: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    last_client_id: Mapped[str] = mapped_column(String(36))


class ReportShare(db.Model):
    """A short-lived link that opens one doctor's report without an account. Only a hash of the token is kept."""

    __tablename__ = "report_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    start: Mapped[date]
    end: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened: Mapped[int] = mapped_column(default=0)
