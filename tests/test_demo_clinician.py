"""`flask demo load` gives the demo clinician three patients with different stories, templates and a routine."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import CareLink, Completion, ModeChange, PlanTemplate, Routine, User
from helpers import Session, password_hash


def as_test_user(app, user: User) -> Session:
    """Log in through the form, with the suite's password swapped in so the conftest Session helper works."""
    user.password_hash = password_hash()
    db.session.commit()
    return Session(app.test_client(), user)


def test_demo_clinician_world(app, runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    clinician = db.session.scalar(select(User).where(User.email == "demo.clinician@example.com"))
    assert db.session.scalar(select(func.count(CareLink.id)).where(CareLink.clinician_id == clinician.id)) == 3
    names = {t.name for t in db.session.scalars(select(PlanTemplate))}
    assert names == {"Lower back starter", "Sleep reset"}
    own = db.session.scalar(select(Routine.title).where(Routine.owner_id == clinician.id))
    assert own == "Side-lying trunk rotation"
    counts = [db.session.scalar(select(func.count(m.id))) for m in (Completion, ModeChange, PlanTemplate, User)]

    assert clinician.check_password("inoplan-demo")
    demo = as_test_user(app, clinician)
    rows = demo.get("/api/v1/patients").json
    assert [r["display_name"] for r in rows][0] == "Jordan Lee"
    assert set(rows[0]["reasons"]) == {"low_adherence", "pain_rising", "no_checkin", "flare_mode"}
    assert [r["needs_attention"] for r in rows[1:]] == [False, False]
    jordan = demo.get(f"/clinician/patients/{rows[0]['id']}").get_data(as_text=True)
    assert "suggested by pain 8" in jordan

    assert "already present" in runner.invoke(args=["demo", "load"]).output
    assert [db.session.scalar(select(func.count(m.id))) for m in (Completion, ModeChange, PlanTemplate, User)] == counts


def test_demo_patient_starts_without_stale_news(app, runner):
    runner.invoke(args=["demo", "load"])
    patient = db.session.scalar(select(User).where(User.email == "demo.patient@example.com"))
    html = as_test_user(app, patient).get("/today").get_data(as_text=True)
    assert "What changed" not in html and "Flare-up? Use my gentler plan" in html
