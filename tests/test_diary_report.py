"""The doctor's report and the printable plan: real PDFs, parsed back with pypdf and checked against the data;
share links that expire, can be revoked, and are audited."""
from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, ReportShare
from app.services.clock import local_today
from helpers import add_checkins, give_plan, link, make_user, tick

NOW = datetime.now(UTC).replace(microsecond=0)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sync(s, *entries):
    response = s.post_json("/api/v1/sync", {"items": list(entries)})
    assert {r["status"] for r in response.json["results"]} <= {"created", "updated"}, response.json


def seed(s, patient):
    """Two weeks of check-ins (pain falling from 7 to 4), a body map, a flare, treatments, ticks."""
    version = give_plan(patient)
    add_checkins(patient, {ago: 7 if ago >= 7 else 4 for ago in range(14)})
    for ago in range(5):
        tick(patient, version.items[0], ago)
    start = NOW - timedelta(days=6)
    sync(s, {"client_id": str(uuid.uuid4()), "type": "pain_entry", "at": (NOW - timedelta(hours=5)).isoformat(),
             "intensity": 6, "areas": [{"area": "lower_back", "intensity": 8}, {"area": "neck", "intensity": 5}],
             "triggers": ["stress"], "recorded_at": NOW.isoformat()},
         {"client_id": str(uuid.uuid4()), "type": "flare", "start": start.isoformat(),
          "end": (start + timedelta(days=2)).isoformat(), "triggers": ["weather"], "helped": "warm bath",
          "recorded_at": NOW.isoformat()},
         {"client_id": str(uuid.uuid4()), "type": "treatment", "name": "TENS unit", "kind": "tens",
          "at": (NOW - timedelta(hours=3)).isoformat(), "effect": 6, "recorded_at": NOW.isoformat()})
    return version


def test_doctor_report_holds_every_section_and_the_figures(login, patient):
    s = login(patient)
    seed(s, patient)
    response = s.get("/reports/doctor.pdf?days=14")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = text_of(response.data)
    for heading in ("Pain diary report", "Symptoms", "Where it hurt", "Flare episodes", "Routines done",
                    "Treatments and self-rated effect", "Current plan"):
        assert heading in text, heading
    assert "Pat Patient" in text and "14 check-ins in the period." in text
    pain_row = re.search(r"Whole period Pain (\S+) (\S+) (\S+)", text)
    assert pain_row.groups() == ("7", "4", "5.5")  # first half, second half, whole period
    assert "Lower back 1 8" in text and "Neck 1 5" in text and "2 of the 19 body areas" in text
    assert "warm bath" in text and "weather" in text
    assert "TENS unit 1 6" in text
    assert "never suggests a medicine" in text
    assert "Gentle walk 15 minutes Every day 12:30" in text  # the current plan
    assert len(PdfReader(io.BytesIO(response.data)).pages) <= 2


def test_report_is_in_the_patients_language(login, patient):
    patient.locale = "de"
    db.session.commit()
    s = login(patient)
    seed(s, patient)
    text = text_of(s.get("/reports/doctor.pdf?days=14").data)
    assert "Bericht aus dem Schmerztagebuch" in text and "Aktueller Plan" in text and "Ganzer Zeitraum" in text


def test_report_period_is_validated(login, patient):
    s = login(patient)
    assert s.get("/reports/doctor.pdf?from=2026-13-01").status_code == 400
    assert s.get("/reports/doctor.pdf?from=2026-05-01&to=2026-04-01").status_code == 400
    assert s.get("/reports/doctor.pdf?from=2020-01-01&to=2026-01-01").status_code == 400


def test_a_share_link_opens_without_an_account_then_expires_and_is_audited(app, login, patient):
    s = login(patient)
    seed(s, patient)
    today = local_today(patient.timezone)
    page = s.post("/reports/share", data={"from": (today - timedelta(days=13)).isoformat(),
                                          "to": today.isoformat()}).get_data(as_text=True)
    url = re.search(r'value="(http[^"]+/r/[^"]+)"', page).group(1)
    assert "<svg" in page  # the QR code
    path = url.split("localhost", 1)[-1]
    anonymous = app.test_client()
    opened = anonymous.get(path)
    assert opened.status_code == 200 and "Pain diary report" in text_of(opened.data)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.patient_id == patient.id)).all()
    assert "report_shared" in actions and "report_opened" in actions
    share = db.session.scalar(select(ReportShare))
    assert share.opened == 1 and share.token_hash not in url  # only a hash is stored
    share.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert anonymous.get(path).status_code == 404
    assert anonymous.get(path[:-3] + "xyz").status_code == 404


def test_a_revoked_link_stops_working_and_only_its_owner_can_revoke(app, login, patient):
    s = login(patient)
    page = s.post("/reports/share", data={}).get_data(as_text=True)
    path = re.search(r'value="http[^"]+?(/r/[^"]+)"', page).group(1)
    share = db.session.scalar(select(ReportShare))
    other = login(make_user("someone@example.com"))
    assert other.post(f"/reports/share/{share.id}/revoke").status_code == 404
    assert app.test_client().get(path).status_code == 200
    assert s.post(f"/reports/share/{share.id}/revoke").status_code == 303
    assert app.test_client().get(path).status_code == 404
    assert "report_share_revoked" in db.session.scalars(select(AuditEvent.action)).all()


def test_printable_plan_has_steps_dose_and_precautions_and_the_physio_can_print_it(login, patient, clinician):
    version = give_plan(patient)
    s = login(patient)
    text = text_of(s.get("/plan.pdf").data)
    item = version.items[0]
    assert "My plan" in text and "Usual plan" in text and item.routine.title in text
    assert "2 sets, hold 20 s" in text and "Every day" in text and "08:00" in text
    assert item.routine.steps[0][:30] in text
    c = login(clinician)
    assert c.get(f"/clinician/patients/{patient.id}/plan.pdf").status_code == 404  # not linked
    link(clinician, patient)
    printed = c.get(f"/clinician/patients/{patient.id}/plan.pdf")
    assert printed.status_code == 200 and item.routine.title in text_of(printed.data)


def test_diary_page_forms_store_entries_without_javascript(login, patient):
    s = login(patient)
    page = s.get("/diary")
    assert page.status_code == 200 and 'data-area="lower_back"' in page.get_data(as_text=True)
    assert s.post("/diary/pain", data={"intensity": "5", "areas": ["neck", "chest"], "area_neck": "7",
                                       "qualities": ["aching"], "triggers": ["stress"], "context": "gardening",
                                       "client_id": str(uuid.uuid4())}).status_code == 303
    assert s.post("/diary/flare", data={"triggers": ["weather"], "client_id": str(uuid.uuid4())}).status_code == 303
    html = s.get("/diary").get_data(as_text=True)
    assert "Pain 5/10" in html and "Neck" in html and "The flare is over" in html
    data = s.get("/api/v1/diary").json
    assert data["pain_entries"][0]["areas"] == [{"area": "neck", "intensity": 7, "qualities": ["aching"]},
                                                {"area": "chest", "intensity": 5, "qualities": ["aching"]}]
    episode = data["flares"][0]["client_id"]
    assert s.post("/diary/flare", data={"of": episode, "helped": "rest",
                                        "client_id": str(uuid.uuid4())}).status_code == 303
    assert s.get("/api/v1/diary").json["flares"][0]["end"] is not None
    assert s.post("/diary/pain", data={"intensity": "11"}).status_code == 303
    assert "Pain: must be from 0 to 10" in s.get("/diary").get_data(as_text=True)
