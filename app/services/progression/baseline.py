"""The patient's baseline for one plan item: what they actually did on their recent logged days.

For each completion in the window the amount done is the dose of the plan version it was ticked against
(done = the whole dose, partly = half of it); the baseline is the median of those amounts. Skipped sessions
are not counted (adherence answers "how often", the baseline "how much when you do it"). The log holds no
separate "actual amount", so the dose ticked against is the best record of what was done.
"""
from __future__ import annotations

from datetime import date, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Completion, PlanItem

DAYS = 14
SHARE = {"done": 1.0, "partial": 0.5}


def amounts(rows: list[tuple[str, int | None]]) -> list[float]:
    """(status, dose of the field) -> amounts done; rows without the field or skipped are left out."""
    return [dose * SHARE[status] for status, dose in rows if status in SHARE and dose]


def median_amount(rows: list[tuple[str, int | None]]) -> float | None:
    done = amounts(rows)
    return round(median(done), 1) if done else None


def baselines(session: Session, patient_id: int, fields: dict[str, str], today: date,
              days: int = DAYS) -> dict[str, float | None]:
    """item key -> baseline of its field over the last `days` days (today included), one query."""
    if not fields:
        return {}
    rows = session.execute(
        select(Completion.item_key, Completion.status, PlanItem.sets, PlanItem.reps, PlanItem.hold_seconds,
               PlanItem.minutes)
        .join(PlanItem, PlanItem.id == Completion.plan_item_id)
        .where(Completion.patient_id == patient_id, Completion.item_key.in_(list(fields)),
               Completion.date.between(today - timedelta(days=days - 1), today))
    )
    by_key: dict[str, list] = {key: [] for key in fields}
    for key, status, sets, reps, hold, minutes in rows:
        dose = {"sets": sets, "reps": reps, "hold_seconds": hold, "minutes": minutes}[fields[key]]
        by_key[key].append((status, dose))
    return {key: median_amount(rows) for key, rows in by_key.items()}


def measured_field(dose: dict) -> str | None:
    """The field a rule steps by default: time first, then repetitions, holds, sets."""
    for name in ("minutes", "reps", "hold_seconds", "sets"):
        if dose.get(name):
            return name
    return None
