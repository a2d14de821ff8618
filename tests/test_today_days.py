"""Today's card as HTML: undo a tick, pain shown, days before the plan read-only, future days without ticks."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Completion
from app.services.clock import local_today
from helpers import give_plan


def tick(session, item, day, status="done", **extra):
    data = {"client_id": str(uuid.uuid4()), "plan_item_id": item.id, "date": day.isoformat(), "slot": item.slots[0],
            "status": status} | extra
    return session.post("/today/complete", data=data)


def test_tap_again_clears_the_tick(login, patient):
    item = give_plan(patient).items[0]
    s, today = login(patient), local_today(patient.timezone)
    tick(s, item, today, pain_before="6", pain_after="4")
    html = s.get("/today").get_data(as_text=True)
    assert 'value="cleared" class="tick tick-done"' in html and "Pain 6 → 4" in html  # the pressed one undoes
    assert s.get("/api/v1/today").json["items"][0]["pain_after"] == 4
    tick(s, item, today, status="cleared")
    day = s.get("/api/v1/today").json
    assert day["items"][0]["status"] is None and day["items"][0]["pain_after"] is None
    html = s.get("/today").get_data(as_text=True)
    assert 'aria-pressed="true"' not in html and "Pain 6 → 4" not in html and "data-done-count>0<" in html


def test_days_before_the_plan_are_read_only(login, patient):
    version = give_plan(patient)
    version.created_at = datetime.now(UTC) - timedelta(days=3)
    db.session.commit()
    s, today = login(patient), local_today(patient.timezone)
    before = today - timedelta(days=10)
    html = s.get(f"/today?date={before.isoformat()}").get_data(as_text=True)
    assert "Before your plan began" in html and "data-tick-form" not in html and "data-quick-checkin" not in html
    tick(s, version.items[0], before)
    assert db.session.scalar(select(func.count(Completion.id))) == 0
    assert "can&#39;t be ticked" in s.get(f"/today?date={before.isoformat()}").get_data(as_text=True)
    during = today - timedelta(days=2)
    assert "data-tick-form" in s.get(f"/today?date={during.isoformat()}").get_data(as_text=True)
    assert tick(s, version.items[0], during).status_code == 303
    assert db.session.scalar(select(func.count(Completion.id))) == 1


def test_future_days_show_the_plan_without_ticks(login, patient):
    version = give_plan(patient)
    s = login(patient)
    later = local_today(patient.timezone) + timedelta(days=1)
    html = s.get(f"/today?date={later.isoformat()}").get_data(as_text=True)
    assert "data-plan-item-id" in html and "data-tick-form" not in html and "Coming up" in html
    tick(s, version.items[0], later)
    assert db.session.scalar(select(func.count(Completion.id))) == 0


def test_days_far_ahead_or_before_the_account_are_refused_clearly(login, patient):
    """The HTML page sends the patient back to today with a message; the JSON answers 422 naming the date."""
    s = login(patient)
    for day in ("9999-01-01", "1990-05-01"):
        page = s.get(f"/today?date={day}")
        assert page.status_code == 302 and page.headers["Location"].endswith("/today")
        assert "cannot be opened" in s.get("/today").get_data(as_text=True)
        api = s.get(f"/api/v1/today?date={day}")
        assert api.status_code == 422 and "date" in api.json["fields"]
    assert s.get("/api/v1/today?date=2020-01-02").status_code == 200  # after the account was created
