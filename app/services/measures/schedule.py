"""Which measures a patient is asked, how often, and which are due.

Defaults (no row): PEG weekly, PHQ-9, GAD-7 and WPI/SSS monthly, PSFS at the start and every 3 weeks. The physio
changes them on the patient page; a self-managed patient (no active clinician) changes their own. A measure never
answered is due from the patient's first day (the local date the account was made), so every due date is a fixed
date: the reminder dispatcher pushes it once, on that date (services/measures/reminders.py), and "Not now" hides
the card until the next due date. One reminder, then it waits.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, literal, null, select, union_all
from sqlalchemy.orm import Session

from app.models import CareLink, MeasureResponse, MeasureSchedule, User
from app.services.clock import local_today
from app.services.measures.instruments import INSTRUMENTS
from app.services.sql_lists import among, batches

DEFAULT_DAYS = {"peg": 7, "psfs": 21, "phq9": 30, "gad7": 30, "wpi_sss": 30}
CHOICES = (7, 14, 21, 28, 30, 42, 56, 90)


@dataclass
class Planned:
    instrument: str
    every_days: int
    active: bool
    last: date | None
    dismissed_due: date | None
    flare_at: float | None
    due_date: date | None = None

    def is_due(self, today: date) -> bool:
        return self.active and self.due_date is not None and self.due_date <= today

    def waiting(self, today: date) -> bool:
        """Due but the patient said "not now" to this due date."""
        return self.is_due(today) and self.dismissed_due == self.due_date


def planned(session: Session, patient: User) -> list[Planned]:
    """Every instrument with its schedule and due date, in one statement."""
    return planned_for(session, [patient])[patient.id]


def planned_for(session: Session, patients: list[User]) -> dict[int, list[Planned]]:
    """Patient id -> every instrument with its schedule and due date; one statement per batch of patients."""
    by_id = {p.id: {i: Planned(i, DEFAULT_DAYS[i], True, None, None, None) for i in INSTRUMENTS} for p in patients}
    for part in batches(session, sorted(by_id)):
        schedules = select(MeasureSchedule.patient_id, MeasureSchedule.instrument, MeasureSchedule.every_days,
                           MeasureSchedule.active, MeasureSchedule.dismissed_due, MeasureSchedule.flare_at,
                           null().label("last")).where(among(session, MeasureSchedule.patient_id, part))
        lasts = select(MeasureResponse.patient_id, MeasureResponse.instrument, null(), null(), null(), null(),
                       func.max(MeasureResponse.date).label("last")) \
            .where(among(session, MeasureResponse.patient_id, part)) \
            .group_by(MeasureResponse.patient_id, MeasureResponse.instrument)
        for patient_id, instrument, every, active, dismissed, flare_at, last in session.execute(
                union_all(schedules, lasts)):
            p = by_id[patient_id].get(instrument)
            if p is None:
                continue
            if last is not None:
                p.last = as_date(last)
            else:
                p.every_days, p.active, p.flare_at = every, bool(active), flare_at
                p.dismissed_due = None if dismissed is None else as_date(dismissed)
    for patient in patients:
        first = first_day(patient)
        for p in by_id[patient.id].values():
            p.due_date = (p.last + timedelta(days=p.every_days)) if p.last else first
    return {pid: list(plan.values()) for pid, plan in by_id.items()}


def as_date(value) -> date:
    """A date column read through a UNION (SQLite hands it back as text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def first_day(patient: User) -> date:
    """The patient's first day: the local date the account was made."""
    return local_today(patient.timezone, patient.created_at)


def due(session: Session, patient: User, today: date | None = None) -> list[Planned]:
    """Measures due today or earlier, the oldest first."""
    today = today or local_today(patient.timezone)
    return sorted((p for p in planned(session, patient) if p.is_due(today)), key=lambda p: p.due_date)


def self_managed(session: Session, patient: User) -> bool:
    return session.scalar(select(literal(1)).where(CareLink.patient_id == patient.id,
                                                   CareLink.active.is_(True)).limit(1)) is None


def _row(session: Session, patient_id: int, instrument: str) -> MeasureSchedule:
    row = session.scalar(select(MeasureSchedule).where(MeasureSchedule.patient_id == patient_id,
                                                       MeasureSchedule.instrument == instrument))
    if row is None:
        row = MeasureSchedule(patient_id=patient_id, instrument=instrument, every_days=DEFAULT_DAYS[instrument],
                              active=True)
        session.add(row)
    return row


def set_schedule(session: Session, by: User, patient_id: int, instrument: str, every_days: int, active: bool,
                 flare_at: float | None = None) -> MeasureSchedule:
    """Change one measure's schedule (the caller checks who may); commits."""
    if instrument not in INSTRUMENTS or not 1 <= every_days <= 365:
        raise ValueError("unknown instrument or interval")
    row = _row(session, patient_id, instrument)
    row.every_days, row.active, row.set_by_id = every_days, active, by.id
    row.flare_at = flare_at if instrument == "peg" else None
    session.commit()
    return row


def not_now(session: Session, patient: User, today: date | None = None) -> None:
    """Hide the due card until each due measure's next due date; commits."""
    for p in due(session, patient, today):
        _row(session, patient.id, p.instrument).dismissed_due = p.due_date
    session.commit()
