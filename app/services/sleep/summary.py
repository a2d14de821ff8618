"""What the diary, Today and the physio's patient page show: assembled here so templates run no queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from app.models import SleepEntry, SleepWindow, User
from app.services.clock import local_now, local_today
from app.services.sleep import figures as fig
from app.services.sleep import insights, store, windows

DEFAULTS = {"in_bed": "23:00", "tried_sleep": "23:15", "final_wake": "07:00", "out_of_bed": "07:15",
            "latency_min": 15, "awakenings": 1, "waso_min": 10, "quality": None, "naps_min": 0}
FIELDS = tuple(DEFAULTS)
WEEKS = 12


def form_values(session: Session, patient: User, day: date) -> tuple[dict, SleepEntry | None]:
    """The diary form for the night ending on `day`: that night if saved (to edit), else the last night's
    answers (most nights are alike, so the form is often one tap), else typical values."""
    entry = store.entry_for(session, patient.id, day)
    source = entry or store.last_entry(session, patient.id)
    values = {name: getattr(source, name) for name in FIELDS} if source else dict(DEFAULTS)
    if entry is None:
        values["quality"] = None  # quality is asked fresh each morning
    return values, entry


@dataclass
class Overview:
    nights: list[tuple[SleepEntry, fig.Figures]] = field(default_factory=list)  # newest first
    weeks: list[fig.Week] = field(default_factory=list)
    window: SleepWindow | None = None
    weekly: windows.Weekly | None = None
    history: list[SleepWindow] = field(default_factory=list)
    insights: list[insights.Insight] = field(default_factory=list)  # short nights and pain; evening routines
    low_efficiency: bool = False
    self_managed: bool = True

    @property
    def last_week(self) -> fig.Week | None:
        return self.weeks[-1] if self.weeks else None


def overview(session: Session, patient: User, today: date, now: datetime | None = None) -> Overview:
    rows = store.entries(session, patient.id, today - timedelta(weeks=WEEKS) + timedelta(days=1), today)
    figs = [(e, store.night_figures(e)) for e in rows]
    history = windows.history(session, patient.id)  # newest first: the current window is the first
    window = history[0] if history else None
    dated = [(e.date, f) for e, f in figs]
    recent = [(d, f) for d, f in dated if d > today - timedelta(days=14)]  # the weeks already read
    patterns = (insights.short_night_pain(insights.diary_pain_pairs(session, patient.id, today)),
                insights.evening_routine(insights.evening_routine_nights(session, patient.id, dated)))
    return Overview(nights=list(reversed(figs))[:14], weeks=fig.weekly(dated), window=window, history=history,
                    weekly=windows.weekly_of(window, patient, recent, local_today(patient.timezone, now)),
                    insights=[i for i in patterns if i], low_efficiency=windows.low_in(recent, today),
                    self_managed=windows.self_managed(session, patient))


@dataclass
class TodayCard:
    show: bool  # the morning card (before noon on today's page)
    entry: SleepEntry | None
    figures: fig.Figures | None
    day: date  # the morning the night ends on


def today_card(session: Session, patient: User, day: date, now: datetime | None = None) -> TodayCard:
    local = local_now(patient.timezone, now)
    entry = store.entry_for(session, patient.id, day)
    return TodayCard(day == local.date() and local.hour < 12, entry, store.night_figures(entry) if entry else None, day)


def hours_text(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d}"
