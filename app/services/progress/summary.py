"""One patient's report for their clinician: adherence by item and week, symptom trends, recent notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from flask_babel import gettext, ngettext
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.formatting import N_, date_text, number_text, percent_text
from app.models import CheckIn, Completion, ModeChange, Plan, Routine, User
from app.models.base import utcnow
from app.services.clock import local_today
from app.services.diary import read as diary_read
from app.services.diary.overview import DiaryView, diary_view
from app.services.plans.versions import plan_for
from app.services.progress.adherence import Adherence, adherence_for
from app.services.progress.charts import Series, bar_chart, line_chart
from app.services.records.limits import CHECKIN_LIMITS as LIMITS

RANGES = (14, 28, 56, 90)
# check-in field -> (label, lowest, highest, what "better" means)
# The labels are translated when shown; the scales are the check-in limits (sleep drawn up to 12 hours).
MEASURES = {
    "pain": (N_("Pain"), *LIMITS["pain"].range, "lower"),
    "stiffness": (N_("Stiffness"), *LIMITS["stiffness"].range, "lower"),
    "fatigue": (N_("Fatigue"), *LIMITS["fatigue"].range, "lower"),
    "sleep_hours": (N_("Sleep (hours)"), 0, 12, "higher"),
    "sleep_quality": (N_("Sleep quality"), *LIMITS["sleep_quality"].range, "higher"),
}

NOTHING = {"pain": N_("No pain recorded in this period."), "stiffness": N_("No stiffness recorded in this period."),
           "fatigue": N_("No fatigue recorded in this period."), "sleep_hours": N_("No sleep recorded in this period."),
           "sleep_quality": N_("No sleep quality recorded in this period.")}


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
    diary: DiaryView | None = None  # the pain diary over the range: heat map, flares per month, insights

    def points(self, name: str) -> list[tuple[date, float | None]]:
        """One point per day of the range; None where there was no check-in."""
        by_day = {c.date: getattr(c, name) for c in self.checkins}
        days = (self.end - self.start).days + 1
        return [(d, by_day.get(d)) for d in (self.start + timedelta(days=i) for i in range(days))]

    @property
    def notes(self) -> list[CheckIn]:
        return [c for c in reversed(self.checkins) if c.note]

    def weeks(self) -> list[tuple[date, float | None, int]]:
        return [(monday, t.rate, t.planned) for monday, t in sorted(self.adherence.by_week.items())]

    def items(self) -> list[tuple[str, Routine, float | None, int]]:
        """(key, routine, rate, planned), weakest first; pages show the title in the reader's language."""
        rows = [(k, self.adherence.routines[k], t.rate, t.planned) for k, t in self.adherence.by_item.items()]
        return sorted(rows, key=lambda r: (r[2] if r[2] is not None else 2, r[1].title))


def summary_for(session: Session, patient: User, days: int = 28, now: datetime | None = None,
                with_diary: bool = False) -> Summary:
    """The range's figures; `with_diary` adds the pain diary (three more queries), which the page shows and the
    summary API does not."""
    now = now or utcnow()
    end = local_today(patient.timezone, now)
    start = end - timedelta(days=days - 1)
    plan = plan_for(session, patient)
    adherence = Adherence()
    if plan is not None:
        adherence = adherence_for(session, [plan], {patient.id: patient.timezone}, start, end, now)[patient.id]
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
    diary = diary_view(diary_read.period(session, patient, start, end), now) if with_diary else None
    return Summary(patient, plan, start, end, adherence, checkins, completions, changes, relief, diary)


def describe(summary: Summary, name: str) -> str:
    """A sentence for the chart's text alternative and for readers who skip charts, in the reader's language."""
    label, _lo, _hi, better = MEASURES[name]
    label = gettext(label)
    values = [(d, v) for d, v in summary.points(name) if v is not None]
    if not values:
        return gettext(NOTHING[name])
    recent = [v for d, v in values if d > summary.end - timedelta(days=7)]
    before = [v for d, v in values if summary.end - timedelta(days=14) < d <= summary.end - timedelta(days=7)]
    text = ""
    if recent:
        now = number_text(mean(recent), fixed=True)
        if not before:
            text = gettext("%(label)s: average %(now)s over the last 7 days.", label=label, now=now)
        elif abs(mean(recent) - mean(before)) < 0.3:
            text = gettext("%(label)s: average %(now)s over the last 7 days, about the same as the week before "
                           "(%(before)s).", label=label, now=now, before=number_text(mean(before), fixed=True))
        else:
            good = (mean(recent) < mean(before)) == (better == "lower")
            up = mean(recent) > mean(before)
            words = {(True, True): N_("%(label)s: average %(now)s over the last 7 days, up from %(before)s the week "
                                      "before (better)."),
                     (True, False): N_("%(label)s: average %(now)s over the last 7 days, up from %(before)s the week "
                                       "before (worse)."),
                     (False, True): N_("%(label)s: average %(now)s over the last 7 days, down from %(before)s the "
                                       "week before (better)."),
                     (False, False): N_("%(label)s: average %(now)s over the last 7 days, down from %(before)s the "
                                        "week before (worse).")}
            text = gettext(words[(up, good)], label=label, now=now, before=number_text(mean(before), fixed=True))
        text += " "
    low, high = min(values, key=lambda p: p[1]), max(values, key=lambda p: p[1])
    return text + ngettext("Over %(num)d check-in: lowest %(low)s on %(low_day)s, highest %(high)s on %(high_day)s.",
                           "Over %(num)d check-ins: lowest %(low)s on %(low_day)s, highest %(high)s on "
                           "%(high_day)s.", len(values), low=number_text(low[1]), low_day=date_text(low[0], "day"),
                           high=number_text(high[1]), high_day=date_text(high[0], "day"))


def charts(summary: Summary) -> list[dict]:
    """The patient page's charts: each with its SVG, a text summary and a legend, in the reader's language."""
    out = []
    weeks = summary.weeks()
    if weeks:
        step = 1 if len(weeks) <= 8 else 2
        values = [(date_text(m, "day") if i % step == 0 else "", rate) for i, (m, rate, _) in enumerate(weeks)]
        text = "; ".join(gettext("Week of %(day)s: %(rate)s", day=date_text(m, "day"),
                                 rate=percent_text(rate) if rate is not None else gettext("nothing planned"))
                         for m, rate, _ in weeks)
        title = gettext("Adherence by week")
        out.append({"title": title, "svg": bar_chart(values, title, text), "text": text, "legend": []})
    for names, title in ((("pain",), N_("Pain")), (("stiffness", "fatigue"), N_("Stiffness and fatigue")),
                         (("sleep_hours",), N_("Sleep (hours)"))):
        title = gettext(title)
        _label, lo, hi, _better = MEASURES[names[0]]
        series = [Series(gettext(MEASURES[n][0]), summary.points(n), f"chart-line {n.split('_')[0]}") for n in names]
        text = " ".join(describe(summary, n) for n in names)
        legend = [(n.split("_")[0], gettext(MEASURES[n][0])) for n in names] if len(names) > 1 else []
        out.append({"title": title, "svg": line_chart(series, lo, hi, title, text), "text": text, "legend": legend})
    return out


def mode_reason_text(reason: str) -> str:
    """Why the patient switched, in the reader's language (stored in English: "suggested by pain 8")."""
    if reason.startswith("suggested by pain "):
        return gettext("suggested by pain %(n)s", n=reason.rsplit(" ", 1)[-1])
    if reason == "patient switched":
        return gettext("patient switched")
    return reason


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
            "by_item": [{"key": k, "title": t.title, "rate": r, "planned": n} for k, t, r, n in summary.items()],
            "by_week": [{"week_start": m.isoformat(), "rate": r, "planned": n} for m, r, n in summary.weeks()],
        },
        "series": {name: [{"date": d.isoformat(), "value": v} for d, v in summary.points(name) if v is not None]
                   for name in MEASURES},
        "pain_relief": {"average_drop": summary.relief[0], "count": summary.relief[1]},
        "mode_changes": [{"mode": m.mode, "reason": m.reason, "at": m.at.isoformat()} for m in summary.mode_changes],
    }

