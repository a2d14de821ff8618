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
from app.services.diary import read
from app.services.diary.labels import area_name, trigger_name
from app.services.progress.adherence import Tally

HEAT, COLD = ("warm-bath", "heat-pack"), ("cold-compress",)
MIN_SESSION_PAIRS = 5   # before/after pairs needed per group before we say anything about it
MIN_SLEEP_PAIRS = 10    # nights with both sleep hours and pain
MIN_SLEEP_GROUP = 3     # ... of which at least this many short and this many long nights
LONG_SLEEP_HOURS = 7.0
MIN_DAYS_PER_GROUP = 5  # lower-pain and higher-pain days, each with something planned
# The pain diary (app/services/diary/read.py counts; its own minimums MIN_FLARES_FOR_TRIGGERS and MIN_RATINGS
# decide which triggers and treatments are counted at all):
MIN_AREA_MARKS = 3        # entries marking an area in a half of the period before that half is compared
AREA_CHANGE_POINTS = 1.0  # the smallest change in an area's mean intensity worth a sentence
MOST_SHOWN = 3            # triggers, treatments and areas named in one sentence
CAVEAT = N_("This shows a pattern, not a cause.")
NOT_ADVICE = N_("Inoplan never suggests a medicine, a dose or a change; ask your doctor or pharmacist.")


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


# The pain diary -------------------------------------------------------------------------------------------------

def trigger_insight(p: read.Period) -> Insight | None:
    """The tags noted most often on a flare or in the 48 hours before it (read.triggers_before_flares)."""
    counted = read.triggers_before_flares(p)[:MOST_SHOWN]
    if not counted:
        return None
    total = len(p.flares)
    parts = "; ".join(gettext("%(tag)s (before %(n)s of %(total)s flare-ups)", tag=trigger_name(tag), n=n,
                              total=total) for tag, n in counted)
    text = gettext("Noted most often before flare-ups: %(parts)s.", parts=parts)
    return Insight("flare_triggers", text + " " + gettext(CAVEAT), total)


def treatment_insight(p: read.Period) -> Insight | None:
    """What the patient rated as helping most, in their own words, only with enough ratings; never a suggestion."""
    rated = [t for t in read.treatment_effects(p) if t["rated"] >= read.MIN_RATINGS][:MOST_SHOWN]
    if not rated:
        return None
    parts = "; ".join(gettext("“%(name)s” %(effect)s out of 10 (%(n)s ratings)", name=t["name"],
                              effect=number_text(t["mean_effect"]), n=t["rated"]) for t in rated)
    text = gettext("Rated as helping most (names and ratings as entered in the diary; 0 = not at all, "
                   "10 = a lot): %(parts)s.", parts=parts)
    return Insight("treatments", text + " " + gettext(NOT_ADVICE), sum(t["rated"] for t in rated))


AREA_WORDS = {  # how an area changed from the first half of the period to the second
    "down": N_("%(area)s: average %(after)s in the second half, down from %(before)s (%(n_before)s and %(n_after)s "
               "entries)"),
    "up": N_("%(area)s: average %(after)s in the second half, up from %(before)s (%(n_before)s and %(n_after)s "
             "entries)"),
    "new": N_("%(area)s: marked in %(n_after)s entries in the second half, in none in the first"),
    "gone": N_("%(area)s: marked in %(n_before)s entries in the first half, in none in the second"),
}


def area_changes(first: dict[str, dict], second: dict[str, dict]) -> list[tuple[str, str, dict, dict]]:
    """(area, how, first-half row, second-half row) for areas whose pain changed between the halves, largest first.

    Both halves need MIN_AREA_MARKS entries and a change of AREA_CHANGE_POINTS in the mean; an area marked
    MIN_AREA_MARKS times in one half and never in the other counts as well."""
    none = {"entries": 0, "mean": None}
    found = []
    for area in first.keys() | second.keys():
        a, b = first.get(area, none), second.get(area, none)
        if a["entries"] >= MIN_AREA_MARKS and b["entries"] >= MIN_AREA_MARKS:
            change = b["mean"] - a["mean"]
            if abs(change) >= AREA_CHANGE_POINTS:
                found.append((abs(change), area, "up" if change > 0 else "down", a, b))
        elif not a["entries"] and b["entries"] >= MIN_AREA_MARKS:
            found.append((b["mean"], area, "new", a, b))
        elif not b["entries"] and a["entries"] >= MIN_AREA_MARKS:
            found.append((a["mean"], area, "gone", a, b))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(area, how, a, b) for _size, area, how, a, b in found]


def area_insight(p: read.Period) -> Insight | None:
    """Body areas whose marked pain changed between the first and the second half of the period.

    Only when the diary was kept in both halves (MIN_AREA_MARKS entries each): an area "in none in the first half"
    of someone who began the diary last week says nothing about the area."""
    halves = read.halves(p)
    if any(len(half.pain_entries) < MIN_AREA_MARKS for half in halves):
        return None
    first, second = (read.heat_map(half) for half in halves)
    changes = area_changes(first, second)[:MOST_SHOWN]
    if not changes:
        return None
    parts = "; ".join(gettext(AREA_WORDS[how], area=area_name(area), before=number_text(a["mean"]),
                              after=number_text(b["mean"]), n_before=a["entries"], n_after=b["entries"])
                      for area, how, a, b in changes)
    text = gettext("Body map, the first and the second half of the period compared: %(parts)s.", parts=parts)
    return Insight("areas", text + " " + gettext(CAVEAT), sum(a["entries"] + b["entries"] for _, _, a, b in changes))


def diary_insights(p: read.Period) -> list[Insight]:
    """The pain diary's insights over a period, each only with enough entries."""
    return [i for i in (trigger_insight(p), treatment_insight(p), area_insight(p)) if i]
