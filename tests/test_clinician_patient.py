"""A patient's page and GET /api/v1/patients/<id>/summary: figures, charts, notes, audit, and who may see them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.services.clock import local_today
from helpers import add_checkins, backdate, events, give_plan, link, make_user, tick


@pytest.fixture
def linked(clinician, patient):
    """The patient, linked, with a plan 20 days old, some ticks and check-ins."""
    link(clinician, patient)
    version = give_plan(patient, author=clinician)
    backdate(version, 20)
    walk = version.items[1]
    tick(patient, walk, 1, pain_before=6, pain_after=3, note="Felt looser after")
    tick(patient, walk, 2, status="partial", pain_before=5, pain_after=4)
    tick(patient, version.items[0], 1)
    add_checkins(patient, {1: 6, 2: 5, 9: 3, 10: 3})
    from sqlalchemy import select

    from app.models import CheckIn
    db.session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id).order_by(CheckIn.date.desc())).note = \
        "Rough night, neck stiff"
    db.session.commit()
    return version


def test_summary_api(login, clinician, patient, linked, late_in_the_day):
    body = login(clinician).get(f"/api/v1/patients/{patient.id}/summary?days=14").json
    today = local_today(patient.timezone)
    assert body["patient"] == {"id": patient.id, "display_name": "Pat Patient", "timezone": "Europe/London"}
    assert body["from"] == (today - timedelta(days=13)).isoformat() and body["to"] == today.isoformat()
    by_item = {i["title"]: i for i in body["adherence"]["by_item"]}
    assert by_item["Gentle walk"]["planned"] == 14 and by_item["Gentle walk"]["rate"] == round(1.5 / 14, 3)
    assert body["adherence"]["planned"] == 42 and body["adherence"]["total"] == round(2.5 / 42, 3)
    assert sum(w["planned"] for w in body["adherence"]["by_week"]) == 42
    assert [p["value"] for p in body["series"]["pain"]] == [3, 3, 5, 6]
    assert set(body["series"]) == {"pain", "stiffness", "fatigue", "sleep_hours", "sleep_quality"}
    assert body["pain_relief"] == {"average_drop": 2.0, "count": 2}
    assert events(patient.id, "viewed_summary")[0].actor_id == clinician.id


def test_summary_api_errors(login, clinician, patient, linked):
    s = login(clinician)
    bad = s.get(f"/api/v1/patients/{patient.id}/summary?days=7")
    assert bad.status_code == 400 and bad.json["fields"] == {"days": "must be one of 14, 28, 56, 90"}
    stranger = make_user("stranger@example.com")
    for path in (f"/api/v1/patients/{stranger.id}/summary", "/api/v1/patients/999999/summary",
                 "/api/v1/patients/abc/summary"):
        response = s.get(path)
        assert response.status_code == 404 and response.json["error"] == "not_found"
    assert login(patient).get(f"/api/v1/patients/{patient.id}/summary").status_code == 403
    assert events(stranger.id) == [] and events(patient.id, "viewed_summary") == []


def test_patient_page(login, clinician, patient, linked):
    html = login(clinician).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert html.count('class="card chart-card"') == 4
    assert "Adherence by week" in html and "Stiffness and fatigue" in html
    assert "Gentle walk" in html and "6 → 3" in html and "Felt looser after" in html
    assert "Rough night, neck stiff" in html and "pain fell by 2.0 on average" in html
    assert "Pain: average 5.5 over the last 7 days, up from 3.0 the week before (worse)" in html
    assert "style=" not in html and "<script>" not in html
    viewed = events(patient.id, "viewed_log")
    assert len(viewed) == 1 and viewed[0].actor_name == "Dr Physio" and viewed[0].detail == {"days": 28}


def test_patient_sees_who_looked(login, clinician, patient, linked):
    login(clinician).get(f"/clinician/patients/{patient.id}")
    html = login(patient).get("/settings/clinicians").get_data(as_text=True)
    at = events(patient.id, "viewed_log")[0].at
    from app.services.clock import zone
    stamp = at.astimezone(zone(patient.timezone)).strftime("%-d %b %Y, %H:%M")
    line = html[html.index('<ul class="log-list access-log">'):].split("</li>")[0]
    # One visit, one line: the dashboard and the patient page opened minutes apart.
    assert "Dr Physio looked at" in line and "your ticks and check-ins</span>" in line and stamp in line
    assert "My clinicians" in login(patient).get("/settings/").get_data(as_text=True)


def test_unlinked_clinician_gets_404_page(login, patient, linked):
    other = make_user("physio2@example.com", "clinician")
    s = login(other)
    for path in (f"/clinician/patients/{patient.id}", f"/clinician/patients/{patient.id}/plan",
                 f"/clinician/patients/{patient.id}/plan/flare"):
        assert s.get(path).status_code == 404
    assert events(patient.id) == []


def test_patient_without_plan_or_data(login, clinician):
    person = make_user(name="Empty Emma")
    link(clinician, person)
    html = login(clinician).get(f"/clinician/patients/{person.id}?days=90").get_data(as_text=True)
    # No plan and nothing recorded: the page says so instead of showing empty charts.
    assert "has no plan yet" in html and "chart-card" not in html
    body = login(clinician).get(f"/api/v1/patients/{person.id}/summary").json
    assert body["adherence"]["total"] is None and body["series"]["pain"] == [] and body["mode"] == "standard"

