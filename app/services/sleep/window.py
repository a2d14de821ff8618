"""The sleep window (bedtime to rise time) and the weekly CBT-I adjustment rule: pure functions.

The common rule of sleep restriction / compression in CBT for insomnia (AASM clinical practice guideline,
Edinger et al. 2021): after a week, if the average sleep efficiency was 90 % or more, the window grows by
15 minutes; below 85 % it shrinks by 15 minutes; otherwise it stays. Both thresholds are the physio's setting
(some protocols use 80 %), and the window never shrinks below a floor (5 hours by default). The rise time stays
fixed (a regular rise time anchors the body clock); the bedtime moves.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.services.sleep.figures import DAY_MIN, forward, minutes_of

STEP_MIN = 15
DEFAULT_FLOOR_MIN = 5 * 60
DEFAULT_RAISE_AT = 90.0
DEFAULT_LOWER_AT = 85.0
MAX_WINDOW_MIN = 12 * 60
MIN_NIGHTS = 5  # a week's suggestion needs this many diary nights in it


@dataclass(frozen=True)
class Rule:
    raise_at: float = DEFAULT_RAISE_AT  # average efficiency at or above this: longer window
    lower_at: float = DEFAULT_LOWER_AT  # below this: shorter window
    floor_min: int = DEFAULT_FLOOR_MIN
    step_min: int = STEP_MIN


@dataclass(frozen=True)
class Suggestion:
    bedtime: str
    rise: str
    change_min: int  # +15 longer, -15 shorter, 0 unchanged (or what the floor allowed)
    direction: str  # longer | shorter | same
    average_efficiency: float


def length_min(bedtime: str, rise: str) -> int:
    """Minutes from bedtime to rise time (across midnight); equal times mean a whole day."""
    return forward(bedtime, rise) or DAY_MIN


def hm(total_min: int) -> str:
    total_min %= DAY_MIN
    return f"{total_min // 60:02d}:{total_min % 60:02d}"


def bedtime_for(rise: str, length: int) -> str:
    return hm(minutes_of(rise) - length)


def suggest(bedtime: str, rise: str, average_efficiency: float, rule: Rule = Rule()) -> Suggestion:
    """Next week's window by the rule; the result is never shorter than the floor nor longer than 12 hours."""
    current = length_min(bedtime, rise)
    if average_efficiency >= rule.raise_at:
        target = current + rule.step_min
    elif average_efficiency < rule.lower_at:
        target = current - rule.step_min
    else:
        target = current
    target = min(max(target, rule.floor_min), max(MAX_WINDOW_MIN, rule.floor_min))
    change = target - current
    direction = "longer" if change > 0 else "shorter" if change < 0 else "same"
    return Suggestion(bedtime_for(rise, target), rise, change, direction, average_efficiency)


def below_floor(bedtime: str, rise: str, floor_min: int) -> bool:
    return length_min(bedtime, rise) < floor_min
