"""The patient's sleep window over time: setting it, the weekly suggestion, accepting or keeping it.

Each change writes a new SleepWindow row (the newest is current), so the physio sees the whole history. A
suggestion is offered once the current window has run for a week and the week holds at least MIN_NIGHTS diary
nights; it changes nothing until the physio or the patient accepts it. Keeping the window also writes a row,
so the next suggestion waits another week.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.models import CareLink, SleepWindow, User
from app.services.clock import local_today, zone
from app.services.sleep import store
from app.services.sleep import window as rule
from app.services.sleep.figures import average_efficiency


class WindowError(ValueError):
    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


@dataclass(frozen=True)
class Weekly:
    suggestion: rule.Suggestion
    nights: int
    since: date
    until: date


def current(session: Session, patient_id: int) -> SleepWindow | None:
    return session.scalar(select(SleepWindow).where(SleepWindow.patient_id == patient_id)
                          .order_by(SleepWindow.created_at.desc(), SleepWindow.id.desc()).limit(1))


def history(session: Session, patient_id: int, limit: int = 20) -> list[SleepWindow]:
    return list(session.scalars(select(SleepWindow).where(SleepWindow.patient_id == patient_id)
                                .order_by(SleepWindow.created_at.desc(), SleepWindow.id.desc()).limit(limit)))


def self_managed(session: Session, patient: User) -> bool:
    """No active physio link: the patient sets the window (and its rule) alone."""
    return not session.scalar(select(exists().where(CareLink.patient_id == patient.id, CareLink.active.is_(True))))


def rule_of(row: SleepWindow | None) -> rule.Rule:
    if row is None:
        return rule.Rule()
    return rule.Rule(raise_at=row.raise_at, lower_at=row.lower_at, floor_min=row.floor_min)


def set_window(session: Session, patient: User, by: User, bedtime: str, rise: str, reason: str = "set",
               raise_at: float | None = None, lower_at: float | None = None, floor_min: int | None = None,
               average: float | None = None, now: datetime | None = None) -> SleepWindow:
    """Write a new window version and commit; thresholds and floor default to the current ones."""
    base = rule_of(current(session, patient.id))
    raise_at = base.raise_at if raise_at is None else raise_at
    lower_at = base.lower_at if lower_at is None else lower_at
    floor_min = base.floor_min if floor_min is None else floor_min
    errors = {}
    if not 50 <= lower_at <= raise_at <= 100:
        errors["lower_at"] = gettext("must be from 50 to 100 and not above the upper threshold")
    if not 3 * 60 <= floor_min <= 9 * 60:
        errors["floor_min"] = gettext("must be from 3 to 9 hours")
    elif rule.below_floor(bedtime, rise, floor_min):
        errors["bedtime"] = gettext("gives a window shorter than the floor of %(floor)s",
                                    floor=f"{floor_min // 60} h {floor_min % 60:02d}")
    elif rule.length_min(bedtime, rise) > rule.MAX_WINDOW_MIN:
        errors["bedtime"] = gettext("gives a window longer than 12 hours")
    if errors:
        raise WindowError(errors)
    row = SleepWindow(patient_id=patient.id, bedtime=bedtime, rise=rise, raise_at=raise_at, lower_at=lower_at,
                      floor_min=floor_min, reason=reason, average_efficiency=average, set_by_id=by.id,
                      created_at=now or datetime.now(UTC))
    session.add(row)
    session.commit()
    return row


def weekly(session: Session, patient: User, now: datetime | None = None) -> Weekly | None:
    """This week's suggestion, or None while the window is younger than a week or the diary too thin."""
    row = current(session, patient.id)
    today = local_today(patient.timezone, now)
    return weekly_of(row, patient, store.recent(session, patient.id, today, 7) if row else [], today)


def weekly_of(row: SleepWindow | None, patient: User, recent: list, today: date) -> Weekly | None:
    """`weekly` for a window and nights already read: [(date, figures)], any that reach back 7 days or more."""
    if row is None:
        return None
    started = row.created_at.astimezone(zone(patient.timezone)).date()
    if today - started < timedelta(days=7):
        return None
    nights = [(d, f) for d, f in recent if today - timedelta(days=7) < d <= today]
    if len(nights) < rule.MIN_NIGHTS:
        return None
    average = average_efficiency([f for _, f in nights])
    return Weekly(rule.suggest(row.bedtime, row.rise, average, rule_of(row)), len(nights),
                  today - timedelta(days=6), today)


def decide(session: Session, patient: User, by: User, accept: bool, now: datetime | None = None) -> SleepWindow | None:
    """Accept this week's suggestion (the new window) or keep the current one; None if nothing is suggested."""
    found = weekly(session, patient, now)
    if found is None:
        return None
    row = current(session, patient.id)
    s = found.suggestion
    if accept and s.direction != "same":
        return set_window(session, patient, by, s.bedtime, s.rise, "accepted", average=s.average_efficiency, now=now)
    return set_window(session, patient, by, row.bedtime, row.rise, "kept", average=s.average_efficiency, now=now)


def low_in(nights: list, today: date, below: float = 80.0) -> bool:
    """Both of the last two weeks averaged below `below` % (each with at least 3 nights): the physio's note.
    `nights`: [(date, figures)] of the last 14 days, already read."""
    weeks = [[f for d, f in nights if d > today - timedelta(days=7)],
             [f for d, f in nights if d <= today - timedelta(days=7)]]
    return all(len(w) >= 3 and average_efficiency(w) < below for w in weeks)
