"""/progress: adherence, streaks, symptom trends and personal insights for the signed-in patient."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext, ngettext
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.formatting import date_text, number_text, percent_text
from app.measures import panels as measures_panels
from app.progress import bp
from app.services.clock import local_today
from app.services.plans.library import KIND_LABELS
from app.services.progress.charts import Series, bar_chart, line_chart
from app.services.progress.overview import PERIODS, Progress, Trend, progress_for
from app.services.progression import goals
from app.sleep import panels as sleep_panels

CSS = {"pain": "pain", "stiffness": "stiffness", "fatigue": "fatigue", "sleep_hours": "sleep"}


def trend_chart(t: Trend, days: int):
    """A measure's chart, with its headline and spoken summary in the reader's language."""
    spoken = ngettext("%(label)s over the last %(days)s days: %(num)d check-in",
                      "%(label)s over the last %(days)s days: %(num)d check-ins", t.count, label=t.label, days=days)
    if t.count:
        spoken = gettext("%(text)s, lowest %(low)s, highest %(high)s", text=spoken, low=number_text(t.lowest),
                         high=number_text(t.highest))
    ticks = [0, 6, 12] if t.metric == "sleep_hours" else [0, 5, 10]
    return line_chart([Series(t.label, t.points, f"chart-line {CSS[t.metric]}")], t.low, t.high,
                      gettext("%(label)s, last %(days)s days", label=t.label, days=days), f"{spoken}. {t.summary}",
                      ticks)


def weeks_chart(p: Progress):
    """Plan done per day (7 days) or per week, labelled the local way."""
    if p.days == 7:
        bars = [(date_text(d, "shortday"), t.rate) for d, t in sorted(p.period.by_day.items())]
        title = gettext("Plan done per day")
    else:
        weeks = sorted(p.period.by_week.items())
        n = len(weeks)  # label every other bar when there are many, always the latest
        bars = [(date_text(d, "day") if n <= 8 or i % 2 == (n - 1) % 2 else "", t.rate)
                for i, (d, t) in enumerate(weeks)]
        title = gettext("Plan done per week")
    if not bars:
        return None
    spoken = "; ".join(f"{label or gettext('week')} {percent_text(rate)}" for label, rate in bars if rate is not None)
    return bar_chart(bars, title, spoken or gettext("nothing planned"))


@bp.route("", strict_slashes=False)
@role_required("patient")
def index():
    """How the plan and symptoms have gone over 7, 30 or 90 days."""
    days = request.args.get("days", type=int)
    days = days if days in PERIODS else 30
    p = progress_for(db.session, current_user, local_today(current_user.timezone), days)
    kinds = [(KIND_LABELS.get(kind, kind), tally) for kind, tally in sorted(p.period.by_kind.items())]
    return render_template("progress/index.html", p=p, periods=PERIODS, kinds=kinds, weeks=weeks_chart(p),
                           charts=[(t, trend_chart(t, days)) for t in p.trends],
                           measure_charts=measures_panels.trend_charts(db.session, current_user),
                           goal_views=goals.goal_views(db.session, current_user.id),
                           sleep_panel=sleep_panels.progress(db.session, current_user))
