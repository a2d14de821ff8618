"""Sleep in the patient's own patterns, from the diary: a pattern, never a cause.

Two comparisons, with the thresholds and the wording of services/progress/insights.py (at least MIN_SLEEP_PAIRS
nights, MIN_SLEEP_GROUP in each group, the same caveat):
- short nights and the next day's pain (the check-in of the morning the night ends on);
- evenings with a sleep or heat/cold routine done (wind-down, screens off, a warm bath, a heat pack) and that
  night's sleep efficiency.
The diary is dated by the morning a night ends on, so a night and the pain of the day after it share a date, and
the evening before a night is the day before its date.
"""
from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import N_, number_text, percent_text
from app.models import CheckIn, Completion, PlanItem, Routine
from app.services.clock import part_of_day
from app.services.progress.credit import CREDIT
from app.services.progress.insights import CAVEAT, MIN_SLEEP_GROUP, MIN_SLEEP_PAIRS, Insight, pearson, points
from app.services.sleep import store
from app.services.sleep.figures import Figures

SHORT_NIGHT_MIN = 6 * 60
MIN_DIFFERENCE = 0.5  # smaller differences in average pain are not worth a sentence
EVENING_KINDS = ("sleep", "heat_cold")  # wind-down, screens off, a warm bath, a heat pack...
MIN_LINK = 0.1  # as progress/insights.sleep_insight: a weaker correlation is "no clear link"


def short_night_pain(pairs: list[tuple[int, int]]) -> Insight | None:
    """(total sleep minutes, next-day pain) pairs -> a sentence comparing short and longer nights."""
    short = [pain for minutes, pain in pairs if minutes < SHORT_NIGHT_MIN]
    longer = [pain for minutes, pain in pairs if minutes >= SHORT_NIGHT_MIN]
    if len(pairs) < MIN_SLEEP_PAIRS or len(short) < MIN_SLEEP_GROUP or len(longer) < MIN_SLEEP_GROUP:
        return None
    diff = round(fmean(short) - fmean(longer), 1)
    if abs(diff) < MIN_DIFFERENCE:
        return None
    words = (N_("On days after nights with less than %(hours)s hours of sleep, your pain was on average %(points)s "
                "higher than after longer nights (%(short)s short and %(longer)s longer nights).") if diff > 0 else
             N_("On days after nights with less than %(hours)s hours of sleep, your pain was on average %(points)s "
                "lower than after longer nights (%(short)s short and %(longer)s longer nights)."))
    text = gettext(words, hours=number_text(SHORT_NIGHT_MIN / 60), points=points(abs(diff)), short=len(short),
                   longer=len(longer))
    return Insight("sleep_diary_pain", text + " " + gettext(CAVEAT), len(pairs))


def diary_pain_pairs(session: Session, patient_id: int, today: date, days: int = 90) -> list[tuple[int, int]]:
    start = today - timedelta(days=days - 1)
    pains = dict(session.execute(select(CheckIn.date, CheckIn.pain).where(
        CheckIn.patient_id == patient_id, CheckIn.date >= start, CheckIn.date <= today)).all())
    return [(f.total_sleep_min, pains[d]) for d, f in store.recent(session, patient_id, today, days) if d in pains]


def evening_routine(nights: list[tuple[bool, float]]) -> Insight | None:
    """(a sleep or heat routine done the evening before?, the night's efficiency %) -> a sentence comparing them."""
    after = [eff for done, eff in nights if done]
    other = [eff for done, eff in nights if not done]
    if len(nights) < MIN_SLEEP_PAIRS or len(after) < MIN_SLEEP_GROUP or len(other) < MIN_SLEEP_GROUP:
        return None
    r = pearson([float(done) for done, _ in nights], [eff for _, eff in nights])
    if r is None or abs(r) < MIN_LINK or round(fmean(after)) == round(fmean(other)):
        return Insight("sleep_evening_routine", gettext(
            "So far there is no clear link between your evening sleep and heat routines and how well you slept "
            "(%(n)s nights).", n=len(nights)), len(nights))
    text = gettext("After evenings when you did a sleep or heat routine, your sleep efficiency averaged %(after)s; "
                   "after other evenings %(other)s (%(n_after)s and %(n_other)s nights).",
                   after=percent_text(fmean(after) / 100), other=percent_text(fmean(other) / 100),
                   n_after=len(after), n_other=len(other))
    return Insight("sleep_evening_routine", text + " " + gettext(CAVEAT), len(nights))


def evening_routine_nights(session: Session, patient_id: int,
                           nights: list[tuple[date, Figures]]) -> list[tuple[bool, float]]:
    """Each diary night's efficiency, with whether a sleep or heat routine was done (or partly) the evening before.

    One query: the patient's routines of those kinds recorded in the nights' range, kept when their slot is in
    the evening (`part_of_day`) and they earned credit (done or partly done)."""
    if not nights:
        return []
    days = [d for d, _ in nights]
    rows = session.execute(
        select(Completion.date, Completion.slot).join(PlanItem, PlanItem.id == Completion.plan_item_id)
        .join(Routine, Routine.id == PlanItem.routine_id)
        .where(Completion.patient_id == patient_id, Routine.kind.in_(EVENING_KINDS),
               Completion.date.between(min(days) - timedelta(days=1), max(days) - timedelta(days=1)),
               Completion.status.in_([s for s, credit in CREDIT.items() if credit > 0])))
    evenings = {day for day, slot in rows if part_of_day(slot) == "evening"}
    return [(d - timedelta(days=1) in evenings, f.efficiency) for d, f in nights]
