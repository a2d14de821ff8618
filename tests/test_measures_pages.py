"""Measures pages: answering by plain form, the crisis contacts in the page before submit, trends, schedules."""
from __future__ import annotations

import uuid
from datetime import timedelta

from app.extensions import db
from app.services.clock import local_today
from app.services.measures import schedule
from helpers import link


def form_for(s, instrument: str, **answers) -> dict:
    day = local_today(s.user.timezone).isoformat()
    return {"client_id": str(uuid.uuid4()), "date": day, **answers}


def test_every_instrument_page_renders_with_its_items(login, patient):
    s = login(patient)
    for instrument, text in (("peg", "interfered with your enjoyment of life"), ("psfs", "Activity 1"),
                             ("phq9", "Little interest or pleasure"), ("gad7", "Trouble relaxing"),
                             ("wpi_sss", "Waking unrefreshed")):
        html = s.get(f"/measures/{instrument}").get_data(as_text=True)
        assert text in html, instrument
    assert s.get("/measures/psqi").status_code == 404


def test_phq9_page_holds_the_crisis_contacts_before_anything_is_sent(login, patient):
    html = login(patient).get("/measures/phq9").get_data(as_text=True)
    assert "data-crisis hidden" in html
    assert 'href="tel:999"' in html and 'href="tel:116123"' in html   # Europe/London: UK contacts
    assert "depress" not in html.split("data-crisis")[1].split("</section>")[0].lower()  # no clinical meaning


def test_german_shows_validated_phq9_and_english_peg_with_a_note(login, patient):
    patient.locale = "de"
    patient.timezone = "Europe/Berlin"
    db.session.commit()
    s = login(patient)
    html = s.get("/measures/phq9").get_data(as_text=True)
    assert "Gedanken, dass Sie lieber tot wären" in html and 'href="tel:112"' in html
    assert 'href="tel:08001110111"' in html and 'href="tel:08001110222"' in html
    peg = s.get("/measures/peg").get_data(as_text=True)
    assert "What number best describes your pain" in peg and "validierte deutsche Fassung" in peg


def test_plain_form_phq9_with_item_9_shows_crisis_help(login, patient):
    s = login(patient)
    answers = {f"q{i}": "0" for i in range(9)} | {"q8": "1"}
    response = s.post("/measures/phq9", form_for(s, "phq9", **answers))
    assert response.status_code == 303 and "urgent=1" in response.headers["Location"]
    page = s.get(response.headers["Location"]).get_data(as_text=True)
    assert 'href="tel:999"' in page and "data-crisis" in page
    assert s.get("/api/v1/measures").json["history"][0]["flags"] == ["urgent"]


def test_plain_form_peg_and_incomplete_answers(login, patient):
    s = login(patient)
    response = s.post("/measures/peg", form_for(s, "peg", q0="7", q1="5"))
    assert response.headers["Location"].endswith("/measures/peg")
    response = s.post("/measures/peg", form_for(s, "peg", q0="7", q1="5", q2="6"))
    assert "urgent" not in response.headers["Location"]
    assert s.get("/api/v1/measures").json["history"][0]["score"] == 6.0


def test_today_shows_the_due_card_once_then_waits(login, patient):
    s = login(patient)
    assert "data-measures-due" in s.get("/today").get_data(as_text=True)
    assert s.post("/measures/not-now").status_code == 303
    assert "data-measures-due" not in s.get("/today").get_data(as_text=True)


def test_trends_on_progress_page_mark_meaningful_change(login, patient):
    s = login(patient)
    day = local_today(patient.timezone)
    for back, value in ((14, "1"), (0, "3")):
        answers = {f"q{i}": value for i in range(9)} | {"q8": "0"}
        s.post("/measures/phq9", {"client_id": str(uuid.uuid4()), "date": (day - timedelta(days=back)).isoformat(),
                                  **answers})
    html = s.get("/measures").get_data(as_text=True)
    assert 'data-measure-trend="phq9"' in html and "m-band-4" in html and "m-mic" in html
    assert "Worse than the answer before" in html
    progress = s.get("/progress").get_data(as_text=True)
    assert 'data-measure-trend="phq9"' in progress and "Worse than the answer before" in progress


def test_self_managed_patient_sets_own_schedule_but_not_a_linked_one(login, patient, clinician):
    s = login(patient)
    data = {"every_peg": "14", "active_peg": "on"}
    assert s.post("/measures/schedule", data).status_code == 303
    assert {p.instrument: p.every_days for p in schedule.planned(db.session, patient)}["peg"] == 14
    link(clinician, patient)
    assert s.post("/measures/schedule", data).status_code == 403
    c = login(clinician)
    assert c.post(f"/clinician/patients/{patient.id}/measures/schedule",
                  {"every_phq9": "56", "active_phq9": "on", "every_gad7": "30"}).status_code == 303
    planned = {p.instrument: p for p in schedule.planned(db.session, patient)}
    assert planned["phq9"].every_days == 56 and planned["gad7"].active is False
    page = c.get(f"/clinician/patients/{patient.id}/measures").get_data(as_text=True)
    assert "Schedule" in page


def test_peg_at_the_flare_trigger_suggests_the_flare_plan(login, patient):
    s = login(patient)
    schedule.set_schedule(db.session, patient, patient.id, "peg", 7, True, flare_at=7)
    s.post("/measures/peg", form_for(s, "peg", q0="8", q1="7", q2="7"))
    html = s.get("/today").get_data(as_text=True)
    assert "Your last PEG score was 7.3" in html and "/learn/red-flags" in html
