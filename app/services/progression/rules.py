"""The progression rule as a pure function: no database, no clock, the same answer for the same input.

A rule belongs to one plan item and one dose field (minutes, reps, sets or hold seconds). It starts at a share of
the patient's baseline (80 % by default: start below what the patient can do now), and at the end of each period
(one or two weeks) decides the next period's dose:

- a flare-up during the period: hold the dose (never step up in a flare-up period);
- the period after a flare-up (no flare now, one in the period before): step back by one step;
- adherence over the period at or above the threshold: step up by a percentage or a fixed amount;
- otherwise: hold (the dose is not raised by how a day feels, only on the schedule and the log).

Every dose is kept between the rule's floor and ceiling. See docs/progression.md for the sources.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

FIELDS = ("minutes", "reps", "sets", "hold_seconds")
STEP_KINDS = ("percent", "fixed")


@dataclass(frozen=True)
class Rule:
    field: str = "minutes"
    step_kind: str = "percent"
    step: float = 10.0            # percent of the current dose, or a fixed amount in the field's unit
    every_weeks: int = 1          # 1 or 2
    min_adherence: float = 0.8    # share of planned sessions done (partly = half) to step up
    floor: int = 1
    ceiling: int = 60
    start_share: float = 0.8

    def __post_init__(self):
        if self.field not in FIELDS or self.step_kind not in STEP_KINDS or self.every_weeks not in (1, 2):
            raise ValueError("unknown field, step kind or period")
        if not (self.step > 0 and 0 <= self.min_adherence <= 1 and 1 <= self.floor <= self.ceiling
                and 0 < self.start_share <= 1.5):
            raise ValueError("step, threshold, floor, ceiling or start share out of range")

    @property
    def period_days(self) -> int:
        return 7 * self.every_weeks


@dataclass(frozen=True)
class Period:
    """What happened in one finished period."""

    adherence: float | None   # None: nothing was planned
    flare: bool
    flare_before: bool = False  # a flare-up in the period before this one


@dataclass(frozen=True)
class Decision:
    kind: str        # "up", "down", "hold", "held_for_flare", "at_ceiling"
    from_dose: int
    to_dose: int

    @property
    def changes(self) -> bool:
        return self.to_dose != self.from_dose


def clamp(rule: Rule, dose: float) -> int:
    return int(min(rule.ceiling, max(rule.floor, dose)))


def step_size(rule: Rule, dose: int) -> int:
    """How much one step changes the dose: at least 1 of the unit, so a percentage step never rounds to 0."""
    if rule.step_kind == "fixed":
        return max(1, round(rule.step))
    return max(1, math.floor(dose * rule.step / 100 + 0.5))


def start_dose(rule: Rule, baseline: float | None, prescribed: int | None) -> int:
    """The first dose: a share of the baseline, or the prescribed dose when there is no baseline yet."""
    if baseline:
        return clamp(rule, math.floor(baseline * rule.start_share + 0.5))
    return clamp(rule, prescribed or rule.floor)


def decide(rule: Rule, dose: int, period: Period) -> Decision:
    """The next period's dose from this period's log."""
    current = clamp(rule, dose)
    if period.flare:
        return Decision("held_for_flare", dose, current)
    if period.flare_before:
        return Decision("down", dose, clamp(rule, current - step_size(rule, current)))
    if period.adherence is not None and period.adherence >= rule.min_adherence:
        if current >= rule.ceiling:
            return Decision("at_ceiling", dose, current)
        return Decision("up", dose, clamp(rule, current + step_size(rule, current)))
    return Decision("hold", dose, current)


def accept(current: int, decision: Decision) -> int:
    """The dose after the patient accepts a decision. Accepting again (a double tap, a replayed request) or
    accepting a decision made for another dose (stale) changes nothing."""
    return decision.to_dose if current == decision.from_dose else current


def simulate(rule: Rule, dose: int, periods: list[Period]) -> list[Decision]:
    """Decide period after period, accepting every step (what the physio's preview shows)."""
    out = []
    for period in periods:
        decision = decide(rule, dose, period)
        dose = accept(dose, decision)
        out.append(decision)
    return out
