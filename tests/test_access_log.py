"""The patient's access log reads as visits: one line per clinician and sitting, times in the patient's zone."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import AuditEvent
from app.services.care.access_log import visits
from helpers import link, make_user

START = datetime(2026, 11, 30, 9, 2, tzinfo=UTC)  # 10:02 in Berlin


def add(actor, patient, action: str, minutes: float) -> None:
    db.session.add(AuditEvent(actor_id=actor.id, actor_name=actor.display_name, patient_id=patient.id,
                              action=action, detail={}, at=START + timedelta(minutes=minutes)))


def a_session(app):
    """Dr A works on the plan for 13 minutes (25 events), Dr B looks once in between, Dr A comes back 45 min later."""
    patient = make_user("berlin@example.com", "patient", tz="Europe/Berlin", name="Pat")
    doctor_a = make_user("a@example.com", "clinician", name="Dr A")
    doctor_b = make_user("b@example.com", "clinician", name="Dr B")
    link(doctor_a, patient)
    link(doctor_b, patient)
    for i in range(22):
        add(doctor_a, patient, "viewed_plan", i * 0.5)
    add(doctor_a, patient, "viewed_log", 8)
    add(doctor_a, patient, "changed_plan", 12)
    add(doctor_a, patient, "viewed_plan", 13)
    add(doctor_b, patient, "viewed_log", 5)
    add(doctor_a, patient, "viewed_plan", 13 + 45)
    db.session.commit()
    return patient


def test_events_group_per_clinician_and_gaps_under_30_minutes(app):
    patient = a_session(app)
    with app.test_request_context():
        found = visits(list(db.session.scalars(db.select(AuditEvent))))
        assert [(v.actor_name, v.count) for v in found] == [("Dr A", 1), ("Dr A", 25), ("Dr B", 1)]
        long_visit = found[1]
        assert long_visit.sentence() == "Dr A looked at your plan and your ticks and check-ins and changed your plan"
        assert long_visit.when(patient.timezone) == "30 Nov 2026, 10:02–10:15"
        assert found[0].when(patient.timezone) == "30 Nov 2026, 11:00"


def test_my_clinicians_page_shows_one_line_per_visit_in_english_and_german(app, login):
    patient = a_session(app)
    session = login(patient)
    html = session.get("/settings/clinicians").get_data(as_text=True)
    log = html[html.index('class="log-list access-log"'):html.index("</ul>", html.index("access-log"))]
    assert log.count("<li>") == 3
    assert "Dr A looked at your plan and your ticks and check-ins and changed your plan" in log
    assert "30 Nov 2026, 10:02–10:15" in log
    german = session.client.get("/settings/clinicians", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Dr A hat sich Ihren Plan und Ihre Häkchen und Check-ins angesehen und Ihren Plan geändert" in german
    assert "30. Nov. 2026, 10:02–10:15" in german


def test_privacy_page_uses_the_same_lines(app, login):
    patient = a_session(app)
    html = login(patient).get("/settings/privacy").get_data(as_text=True)
    assert "Dr A looked at your plan and your ticks and check-ins and changed your plan" in html
    assert html.count("looked at your plan") == 2  # Dr A's two visits, not 25 lines
