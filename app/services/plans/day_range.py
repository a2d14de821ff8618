"""Which days of a patient's plan can be ticked: none before the plan existed, none in the future."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.models import User
from app.services.clock import local_today, zone
from app.services.plans.today import Day


@dataclass(frozen=True)
class DayKind:
    """How Today treats a date: `history` (before the plan began), `past`, `today` or `future`."""

    kind: str
    first_day: date | None  # the local date of the plan's first version, if any

    @property
    def can_tick(self) -> bool:
        return self.kind in ("past", "today")


def day_kind(patient: User, day: Day) -> DayKind:
    """Classify the day for the patient, from what `day_for` already read (no query)."""
    today = local_today(patient.timezone)
    began = day.plan_began
    if isinstance(began, str):  # SQLite hands a scalar subquery's datetime back as text
        began = datetime.fromisoformat(began)
        began = began if began.tzinfo else began.replace(tzinfo=UTC)
    first = began.astimezone(zone(patient.timezone)).date() if began else None
    if day.date > today:
        return DayKind("future", first)
    if day.date == today:
        return DayKind("today", first)
    if first is None or day.date < first:
        return DayKind("history", first)
    return DayKind("past", first)
