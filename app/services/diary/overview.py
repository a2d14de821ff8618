"""The pain diary on Progress and on the physio's patient page: the heat map, flares per month and the insights.

Built from a diary already read (read.period), so a page pays three queries for all of it whatever its size."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.models.diary import BODY_AREAS
from app.services.diary import read
from app.services.progress.insights import Insight, diary_insights


@dataclass
class DiaryView:
    start: date
    end: date
    heat: dict[str, dict]      # area -> {"entries", "mean", "level"}, only areas marked in the period
    entries: int               # pain entries in the period, with or without areas
    flares: list[dict]         # per month: {"month": first day, "episodes", "mean_days"}
    flare_open: bool           # an episode in the period is still going on (its length counts up to now)
    insights: list[Insight] = field(default_factory=list)

    @property
    def areas(self) -> list[dict]:
        """The marked areas, most marked first (read.area_summary's order)."""
        return list(self.heat.values())

    @property
    def unmarked(self) -> int:
        return len(BODY_AREAS) - len(self.heat)


def diary_view(p: read.Period, now: datetime, insights: bool = True) -> DiaryView:
    """What the pages show of a period, with the diary's insights over it unless the page shows them elsewhere."""
    months = [row | {"month": date.fromisoformat(row["month"] + "-01")} for row in read.flares_by_month(p, now)]
    return DiaryView(p.start, p.end, read.heat_map(p), len(p.pain_entries), months,
                     any(f.end is None for f in p.flares), diary_insights(p) if insights else [])
