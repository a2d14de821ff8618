"""The doctor's report and the printable plan: real PDFs, parsed back with pypdf and checked against the data,
drawn to images with pdftoppm and checked for page count and ink; share links that expire, can be revoked, and
are audited."""
from __future__ import annotations

import io
import os
import pathlib
import re
import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.formatting import date_text
from app.models import AuditEvent, ReportShare
from app.services.clock import local_today
from helpers import add_checkins, give_plan, link, make_user, measure, tick

NOW = datetime.now(UTC).replace(microsecond=0)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sync(s, *entries):
    response = s.post_json("/api/v1/sync", {"items": list(entries)})
    assert {r["status"] for r in response.json["results"]} <= {"created", "updated"}, response.json


def day(patient, ago: int) -> str:
    return (local_today(patient.timezone) - timedelta(days=ago)).isoformat()


def seed(s, patient):
    """Two weeks of check-ins (pain falling from 7 to 4), a body map, a flare, treatments, ticks, questionnaires:
    PHQ-9 14 then 8 (better by more than its minimal important change of 5), PEG 7 then 6 (less than its 2),
    one GAD-7 of 14, and a PHQ-9 of 27 from before the period that the report must not count."""
    version = give_plan(patient)
    sync(s, measure("phq9", [3] * 9, day(patient, 40)), measure("phq9", [2, 2, 2, 2, 2, 2, 1, 1, 0], day(patient, 12)),
         measure("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0], day(patient, 2)), measure("peg", [7, 7, 7], day(patient, 10)),
         measure("peg", [6, 6, 6], day(patient, 3)), measure("gad7", [2] * 7, day(patient, 1)))
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
                    "Questionnaires", "Treatments and self-rated effect", "Current plan"):
        assert heading in text, heading
    assert "Pat Patient" in text and "14 check-ins in the period." in text
    pain_row = re.search(r"Whole period Pain (\S+) (\S+) (\S+)", text)
    assert pain_row.groups() == ("7", "4", "5.5")  # first half, second half, whole period
    assert "Lower back 1 8" in text and "Neck 1 5" in text and "2 of the 19 body areas" in text
    assert "warm bath" in text and "weather" in text
    assert "TENS unit 1 6" in text
    assert "never suggests a medicine" in text
    # Questionnaires: answers in the period (the PHQ-9 of 27 before it is not counted: 2 answers, first 14), latest
    # (its date) and band, first to latest, and whether that reaches the minimal important change.
    phq9 = f"Mood (PHQ-9) 2 8 ({date_text(date.fromisoformat(day(patient, 2)), 'day')}) mild 14 to 8 (-6) yes, better"
    assert phq9 in text, text
    assert "(PEG) 2 6 (" in text and ") - 7 to 6 (-1) no (needs 2 points)" in text
    assert "(GAD-7) 1 14 (" in text and ") moderate - one answer only" in text
    assert "Gentle walk 15 min Every day at 12:30" in text  # the current plan, written as app.formatting writes it
    assert len(PdfReader(io.BytesIO(response.data)).pages) <= 2


def test_report_is_in_the_patients_language(login, patient):
    patient.locale = "de"
    db.session.commit()
    s = login(patient)
    seed(s, patient)
    text = text_of(s.get("/reports/doctor.pdf?days=14").data)
    assert "Bericht aus dem Schmerztagebuch" in text and "Aktueller Plan" in text and "Ganzer Zeitraum" in text
    assert re.search(r"Ganzer Zeitraum Schmerz 7 4 5,5", text)  # German decimal comma
    assert "Stimmung (PHQ-9) 2 8 (" in text and "leicht 14 auf 8 (-6) ja, besser" in text


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
    assert "2 sets · hold 20 s · Every day at 08:00" in text
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
    assert "Intensity must be from 0 to 10" in s.get("/diary").get_data(as_text=True)


def rendered(pdf: bytes, folder, name: str) -> list:
    """The PDF's pages as PNG images, drawn by poppler's pdftoppm at 100 dpi (as a printer or a PDF viewer would),
    copied to $SCREENSHOTS_DIR when it is set (docs/screenshots)."""
    if not shutil.which("pdftoppm"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm (poppler-utils) is missing; .ci/run installs it")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(source), str(folder / name)], check=True, timeout=60)
    pages = sorted(folder.glob(f"{name}-*.png"))
    if os.environ.get("SCREENSHOTS_DIR"):
        for n, page in enumerate(pages, 1):
            shutil.copy(page, pathlib.Path(os.environ["SCREENSHOTS_DIR"]) / f"{name}-page{n}.png")
    return [Image.open(page).convert("L") for page in pages]


def ink(image, top: float = 0, bottom: float = 1) -> float:
    """The share of dark pixels in a horizontal band of the page (0 = blank)."""
    band = image.crop((0, int(image.height * top), image.width, int(image.height * bottom)))
    histogram = band.histogram()
    return sum(histogram[:128]) / (band.width * band.height)


def test_the_doctor_report_renders_to_one_or_two_printed_pages_with_ink_on_each(login, patient, tmp_path):
    s = login(patient)
    seed(s, patient)
    pdf = s.get("/reports/doctor.pdf?days=14").data
    pages = rendered(pdf, tmp_path, "doctor-report")
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) and 1 <= len(pages) <= 2
    assert all(page.size == (827, 1170) for page in pages)  # A4 at 100 dpi
    assert ink(pages[0], 0, 0.1) > 0.01  # the title and the period at the top of the first page
    for page in pages:
        assert 0.005 < ink(page) < 0.25  # text on the page, and not a black page


def test_the_printable_plan_renders_to_a_page_with_ink(login, patient, tmp_path):
    give_plan(patient)
    s = login(patient)
    pdf = s.get("/plan.pdf").data
    pages = rendered(pdf, tmp_path, "printable-plan")
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert ink(pages[0], 0, 0.1) > 0.005 and 0.005 < ink(pages[0]) < 0.25  # the title at the top, text below
