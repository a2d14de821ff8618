"""The routine library and versioned plans."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

KINDS = ("exercise", "sleep", "heat_cold", "mind_body", "education")
VARIANTS = ("standard", "flare")
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "minutes")


class Routine(db.Model):
    __tablename__ = "routines"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(String(300), default="")
    steps: Mapped[list] = mapped_column(JSON, default=list)
    sets: Mapped[int | None]
    reps: Mapped[int | None]
    hold_seconds: Mapped[int | None]
    minutes: Mapped[int | None]
    precautions: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(64))
    media_url: Mapped[str | None] = mapped_column(String(500))
    archived: Mapped[bool] = mapped_column(default=False)
    # A routine that a plan uses is never edited in place: the edit writes a new routine and points the old one
    # here, so what a patient agreed to follow stays as it was (see "Plans hold what the patient agreed to").
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("routines.id", ondelete="SET NULL"))

    @property
    def dose(self) -> dict:
        return {f: getattr(self, f) for f in DOSE_FIELDS}


class Plan(db.Model):
    """One plan per patient; its content lives in versions, one line of versions per variant."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    mode: Mapped[str] = mapped_column(String(16), default="standard")
    mode_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    flare_pain_threshold: Mapped[int | None]  # check-in pain at or above it suggests the flare-up plan
    patient_seen_version_id: Mapped[int | None]  # newest version the patient has seen "what changed" for
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlanVersion(db.Model):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "variant", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    variant: Mapped[str] = mapped_column(String(16), default="standard")
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="version", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


def new_item_key() -> str:
    return uuid.uuid4().hex


class PlanItem(db.Model):
    """A routine with its dose and schedule inside one plan version.

    `key` stays the same across versions for the same logical item, so a tick
    made against an older version still counts for today's item.
    """

    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), default=new_item_key)
    position: Mapped[int] = mapped_column(default=0)
    routine_id: Mapped[int] = mapped_column(ForeignKey("routines.id"))
    days_mask: Mapped[int] = mapped_column(default=0b1111111)  # bit 0 = Monday
    times: Mapped[str] = mapped_column(String(120), default="08:00")  # "08:00,18:30"
    sets: Mapped[int | None]
    reps: Mapped[int | None]
    hold_seconds: Mapped[int | None]
    minutes: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[PlanVersion] = relationship(back_populates="items")
    routine: Mapped[Routine] = relationship(lazy="joined")

    @property
    def days(self) -> list[int]:
        return [d for d in range(7) if self.days_mask >> d & 1]

    @property
    def slots(self) -> list[str]:
        return [t for t in self.times.split(",") if t]

    @property
    def dose(self) -> dict:
        return {f: getattr(self, f) for f in DOSE_FIELDS}


Index("ix_plan_versions_current", PlanVersion.plan_id, PlanVersion.variant, PlanVersion.number)


class PlanDraft(db.Model):
    """A clinician's unsent changes to one variant of a patient's plan; sent once, as one version with one note.

    The patient never sees it: no reader of plans looks here. `base_version_id` is the version it started from, so
    changes the patient made meanwhile are kept when it is sent (services/plans/drafts.py)."""

    __tablename__ = "plan_drafts"
    __table_args__ = (UniqueConstraint("plan_id", "variant", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    variant: Mapped[str] = mapped_column(String(16), default="standard")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    base_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id", ondelete="SET NULL"))
    items: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ItemRemoval(db.Model):
    """A patient took a routine their physiotherapist prescribed out of their plan, with a reason; undone or not."""

    __tablename__ = "item_removals"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prescribed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
