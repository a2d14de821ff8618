"""The bad-day shortcuts on /today: a one-tap pain check-in, and the flare-up plan offered when pain is high."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from app.extensions import db
from app.models import CheckIn
from app.services.clock import local_today
from app.services.plans.versions import plan_for
from helpers import give_plan


def quick(session, pain: str):
    """What one tap on a pain button sends: the hidden fields and the button's own name and value."""
    today = local_today(session.user.timezone).isoformat()
    return session.post("/today/checkin", {"client_id": str(uuid.uuid4()), "date": today, "pain": pain})


def test_quick_check_in_shows_until_there_is_a_check_in(login, patient):
    give_plan(patient)
    s = login(patient)
    html = s.get("/today").get_data(as_text=True)
    assert "data-quick-checkin" in html
    assert [f'name="pain" value="{n}" class="quick-pain"' in html for n in range(11)] == [True] * 11
    assert quick(s, "3").status_code == 303
    row = db.session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id))
    assert (row.pain, row.stiffness, row.sleep_hours) == (3, None, None)
    html = s.get("/today").get_data(as_text=True)
    assert "data-quick-checkin" not in html and "Saved: pain 3/10" in html
    assert "data-flare-offer" not in html  # pain 3 is not a hard day


def test_high_pain_without_flare_plan_offers_pacing(login, patient):
    give_plan(patient)
    s = login(patient)
    quick(s, "8")
    html = s.get("/today").get_data(as_text=True)
    assert "data-flare-offer" in html and "Your pain is 8 out of 10" in html and "/learn/pacing" in html
    assert 'data-action="mode-flare"' not in html


def test_high_pain_offers_the_flare_up_plan(login, patient):
    from app.services.plans.versions import current_specs, save_version
    give_plan(patient)
    plan = plan_for(db.session, patient)
    save_version(db.session, plan, current_specs(db.session, plan)[:1], patient, variant="flare")
    db.session.commit()
    s = login(patient)
    quick(s, "7")
    html = s.get("/today").get_data(as_text=True)
    assert "data-flare-offer" in html and 'data-action="mode-flare"' in html
    assert 'name="suggested_by_pain" value="7"' in html
    plan.mode = "flare"
    db.session.commit()
    html = s.get("/today").get_data(as_text=True)
    assert "data-flare-offer" not in html and 'data-action="mode-standard"' in html  # already on it


def test_quick_check_in_rejects_bad_values(login, patient):
    s = login(patient)
    for bad in ("11", "-1", "abc", ""):
        response = quick(s, bad)
        assert response.status_code == 422, bad
        assert 'id="pain-error" role="alert"' in response.get_data(as_text=True)
    assert db.session.scalar(select(CheckIn)) is None
