"""Building a plan fast (issue 15 item 12): several routines at once from a filterable list, times from presets or
a time control, each with its usual dose."""
from __future__ import annotations

from app.extensions import db
from app.models import Routine
from app.services.plans.versions import current_version, plan_for
from helpers import routine_id


def test_four_routines_in_one_go_with_their_usual_doses(login, patient):
    p = login(patient)
    ids = [routine_id(s) for s in ("cat-cow", "gentle-walk", "heat-pack", "slow-breathing")]
    page = p.get("/plan/add").get_data(as_text=True)
    assert 'type="time"' in page and "Morning, 08:00" in page and page.count('name="routine_ids"') >= 30
    response = p.post("/plan/add", data={"routine_ids": [str(i) for i in ids], "presets": ["08:00", "19:00"],
                                         "days": [str(d) for d in range(7)]})
    assert response.status_code == 303
    version = current_version(db.session, plan_for(db.session, patient))
    assert [i.routine_id for i in version.items] == ids
    for item in version.items:
        routine = db.session.get(Routine, item.routine_id)
        assert item.dose == routine.dose and item.slots == ["08:00", "19:00"]
    assert version.items[2].minutes == 15  # the heat pack's safe duration


def test_a_custom_time_and_days(login, patient):
    p = login(patient)
    response = p.post("/plan/add", data={"routine_ids": [str(routine_id("chin-tuck"))], "time": "06:45",
                                         "days": ["0", "2"]})
    assert response.status_code == 303
    (item,) = current_version(db.session, plan_for(db.session, patient)).items
    assert item.slots == ["06:45"] and item.days == [0, 2]


def test_the_filter_and_the_errors(login, patient):
    p = login(patient)
    filtered = p.get("/plan/add?q=heat").get_data(as_text=True)
    assert "Heat pack" in filtered and "Chin tucks" not in filtered
    response = p.post("/plan/add", data={"days": ["0"]})
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Choose at least one routine." in text and "Choose a time of day." in text
    bad = p.post("/plan/add", data={"routine_ids": [str(routine_id("chin-tuck"))], "time": "25:00", "days": ["0"]})
    assert bad.status_code == 422 and "Use a 24-hour time like 07:30." in bad.get_data(as_text=True)
    assert plan_for(db.session, patient) is None
