"""Periods of a rule and what happened in them: adherence to the item and flare-ups."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.models import FlareEpisode, ModeChange, Plan, ProgressionRule, User
from app.services.clock import zone
from app.services.progress.adherence import adherence_for
from app.services.progression.rules import Period, Rule


def rule_of(row: ProgressionRule) -> Rule:
    return Rule(field=row.field, step_kind=row.step_kind, step=row.step, every_weeks=row.every_weeks,
                min_adherence=row.min_adherence, floor=row.floor, ceiling=row.ceiling, start_share=row.start_share)


def bounds(row: ProgressionRule, index: int) -> tuple[date, date]:
    """First and last local date of period `index` (0 = the first period after the rule was set)."""
    length = 7 * row.every_weeks
    start = row.start_date + timedelta(days=index * length)
    return start, start + timedelta(days=length - 1)


def last_finished(row: ProgressionRule, today: date) -> int | None:
    """The newest period that ended before today, or None while the first one runs."""
    index = (today - row.start_date).days // (7 * row.every_weeks) - 1
    return index if index >= 0 else None


def flare_in(session: Session, patient: User, start: date, end: date) -> bool:
    """Was the flare-up plan on, or a flare-up logged in the diary, at any time in [start, end]?"""
    tz = zone(patient.timezone)
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    if session.scalar(select(ModeChange.id).where(ModeChange.patient_id == patient.id, ModeChange.mode == "flare",
                                                  ModeChange.at >= lo, ModeChange.at < hi).limit(1)):
        return True
    before = session.scalar(select(ModeChange.mode).where(ModeChange.patient_id == patient.id, ModeChange.at < lo)
                            .order_by(ModeChange.at.desc()).limit(1))
    if before == "flare":
        return True
    plan = session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    if before is None and plan is not None and plan.mode == "flare" and (plan.mode_changed_at or lo) < hi:
        return True
    return session.scalar(select(FlareEpisode.id).where(
        FlareEpisode.patient_id == patient.id, FlareEpisode.start < hi,
        or_(FlareEpisode.end.is_(None), and_(FlareEpisode.end >= lo))).limit(1)) is not None


def period_outcome(session: Session, patient: User, row: ProgressionRule, index: int) -> Period:
    start, end = bounds(row, index)
    plan = session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    rate = None
    if plan is not None:
        tally = adherence_for(session, [plan], {patient.id: patient.timezone}, start, end)[patient.id]
        rate = tally.by_item[row.item_key].rate if row.item_key in tally.by_item else None
    before = bounds(row, index - 1) if index > 0 else None
    return Period(adherence=rate, flare=flare_in(session, patient, start, end),
                  flare_before=bool(before) and flare_in(session, patient, *before))
