"""Alerts the clinician sets: thresholds that fire on the dashboard, the mailed digest without names, and attacks."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.models import AlertRule
from app.models.base import utcnow
from app.services.clock import local_today
from app.services.plans.versions import plan_for
from helpers import entry_checkin, give_plan, link, make_user


def test_no_checkin_rule_fires_on_the_dashboard(login, clinician, patient):
    link(clinician, patient)
    c = login(clinician)
    assert "Your alerts" not in c.get("/clinician").get_data(as_text=True)
    assert c.post("/alerts", data={"kind": "no_checkin", "threshold": "3"}).status_code == 303
    html = c.get("/clinician").get_data(as_text=True)
    assert "Your alerts" in html and "No check-ins yet" in html


def test_a_patients_own_rule_replaces_the_clinic_wide_one(login, clinician, patient):
    link(clinician, patient)
    give_plan(patient, author=clinician)
    day = local_today(patient.timezone)
    p = login(patient)
    p.post_json("/api/v1/sync", {"items": [entry_checkin((day - timedelta(days=2)).isoformat(), pain=4)]})
    c = login(clinician)
    c.post("/alerts", data={"kind": "no_checkin", "threshold": "1"})  # all patients: 2 days fires
    assert "No check-in for 2 days" in c.get("/clinician").get_data(as_text=True)
    c.post("/alerts", data={"kind": "no_checkin", "threshold": "5", "patient_id": str(patient.id)})
    assert "No check-in for 2 days" not in c.get("/clinician").get_data(as_text=True)


def test_flare_rule_counts_days_since_the_switch(login, clinician, patient):
    link(clinician, patient)
    give_plan(patient, author=clinician)
    plan = plan_for(db.session, patient)
    plan.mode, plan.mode_changed_at = "flare", utcnow() - timedelta(days=10)
    db.session.commit()
    c = login(clinician)
    c.post("/alerts", data={"kind": "flare_days", "threshold": "7"})
    assert "Flare-up plan on for 10 days" in c.get("/clinician").get_data(as_text=True)


def test_rules_are_checked_and_private(login, clinician, patient):
    other_patient = make_user("other@example.com", "patient", name="Olga Other")
    stranger = make_user("stranger@example.com", "clinician", name="Dr Stranger")
    link(stranger, other_patient)
    link(clinician, patient)
    c = login(clinician)
    for data in ({"kind": "no_checkin", "threshold": "0"}, {"kind": "low_adherence", "threshold": "101"},
                 {"kind": "made_up", "threshold": "3"}, {"kind": "no_checkin", "threshold": "x"},
                 {"kind": "no_checkin", "threshold": "3", "patient_id": str(other_patient.id)}):
        assert c.post("/alerts", data=data).status_code == 303
    assert db.session.scalar(select(func.count(AlertRule.id))) == 0
    c.post("/alerts", data={"kind": "no_checkin", "threshold": "3", "patient_id": str(patient.id)})
    rule = db.session.scalar(select(AlertRule))
    s = login(stranger)
    assert "Pat Patient" not in s.get("/alerts").get_data(as_text=True)
    assert s.post(f"/alerts/{rule.id}/delete").status_code == 404
    assert login(patient).get("/alerts").status_code == 403
    assert db.session.scalar(select(func.count(AlertRule.id))) == 1


def test_digest_mails_counts_never_names(app, runner, login, clinician, patient, tmp_path):
    app.config["MAIL_DIR"] = str(tmp_path)
    link(clinician, patient)
    quiet = make_user("quiet@example.com", "clinician", name="Dr Quiet")
    c = login(clinician)
    c.post("/alerts", data={"kind": "no_checkin", "threshold": "3", "mail": "yes"})
    login(quiet).post("/alerts", data={"kind": "no_checkin", "threshold": "3"})  # not mailed
    result = runner.invoke(args=["alerts", "digest"])
    assert result.exit_code == 0 and "sent: 1" in result.output
    [mail] = list(Path(tmp_path).glob("*.eml"))
    text = mail.read_text()
    assert "physio@example.com" in text and "No recent check-in: 1 patient" in text
    assert patient.display_name not in text and patient.email not in text


def test_each_kind_fires_at_its_threshold(patient):
    from datetime import date

    from app.services.care.dashboard import PatientRow
    from app.services.clinics.alerts import check
    row = PatientRow(patient, None, date(2026, 3, 10), adherence_7d=0.4, pain_avg_7d=6.0, pain_avg_prev=3.5,
                     last_checkin=date(2026, 3, 9), urgent=True)
    now = utcnow()

    def rule(kind, n):
        return AlertRule(kind=kind, threshold=n)
    assert check(row, rule("low_adherence", 50), now) == "Adherence 40% over 7 days"
    assert check(row, rule("low_adherence", 40), now) is None
    assert check(row, rule("pain_rise", 2), now) == "Pain average up 2.5 on the week before"
    assert check(row, rule("pain_rise", 3), now) is None
    assert check(row, rule("no_checkin", 2), now) is None
    assert check(row, rule("urgent_measure", 0), now) == "Urgent questionnaire answer to review"


def test_alert_texts_and_the_mail_digest_are_in_the_clinicians_language(app):
    """The dashboard's alert lines and the daily mail are written in the reader's language (German here)."""
    from flask_babel import force_locale

    from app.services.clinics.alerts import describe
    with app.test_request_context(), force_locale("de"):
        assert describe(AlertRule(kind="no_checkin", threshold=3)) == "Seit 3 Tagen oder länger kein Check-in"
        assert describe(AlertRule(kind="low_adherence", threshold=50)) == "Umsetzung unter 50 % in 7 Tagen"
