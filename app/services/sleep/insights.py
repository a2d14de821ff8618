"""Sleep and the next day's pain, from the diary and the check-ins: a pattern, never a cause.

The diary is dated by the morning a night ends on, so a night and the pain of the day after it share a date.
"""
from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CheckIn
from app.services.progress.insights import MIN_SLEEP_GROUP, MIN_SLEEP_PAIRS, Insight
from app.services.sleep import store

SHORT_NIGHT_MIN = 6 * 60
MIN_DIFFERENCE = 0.5  # smaller differences in average pain are not worth a sentence


def short_night_pain(pairs: list[tuple[int, int]]) -> Insight | None:
    """(total sleep minutes, next-day pain) pairs -> a sentence comparing short and longer nights."""
    short = [pain for minutes, pain in pairs if minutes < SHORT_NIGHT_MIN]
    longer = [pain for minutes, pain in pairs if minutes >= SHORT_NIGHT_MIN]
    if len(pairs) < MIN_SLEEP_PAIRS or len(short) < MIN_SLEEP_GROUP or len(longer) < MIN_SLEEP_GROUP:
        return None
    diff = round(fmean(short) - fmean(longer), 1)
    if abs(diff) < MIN_DIFFERENCE:
        return None
    word = "higher" if diff > 0 else "lower"
    return Insight("sleep_diary_pain",
                   f"On days after nights with less than 6 hours of sleep, your pain was on average {abs(diff):g} "
                   f"points {word} than after longer nights ({len(short)} short and {len(longer)} longer nights). "
                   "This shows a pattern, not a cause.", len(pairs))


def diary_pain_pairs(session: Session, patient_id: int, today: date, days: int = 90) -> list[tuple[int, int]]:
    start = today - timedelta(days=days - 1)
    pains = dict(session.execute(select(CheckIn.date, CheckIn.pain).where(
        CheckIn.patient_id == patient_id, CheckIn.date >= start, CheckIn.date <= today)).all())
    return [(f.total_sleep_min, pains[d]) for d, f in store.recent(session, patient_id, today, days) if d in pains]
