"""Scores of the outcome measures: pure functions, one per instrument, each with its missing-item rule.

Every function takes the answers as stored (see shared/API.md) and returns a Score, or raises Incomplete when the
answers cannot be scored. Rules and their sources are listed in docs/measures.md and docs/clinical.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.services.measures.instruments import BODY_AREAS, BY_ID

PHQ9_MAX_MISSING = 2   # prorated when at most 2 of 9 items are missing
GAD7_MAX_MISSING = 1   # prorated when at most 1 of 7 items is missing
PHQ9_ALERT = 20        # total at or above: flagged for the clinician
GAD7_ALERT = 15


class Incomplete(ValueError):
    """The answers cannot be scored under the instrument's rule."""


@dataclass
class Score:
    score: float
    parts: dict = field(default_factory=dict)   # sub-scores (WPI, SSS) and items counted
    flags: list[str] = field(default_factory=list)


def _item(value, lo: int, hi: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise Incomplete(f"each answer must be a whole number from {lo} to {hi}")
    return value


def _items(answers, count: int, hi: int) -> list[int | None]:
    if not isinstance(answers, list) or len(answers) != count:
        raise Incomplete(f"needs a list of {count} answers")
    return [_item(a, 0, hi) for a in answers]


def peg(answers) -> Score:
    """Mean of the three 0-10 items (Krebs 2009), to one decimal; all three are needed."""
    items = _items(answers, 3, 10)
    if None in items:
        raise Incomplete("all three PEG items are needed")
    return Score(round(sum(items) / 3, 1), {"answered": 3})


def psfs(answers) -> Score:
    """Mean of the rated activities (Stratford 1995), 1 to 5 activities, each 0-10; every named one rated."""
    if not isinstance(answers, list) or not 1 <= len(answers) <= 5:
        raise Incomplete("needs one to five activities")
    scores = []
    for entry in answers:
        if not isinstance(entry, dict) or not isinstance(entry.get("activity"), str) or not entry["activity"].strip():
            raise Incomplete("each activity needs a name")
        if len(entry["activity"]) > 120:
            raise Incomplete("an activity name is at most 120 characters")
        score = _item(entry.get("score"), 0, 10)
        if score is None:
            raise Incomplete("each named activity needs a score")
        scores.append(score)
    return Score(round(sum(scores) / len(scores), 1), {"answered": len(scores)})


def _prorated(items: list[int | None], max_missing: int, name: str) -> tuple[int, int]:
    answered = [a for a in items if a is not None]
    missing = len(items) - len(answered)
    if missing > max_missing:
        raise Incomplete(f"{name} is not scored with more than {max_missing} items missing")
    total = sum(answered)
    if missing:
        total = round(total * len(items) / len(answered))  # prorate to the full scale, whole points
    return total, len(answered)


def phq9(answers) -> Score:
    """Sum of nine 0-3 items, 0-27; item 9 above 0 flags `urgent`, a total of 20+ flags `severe`."""
    items = _items(answers, 9, 3)
    total, answered = _prorated(items, PHQ9_MAX_MISSING, "PHQ-9")
    flags = []
    if items[8] is not None and items[8] > 0:
        flags.append("urgent")
    if total >= PHQ9_ALERT:
        flags.append("severe")
    return Score(total, {"answered": answered, "item9": items[8]}, flags)


def gad7(answers) -> Score:
    """Sum of seven 0-3 items, 0-21; a total of 15+ flags `severe`."""
    items = _items(answers, 7, 3)
    total, answered = _prorated(items, GAD7_MAX_MISSING, "GAD-7")
    return Score(total, {"answered": answered}, ["severe"] if total >= GAD7_ALERT else [])


def wpi_sss(answers) -> Score:
    """WPI (0-19 areas) + SSS (three 0-3 items + three 0-1 items, 0-12) = polysymptomatic distress (0-31).

    Wolfe et al. 2016. Every item is needed; the score is a severity for the clinician, never a diagnosis.
    """
    if not isinstance(answers, dict):
        raise Incomplete("needs areas and symptom answers")
    areas = answers.get("areas")
    if not isinstance(areas, list) or any(a not in BODY_AREAS for a in areas):
        raise Incomplete("areas must be a list of body area ids")
    wpi = len(set(areas))
    sss = 0
    for name in ("fatigue", "unrefreshed", "cognitive"):
        value = _item(answers.get(name), 0, 3)
        if value is None:
            raise Incomplete(f"{name} is needed")
        sss += value
    for name in ("headache", "abdominal", "depression"):
        value = _item(answers.get(name), 0, 1)
        if value is None:
            raise Incomplete(f"{name} is needed")
        sss += value
    return Score(wpi + sss, {"wpi": wpi, "sss": sss})


SCORERS = {"peg": peg, "psfs": psfs, "phq9": phq9, "gad7": gad7, "wpi_sss": wpi_sss}


def score(instrument: str, answers) -> Score:
    """Score any instrument by id."""
    if instrument not in SCORERS:
        raise Incomplete("unknown instrument")
    return SCORERS[instrument](answers)


def change(instrument: str, before: float, after: float) -> str:
    """'better', 'worse' or 'no meaningful change': meaningful only at or beyond the minimal important change."""
    inst = BY_ID[instrument]
    delta = round(after - before, 6)  # means of whole numbers: 5.3 - 3.3 must be 2.0
    if not inst.mic or abs(delta) < inst.mic:
        return "no meaningful change"
    improved = delta < 0 if inst.lower_is_better else delta > 0
    return "better" if improved else "worse"
