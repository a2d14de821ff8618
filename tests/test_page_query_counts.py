"""SQL queries per request of every page a patient or a physio opens stay constant as the history grows, and
bounded (the pages that tests/test_query_counts.py does not already cover; `make bench` prints them all)."""
from __future__ import annotations

import uuid
from contextlib import contextmanager

import pytest
from flask import before_render_template, template_rendered

from app.extensions import db
from helpers import counting_queries, link, queries, with_history

# The signed-in user is one query; each bound is what the page runs today (a month of log, a second plan version).
# /plan/history once ran one more query per plan version (its items, loaded lazily in the template).
PATIENT_PAGES = {"/plan": 11, "/plan/history": 7, "/diary": 6, "/sleep": 9, "/measures": 4, "/reports": 2,
                 "/progress": 21, "/settings/": 1, "/settings/reminders": 2, "/settings/clinicians": 4,
                 "/settings/privacy": 2, "/library": 3, "/api/v1/plan": 5, "/api/v1/diary": 4, "/api/v1/sleep": 3,
                 "/api/v1/measures": 3, "/api/v1/me": 1, "/api/v1/reminders/prefs": 2}
CLINICIAN_PAGES = {"/clinician/patients/{id}/plan": 15, "/clinician/patients/{id}/measures": 7,
                   "/api/v1/patients/{id}/summary": 12, "/clinician/templates": 2, "/clinician/routines": 2}


@pytest.mark.parametrize("path", sorted(PATIENT_PAGES))
def test_patient_pages_are_constant_in_history_size(login, patient, clinician, path):
    link(clinician, patient)
    _, small_log = with_history(patient, 2, 2)
    s = login(patient)
    assert s.post_json("/api/v1/sync", {"items": small_log}).status_code == 200
    queries(s, path)  # warm: first-request work is not per request
    small = queries(s, path)
    _, big_log = with_history(db.session.merge(patient), 8, 30)
    assert s.post_json("/api/v1/sync", {"items": big_log}).status_code == 200
    big = queries(s, path)
    assert small == big <= PATIENT_PAGES[path]


@pytest.mark.parametrize("path", sorted(CLINICIAN_PAGES))
def test_clinician_pages_are_constant_in_history_size(login, patient, clinician, path):
    link(clinician, patient)
    key, path = path, path.format(id=patient.id)
    _, small_log = with_history(patient, 2, 2)
    own, physio = login(patient), login(clinician)
    assert own.post_json("/api/v1/sync", {"items": small_log}).status_code == 200
    queries(physio, path)
    small = queries(physio, path)
    _, big_log = with_history(db.session.merge(patient), 8, 30)
    assert own.post_json("/api/v1/sync", {"items": big_log}).status_code == 200
    big = queries(physio, path)
    assert small == big <= CLINICIAN_PAGES[key]


def test_clinician_dashboard_is_constant_in_patient_count(login, clinician):
    """The bench found 210 queries for 200 patients: the sleep note read each patient's nights on its own."""
    from helpers import give_plan, make_user
    physio, clinician_id = login(clinician), clinician.id

    def add_patients(n: int) -> None:
        for _ in range(n):
            person = make_user()
            link(db.session.get(type(clinician), clinician_id), person)
            give_plan(person)
        db.session.commit()

    add_patients(2)
    queries(physio, "/clinician")  # the first read of the day is audited
    few = queries(physio, "/clinician")
    add_patients(6)
    queries(physio, "/clinician")
    many = queries(physio, "/clinician")
    assert few == many <= 15  # the rows, flags, removals, alerts, sleep and progression notes: fixed


@contextmanager
def queries_while_rendering(app):
    """The SQL sent while a page's template renders (between Flask's before_render_template and
    template_rendered signals)."""
    sent: list[str] = []
    marks: list[int] = []
    with counting_queries() as statements:
        def start(sender, **extra):
            marks.append(len(statements))

        def end(sender, **extra):
            sent.extend(statements[marks.pop():])

        with before_render_template.connected_to(start, app), template_rendered.connected_to(end, app):
            yield sent


TEMPLATE_PAGES = ["/today", "/progress", "/sleep", "/measures", "/diary", "/plan", "/clinician",
                  "/clinician/patients/{id}", "/clinician/patients/{id}/plan"]


@pytest.mark.parametrize("path", TEMPLATE_PAGES)
def test_a_template_never_runs_a_query(app, login, patient, clinician, path):
    """The view passes what the page shows (the sleep, measures and progression panels once asked from the
    template), so rendering sends no SQL."""
    link(clinician, patient)
    _, log = with_history(patient, 3, 10)
    s = login(clinician if path.startswith("/clinician") else patient)
    path = path.format(id=patient.id)
    assert login(patient).post_json("/api/v1/sync", {"items": log}).status_code == 200
    s.get(path)  # the first read of the day is audited
    with queries_while_rendering(app) as sent:
        response = s.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert sent == []


# The pages of issue 20 and the pacing page, each side's view of a conversation included (`make bench` lists them).
MESSAGE_PAGES = {"/messages": 4, "/messages/{other}": 5, "/api/v1/messages?with={other}": 5}
OTHER_PAGES = {("patient", "/pacing"): 1, ("clinician", "/alerts"): 3, ("clinician", "/clinics"): 2,
               ("clinician", "/clinics/patients/{patient}/share"): 3}


@pytest.mark.parametrize("side", ["patient", "clinician"])
@pytest.mark.parametrize("path", sorted(MESSAGE_PAGES))
def test_message_pages_are_constant_in_conversation_length(login, patient, clinician, path, side):
    link(clinician, patient)
    sessions = {"patient": login(patient), "clinician": login(clinician)}
    ids = {"patient": patient.id, "clinician": clinician.id}
    other = "clinician" if side == "patient" else "patient"
    url = path.format(other=ids[other])

    def exchange(n: int) -> None:  # n messages each way: the patient's through the sync, the physio's by the form
        items = [{"client_id": str(uuid.uuid4()), "type": "message", "to": ids["clinician"], "text": f"note {i}",
                  "recorded_at": "2026-01-05T10:00:00+00:00"} for i in range(n)]
        assert sessions["patient"].post_json("/api/v1/sync", {"items": items}).status_code == 200
        for i in range(n):
            reply = sessions["clinician"].post(f"/messages/{ids['patient']}", {"text": f"reply {i}",
                                                                          "client_id": str(uuid.uuid4())})
            assert reply.status_code in (302, 303)

    exchange(1)
    queries(sessions[side], url)
    few = queries(sessions[side], url)
    exchange(12)
    queries(sessions[side], url)  # the first read marks the new messages read
    many = queries(sessions[side], url)
    assert few == many <= MESSAGE_PAGES[path]


@pytest.mark.parametrize("side, path", sorted(OTHER_PAGES))
def test_alert_clinic_and_pacing_pages_are_bounded(login, patient, clinician, side, path):
    link(clinician, patient)
    with_history(patient, 2, 2)
    session = login(patient if side == "patient" else clinician)
    url = path.format(patient=patient.id)
    queries(session, url)
    assert queries(session, url) <= OTHER_PAGES[(side, path)]
