"""Progress for one patient: streaks that forgive a bad day, symptom trends, and cautious personal insights.

Plain functions over plain data; `progress_for` loads everything a page needs in a fixed number of queries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import N_, number_text
from app.models import CheckIn, User
from app.models.base import utcnow
from app.services.clock import local_today
from app.services.diary import read as diary_read
from app.services.diary.overview import DiaryView, diary_view
from app.services.plans.versions import plan_for
from app.services.progress.adherence import Adherence, Tally, adherence_for
from app.services.progress.insights import (
    Insight,
    diary_insights,
    good_bad_insight,
    session_insight,
    session_pairs,
    sleep_insight,
)
from app.services.records.limits import CHECKIN_LIMITS as LIMITS

PERIODS = (7, 30, 90)
HISTORY_DAYS = 90  # streaks and insights look this far back
METRICS = {  # check-in field -> (label, low, high); the scale is the check-in limit (sleep drawn up to 12 hours)
    "pain": (N_("Pain"), *LIMITS["pain"].range),
    "stiffness": (N_("Stiffness"), *LIMITS["stiffness"].range),
    "fatigue": (N_("Fatigue"), *LIMITS["fatigue"].range),
    "sleep_hours": (N_("Sleep"), 0, 12),
}
# One message per measure and case, so each reads naturally in German too. %(now)s and %(before)s are averages.
SUMMARIES = {
    "pain": (N_("No pain recorded in the last %(days)s days."), N_("Average pain %(now)s over the last %(days)s days."),
             N_("Average pain %(now)s, about the same as %(previous)s."),
             N_("Average pain %(now)s, down from %(before)s %(previous)s."),
             N_("Average pain %(now)s, up from %(before)s %(previous)s.")),
    "stiffness": (N_("No stiffness recorded in the last %(days)s days."),
                  N_("Average stiffness %(now)s over the last %(days)s days."),
                  N_("Average stiffness %(now)s, about the same as %(previous)s."),
                  N_("Average stiffness %(now)s, down from %(before)s %(previous)s."),
                  N_("Average stiffness %(now)s, up from %(before)s %(previous)s.")),
    "fatigue": (N_("No fatigue recorded in the last %(days)s days."),
                N_("Average fatigue %(now)s over the last %(days)s days."),
                N_("Average fatigue %(now)s, about the same as %(previous)s."),
                N_("Average fatigue %(now)s, down from %(before)s %(previous)s."),
                N_("Average fatigue %(now)s, up from %(before)s %(previous)s.")),
    "sleep_hours": (N_("No sleep recorded in the last %(days)s days."),
                    N_("Average sleep %(now)s hours over the last %(days)s days."),
                    N_("Average sleep %(now)s hours, about the same as %(previous)s."),
                    N_("Average sleep %(now)s hours, down from %(before)s %(previous)s."),
                    N_("Average sleep %(now)s hours, up from %(before)s %(previous)s.")),
}
PREVIOUS = {7: N_("the week before"), 30: N_("the month before"), 90: N_("the three months before")}


# Streaks -----------------------------------------------------------------------------------------------------

def day_state(tally: Tally | None, checked_in: bool) -> str:
    """hit: half the plan done (partly done counts half) or a check-in; rest: nothing planned; else miss."""
    if checked_in or (tally and tally.planned and tally.credit / tally.planned >= 0.5):
        return "hit"
    return "miss" if tally and tally.planned else "rest"


@dataclass
class Streak:
    current: int
    best: int


def streaks(states: list[str]) -> Streak:
    """Days are oldest first. One missed day never breaks a run, two in a row do; rest days are skipped over.

    A run's length is its number of hit days. The last day (today, not over yet) never counts as a miss.
    """
    run = best = misses = 0
    for i, state in enumerate(states):
        if state == "hit":
            run, misses = run + 1, 0
        elif state == "miss" and i < len(states) - 1:
            misses += 1
            if misses == 2:
                best, run = max(best, run), 0
        best = max(best, run)
    return Streak(run if misses < 2 else 0, best)


# Trends ------------------------------------------------------------------------------------------------------

@dataclass
class Trend:
    metric: str
    label: str
    points: list[tuple[date, float | None]]
    average: float | None
    previous: float | None
    count: int
    summary: str
    low: float   # the chart's scale
    high: float
    lowest: float | None = None   # the patient's own values in the period
    highest: float | None = None


def average(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(mean(values), 1) if values else None


def weekly(points: list[tuple[date, float | None]]) -> list[tuple[date, float | None]]:
    """Average per block of 7 days, dated by its last day, counted back from the newest day so the
    chart ends today: 90 daily points are too many for a phone."""
    blocks = [points[max(0, end - 7):end] for end in range(len(points), 0, -7)][::-1]
    return [(block[-1][0], average(v for _, v in block)) for block in blocks]


def trend_summary(metric: str, now: float | None, before: float | None, days: int) -> str:
    """One sentence about a measure over the period against the period before, in the reader's language."""
    nothing, only, same, down, up = SUMMARIES[metric]
    values = {"days": days, "now": number_text(now), "before": number_text(before),
              "previous": gettext(PREVIOUS.get(days, N_("the period before")))}
    if now is None:
        return gettext(nothing, **values)
    if before is None:
        return gettext(only, **values)
    if abs(now - before) < 0.05:
        return gettext(same, **values)
    return gettext(down if now < before else up, **values)


def trend(checkins: list[CheckIn], metric: str, today: date, days: int) -> Trend:
    label, low, high = METRICS[metric]
    by_date = {c.date: getattr(c, metric) for c in checkins}
    start = today - timedelta(days=days - 1)
    points = [(d, None if (v := by_date.get(d)) is None else float(v))
              for d in (start + timedelta(days=i) for i in range(days))]
    previous = [by_date.get(start - timedelta(days=i)) for i in range(1, days + 1)]
    now, before = average(v for _, v in points), average(previous)
    values = [v for _, v in points if v is not None]
    shown = weekly(points) if days > 30 else points
    return Trend(metric, gettext(label), shown, now, before, len(values), trend_summary(metric, now, before, days),
                 low, high, min(values, default=None), max(values, default=None))


# Loading -----------------------------------------------------------------------------------------------------

@dataclass
class Progress:
    today: date
    days: int
    week: Tally
    period: Adherence
    streak: Streak
    trends: list[Trend]
    insights: list[Insight] = field(default_factory=list)
    diary: DiaryView | None = None  # the pain diary over the period: heat map and flares per month


def progress_for(session: Session, patient: User, today: date, days: int, now: datetime | None = None) -> Progress:
    """Everything /progress shows, in a fixed number of queries whatever the amount of history.

    Slots later today count once due (see adherence_for); `now` defaults to the current time when `today` is the
    patient's today."""
    if now is None and today == local_today(patient.timezone):
        now = utcnow()
    first = today - timedelta(days=HISTORY_DAYS - 1)
    plan = plan_for(session, patient)

    def adherence(start: date) -> Adherence:
        return adherence_for(session, [plan], {patient.id: patient.timezone}, start, today, now)[patient.id] if plan \
            else Adherence()
    tally = adherence(first)
    period = tally if days == HISTORY_DAYS else adherence(today - timedelta(days=days - 1))
    since = today - timedelta(days=max(HISTORY_DAYS, 2 * days) - 1)  # trends compare with the period before
    checkins = list(session.scalars(select(CheckIn).where(CheckIn.patient_id == patient.id,
                                                          CheckIn.date.between(since, today))))
    checked = {c.date for c in checkins}
    history = [today - timedelta(days=i) for i in range(HISTORY_DAYS - 1, -1, -1)]
    streak = streaks([day_state(tally.by_day.get(d), d in checked) for d in history])
    monday = today - timedelta(days=today.weekday())
    week = Tally()
    for day, counts in tally.by_day.items():
        if day >= monday:
            week.planned, week.credit = week.planned + counts.planned, week.credit + counts.credit
    recent = [c for c in checkins if c.date >= first]
    insights = [
        session_insight(session_pairs(session, patient, first, today)),
        sleep_insight([(float(c.sleep_hours), c.pain) for c in recent if c.sleep_hours is not None]),
        good_bad_insight([(c.pain, tally.by_day[c.date]) for c in recent if c.date in tally.by_day]),
    ]
    diary = diary_read.period(session, patient, first, today)  # 90 days for the insights; the heat map's period
    shown = diary_view(diary_read.within(diary, today - timedelta(days=days - 1)), now or utcnow(), insights=False)
    return Progress(today, days, week, period, streak, [trend(checkins, m, today, days) for m in METRICS],
                    [i for i in insights if i] + diary_insights(diary), shown)
