"""A physio opening a new patient (plan, nothing recorded yet) sees what to expect, not empty charts."""
from __future__ import annotations

from app.services.clock import local_today
from helpers import entry_checkin, give_plan, link


def test_new_patient_page_explains_instead_of_empty_charts(login, clinician, patient):
    link(clinician, patient)
    give_plan(patient, author=clinician)
    c = login(clinician)
    page = c.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "data-getting-started" in page and "Nothing recorded yet" in page
    assert "chart-card" not in page and "No notes in this period" not in page
    login(patient).post_json("/api/v1/sync", {"items": [entry_checkin(local_today(patient.timezone).isoformat(), 4)]})
    page = c.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "data-getting-started" not in page and "chart-card" in page
