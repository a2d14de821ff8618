"""SQL queries per request of every page a patient or a physio opens stay constant as the history grows, and
bounded (the pages that tests/test_query_counts.py does not already cover; `make bench` prints them all)."""
from __future__ import annotations

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
