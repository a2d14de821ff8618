"""Clinician approval, written as attacks: an unapproved clinician reaches no patient data, even with a link."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Invite, User
from helpers import csrf_from, give_plan, link, make_user

REGISTER = {"display_name": "Dr New", "email": "new.physio@example.com", "password": "a long enough pass",
            "role": "clinician", "timezone": "Europe/Berlin", "profession": "Physiotherapist",
            "registration_number": "PT-12345"}


def unapproved(email: str = "pending@example.com") -> User:
    user = make_user(email, "clinician", name="Dr Pending")
    user.approved_at = None
    db.session.commit()
    return user


def test_registering_clinician_states_profession_and_number_and_waits(client):
    data = REGISTER | {"csrf_token": csrf_from(client, "/register")}
    assert client.post("/register", data=data).status_code in (302, 303)
    user = db.session.scalar(select(User).where(User.email == REGISTER["email"]))
    assert (user.profession, user.registration_number, user.approved_at) == ("Physiotherapist", "PT-12345", None)
    page = client.get("/clinician")
    assert page.status_code == 403 and "Waiting for approval" in page.get_data(as_text=True)
    assert client.get("/api/v1/me").json["approved"] is False


def test_clinician_must_give_profession_and_number(client):
    data = REGISTER | {"profession": "", "registration_number": " ", "csrf_token": csrf_from(client, "/register")}
    response = client.post("/register", data=data)
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(User.id)).where(User.email == REGISTER["email"])) == 0


def test_patients_register_without_approval(client):
    data = REGISTER | {"role": "patient", "profession": "", "registration_number": "",
                       "csrf_token": csrf_from(client, "/register")}
    assert client.post("/register", data=data).status_code in (302, 303)
    assert db.session.scalar(select(User.role).where(User.email == REGISTER["email"])) == "patient"
    assert "approved" not in client.get("/api/v1/me").json


def test_unapproved_clinicians_invite_is_refused(login):
    s = login(unapproved())
    response = s.post("/clinician/invites", data={"label": "S.T."})
    assert response.status_code == 403
    assert db.session.scalar(select(func.count(Invite.id))) == 0


def test_unapproved_clinician_with_a_link_sees_nothing(login, patient):
    """Even an active care link (made before approval was withdrawn, say) opens nothing."""
    pending = unapproved()
    link(pending, patient)
    give_plan(patient, author=pending)
    s = login(pending)
    response = s.get("/api/v1/patients")
    assert response.status_code == 403 and response.json["error"] == "not_approved"
    assert s.get(f"/api/v1/patients/{patient.id}/summary").status_code == 403
    for path in ("/clinician", f"/clinician/patients/{patient.id}", f"/messages/{patient.id}", "/messages"):
        response = s.get(path)
        assert response.status_code == 403, path
        assert patient.display_name not in response.get_data(as_text=True), path
    assert s.get(f"/api/v1/messages?with={patient.id}").status_code == 403


def test_admin_approves_then_access_works_and_rejecting_withdraws_it(app, login, patient):
    admin = make_user("admin@example.com", "patient", name="Ada Admin")
    admin.is_admin = True
    db.session.commit()
    pending = unapproved()
    link(pending, patient)
    boss = login(admin)
    page = boss.get("/admin").get_data(as_text=True)
    assert "Dr Pending" in page
    assert boss.post(f"/admin/clinicians/{pending.id}/approve").status_code == 303
    s = login(pending)
    assert s.get("/api/v1/me").json["approved"] is True
    assert [p["id"] for p in s.get("/api/v1/patients").json] == [patient.id]
    assert boss.post(f"/admin/clinicians/{pending.id}/reject").status_code == 303
    assert s.get("/api/v1/patients").status_code == 403  # at once, same session


def test_only_admins_reach_the_admin_page(login, patient, clinician):
    pending = unapproved()
    for user in (patient, clinician):
        s = login(user)
        assert s.get("/admin").status_code == 403
        assert s.post(f"/admin/clinicians/{pending.id}/approve").status_code == 403
    db.session.expire_all()
    assert db.session.get(User, pending.id).approved_at is None


def test_create_admin_creates_or_promotes(runner, patient):
    result = runner.invoke(args=["users", "create-admin", "boss@example.com", "--password", "a long enough pass"])
    assert result.exit_code == 0, result.output
    boss = db.session.scalar(select(User).where(User.email == "boss@example.com"))
    assert boss.is_admin and boss.check_password("a long enough pass")
    result = runner.invoke(args=["users", "create-admin", "PATIENT@example.com"])
    assert result.exit_code == 0 and "now an administrator" in result.output
    db.session.expire_all()
    assert db.session.get(User, patient.id).is_admin


def test_demo_clinician_is_approved(app, runner):
    assert runner.invoke(args=["demo", "load", "--days", "3"]).exit_code == 0
    physio = db.session.scalar(select(User).where(User.email == "demo.clinician@example.com"))
    assert physio.approved_at is not None and physio.registration_number
