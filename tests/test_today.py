"""/today: the patient's local day, ticking items and the daily check-in through plain forms."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CheckIn, Completion
from app.services.clock import local_today
from app.services.plans.today import day_for
from helpers import give_plan, make_user


def test_today_groups_items_by_part_of_day(login, patient):
    give_plan(patient)
    html = login(patient).get("/today").get_data(as_text=True)
    assert html.index("Morning") < html.index("Afternoon") < html.index("Evening")
    assert len(re.findall(r'data-plan-item-id="\d+"', html)) == 3
    assert html.count('data-action="done"') == 3


def test_local_date_follows_the_patient_timezone():
    """At 23:30 UTC it is already tomorrow in Auckland and still today in Los Angeles."""
    now = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    assert local_today("Pacific/Auckland", now) == date(2026, 3, 11)
    assert local_today("America/Los_Angeles", now) == date(2026, 3, 10)


def test_weekday_schedule(app, patient):
    from app.services.plans.versions import ItemSpec, plan_for, save_version
    version = give_plan(patient)
    plan = plan_for(db.session, patient)
    spec = ItemSpec.from_item(version.items[0])
    spec.days_mask = 1 << 0  # Mondays only
    save_version(db.session, plan, [spec], patient)
    db.session.commit()
    assert len(day_for(db.session, patient, date(2026, 11, 30)).items) == 1  # a Monday
    assert day_for(db.session, patient, date(2026, 12, 1)).items == []


def tick(session, item, status="done", **extra):
    today = local_today(session.user.timezone).isoformat()
    data = {"client_id": str(uuid.uuid4()), "plan_item_id": item.id, "date": today, "slot": item.slots[0],
            "status": status} | extra
    return session.post("/today/complete", data=data)


def test_tick_done_then_reload_shows_it(login, patient):
    version = give_plan(patient)
    s = login(patient)
    response = tick(s, version.items[0], pain_before="6", pain_after="4")
    assert response.status_code == 303
    html = s.get("/today").get_data(as_text=True)
    assert "1 of 3 done" in re.sub(r"<[^>]+>", "", html)
    row = db.session.scalar(select(Completion))
    assert (row.status, row.pain_before, row.pain_after) == ("done", 6, 4)


def test_double_submit_stores_once(login, patient):
    version = give_plan(patient)
    s = login(patient)
    cid = str(uuid.uuid4())
    tick(s, version.items[0], client_id=cid)
    tick(s, version.items[0], client_id=cid)
    assert db.session.scalar(select(func.count(Completion.id))) == 1


@pytest.mark.parametrize("field, value", [("pain_before", "11"), ("pain_before", "-1"), ("pain_after", "abc"),
                                          ("status", "finished")])
def test_tick_out_of_range_is_refused_with_message(login, patient, field, value):
    version = give_plan(patient)
    s = login(patient)
    response = tick(s, version.items[0], **{field: value})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count(Completion.id))) == 0
    html = s.get("/today").get_data(as_text=True)
    assert "data-item-error" in html  # on the card the patient tapped, not only at the top


def test_tick_on_someone_elses_item_is_refused(login, patient):
    version = give_plan(patient)
    other = make_user("other@example.com")
    tick(login(other), version.items[0])
    assert db.session.scalar(select(func.count(Completion.id))) == 0


def checkin(session, **fields):
    data = {"client_id": str(uuid.uuid4()), "date": local_today(session.user.timezone).isoformat(), "pain": "5"}
    return session.post("/today/checkin", data=data | fields)


def test_checkin_saves_and_updates(login, patient):
    s = login(patient)
    assert checkin(s, pain="6", stiffness="5", fatigue="4", sleep_hours="6.5", sleep_quality="3", mood="2",
                   note="Stiff morning").status_code == 303
    assert checkin(s, pain="4").status_code == 303
    rows = list(db.session.scalars(select(CheckIn)))
    assert len(rows) == 1 and rows[0].pain == 4
    assert "Saved: pain 4/10" in s.get("/today").get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("pain", "11", "from 0 to 10"), ("pain", "-1", "from 0 to 10"), ("pain", "abc", "Not a valid integer"),
    ("pain", "", "Please choose a value"), ("stiffness", "12", "from 0 to 10"), ("fatigue", "-3", "from 0 to 10"),
    ("sleep_hours", "30", "from 0 to 24"), ("sleep_quality", "0", "from 1 to 5"), ("mood", "6", "from 1 to 5"),
    ("note", "x" * 2001, "2000"),
])
def test_checkin_field_errors(login, patient, field, value, message):
    response = checkin(login(patient), **{field: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0


def test_today_for_clinician_is_forbidden(login, clinician):
    assert login(clinician).get("/today").status_code == 403


def test_today_bad_date_is_404_not_500(login, patient):
    assert login(patient).get("/today?date=2026-02-30").status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get("/today")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
