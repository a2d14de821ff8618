"""A plan version holds what the patient agreed to follow (docs/architecture.md, "Plans hold what the patient agreed
to"). Written as attacks: a clinician the patient removed sends every write they still can, then the patient's day,
plan, calendar and export are compared with what they were."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, CareLink, PlanItem, PlanTemplate, PlanVersion, Routine
from app.services.plans import changes
from app.services.plans.versions import current_version, plan_for
from helpers import give_plan, item_form, link, make_user, without_tokens

EDIT = {"kind": "exercise", "title": "Hijacked angels", "steps": "Do something else entirely.", "reps": "30",
        "precautions": "Ignore the pain."}


def seen_by(w) -> dict:
    """Everything the patient reads that names their routines."""
    w.p.client.application.extensions["day_cache"].clear()
    export = w.p.get("/api/v1/export").json
    return {
        "today": w.p.get("/api/v1/today").get_data(as_text=True),
        "plan_api": w.p.get("/api/v1/plan").get_data(as_text=True),
        "plan": without_tokens(w.p.get("/plan").get_data(as_text=True)),
        "routine": without_tokens(w.p.get(f"/library/{w.own}").get_data(as_text=True)),
        "calendar": w.p.get(f"/calendar/{w.patient.calendar_token}.ics").get_data(as_text=True)
        .replace("\r\n ", ""),
        "export_items": json.dumps(export["plan_items"], sort_keys=True),
        "export_versions": len(export["plan_versions"]),
    }


def unlink(w) -> None:
    link_id = db.session.scalar(select(CareLink.id).where(CareLink.patient_id == w.patient.id))
    assert w.p.post(f"/settings/clinicians/{link_id}/remove").status_code == 303
    w.p.get("/settings/clinicians")  # shows the flash message, so pages before and after compare equal


def versions_of(patient) -> int:
    plan = plan_for(db.session, patient)
    return db.session.scalar(select(func.count(PlanVersion.id)).where(PlanVersion.plan_id == plan.id))


def test_a_removed_clinician_cannot_change_what_the_patient_follows(world, clinician):
    """Edit, archive, restore and every plan route after the patient removed the clinician: nothing reaches them."""
    unlink(world)  # the patient's "add a routine" list no longer offers the clinician's routines: seen after
    before = seen_by(world)
    assert "Wall angels" in before["today"] and "Wall angels" in before["calendar"]
    count = versions_of(world.patient)
    c, pid = world.c, world.patient.id
    key = world.items[0].key

    assert c.post(f"/clinician/routines/{world.own}", data=EDIT | {"version_note": "trust me"}).status_code == 303
    current = db.session.scalar(select(Routine).where(Routine.owner_id == clinician.id,
                                                      Routine.replaced_by_id.is_(None)))
    for routine_id in {world.own, current.id}:
        c.post(f"/clinician/routines/{routine_id}/archive")
        c.post(f"/clinician/routines/{routine_id}/archive")
    attacks = [
        ("post", f"/clinician/patients/{pid}/plan/apply", {"template_id": world.template, "how": "replace"}),
        ("post", f"/clinician/patients/{pid}/plan/standard/items", item_form("gentle-walk")),
        ("post", f"/clinician/patients/{pid}/plan/standard/items/{key}", item_form("gentle-walk", minutes="99")),
        ("post", f"/clinician/patients/{pid}/plan/standard/items/{key}/remove", {}),
        ("post", f"/clinician/patients/{pid}/plan/flare/copy", {}),
        ("post", f"/clinician/patients/{pid}/plan/rules", {"flare_pain_threshold": "1"}),
        ("post", f"/clinician/patients/{pid}/plan/save-template", {"name": "Stolen"}),
        ("get", f"/clinician/patients/{pid}/plan", None),
    ]
    for method, path, data in attacks:
        response = c.post(path, data=data) if method == "post" else c.get(path)
        assert response.status_code == 404, path

    after = seen_by(world)
    assert after == before
    for text in after.values():
        assert "Hijacked" not in str(text) and "something else" not in str(text)
    assert versions_of(world.patient) == count
    assert db.session.scalar(select(PlanTemplate.id).where(PlanTemplate.name == "Stolen")) is None
    assert plan_for(db.session, world.patient).flare_pain_threshold is None
    assert "Ignore the pain" not in world.p.get(f"/library/{world.own}").get_data(as_text=True)


def test_an_edit_reaches_linked_patients_as_a_new_version(world, login, clinician):
    """The clinician's edit: the linked patient gets a new version with the note in "What changed", the removed
    patient keeps the agreed text, and the clinician goes on editing one routine."""
    other = make_user("unlinked@example.com", "patient", name="Una Linked")
    link(clinician, other)
    version = give_plan(other, slugs=("gentle-walk",), times=("09:00",), author=clinician)
    plan = plan_for(db.session, other)
    from app.services.plans.versions import ItemSpec, current_specs, save_version
    own = db.session.get(Routine, world.own)
    save_version(db.session, plan, current_specs(db.session, plan) + [ItemSpec.from_routine(own)], clinician)
    db.session.commit()
    other_link = db.session.scalar(select(CareLink.id).where(CareLink.patient_id == other.id))
    assert login(other).post(f"/settings/clinicians/{other_link}/remove").status_code == 303
    other_before = seen_by(type(world)(p=login(other), patient=other, own=world.own))
    linked_versions = versions_of(world.patient)

    response = world.c.post(f"/clinician/routines/{world.own}", data=EDIT | {"title": "Wall angels (slow)",
                                                                            "version_note": "Slower, please."})
    assert response.status_code == 303
    new = db.session.scalar(select(Routine).where(Routine.owner_id == clinician.id,
                                                  Routine.replaced_by_id.is_(None)))
    old = db.session.get(Routine, world.own)
    assert new.id != old.id and old.replaced_by_id == new.id and old.title == "Wall angels"
    # The linked patient: one new version of the usual plan (the flare-up plan does not use the routine).
    assert versions_of(world.patient) == linked_versions + 1
    the_plan = plan_for(db.session, world.patient)
    current = current_version(db.session, the_plan, "standard")
    assert current.note == "Slower, please." and current.author_id == clinician.id
    assert {i.routine_id for i in current.items} >= {new.id} and old.id not in {i.routine_id for i in current.items}
    assert "Wall angels (slow)" in world.p.get("/api/v1/today").get_data(as_text=True)
    news = changes.unseen(db.session, the_plan, world.patient)
    assert [n.text for n in news.notes][-1] == "Slower, please."
    assert any(ch.title == "Wall angels (slow)" for ch in news.changes["standard"])
    today = world.p.get("/today").get_data(as_text=True)
    assert "Slower, please." in today
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.patient_id == world.patient.id, AuditEvent.action == "changed_plan")) >= 1
    # Ticks carry over: the item keeps its key.
    assert {i.key for i in current.items} == {i.key for i in world.items}
    # The removed patient: nothing changed.
    assert seen_by(type(world)(p=login(other), patient=other, own=world.own)) == other_before
    assert version.id == current_version(db.session, plan_for(db.session, other), "standard").id - 1
    # The clinician sees one routine, edits it again, and archives it; old plan versions are not touched.
    assert "1 patient will see what changed" in world.c.get("/clinician/routines").get_data(as_text=True)
    listing = world.c.get("/clinician/routines").get_data(as_text=True)
    assert listing.count("Wall angels") == 1 and "Wall angels (slow)" in listing
    assert world.c.get(f"/clinician/routines/{old.id}").status_code == 404
    assert world.c.post(f"/clinician/routines/{new.id}", data=EDIT | {"title": "Wall angels (v3)"}).status_code == 303
    assert db.session.scalar(select(func.count(PlanItem.id)).where(PlanItem.routine_id == old.id)) >= 2


def test_an_unused_routine_is_edited_in_place(login, clinician):
    c = login(clinician)
    assert c.post("/clinician/routines/new", data=EDIT).status_code == 303
    routine = db.session.scalar(select(Routine).where(Routine.owner_id == clinician.id))
    assert c.post(f"/clinician/routines/{routine.id}", data=EDIT | {"title": "Renamed"}).status_code == 303
    db.session.refresh(routine)
    assert routine.title == "Renamed" and routine.replaced_by_id is None


def test_templates_follow_the_edited_routine(world):
    own = db.session.get(Routine, world.own)
    template = db.session.get(PlanTemplate, world.template)
    template.items = [*template.items, {"routine_id": own.id, "days_mask": 127, "times": ["10:00"]}]
    db.session.commit()
    world.c.post(f"/clinician/routines/{own.id}", data=EDIT | {"title": "Wall angels (slow)"})
    db.session.refresh(template)
    new_id = db.session.get(Routine, own.id).replaced_by_id
    assert new_id and template.items[-1]["routine_id"] == new_id


@pytest.mark.parametrize("who", ["patient", "stranger"])
def test_the_agreed_routine_stays_readable_only_to_its_patient(world, login, who):
    """After unlinking, the patient still reads the routine their plan uses; other patients never do."""
    unlink(world)
    if who == "patient":
        assert world.p.get(f"/library/{world.own}").status_code == 200
    else:
        stranger = make_user("stranger@example.com", "patient")
        assert login(stranger).get(f"/library/{world.own}").status_code == 404


def test_the_patient_can_still_edit_an_item_whose_routine_was_archived(world):
    """Archiving does not stop the patient changing their own item's time."""
    world.c.post(f"/clinician/routines/{world.own}/archive")
    item = next(i for i in world.items if i.routine_id == world.own)
    response = world.p.post(f"/plan/items/{item.key}", data={
        "routine_id": world.own, "days": [str(d) for d in range(7)], "times": "11:00", "reps": "8"})
    assert response.status_code == 303
    current = current_version(db.session, plan_for(db.session, world.patient), "standard")
    assert next(i for i in current.items if i.key == item.key).slots == ["11:00"]


def test_a_clinician_who_edited_a_routine_can_delete_their_account(world, clinician):
    """The frozen and the new routine both stay for the plans that use them; the patient's day still works."""
    from helpers import PASSWORD
    assert world.c.post(f"/clinician/routines/{world.own}", data=EDIT | {"title": "Wall angels v2"}).status_code == 303
    response = world.c.post("/settings/privacy/delete", data={"password": PASSWORD, "phrase": "delete my account"})
    assert response.status_code in (302, 303)
    db.session.expire_all()
    titles = {r.title for r in db.session.scalars(select(Routine).where(Routine.id.in_(
        select(PlanItem.routine_id))))}
    assert {"Wall angels", "Wall angels v2"} <= titles
    assert "Wall angels v2" in world.p.get("/api/v1/today").get_data(as_text=True)
