"""Graded progression: a physio's rule per plan item, the steps it proposes, and the patient's own goals."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import PatientRow, UTCDateTime, utcnow

PROPOSAL_STATUSES = ("proposed", "accepted", "kept", "held_for_flare", "held")


class ProgressionRule(PatientRow, db.Model):
    """One rule per patient and plan item key (the key stays the same across plan versions)."""

    __tablename__ = "progression_rules"
    __table_args__ = (UniqueConstraint("patient_id", "item_key"),)

    item_key: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(16))
    step_kind: Mapped[str] = mapped_column(String(8))
    step: Mapped[float]
    every_weeks: Mapped[int]
    min_adherence: Mapped[float]
    floor: Mapped[int]
    ceiling: Mapped[int]
    start_share: Mapped[float]
    start_date: Mapped[date]
    active: Mapped[bool] = mapped_column(default=True)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposals: Mapped[list[ProgressionProposal]] = relationship(
        back_populates="rule", order_by="ProgressionProposal.period_index", cascade="all, delete-orphan")


class ProgressionProposal(db.Model):
    """The rule's decision at the end of one period. At most one per rule and period start, so evaluating
    twice (two tabs, two workers) writes one row; a rule set again starts its periods afresh."""

    __tablename__ = "progression_proposals"
    __table_args__ = (UniqueConstraint("rule_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("progression_rules.id", ondelete="CASCADE"))
    period_index: Mapped[int]
    period_start: Mapped[date]
    period_end: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))   # rules.Decision.kind
    from_dose: Mapped[int]
    to_dose: Mapped[int]
    adherence: Mapped[float | None]
    flare: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    rule: Mapped[ProgressionRule] = relationship(back_populates="proposals")


class Goal(PatientRow, db.Model):
    """A goal in the patient's own words, tied to an activity and optionally a plan item and a PSFS activity."""

    __tablename__ = "goals"
    __table_args__ = (Index("ix_goals_patient", "patient_id"),)

    text: Mapped[str] = mapped_column(String(200))
    activity: Mapped[str] = mapped_column(String(100), default="")
    item_key: Mapped[str | None] = mapped_column(String(32))
    psfs_activity: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    achieved_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
