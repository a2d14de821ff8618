"""Every route in the URL map, tried by people who must not reach someone else's data, and without CSRF tokens.

The victims are a patient and their linked clinician with a plan, ticks, check-ins, a custom routine and an
audit trail. Each rule is filled with the victims' real object ids and tried with GET and its write methods
by an anonymous visitor, another patient, another (unlinked) clinician and a clinician no administrator has
approved (linked to the victim patient all the same).
"""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import csrf, db
from app.models import AlertRule, CareTransfer, Clinic, ClinicMember, PlanTemplate, Routine
from app.services.care import audit
from app.services.diary import shares
from helpers import (
    csrf_from,
    entry_checkin,
    entry_completion,
    give_plan,
    link,
    make_user,
    response_text,
    without_tokens,
)
from route_walk import WRITE_METHODS, fillings, is_object_rule, methods, owned_rows, public_reason, rules, snapshot, url

NOTE = "victim-note-4f1c-never-shown-to-others"
ROUTINE = "Victim clinic routine 9d2e"


class Anonymous:
    """A visitor without an account, holding a valid CSRF token of its own session."""

    def __init__(self, client):
        self.client, self.user = client, None
        self.token = csrf_from(client)


@pytest.fixture
def world(app, login):
    """Victims with data, and four attackers."""
    vc = make_user("victim.clinician@example.com", "clinician", name="Dr Vincent Victim")
    vp = make_user("victim.patient@example.com", "patient", name="Victoria Victimsdottir")
    link(vc, vp)
    routine = Routine(owner_id=vc.id, kind="exercise", title=ROUTINE, summary=NOTE)
    db.session.add(routine)
    db.session.add(PlanTemplate(owner_id=vc.id, name=f"{ROUTINE} template", description=NOTE, items=[]))
    db.session.commit()
    version = give_plan(vp, author=vc)
    item = version.items[0]
    owner = login(vp)
    results = owner.post_json("/api/v1/sync", {"items": [
        entry_completion(item.id, "2026-01-05", item.slots[0], note=NOTE),
        entry_checkin("2026-01-05", pain=7, note=NOTE)]}).json["results"]
    assert [r["status"] for r in results] == ["created", "created"]
    audit.record(db.session, vc, vp.id, "viewed_log", note=NOTE)
    diary = owner.post_json("/api/v1/sync", {"items": [
        {"client_id": str(uuid.uuid4()), "type": "pain_entry", "at": "2026-01-05T09:00:00+00:00", "intensity": 5,
         "note": NOTE, "context": NOTE},
        {"client_id": str(uuid.uuid4()), "type": "treatment", "name": NOTE[:90], "at": "2026-01-05T09:00:00+00:00"},
        {"client_id": str(uuid.uuid4()), "type": "flare", "start": "2026-01-04T09:00:00+00:00", "helped": NOTE}]})
    assert [r["status"] for r in diary.json["results"]] == ["created"] * 3
    shares.create(db.session, vp, date(2026, 1, 1), date(2026, 1, 5))
    db.session.commit()
    other_patient = make_user("attacker.patient@example.com", "patient", name="Mallory Patient")
    give_plan(other_patient)
    other_clinician = make_user("attacker.clinician@example.com", "clinician", name="Dr Mallory")
    # Registered but not approved by an administrator, and even linked to the victim: must reach nothing.
    unapproved = make_user("attacker.unapproved@example.com", "clinician", name="Dr Unverified")
    unapproved.approved_at = None
    db.session.commit()
    link(unapproved, vp)
    talk = owner.post_json("/api/v1/sync", {"items": [
        {"client_id": str(uuid.uuid4()), "type": "message", "to": vc.id, "text": NOTE}]})
    assert talk.json["results"][0]["status"] == "created"
    # A clinic with the victim clinician and a colleague, and a pending request to share the victim patient.
    colleague = make_user("victim.colleague@example.com", "clinician", name="Dr Colleen Colleague")
    clinic = Clinic(name=f"{ROUTINE} clinic", created_by=vc.id)
    db.session.add(clinic)
    db.session.flush()
    db.session.add_all([ClinicMember(clinic_id=clinic.id, user_id=vc.id, role="clinic_admin"),
                        ClinicMember(clinic_id=clinic.id, user_id=colleague.id)])
    db.session.add(CareTransfer(patient_id=vp.id, from_id=vc.id, to_id=colleague.id, mode="handover"))
    db.session.add(AlertRule(clinician_id=vc.id, patient_id=vp.id, kind="no_checkin", threshold=3))
    db.session.commit()
    return {
        "victims": [vp.id, vc.id], "owner": owner, "owner_clinician": login(vc),
        "markers": [vp.email, vc.email, NOTE, ROUTINE, "Victoria Victimsdottir"],
        "anonymous": lambda: Anonymous(app.test_client()),
        "patient": lambda: login(other_patient), "clinician": lambda: login(other_clinician),
        "unapproved": lambda: login(unapproved),
        "item": item, "routine_id": routine.id,
    }


def hostile_body(found: dict, json_api: bool) -> dict:
    """Field values that name the victims' objects, as a form or JSON body would carry them."""
    by = {t.name: rows for t, rows in found.items()}
    item_id, item = next(iter(by["plan_items"].items()))
    patient_id = next(u for u, row in by["users"].items() if row["role"] == "patient")
    body = {"plan_item_id": item_id, "key": item["key"], "patient_id": patient_id, "user_id": patient_id,
            "clinician_id": next(u for u, row in by["users"].items() if row["role"] == "clinician"),
            "routine_id": next(iter(by["routines"])), "client_id": str(uuid.uuid4()), "date": "2026-01-05",
            "slot": item["times"].split(",")[0], "status": "skipped", "pain": 0, "mode": "flare",
            "display_name": "Hijacked", "email": "guess@example.com", "note": "hijack"}
    if json_api:
        body["items"] = [entry_completion(item_id, "2026-01-05", body["slot"], "skipped"),
                         entry_checkin("2026-01-05", pain=0) | {"patient_id": patient_id}]
    return body


def send(session, method: str, path: str, body: dict | None, with_token: bool = True):
    if method == "GET":
        return session.client.get(path)
    headers = {"X-CSRFToken": session.token} if with_token else {}
    if path.startswith("/api/"):
        return session.client.open(path, method=method, json=body, headers=headers)
    form = dict(body or {}) | ({"csrf_token": session.token} if with_token else {})
    return session.client.open(path, method=method, data=form)


def denied(response, anonymous: bool) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return anonymous and response.status_code in (302, 303) and "/login" in response.headers.get("Location", "")


@pytest.mark.parametrize("who", ["anonymous", "patient", "clinician", "unapproved"])
def test_nobody_reaches_another_users_data(app, world, who):
    """Every rule, every method, the victims' real ids: denied, unchanged, and never a trace of their data."""
    attacker = world[who]()
    found = owned_rows(world["victims"])
    tried = 0
    for rule in rules(app):
        public = public_reason(rule) is not None
        for values in fillings(rule, found):
            path = url(app, rule, values)
            for method in methods(rule):
                if method != "GET" and rule.endpoint in ("auth.logout", "auth.logout_everywhere"):
                    continue  # ends only the caller's own session, which the walk still needs
                write = method in WRITE_METHODS
                before = snapshot(world["victims"]) if write else None
                response = send(attacker, method, path, hostile_body(found, path.startswith("/api/")))
                tried += 1
                where = f"{who} {method} {path} -> {response.status_code}"
                assert response.status_code < 500, where
                text = response_text(response)
                assert not [m for m in world["markers"] if m in text], where
                if write:
                    assert snapshot(world["victims"]) == before, where
                if not public and (who == "anonymous" or is_object_rule(rule)):
                    assert denied(response, who == "anonymous"), where
    assert tried > 40


def test_owners_do_reach_their_objects(app, world):
    """The walk is not vacuous: for every object route some owner's real id answers 200."""
    found = owned_rows(world["victims"])
    unreachable = []
    for rule in rules(app):
        if public_reason(rule) or not is_object_rule(rule) or "GET" not in rule.methods:
            continue
        paths = [url(app, rule, values) for values in fillings(rule, found)]
        if not any(s.get(p).status_code == 200 for p in paths for s in (world["owner"], world["owner_clinician"])):
            unreachable.append(rule.rule)
    assert unreachable == [], ("route_walk could not fill these rules with the owners' ids; add the argument's "
                               "table to route_walk.ALIASES: " + ", ".join(unreachable))


def test_routine_of_unlinked_clinician_is_hidden(world, login):
    """A spot check the walk also covers: the victim clinician's routine is 404 to outsiders, 200 to their patient."""
    path = f"/library/{world['routine_id']}"
    assert world["owner"].get(path).status_code == 200
    assert world["patient"]().get(path).status_code == 404


def test_sync_cannot_tick_another_patients_item(world):
    attacker = world["patient"]()
    item = world["item"]
    entry = entry_completion(item.id, date.today().isoformat(), item.slots[0])
    (result,) = attacker.post_json("/api/v1/sync", {"items": [entry]}).json["results"]
    assert result["status"] == "rejected" and "plan_item_id" in result["fields"]


def whole_database() -> dict:
    return {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in db.metadata.sorted_tables}


def test_no_view_is_exempt_from_csrf():
    assert not csrf._exempt_views and not csrf._exempt_blueprints


@pytest.mark.parametrize("who", ["owner", "anonymous"])
def test_every_write_needs_a_csrf_token(app, world, who):
    """Forms and JSON alike: without the token a state change is refused and the database is untouched."""
    session = world["owner"] if who == "owner" else world["anonymous"]()
    found = owned_rows(world["victims"])
    before = whole_database()
    tried = 0
    for rule in rules(app):
        for method in (m for m in methods(rule) if m in WRITE_METHODS):
            for values in fillings(rule, found)[:3]:
                path = url(app, rule, values)
                response = send(session, method, path, hostile_body(found, path.startswith("/api/")), with_token=False)
                tried += 1
                where = f"{who} {method} {path} -> {response.status_code}"
                assert response.status_code in (400, 401, 403), where
                if path.startswith("/api/") and response.status_code == 400:
                    assert response.json["error"] == "csrf", where
    assert tried >= 10
    db.session.expire_all()
    assert whole_database() == before
    # The same owner with the token does write, so it was the token that was missing.
    if who == "owner":
        item = world["item"]
        entry = entry_completion(item.id, "2026-01-06", item.slots[0])
        assert session.post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]["status"] == "created"


def agreed_view(session, patient_id: int, routine_id: int) -> dict:
    """What the patient reads of their plan: the day, the plan, the routine's page and the calendar feed."""
    session.client.application.extensions["day_cache"].clear()
    from app.models import User
    token = db.session.get(User, patient_id).calendar_token
    return {"today": session.get("/api/v1/today").get_data(as_text=True),
            "plan": session.get("/api/v1/plan").get_data(as_text=True),
            "routine": without_tokens(session.get(f"/library/{routine_id}").get_data(as_text=True)),
            "calendar": session.client.get(f"/calendar/{token}.ics").get_data(as_text=True)}


def test_a_removed_clinician_reaches_nothing_the_patient_follows(app, world):
    """The walk once more, as the victim's own clinician after the patient removed them: every rule, with the
    patient's and the clinician's real ids and a body that edits routines, applies templates and writes plans.
    The clinician may still change their own routines and templates; the patient's plan rows and what the patient
    reads (day, plan, routine page, calendar) stay exactly as agreed."""
    from app.models import CareLink, User
    from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
    patient = db.session.get(User, world["victims"][0])
    clinician = db.session.get(User, world["victims"][1])
    plan = plan_for(db.session, patient)
    routine = db.session.get(Routine, world["routine_id"])
    routine.steps = ["The step the patient agreed to."]
    save_version(db.session, plan, current_specs(db.session, plan) + [ItemSpec.from_routine(routine)], clinician)
    template = db.session.scalar(select(PlanTemplate).where(PlanTemplate.owner_id == clinician.id))
    template.items = [{"routine_id": routine.id, "days_mask": 127, "times": ["06:00"]}]
    db.session.commit()
    link_id = db.session.scalar(select(CareLink.id).where(CareLink.patient_id == patient.id))
    assert world["owner"].post(f"/settings/clinicians/{link_id}/remove").status_code == 303
    world["owner"].get("/settings/clinicians")  # shows the flash message, so the views below compare equal
    before_view = agreed_view(world["owner"], patient.id, routine.id)
    assert "The step the patient agreed to." in before_view["routine"] and ROUTINE in before_view["today"]

    former = world["owner_clinician"]
    former.token = csrf_from(former.client, "/clinician/routines")
    found = owned_rows(world["victims"])
    edits = {"kind": "exercise", "title": "Hijacked routine", "steps": "Hijacked step", "summary": "Hijacked",
             "template_id": template.id, "how": "replace", "name": "Stolen plan", "version_note": "hijack"}
    tried = 0
    for rule in rules(app):
        for values in fillings(rule, found):
            path = url(app, rule, values)
            for method in methods(rule):
                if rule.endpoint in ("auth.logout", "auth.logout_everywhere"):
                    continue  # they end only the caller's own sessions, which the walk still needs
                write = method in WRITE_METHODS
                before = snapshot([patient.id]) if write else None
                response = send(former, method, path, hostile_body(found, path.startswith("/api/")) | edits)
                tried += 1
                where = f"former clinician {method} {path} -> {response.status_code}"
                assert response.status_code < 500, where
                text = response.get_data(as_text=True)
                assert patient.email not in text and "Victoria Victimsdottir" not in text, where
                if write:
                    assert snapshot([patient.id]) == before, where
                if "patient_id" in rule.arguments:
                    assert denied(response, False), where
    assert tried > 40
    # The walk did reach the clinician's own routine: it was edited (a new routine replaced it) and archived.
    assert db.session.scalar(select(Routine.id).where(Routine.owner_id == clinician.id,
                                                      Routine.title == "Hijacked routine")) is not None
    assert agreed_view(world["owner"], patient.id, routine.id) == before_view
