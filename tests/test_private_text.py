"""Private text stays private (issue 14 item 6), written as attacks: what one person wrote for themselves never
reaches another through a template or an export."""
from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from app.extensions import db
from app.models import Invite, PlanTemplate
from app.services.plans.versions import current_version, plan_for
from helpers import PASSWORD, item_form, link, make_user

SECRET = "my-private-note-7c1e about my divorce"
ADVICE = "Keep your lower back flat on the floor."
LABEL = "Mrs K, knee, pays cash 5b2d"


def test_save_as_template_copies_only_what_the_clinician_wrote(world, login, clinician):
    """The patient's own note on an item stays out of the template, and so out of every patient it is applied to,
    even after the first patient deletes their account; the clinician's own note goes in."""
    first, second = world.items[0], world.items[1]
    pid = world.patient.id
    # The clinician writes advice on one item; the patient writes a private note on another, then changes the time
    # of the advised item (the advice stays the clinician's).
    assert world.c.post(f"/clinician/patients/{pid}/plan/standard/items/{first.key}",
                        data=item_form("knee-to-chest-stretch", notes=ADVICE)).status_code == 303
    assert world.p.post(f"/plan/items/{second.key}", data=item_form("gentle-walk", notes=SECRET)).status_code == 303
    assert world.p.post(f"/plan/items/{first.key}",
                        data=item_form("knee-to-chest-stretch", times="09:15", notes=ADVICE)).status_code == 303

    assert world.c.post(f"/clinician/patients/{pid}/plan/save-template", data={"name": "Copied"}).status_code == 303
    template = db.session.scalar(select(PlanTemplate).where(PlanTemplate.name == "Copied"))
    notes = [item.get("notes", "") for item in template.items]
    assert ADVICE in notes and SECRET not in repr(template.items)
    assert "09:15" in repr(template.items)  # the rest of the plan is copied as it is

    other = make_user("second.patient@example.com", "patient")
    link(clinician, other)
    assert world.c.post(f"/clinician/patients/{other.id}/plan/apply",
                        data={"template_id": template.id, "how": "replace"}).status_code == 303
    version = current_version(db.session, plan_for(db.session, other), "standard")
    assert SECRET not in repr([i.notes for i in version.items]) and ADVICE in [i.notes for i in version.items]
    assert SECRET not in login(other).get("/plan").get_data(as_text=True)
    assert SECRET not in world.c.get(f"/clinician/templates/{template.id}").get_data(as_text=True)

    response = world.p.post("/settings/privacy/delete", data={"password": PASSWORD, "phrase": "delete my account"})
    assert response.status_code in (302, 303)
    db.session.expire_all()
    assert SECRET not in repr(db.session.get(PlanTemplate, template.id).items)


def test_a_clinicians_invite_label_is_not_in_the_patients_export(login, clinician, patient):
    c = login(clinician)
    assert c.post("/clinician/invites", data={"label": LABEL}).status_code == 303
    invite = db.session.scalar(select(Invite).order_by(Invite.id.desc()))
    p = login(patient)
    assert p.post(f"/invite/{invite.token}").status_code == 303

    exported = p.get("/api/v1/export")
    assert exported.status_code == 200 and LABEL not in exported.get_data(as_text=True)
    assert exported.json["other"]["invites"] and "label" not in exported.json["other"]["invites"][0]
    archive = zipfile.ZipFile(io.BytesIO(p.get("/api/v1/export?format=csv").get_data()))
    assert not [name for name in archive.namelist() if LABEL in archive.read(name).decode()]
    # The clinician wrote it, so their own export keeps it.
    assert LABEL in c.get("/api/v1/export").get_data(as_text=True)


def test_a_removed_clinicians_export_no_longer_names_the_patient(world, clinician):
    from app.models import CareLink
    link_id = db.session.scalar(select(CareLink.id).where(CareLink.patient_id == world.patient.id))
    assert world.c.get("/api/v1/export").json["care_links"][0]["patient_name"] == world.patient.display_name
    assert world.p.post(f"/settings/clinicians/{link_id}/remove").status_code == 303
    exported = world.c.get("/api/v1/export").json
    assert exported["care_links"][0]["patient_name"] == "" and "patient_id" not in exported["care_links"][0]
    assert world.p.get("/api/v1/export").json["care_links"][0]["clinician_name"] == clinician.display_name
