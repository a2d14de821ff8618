"""Invites: create, share as link or code, accept once (also from logged out), revoke, expire, rate limits."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import CareLink, Invite
from app.models.base import utcnow
from app.models.invites import CODE_ALPHABET
from helpers import PASSWORD, csrf_from, make_user
from helpers import register as sign_up


def create_invite(session, label: str = "S.T.") -> Invite:
    response = session.post("/clinician/invites", data={"label": label})
    assert response.status_code == 303
    return db.session.scalars(select(Invite).order_by(Invite.id.desc())).first()


def active_link(clinician, patient) -> CareLink | None:
    return db.session.scalar(select(CareLink).where(CareLink.clinician_id == clinician.id,
                                                    CareLink.patient_id == patient.id, CareLink.active.is_(True)))


def test_invite_has_code_token_and_fourteen_days(login, clinician):
    s = login(clinician)
    invite = create_invite(s)
    assert len(invite.code) == 8 and set(invite.code) <= set(CODE_ALPHABET)
    assert not set(invite.code) & set("IL01O") and len(invite.token) >= 32
    assert timedelta(days=13, hours=23) < invite.expires_at - invite.created_at <= timedelta(days=14)
    html = s.get("/clinician").get_data(as_text=True)
    assert invite.pretty_code in html and f"/invite/{invite.token}" in html and "S.T." in html


def test_logged_out_patient_registers_then_accepts(app, login, clinician):
    invite = create_invite(login(clinician))
    visitor = app.test_client()
    page = visitor.get(f"/invite/{invite.token}").get_data(as_text=True)
    assert "Dr Physio invited you" in page
    register = re.search(r'href="(/register\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    response = sign_up(visitor, {"email": "new@example.com", "password": PASSWORD, "display_name": "New Patient",
                                 "role": "patient", "timezone": "Europe/Berlin"}, register)
    assert response.status_code == 303 and response.location == f"/invite/{invite.token}"
    accept_page = visitor.get(response.location).get_data(as_text=True)
    assert "Accept and link" in accept_page
    token = csrf_from(visitor, response.location)
    done = visitor.post(f"/invite/{invite.token}", data={"csrf_token": token})
    assert done.status_code == 303 and done.location == "/settings/clinicians"
    db.session.expire_all()
    patient = db.session.scalar(select(Invite.accepted_by_id).where(Invite.id == invite.id))
    assert patient is not None and db.session.scalar(select(CareLink).where(CareLink.patient_id == patient)).active
    assert "Dr Physio" in visitor.get("/settings/clinicians").get_data(as_text=True)


def test_logged_out_patient_logs_in_then_accepts(app, login, clinician, patient):
    invite = create_invite(login(clinician))
    visitor = app.test_client()
    page = visitor.get(f"/invite/{invite.token}").get_data(as_text=True)
    login_url = re.search(r'href="(/login\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    token = csrf_from(visitor, login_url)
    response = visitor.post(login_url, data={"csrf_token": token, "email": patient.email, "password": PASSWORD})
    assert response.location == f"/invite/{invite.token}"
    token = csrf_from(visitor, response.location)
    assert visitor.post(f"/invite/{invite.token}", data={"csrf_token": token}).status_code == 303
    assert active_link(clinician, patient) is not None


def test_invite_is_single_use(login, clinician, patient):
    invite = create_invite(login(clinician))
    assert login(patient).post(f"/invite/{invite.token}").status_code == 303
    other = make_user("other@example.com")
    s = login(other)
    response = s.post(f"/invite/{invite.token}", follow_redirects=True)
    assert "already been used" in response.get_data(as_text=True)
    assert active_link(clinician, other) is None
    assert s.get(f"/invite/{invite.token}").status_code == 410


def test_code_entry_accepts_loose_spelling(login, clinician, patient):
    invite = create_invite(login(clinician))
    s = login(patient)
    messy = f" {invite.code[:4].lower()}-{invite.code[4:].lower()} "
    response = s.post("/invite", data={"code": messy})
    assert response.status_code == 303 and response.location == f"/invite/{invite.token}"
    bad = s.post("/invite", data={"code": "ZZZZ-ZZZZ" if invite.code != "ZZZZZZZZ" else "YYYYYYYY"})
    assert bad.status_code == 422 and "does not match an invite" in bad.get_data(as_text=True)
    assert s.post("/invite", data={"code": ""}).status_code == 422


def test_expired_and_revoked_invites_cannot_be_used(login, clinician, patient):
    s = login(clinician)
    expired, revoked = create_invite(s), create_invite(s)
    expired.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert s.post(f"/clinician/invites/{revoked.id}/revoke").status_code == 303
    p = login(patient)
    for invite, word in ((expired, "expired"), (revoked, "withdrawn")):
        page = p.get(f"/invite/{invite.token}")
        assert page.status_code == 410 and word in page.get_data(as_text=True)
        p.post(f"/invite/{invite.token}")
    assert active_link(clinician, patient) is None
    assert p.get("/invite/not-a-real-token").status_code == 404


def test_only_the_owner_revokes(login, clinician):
    invite = create_invite(login(clinician))
    other = login(make_user("physio2@example.com", "clinician"))
    assert other.post(f"/clinician/invites/{invite.id}/revoke").status_code == 404
    db.session.refresh(invite)
    assert invite.state() == "pending"


def test_clinician_cannot_accept_an_invite(login, clinician):
    invite = create_invite(login(clinician))
    other = login(make_user("physio2@example.com", "clinician"))
    assert "patient account" in other.get(f"/invite/{invite.token}").get_data(as_text=True)
    other.post(f"/invite/{invite.token}")
    db.session.refresh(invite)
    assert invite.state() == "pending"


def test_accepting_reactivates_a_removed_link(login, clinician, patient):
    c, p = login(clinician), login(patient)
    p.post(f"/invite/{create_invite(c).token}")
    link = active_link(clinician, patient)
    assert p.post(f"/settings/clinicians/{link.id}/remove").status_code == 303
    assert active_link(clinician, patient) is None
    assert c.get(f"/clinician/patients/{patient.id}").status_code == 404
    p.post(f"/invite/{create_invite(c).token}")
    assert active_link(clinician, patient).id == link.id
    assert db.session.scalar(select(func.count(CareLink.id))) == 1


def test_invite_creation_is_rate_limited(app, login, clinician):
    app.config["INVITE_CREATE_LIMITS"] = "3 per hour"
    s = login(clinician)
    codes = [s.post("/clinician/invites", data={}).status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert db.session.scalar(select(func.count(Invite.id))) == 3


def test_code_guessing_is_rate_limited(app, login, patient):
    app.config["INVITE_LIMITS"] = "4 per minute"
    s = login(patient)
    codes = [s.post("/invite", data={"code": "ABCDEFGH"}).status_code for _ in range(6)]
    assert codes[:4] == [422] * 4 and codes[4:] == [429, 429]


def test_invite_label_too_long_is_a_clear_error(login, clinician):
    response = login(clinician).post("/clinician/invites", data={"label": "x" * 81}, follow_redirects=True)
    assert "cannot be longer than 80 characters" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Invite.id))) == 0


def test_settings_lists_my_clinicians_for_patients_only(login, clinician, patient):
    assert "/settings/clinicians" in login(patient).get("/settings/").get_data(as_text=True)
    assert "/settings/clinicians" not in login(clinician).get("/settings/").get_data(as_text=True)
    assert login(clinician).get("/settings/clinicians").status_code == 403
