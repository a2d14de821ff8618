"""One patient's report for their clinician: adherence by item and week, symptom trends, recent notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.models import CheckIn, Completion, ModeChange, Plan, User
from app.services.clock import local_today
from app.services.plans.versions import plan_for
from app.services.progress.adherence import Adherence, adherence_for
from app.services.progress.charts import Series, bar_chart, line_chart

RANGES = (14, 28, 56, 90)
# check-in field -> (label, lowest, highest, what "better" means)
MEASURES = {
    "pain": ("Pain", 0, 10, "lower"),
    "stiffness": ("Stiffness", 0, 10, "lower"),
    "fatigue": ("Fatigue", 0, 10, "lower"),
    "sleep_hours": ("Sleep (hours)", 0, 12, "higher"),
    "sleep_quality": ("Sleep quality", 1, 5, "higher"),
}


@dataclass
class Summary:
    patient: User
    plan: Plan | None
    start: date
    end: date
    adherence: Adherence
    checkins: list[CheckIn] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    mode_changes: list[ModeChange] = field(default_factory=list)
    relief: tuple[float | None, int] = (None, 0)  # average fall in pain across a routine, and how many

    def points(self, name: str) -> list[tuple[date, float | None]]:
        """One point per day of the range; None where there was no check-in."""
        by_day = {c.date: getattr(c, name) for c in self.checkins}
        return [(d, by_day.get(d)) for d in (self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1))]

    @property
    def notes(self) -> list[CheckIn]:
        return [c for c in reversed(self.checkins) if c.note]

    def weeks(self) -> list[tuple[date, float | None, int]]:
        return [(monday, t.rate, t.planned) for monday, t in sorted(self.adherence.by_week.items())]

    def items(self) -> list[tuple[str, str, float | None, int]]:
        """(key, title, rate, planned), weakest first."""
        rows = [(k, self.adherence.titles.get(k, "?"), t.rate, t.planned) for k, t in self.adherence.by_item.items()]
        return sorted(rows, key=lambda r: (r[2] if r[2] is not None else 2, r[1]))


def summary_for(session: Session, patient: User, days: int = 28, now: datetime | None = None) -> Summary:
    end = local_today(patient.timezone, now)
    start = end - timedelta(days=days - 1)
    plan = plan_for(session, patient)
    adherence = Adherence()
    if plan is not None:
        adherence = adherence_for(session, [plan], {patient.id: patient.timezone}, start, end)[patient.id]
    checkins = list(session.scalars(select(CheckIn).where(CheckIn.patient_id == patient.id,
                                                          CheckIn.date.between(start, end)).order_by(CheckIn.date)))
    completions = list(session.scalars(
        select(Completion).where(Completion.patient_id == patient.id, Completion.date.between(start, end),
                                 or_(Completion.pain_before.is_not(None), Completion.pain_after.is_not(None),
                                     Completion.note != ""))
        .order_by(Completion.date.desc(), Completion.slot.desc()).limit(30)
        .options(selectinload(Completion.plan_item))))
    changes = list(session.scalars(select(ModeChange).where(ModeChange.patient_id == patient.id)
                                   .order_by(ModeChange.at.desc()).limit(10)))
    both = (Completion.patient_id == patient.id, Completion.date.between(start, end),
            Completion.pain_before.is_not(None), Completion.pain_after.is_not(None))
    average, count = session.execute(select(func.avg(Completion.pain_before - Completion.pain_after),
                                            func.count(Completion.id)).where(*both)).one()
    relief = (round(float(average), 1) if average is not None else None, count)
    return Summary(patient, plan, start, end, adherence, checkins, completions, changes, relief)


def describe(summary: Summary, name: str) -> str:
    """A sentence for the chart's text alternative and for readers who skip charts."""
    label, _, _, better = MEASURES[name]
    values = [(d, v) for d, v in summary.points(name) if v is not None]
    if not values:
        return f"No {label.lower()} recorded in this period."
    recent = [v for d, v in values if d > summary.end - timedelta(days=7)]
    before = [v for d, v in values if summary.end - timedelta(days=14) < d <= summary.end - timedelta(days=7)]
    text = f"{label}: "
    if recent:
        text += f"average {mean(recent):.1f} over the last 7 days"
        if before:
            delta = mean(recent) - mean(before)
            if abs(delta) < 0.3:
                text += f", about the same as the week before ({mean(before):.1f})"
            else:
                direction = "up" if delta > 0 else "down"
                good = (delta < 0) == (better == "lower")
                text += f", {direction} from {mean(before):.1f} the week before ({'better' if good else 'worse'})"
        text += ". "
    low, high = min(values, key=lambda p: p[1]), max(values, key=lambda p: p[1])
    return text + (f"Over {len(values)} check-ins: lowest {low[1]:g} on {low[0].strftime('%-d %b')}, "
                   f"highest {high[1]:g} on {high[0].strftime('%-d %b')}.")


def charts(summary: Summary) -> list[dict]:
    """The patient page's charts: each with its SVG, a text summary and a legend."""
    out = []
    weeks = summary.weeks()
    if weeks:
        step = 1 if len(weeks) <= 8 else 2
        values = [(m.strftime("%-d %b") if i % step == 0 else "", rate) for i, (m, rate, _) in enumerate(weeks)]
        text = "; ".join(f"Week of {m.strftime('%-d %b')}: "
                         + (f"{round(rate * 100)}%" if rate is not None else "nothing planned")
                         for m, rate, _ in weeks)
        out.append({"title": "Adherence by week", "svg": bar_chart(values, "Adherence by week", text),
                    "text": text, "legend": []})
    for names, title in ((("pain",), "Pain"), (("stiffness", "fatigue"), "Stiffness and fatigue"),
                         (("sleep_hours",), "Sleep (hours)")):
        _, lo, hi, _ = MEASURES[names[0]]
        series = [Series(MEASURES[n][0], summary.points(n), f"chart-line {n.split('_')[0]}") for n in names]
        text = " ".join(describe(summary, n) for n in names)
        out.append({"title": title, "svg": line_chart(series, lo, hi, title, text),
                    "text": text, "legend": [(n.split("_")[0], MEASURES[n][0]) for n in names] if len(names) > 1 else []})
    return out


def summary_json(summary: Summary) -> dict:
    total = summary.adherence.total
    return {
        "patient": {"id": summary.patient.id, "display_name": summary.patient.display_name,
                    "timezone": summary.patient.timezone},
        "from": summary.start.isoformat(), "to": summary.end.isoformat(),
        "mode": summary.plan.mode if summary.plan else "standard",
        "flare_pain_threshold": summary.plan.flare_pain_threshold if summary.plan else None,
        "adherence": {
            "total": total.rate, "planned": total.planned,
            "by_item": [{"key": k, "title": t, "rate": r, "planned": n} for k, t, r, n in summary.items()],
            "by_week": [{"week_start": m.isoformat(), "rate": r, "planned": n} for m, r, n in summary.weeks()],
        },
        "series": {name: [{"date": d.isoformat(), "value": v} for d, v in summary.points(name) if v is not None]
                   for name in MEASURES},
        "pain_relief": {"average_drop": summary.relief[0], "count": summary.relief[1]},
        "mode_changes": [{"mode": m.mode, "reason": m.reason, "at": m.at.isoformat()} for m in summary.mode_changes],
    }

