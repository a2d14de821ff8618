"""Measures through the sync API: storage, replays, GET /api/v1/measures, schedules and the dashboard flag."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.formatting import date_text
from app.models import MeasureResponse
from app.services.clock import local_today
from app.services.measures import schedule
from helpers import counting_queries, events, link, make_user, measure


def today(patient) -> str:
    return local_today(patient.timezone).isoformat()


def test_a_measure_is_scored_on_the_server_and_a_replay_is_a_duplicate(login, patient):
    s = login(patient)
    entry = measure("peg", [7, 5, 6], today(patient))
    assert s.post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]["status"] == "created"
    assert s.post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]["status"] == "duplicate"
    rows = db.session.scalars(select(MeasureResponse)).all()
    assert [(r.instrument, r.score, r.version) for r in rows] == [("peg", 6.0, "krebs-2009")]
    history = s.get("/api/v1/measures").json["history"]
    assert history == [{"instrument": "peg", "version": "krebs-2009", "date": today(patient), "score": 6.0,
                        "parts": {"answered": 3}, "flags": [], "client_id": entry["client_id"]}]


def test_client_ids_are_scoped_per_patient(login, patient):
    other = make_user("other@example.com")
    entry = measure("gad7", [1] * 7, today(patient))
    assert login(patient).post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]["status"] == "created"
    result = login(other).post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]
    assert result["status"] == "created"   # the same id from another patient is another response
    assert db.session.query(MeasureResponse).count() == 2


def test_unscorable_answers_are_rejected_alone(login, patient):
    bad = measure("phq9", [1, 1, 1, None, None, None, 1, 1, 0], today(patient))
    good = measure("gad7", [0] * 7, today(patient))
    unknown = measure("psqi", [1], today(patient))
    results = login(patient).post_json("/api/v1/sync", {"items": [bad, good, unknown]}).json["results"]
    assert [r["status"] for r in results] == ["rejected", "created", "rejected"]
    assert "answers" in results[0]["fields"] and "instrument" in results[2]["fields"]


def test_due_measures_follow_the_schedule(login, patient):
    s = login(patient)
    due = s.get("/api/v1/measures").json["due"]
    assert {d["instrument"] for d in due} == {"peg", "psfs", "phq9", "gad7", "wpi_sss"}   # all due at the start
    day = local_today(patient.timezone)
    s.post_json("/api/v1/sync", {"items": [measure("peg", [3, 3, 3], (day - timedelta(days=6)).isoformat())]})
    due = {d["instrument"]: d["due_date"] for d in s.get("/api/v1/measures").json["due"]}
    assert "peg" not in due                                  # answered 6 days ago, weekly: due tomorrow
    planned = {p.instrument: p for p in schedule.planned(db.session, patient)}
    assert planned["peg"].due_date == day + timedelta(days=1)
    schedule.set_schedule(db.session, patient, patient.id, "gad7", 30, active=False)
    assert "gad7" not in {d["instrument"] for d in s.get("/api/v1/measures").json["due"]}


def test_not_now_waits_for_the_next_due_date(login, patient):
    assert schedule.due(db.session, patient)
    schedule.not_now(db.session, patient)
    assert all(p.waiting(local_today(patient.timezone)) for p in schedule.due(db.session, patient))


def test_item_9_flags_the_patient_as_urgent_until_acknowledged(login, patient, clinician):
    link(clinician, patient)
    quiet = make_user("quiet@example.com", name="Aaron Quiet")
    link(clinician, quiet)
    p, c = login(patient), login(clinician)
    r = p.post_json("/api/v1/sync", {"items": [measure("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], today(patient))]})
    assert r.json["results"][0]["status"] == "created"
    assert p.get("/api/v1/measures").json["history"][0]["flags"] == ["urgent"]
    rows = c.get("/api/v1/patients").json
    assert rows[0]["id"] == patient.id and rows[0]["urgent"] is True
    assert next(r for r in rows if r["id"] == quiet.id)["urgent"] is False
    page = c.get("/clinician").get_data(as_text=True)
    with c.client.application.test_request_context():  # the date as the physio's page writes it
        written = date_text(local_today(patient.timezone))
    assert "data-urgent" in page and f"PHQ-9 on {written}:" in page
    response = c.post(f"/clinician/patients/{patient.id}/measures/acknowledge")
    assert response.status_code == 303
    assert all(not r["urgent"] for r in c.get("/api/v1/patients").json)
    assert "data-urgent" not in c.get("/clinician").get_data(as_text=True)
    (event,) = events(patient.id, "acknowledged_measure_flag")
    assert event.actor_id == clinician.id and event.detail["flags"] == ["urgent"]


def test_severe_totals_are_flagged_but_not_urgent(login, patient, clinician):
    link(clinician, patient)
    login(patient).post_json("/api/v1/sync", {"items": [measure("gad7", [3, 2, 2, 2, 2, 2, 2], today(patient))]})
    row = login(clinician).get("/api/v1/patients").json[0]
    assert row["urgent"] is False and "measure_flag" in row["reasons"]


def test_only_linked_clinicians_acknowledge(login, patient, clinician):
    stranger = make_user("stranger@example.com", "clinician")
    login(patient).post_json("/api/v1/sync", {"items": [measure("phq9", [0] * 8 + [2], today(patient))]})
    assert login(stranger).post(f"/clinician/patients/{patient.id}/measures/acknowledge").status_code == 404
    assert db.session.scalar(select(MeasureResponse.alert_open)) is True


def test_meaningful_worsening_sorts_the_dashboard(login, patient, clinician):
    link(clinician, patient)
    other = make_user("steady@example.com", name="Aaron Steady")
    link(clinician, other)
    day = local_today(patient.timezone)
    before = (day - timedelta(days=7)).isoformat()
    login(patient).post_json("/api/v1/sync", {"items": [measure("peg", [3, 3, 3], before),
                                                        measure("peg", [6, 6, 6], day.isoformat())]})
    login(other).post_json("/api/v1/sync", {"items": [measure("peg", [3, 3, 3], before),
                                                      measure("peg", [4, 4, 4], day.isoformat())]})
    rows = login(clinician).get("/api/v1/patients").json
    assert rows[0]["id"] == patient.id and rows[0]["measures_worse"] == ["peg"]
    assert next(r for r in rows if r["id"] == other.id)["measures_worse"] == []


def test_dashboard_queries_stay_fixed_with_measures(login, patient, clinician):
    link(clinician, patient)
    c = login(clinician)
    c.get("/api/v1/patients")  # the day's first view also writes its audit events
    with counting_queries() as few:
        c.get("/api/v1/patients")
    for n in range(3):
        extra = make_user(f"p{n}@example.com")
        link(clinician, extra)
        login(extra).post_json("/api/v1/sync", {"items": [measure("phq9", [1] * 9, today(extra))]})
    c.get("/api/v1/patients")
    with counting_queries() as many:
        c.get("/api/v1/patients")
    assert len(many) == len(few)
