"""Trends of the outcome measures: series per instrument, change since the answer before, meaningful or not."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import MeasureResponse
from app.services.measures.instruments import BY_ID, INSTRUMENTS
from app.services.measures.scoring import change

WINDOW_DAYS = 120  # the dashboard compares answers from this far back


@dataclass
class Trend:
    instrument: str
    points: list[tuple[date, float]] = field(default_factory=list)

    @property
    def latest(self) -> float | None:
        return self.points[-1][1] if self.points else None

    @property
    def previous(self) -> float | None:
        return self.points[-2][1] if len(self.points) > 1 else None

    @property
    def change(self) -> str | None:
        """'better', 'worse' or 'no meaningful change' since the answer before; None with fewer than two."""
        if self.previous is None:
            return None
        return change(self.instrument, self.previous, self.latest)

    @property
    def first(self) -> float | None:
        return self.points[0][1] if self.points else None

    @property
    def overall_change(self) -> str | None:
        """'better', 'worse' or 'no meaningful change' from the first answer to the latest (the doctor's report
        gives it the period's answers); None with fewer than two."""
        if len(self.points) < 2:
            return None
        return change(self.instrument, self.first, self.latest)

    @property
    def band(self) -> str | None:
        return BY_ID[self.instrument].band(self.latest)


def trends(responses: list[MeasureResponse]) -> list[Trend]:
    """One trend per instrument that has answers, in the instruments' order."""
    series: dict[str, Trend] = {}
    for r in sorted(responses, key=lambda r: (r.date, r.recorded_at)):
        series.setdefault(r.instrument, Trend(r.instrument)).points.append((r.date, r.score))
    return [series[i] for i in INSTRUMENTS if i in series]


def annotate(session: Session, rows: list, today: date) -> None:
    """Set `urgent`, `alerts` and `worse` on dashboard rows, adding reasons; one query for all patients."""
    ids = [r.patient.id for r in rows]
    if not ids:
        return
    found: dict[int, list[MeasureResponse]] = defaultdict(list)
    for response in session.scalars(select(MeasureResponse).where(
            MeasureResponse.patient_id.in_(ids),
            or_(MeasureResponse.date >= today - timedelta(days=WINDOW_DAYS), MeasureResponse.alert_open.is_(True)))):
        found[response.patient_id].append(response)
    for row in rows:
        responses = found[row.patient.id]
        row.alerts = sorted((r for r in responses if r.alert_open), key=lambda r: r.date, reverse=True)
        row.urgent = any("urgent" in r.flags for r in row.alerts)
        row.worse = [t.instrument for t in trends(responses) if t.change == "worse"]
        if row.alerts:
            row.reasons.insert(0, "measure_flag")
        if row.worse:
            row.reasons.append("measure_worse")
