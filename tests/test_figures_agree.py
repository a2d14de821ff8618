"""One definition of each figure, the same on every surface: Today, Progress, the dashboard, the patient page
and the API (partly done counts half; today's slots count once due; plurals through the catalogue)."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from app.extensions import db
from app.models import ModeChange
from app.services.clock import local_today
from app.services.progress.summary import summary_for
from helpers import add_checkins, backdate, give_plan, link, tick

GERMAN = {"Accept-Language": "de-DE,de;q=0.9"}


def figure(html: str, name: str) -> str:
    """The text of the element marked data-figure="name"."""
    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert found, f"no figure {name}"
    return found.group(1).strip()


def a_week(patient, clinician):
    """Three routines a day for 7 days: today one done and one partly done, one done on each of the 6 days before,
    and one partly done two days ago: 8 of 21 credited, 38 %."""
    link(clinician, patient)
    version = give_plan(patient)
    backdate(version, 20)
    first, second, _third = version.items
    tick(patient, first, 0)
    tick(patient, second, 0, status="partial")
    for ago in range(1, 7):
        tick(patient, first, ago)
    tick(patient, second, 2, status="partial")
    tick(patient, second, 9)  # outside the 7 days: counted by no 7-day figure
    add_checkins(patient, {0: 4})
    return version


def test_adherence_is_the_same_on_every_surface(login, clinician, patient, late_in_the_day):
    a_week(patient, clinician)
    expected = round(8 / 21, 3)
    physio, person = login(clinician), login(patient)

    [row] = physio.get("/api/v1/patients").json
    assert row["adherence_7d"] == expected
    summary = summary_for(db.session, patient, 14, late_in_the_day)
    assert summary.adherence.last_days(summary.end).rate == expected

    dashboard = physio.get("/clinician").get_data(as_text=True)
    page = physio.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    progress = person.get("/progress?days=7").get_data(as_text=True)
    assert figure(dashboard, "adherence_7d") == figure(page, "adherence_7d") == figure(progress, "adherence") == "38%"

    today = person.get("/today").get_data(as_text=True)
    assert re.search(r"<span data-done-count>1\.5</span> of <span data-total-count>3</span> done", today)


def test_german_figures_use_the_german_number_format(login, clinician, patient, late_in_the_day):
    a_week(patient, clinician)
    physio, person = login(clinician), login(patient)
    dashboard = physio.client.get("/clinician", headers=GERMAN).get_data(as_text=True)
    page = physio.client.get(f"/clinician/patients/{patient.id}", headers=GERMAN).get_data(as_text=True)
    assert figure(dashboard, "adherence_7d") == figure(page, "adherence_7d") == "38\xa0%"
    today = person.client.get("/today", headers=GERMAN).get_data(as_text=True)
    assert re.search(r"<span data-done-count>1,5</span> von <span data-total-count>3</span> erledigt", today)


def test_patient_page_counts_in_words_and_gives_the_patients_zone(login, clinician, patient):
    patient.timezone = "America/New_York"
    db.session.commit()
    a_week(patient, clinician)
    page = login(clinician).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "1 check-in ·" in page and "1 check-ins" not in page
    assert "times in America/New York (the patient's timezone)" in page
    # The patient switched at 12:00 UTC on 2 March: 07:00 where they live, 12:00 for the London physio.
    db.session.add(ModeChange(client_id=str(uuid.uuid4()), patient_id=patient.id, mode="flare",
                              reason="suggested by pain 8", at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC)))
    db.session.commit()
    page = login(clinician).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "2 Mar 2026, 07:00" in page and "2 Mar 2026, 12:00" not in page
    assert "suggested by pain 8" in page
    german = login(clinician).client.get(f"/clinician/patients/{patient.id}", headers=GERMAN).get_data(as_text=True)
    assert "2. März 2026, 07:00" in german or "2. Mär. 2026, 07:00" in german


def test_a_new_patient_shows_no_figure_anywhere_yet(login, clinician, patient):
    link(clinician, patient)
    dashboard = login(clinician).get("/clinician").get_data(as_text=True)
    page = login(clinician).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert figure(dashboard, "adherence_7d") == figure(page, "adherence_7d") == "–"
    assert local_today(patient.timezone)  # the page renders for a patient with no plan and no check-in
