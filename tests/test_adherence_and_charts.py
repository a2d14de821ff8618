"""Adherence counts planned slots per day against recorded ticks; charts render accessible SVG."""
from __future__ import annotations

from datetime import UTC, date, datetime

from app.extensions import db
from app.models import Completion
from app.services.plans.versions import plan_for
from app.services.progress.adherence import adherence_for
from app.services.progress.charts import Series, bar_chart, line_chart
from helpers import give_plan


def test_adherence_counts_done_and_partial(app, patient):
    version = give_plan(patient)  # three items a day
    version.created_at = datetime(2026, 11, 1, tzinfo=UTC)
    walk = version.items[1]
    for day, status in ((2, "done"), (3, "partial"), (4, "skipped")):
        db.session.add(Completion(client_id=f"00000000-0000-4000-8000-00000000000{day}", patient_id=patient.id,
                                  plan_item_id=walk.id, item_key=walk.key, date=date(2026, 11, day),
                                  slot=walk.slots[0], status=status,
                                  recorded_at=datetime(2026, 11, day, 12, tzinfo=UTC)))
    db.session.commit()
    plan = plan_for(db.session, patient)
    result = adherence_for(db.session, [plan], {patient.id: patient.timezone}, date(2026, 11, 2), date(2026, 11, 5))
    tally = result[patient.id]
    assert tally.total.planned == 12 and tally.total.credit == 1.5
    assert tally.by_item[walk.key].rate == round(1.5 / 4, 3)
    assert tally.by_day[date(2026, 11, 2)].credit == 1.0


def test_days_before_the_first_version_are_not_planned(app, patient):
    version = give_plan(patient)
    version.created_at = datetime(2026, 11, 10, 12, tzinfo=UTC)
    db.session.commit()
    plan = plan_for(db.session, patient)
    tally = adherence_for(db.session, [plan], {patient.id: "UTC"}, date(2026, 11, 1), date(2026, 11, 10))[patient.id]
    assert tally.total.planned == 3  # only the 10th


def test_line_chart_is_accessible_svg_without_inline_style():
    svg = line_chart([Series("Pain", [(date(2026, 11, d), v) for d, v in ((1, 5), (2, None), (3, 4), (4, 3))], "pain")],
                     0, 10, "Pain", "Pain fell from 5 to 3.")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Pain</title>" in svg
    assert "style=" not in svg and svg.count("<polyline") == 1 and svg.count("<circle") == 1


def test_bar_chart_escapes_labels():
    svg = bar_chart([("<b>", 0.5), ("W2", None)], "Adherence", "Half")
    assert "&lt;b&gt;" in svg and svg.count("<rect") == 1
