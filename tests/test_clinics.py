"""Clinics, their members, and sharing or handing over a patient only with the patient's consent (as attacks)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CareLink, CareTransfer, Clinic, Routine
from app.services.plans import templates as plan_templates
from app.services.plans.templates import usable_routines
from app.services.plans.versions import ItemSpec, current_specs, plan_for
from helpers import link, make_user, routine_id


def admin_user():
    boss = make_user("admin@example.com", "patient", name="Ada Admin")
    boss.is_admin = True
    db.session.commit()
    return boss


def clinic_with(login, *members, name="Riverside Physio"):
    """A clinic made through the admin pages, with members added by email (the first one as clinic admin)."""
    boss = login(admin_user())
    assert boss.post("/clinics", data={"name": name}).status_code == 303
    clinic = db.session.scalar(select(Clinic).where(Clinic.name == name))
    for i, user in enumerate(members):
        role = "clinic_admin" if i == 0 else "clinician"
        assert boss.post(f"/clinics/{clinic.id}/members", data={"email": user.email, "role": role}).status_code == 303
    return clinic


def active(clinician, patient) -> bool:
    return bool(db.session.scalar(select(CareLink.id).where(CareLink.clinician_id == clinician.id,
                                                            CareLink.patient_id == patient.id, CareLink.active)))


def test_only_admins_create_clinics_and_managers_add_members(login, clinician):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    late = make_user("late@example.com", "clinician", name="Dr Late")
    assert login(clinician).post("/clinics", data={"name": "Mine"}).status_code == 403
    clinic = clinic_with(login, clinician, colleague)
    # The clinic admin adds a member; a plain member may not; an outsider does not even see the clinic.
    assert login(colleague).post(f"/clinics/{clinic.id}/members",
                                 data={"email": late.email, "role": "clinician"}).status_code == 403
    assert login(late).get(f"/clinics/{clinic.id}").status_code == 404
    assert login(clinician).post(f"/clinics/{clinic.id}/members",
                                 data={"email": late.email, "role": "clinician"}).status_code == 303
    page = login(late).get(f"/clinics/{clinic.id}").get_data(as_text=True)
    assert "Dr Physio" in page and "Dr Colleague" in page


def test_members_use_each_others_routines(login, clinician):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    outsider = make_user("outsider@example.com", "clinician", name="Dr Outsider")
    theirs = Routine(owner_id=colleague.id, kind="exercise", title="Colleague's wall slide")
    foreign = Routine(owner_id=outsider.id, kind="exercise", title="Outsider's secret")
    db.session.add_all([theirs, foreign])
    db.session.commit()
    assert theirs.id not in usable_routines(db.session, clinician)
    clinic_with(login, clinician, colleague)
    usable = usable_routines(db.session, clinician)
    assert theirs.id in usable and foreign.id not in usable


def test_share_needs_the_patients_consent(login, clinician, patient):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    link(clinician, patient)
    clinic_with(login, clinician, colleague)
    c = login(clinician)
    assert "Dr Colleague" in c.get(f"/clinics/patients/{patient.id}/share").get_data(as_text=True)
    assert c.post(f"/clinics/patients/{patient.id}/share",
                  data={"colleague_id": colleague.id, "mode": "share"}).status_code == 303
    assert not active(colleague, patient)  # nothing changes before the patient agrees
    assert login(colleague).get(f"/clinician/patients/{patient.id}").status_code == 404
    p = login(patient)
    mine = p.get("/settings/clinicians").get_data(as_text=True)
    assert "asks for your consent" in mine and "Dr Colleague" in mine
    transfer = db.session.scalar(select(CareTransfer))
    assert p.post(f"/clinics/transfers/{transfer.id}/accept").status_code == 303
    assert active(colleague, patient) and active(clinician, patient)
    mine = p.get("/settings/clinicians").get_data(as_text=True)
    assert "now shares your care" in mine and "asked to share your care" in mine
    assert login(colleague).get(f"/clinician/patients/{patient.id}").status_code == 200


@pytest.mark.parametrize("answer, colleague_has, clinician_keeps", [("accept", True, False), ("decline", False, True)])
def test_a_handover_moves_access_only_when_the_patient_agrees(login, clinician, patient, answer, colleague_has,
                                                               clinician_keeps):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    link(clinician, patient)
    clinic_with(login, clinician, colleague)
    login(clinician).post(f"/clinics/patients/{patient.id}/share", data={"colleague_id": colleague.id,
                                                                         "mode": "handover"})
    transfer = db.session.scalar(select(CareTransfer))
    assert login(patient).post(f"/clinics/transfers/{transfer.id}/{answer}").status_code == 303
    assert (active(colleague, patient), active(clinician, patient)) == (colleague_has, clinician_keeps)
    assert login(clinician).get(f"/clinician/patients/{patient.id}").status_code == (200 if clinician_keeps else 404)


def test_transfers_cannot_be_forged(login, clinician, patient):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    stranger = make_user("stranger@example.com", "clinician", name="Dr Stranger")
    other_patient = make_user("other@example.com", "patient", name="Olga Other")
    link(clinician, patient)
    clinic_with(login, clinician, colleague)
    c = login(clinician)
    # Not a colleague, a patient not theirs, an unknown mode: refused, nothing stored.
    assert c.post(f"/clinics/patients/{patient.id}/share", data={"colleague_id": stranger.id,
                                                                 "mode": "share"}).status_code == 404
    assert c.post(f"/clinics/patients/{other_patient.id}/share", data={"colleague_id": colleague.id,
                                                                       "mode": "share"}).status_code == 404
    assert c.post(f"/clinics/patients/{patient.id}/share", data={"colleague_id": colleague.id,
                                                                 "mode": "adopt"}).status_code == 404
    # A colleague cannot push themselves onto the patient, nor a stranger ask.
    assert login(stranger).post(f"/clinics/patients/{patient.id}/share",
                                data={"colleague_id": colleague.id, "mode": "share"}).status_code == 404
    assert db.session.scalar(select(func.count(CareTransfer.id))) == 0
    c.post(f"/clinics/patients/{patient.id}/share", data={"colleague_id": colleague.id, "mode": "share"})
    transfer = db.session.scalar(select(CareTransfer))
    # Only the patient answers: not another patient, not a clinician.
    assert login(other_patient).post(f"/clinics/transfers/{transfer.id}/accept").status_code == 404
    assert login(colleague).post(f"/clinics/transfers/{transfer.id}/accept").status_code == 403
    assert not active(colleague, patient)


def test_members_apply_each_others_templates_but_do_not_edit_them(login, clinician, patient):
    colleague = make_user("colleague@example.com", "clinician", name="Dr Colleague")
    template = plan_templates.create(db.session, colleague, "Shared starter", specs=[
        ItemSpec.from_routine(db.session.get(Routine, routine_id("heat-pack")))])
    db.session.commit()
    link(clinician, patient)
    c = login(clinician)
    assert "Shared starter" not in c.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    clinic_with(login, clinician, colleague)
    assert "Shared starter" in c.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    assert c.get(f"/clinician/templates/{template.id}").status_code == 404  # only the owner edits it
    response = c.post(f"/clinician/patients/{patient.id}/plan/apply",
                      data={"template_id": template.id, "how": "replace"})
    assert response.status_code == 303
    assert [s.routine_id for s in current_specs(db.session, plan_for(db.session, patient))] == [routine_id("heat-pack")]
