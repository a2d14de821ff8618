"""Personal insights from a patient's own data: shown only with enough data, worded as patterns, never causes.

Each threshold below is the smallest sample for which the page says anything at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean, median

from flask_babel import gettext, ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import N_, number_text, percent_text
from app.models import Completion, PlanItem, Routine, User
from app.services.progress.adherence import Tally

HEAT, COLD = ("warm-bath", "heat-pack"), ("cold-compress",)
MIN_SESSION_PAIRS = 5   # before/after pairs needed per group before we say anything about it
MIN_SLEEP_PAIRS = 10    # nights with both sleep hours and pain
MIN_SLEEP_GROUP = 3     # ... of which at least this many short and this many long nights
LONG_SLEEP_HOURS = 7.0
MIN_DAYS_PER_GROUP = 5  # lower-pain and higher-pain days, each with something planned
CAVEAT = N_("This shows a pattern, not a cause.")


@dataclass
class Insight:
    key: str
    text: str
    sample: int


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return round(sxy / (sxx * syy) ** 0.5, 2) if sxx and syy else None


def points(value: float) -> str:
    return ngettext("%(n)s point", "%(n)s points", 1 if value == 1 else 2, n=number_text(value))


def session_insight(pairs_by_group: dict[str, list[tuple[int, int]]]) -> Insight | None:
    """Average pain change (after - before) for heat and for cold sessions, each only with enough pairs."""
    parts, sample = [], 0
    for group in ("heat", "cold"):
        pairs = pairs_by_group.get(group, [])
        if len(pairs) < MIN_SESSION_PAIRS:
            continue
        change = round(mean(after - before for before, after in pairs), 1)
        sample += len(pairs)
        parts.append(gettext(SESSION_WORDS[(group, (change > 0) - (change < 0))], points=points(abs(change)),
                             n=len(pairs)))
    if not parts:
        return None
    text = gettext("%(parts)s. %(caveat)s", parts="; ".join(parts), caveat=gettext(CAVEAT))
    return Insight("heat_cold", text[0].upper() + text[1:], sample)


# (group, sign of the change) -> words; the whole phrase is one message so a translator can order it.
SESSION_WORDS = {
    ("heat", -1): N_("after heat sessions your pain was on average %(points)s lower afterwards (%(n)s sessions)"),
    ("heat", 1): N_("after heat sessions your pain was on average %(points)s higher afterwards (%(n)s sessions)"),
    ("heat", 0): N_("after heat sessions your pain was on average about the same afterwards (%(n)s sessions)"),
    ("cold", -1): N_("after cold sessions your pain was on average %(points)s lower afterwards (%(n)s sessions)"),
    ("cold", 1): N_("after cold sessions your pain was on average %(points)s higher afterwards (%(n)s sessions)"),
    ("cold", 0): N_("after cold sessions your pain was on average about the same afterwards (%(n)s sessions)"),
}


def sleep_insight(nights: list[tuple[float, int]]) -> Insight | None:
    """Sleep hours (the night before a check-in) against that check-in's pain."""
    long = [pain for hours, pain in nights if hours >= LONG_SLEEP_HOURS]
    short = [pain for hours, pain in nights if hours < LONG_SLEEP_HOURS]
    if len(nights) < MIN_SLEEP_PAIRS or len(long) < MIN_SLEEP_GROUP or len(short) < MIN_SLEEP_GROUP:
        return None
    r = pearson([h for h, _ in nights], [p for _, p in nights])
    diff = round(mean(short) - mean(long), 1)
    if r is None or abs(r) < 0.1 or diff == 0:
        text = gettext("So far there is no clear link between how long you slept and your pain the next day "
                       "(%(n)s nights).", n=len(nights))
    else:
        words = (N_("On days after you slept %(hours)s hours or more, your pain was on average %(points)s lower "
                    "than after shorter nights (%(long)s and %(short)s nights).") if diff > 0 else
                 N_("On days after you slept %(hours)s hours or more, your pain was on average %(points)s higher "
                    "than after shorter nights (%(long)s and %(short)s nights)."))
        text = gettext(words, hours=number_text(LONG_SLEEP_HOURS), points=points(abs(diff)), long=len(long),
                       short=len(short)) + " " + gettext(CAVEAT)
    return Insight("sleep", text, len(nights))


def good_bad_insight(days: list[tuple[int, Tally]]) -> Insight | None:
    """Adherence on lower-pain versus higher-pain days (below / above the patient's own median pain)."""
    days = [(pain, t) for pain, t in days if t.planned]
    if not days:
        return None
    middle = median(pain for pain, _ in days)
    good = [t for pain, t in days if pain < middle]
    bad = [t for pain, t in days if pain > middle]
    if len(good) < MIN_DAYS_PER_GROUP or len(bad) < MIN_DAYS_PER_GROUP:
        return None

    def rate(tallies: list[Tally]) -> str:
        return percent_text(sum(t.credit for t in tallies) / sum(t.planned for t in tallies))
    text = gettext("On your lower-pain days you did %(good)s of your plan; on your higher-pain days %(bad)s "
                   "(%(n_good)s and %(n_bad)s days).", good=rate(good), bad=rate(bad), n_good=len(good),
                   n_bad=len(bad))
    text += " " + gettext(CAVEAT) + " " + gettext("Doing less on a bad day is fine: that is what the flare-up plan "
                                                  "is for.")
    return Insight("good_bad_days", text, len(good) + len(bad))


def session_pairs(session: Session, patient: User, start: date, end: date) -> dict[str, list[tuple[int, int]]]:
    rows = session.execute(
        select(Routine.slug, Completion.pain_before, Completion.pain_after)
        .join(PlanItem, PlanItem.id == Completion.plan_item_id).join(Routine, Routine.id == PlanItem.routine_id)
        .where(Completion.patient_id == patient.id, Completion.date.between(start, end),
               Completion.status.in_(("done", "partial")), Routine.kind == "heat_cold",
               Completion.pain_before.is_not(None), Completion.pain_after.is_not(None)))
    out: dict[str, list[tuple[int, int]]] = {"heat": [], "cold": []}
    for slug, before, after in rows:
        group = "heat" if slug in HEAT else "cold" if slug in COLD else None
        if group:
            out[group].append((before, after))
    return out
