"""A second clinician and a second patient walk every clinician-side route with the first patient's ids
(in paths, query strings and form fields) and reach none of the first patient's data or objects."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, CareLink, Invite, Plan, PlanTemplate, PlanVersion, Routine
from app.services.care import invites
from helpers import give_plan, link, make_user, routine_id

# Routes this suite covers: the clinician side, the patient's side of care links, and the flare switch.
PREFIXES = ("clinician.", "care.")
EXTRA = {"api.patients", "api.summary", "patient.switch_mode", "patient.seen_changes"}
# Holding the secret token (or the code) is what an invite is for: those routes are tested in test_invites.py.
SKIP_PARAMS = {"token"}


@pytest.fixture
def world(login, clinician, patient):
    """Clinician A with patient P1 (plan, flare plan, rule, invite, template, routine); clinician B with P2."""
    care = link(clinician, patient)
    version = give_plan(patient, author=clinician)
    a = login(clinician)
    a.post(f"/clinician/patients/{patient.id}/plan/flare/copy")
    a.post(f"/clinician/patients/{patient.id}/plan/rules", data={"flare_pain_threshold": "7"})
    a.post("/clinician/routines/new", data={"kind": "exercise", "title": "Secret stretch", "steps": "One"})
    a.post("/clinician/templates", data={"name": "Secret template"})
    template = db.session.scalar(select(PlanTemplate))
    a.post(f"/clinician/templates/{template.id}", data={"routine_id": routine_id("gentle-walk"),
                                                         "days": ["0"], "times": "08:00"})
    invite = invites.create(db.session, clinician, "for P1")
    db.session.commit()
    other = make_user("physio2@example.com", "clinician", name="Other Physio")
    p2 = make_user("p2@example.com", name="Second Patient")
    link(other, p2)
    give_plan(p2, author=other)
    return {"care": care, "version": version, "invite": invite, "template": template,
            "routine": db.session.scalar(select(Routine).where(Routine.owner_id == clinician.id)),
            "b": login(other), "p2": login(p2), "p2_user": p2, "other": other}


def snapshot(patient, w) -> dict:
    db.session.expire_all()
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    return {
        "versions": db.session.scalar(select(func.count(PlanVersion.id)).where(PlanVersion.plan_id == plan.id)),
        "plan": (plan.mode, plan.flare_pain_threshold, plan.patient_seen_version_id),
        "link": db.session.get(CareLink, w["care"].id).active,
        "invite": db.session.get(Invite, w["invite"].id).state(),
        "template": (lambda t: (t.name, len(t.items)))(db.session.get(PlanTemplate, w["template"].id)),
        "routine": (lambda r: (r.title, r.archived))(db.session.get(Routine, w["routine"].id)),
        "audit_by_others": db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.patient_id == patient.id, AuditEvent.actor_id != w["care"].clinician_id)),
    }


def form_data(patient, w) -> dict:
    """Plausible, valid fields naming the first patient's objects, so a missing check would let them through."""
    return {"routine_id": w["routine"].id, "days": ["0", "1"], "times": "09:00", "minutes": "5",
            "version_note": "hijack", "flare_pain_threshold": "2", "template_id": w["template"].id, "how": "replace",
            "name": "Hijacked", "kind": "exercise", "title": "Hijacked", "steps": "x", "label": "x",
            "version_id": w["version"].id, "patient_id": patient.id, "link_id": w["care"].id,
            "client_id": "6f1c8a8e-2b7d-4c1e-9a57-3a3f1d0e9b11", "mode": "flare"}


def path_values(patient, w) -> dict:
    return {"patient_id": patient.id, "invite_id": w["invite"].id, "routine_id": w["routine"].id,
            "template_id": w["template"].id, "link_id": w["care"].id, "index": 0,
            "key": w["version"].items[0].key, "variant": "standard"}


def test_every_route_refuses_the_other_clinician_and_patient(app, patient, world):
    w = world
    before = snapshot(patient, w)
    values, data = path_values(patient, w), form_data(patient, w)
    rules = [r for r in app.url_map.iter_rules()
             if r.endpoint.startswith(PREFIXES) or r.endpoint in EXTRA]
    assert len(rules) >= 25
    walked = 0
    for rule in rules:
        if set(rule.arguments) & SKIP_PARAMS:
            continue
        path = rule.build(values, append_unknown=False)[1]
        query = f"?patient_id={patient.id}&template_id={w['template'].id}&link_id={w['care'].id}"
        for who in ("b", "p2"):
            for method in sorted(rule.methods & {"GET", "POST"}):
                client = w[who]
                response = (client.get(path + query, follow_redirects=True) if method == "GET"
                            else client.post(path + query, data=data))
                body = response.get_data(as_text=True)
                walked += 1
                if rule.arguments - {"variant"}:
                    assert response.status_code in (403, 404), (who, method, path, response.status_code)
                assert "Pat Patient" not in body and "Secret" not in body, (who, method, path)
                assert w["invite"].token not in body, (who, method, path)
    assert walked > 60
    assert snapshot(patient, w) == before


def test_form_fields_cannot_smuggle_in_other_objects(login, patient, world):
    w = world
    before = snapshot(patient, w)
    b, p2 = w["b"], w["p2"]
    mine = w["p2_user"]
    # B plans for their own patient but names A's routine and A's template.
    add = b.post(f"/clinician/patients/{mine.id}/plan/standard/items",
                 data={"routine_id": w["routine"].id, "days": ["0"], "times": "08:00"})
    assert add.status_code == 422 and "Not a valid choice" in add.get_data(as_text=True)
    applied = b.post(f"/clinician/patients/{mine.id}/plan/apply", data={"template_id": w["template"].id,
                                                                        "how": "replace"}, follow_redirects=True)
    assert "Not a valid choice" in applied.get_data(as_text=True)
    # P2 tries to mark P1's version as seen, and to remove P1's care link.
    assert p2.post("/today/seen", data={"version_id": w["version"].id}).status_code == 404
    assert p2.post(f"/settings/clinicians/{w['care'].id}/remove").status_code == 404
    # The code form answers the same for everyone who holds the code, and reveals nothing else.
    assert "Pat Patient" not in p2.get(f"/invite?code={w['invite'].code}").get_data(as_text=True)
    assert snapshot(patient, w) == before
    p2_versions = db.session.scalar(select(func.count(PlanVersion.id)).join(Plan).where(Plan.patient_id == mine.id))
    assert p2_versions == 1
