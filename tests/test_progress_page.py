"""/progress on a real database: what the patient sees, who may see it, and a bounded number of queries."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import CheckIn, Completion
from app.services.clock import local_today
from app.services.progress.overview import progress_for
from helpers import add_flare, add_pain, add_treatment, counting_queries, give_plan


def history(patient, version, days: int, pain=lambda i: 5, heat_pairs: int = 0):
    """`days` days before today: every item done, a check-in each day, heat sessions with pain before/after."""
    today = local_today(patient.timezone)
    version.created_at = datetime.combine(today - timedelta(days=days + 1), datetime.min.time(), UTC)
    heat = next(i for i in version.items if i.routine.slug == "heat-pack")
    for i in range(1, days + 1):
        day = today - timedelta(days=i)
        stamp = datetime.combine(day, datetime.min.time(), UTC)
        db.session.add(CheckIn(client_id=str(uuid.uuid4()), patient_id=patient.id, date=day, pain=pain(i),
                               sleep_hours=8.0 if i % 2 else 5.0, recorded_at=stamp))
        for item in version.items:
            pair = (6, 4) if item is heat and i <= heat_pairs else (None, None)
            db.session.add(Completion(client_id=str(uuid.uuid4()), patient_id=patient.id, plan_item_id=item.id,
                                      item_key=item.key, date=day, slot=item.slots[0], status="done",
                                      pain_before=pair[0], pain_after=pair[1], recorded_at=stamp))
    db.session.commit()




def test_progress_for_on_real_rows(app, patient, late_in_the_day):
    version = give_plan(patient)  # three items every day
    history(patient, version, 20, pain=lambda i: 3 if i % 2 else 7, heat_pairs=6)
    p = progress_for(db.session, patient, local_today(patient.timezone), 7, late_in_the_day)
    assert p.streak.current == 20 and p.streak.best == 20  # today not done yet: still counts as a streak
    assert p.period.total.planned == 21 and p.period.total.credit == 18  # 6 past days done, today open
    pain = p.trends[0]
    assert (pain.metric, pain.average, pain.previous, pain.count) == ("pain", 5.0, 4.7, 6)
    heat = next(i for i in p.insights if i.key == "heat_cold")
    assert heat.text.startswith("After heat sessions your pain was on average 2 points lower afterwards (6 sessions)")
    sleep = next(i for i in p.insights if i.key == "sleep")
    assert "4 points lower" in sleep.text  # 8 h nights had pain 3, 5 h nights pain 7


def test_progress_page_shows_trends_charts_and_insights(login, patient):
    version = give_plan(patient)
    history(patient, version, 12, heat_pairs=5)
    html = login(patient).get("/progress?days=7").get_data(as_text=True)
    assert 'aria-current="page">7 days' in html
    assert "Average pain 5, about the same as the week before." in html
    assert html.count('<svg class="chart"') == 3  # pain, sleep and the plan bars; no stiffness or fatigue recorded
    assert 'role="img"' in html and "lowest 5, highest 5" in html  # the spoken summary
    assert "one missed day never breaks a streak" in html
    assert 'data-insight="heat_cold"' in html and "This shows a pattern, not a cause." in html


@pytest.mark.parametrize("query, selected", [("", 30), ("?days=90", 90), ("?days=abc", 30), ("?days=31", 30)])
def test_period_switch(login, patient, query, selected):
    give_plan(patient)
    response = login(patient).get("/progress" + query)
    assert response.status_code == 200
    assert f'aria-current="page">{selected} days' in response.get_data(as_text=True)


def test_progress_without_any_data_is_kind(login, patient):
    html = login(patient).get("/progress").get_data(as_text=True)
    assert "Nothing was planned in this period" in html
    assert "Patterns show up here once there is enough of your own data" in html
    assert "Your daily check-ins will draw this chart." in html


def test_progress_is_for_patients(client, login, clinician):
    assert client.get("/progress").status_code == 302
    assert login(clinician).get("/progress").status_code == 403


@pytest.mark.parametrize("days", [7, 90])
def test_progress_queries_do_not_grow_with_history(app, login, patient, days):
    version = give_plan(patient)
    s = login(patient)
    history(patient, version, 3)
    with counting_queries() as small:
        assert s.get(f"/progress?days={days}").status_code == 200
    db.session.query(Completion).delete()
    db.session.query(CheckIn).delete()
    db.session.commit()
    history(patient, version, 80, heat_pairs=30)
    for ago in range(1, 80, 3):  # a pain diary as well: the heat map and its insights read it in three queries
        add_pain(patient, ago, {"neck": 6, "lower_back": ago % 10})
        add_flare(patient, ago + 0.5, 1, triggers=["stress"])
        add_treatment(patient, ago, "Warm shower", 7)
    with counting_queries() as large:
        html = s.get(f"/progress?days={days}").get_data(as_text=True)
    assert 'data-insight="heat_cold"' in html and 'data-area-row="neck"' in html
    assert len(large) == len(small) <= 21, large  # the check-ins, plan and log, diary, measures, sleep, goals panels


def test_someone_elses_data_never_shows(login, patient):
    from helpers import make_user
    other = make_user()
    history(other, give_plan(other), 10, heat_pairs=8)
    html = login(patient).get("/progress").get_data(as_text=True)
    assert "data-insight" not in html and "Average pain" not in html
    assert re.search(r"No pain recorded", html)
