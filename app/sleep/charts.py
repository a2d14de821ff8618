"""Weekly sleep charts for the diary, Progress and the physio's page (the app's own SVG charts)."""
from __future__ import annotations

from flask_babel import gettext as _

from app.services.progress.charts import Series, line_chart
from app.services.sleep.figures import Week


def efficiency_chart(weeks: list[Week]):
    if not weeks:
        return None
    points = [(w.start, w.efficiency) for w in weeks]
    spoken = "; ".join(f"week of {w.start:%-d %b}: {w.efficiency:g}%" for w in weeks)
    return line_chart([Series(_("Sleep efficiency"), points, "chart-line sleep")], 0, 100,
                      _("Sleep efficiency per week (%)"), spoken, [0, 50, 85, 100])


def total_sleep_chart(weeks: list[Week]):
    if not weeks:
        return None
    points = [(w.start, round(w.total_sleep_min / 60, 1)) for w in weeks]
    spoken = "; ".join(f"week of {w.start:%-d %b}: {w.total_sleep_min / 60:.1f} h" for w in weeks)
    return line_chart([Series(_("Total sleep"), points, "chart-line sleep")], 0, 10,
                      _("Average total sleep per week (hours)"), spoken, [0, 5, 7, 10])
