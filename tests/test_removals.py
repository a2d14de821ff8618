"""Removing a routine the physiotherapist prescribed (issue 15 item 15): the patient is asked why, can undo it,
and the physio sees it on their dashboard."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Completion, ItemRemoval
from app.services.plans.versions import current_version, plan_for
from helpers import entry_completion, give_plan, item_form


def keys(patient) -> list[str]:
    return [i.key for i in current_version(db.session, plan_for(db.session, patient)).items]


def test_a_prescribed_routine_needs_a_reason_and_can_be_undone(world, clinician):
    walk = world.items[1]
    page = world.p.get("/plan").get_data(as_text=True)
    assert "Why are you removing it?" in page and "It hurts or makes my pain worse" in page

    response = world.p.post(f"/plan/items/{walk.key}/remove", data={})
    assert response.status_code == 422 and "Please tell your physiotherapist why." in response.get_data(as_text=True)
    assert walk.key in keys(world.patient)

    # A tick made today still counts after undo: the item keeps its key.
    assert world.p.post_json("/api/v1/sync", {"items": [entry_completion(walk.id, world.day, walk.slots[0])]}
                             ).json["results"][0]["status"] == "created"
    assert world.p.post(f"/plan/items/{walk.key}/remove",
                        data={"reason": "hurts", "note": "Knee aches after 5 minutes"}).status_code == 303
    assert walk.key not in keys(world.patient)
    dashboard = world.c.get("/clinician").get_data(as_text=True)
    assert "Routines your patients removed" in dashboard
    assert "Gentle walk, It hurts or makes my pain worse (Knee aches after 5 minutes)" in " ".join(dashboard.split())

    plan_page = world.p.get("/plan").get_data(as_text=True)
    removal = db.session.scalar(select(ItemRemoval))
    assert f"/plan/removals/{removal.id}/undo" in plan_page and "You removed Gentle walk." in plan_page
    assert world.p.post(f"/plan/removals/{removal.id}/undo").status_code == 303
    assert walk.key in keys(world.patient)
    restored = next(i for i in current_version(db.session, plan_for(db.session, world.patient)).items
                    if i.key == walk.key)
    assert (restored.routine_id, restored.slots, restored.dose) == (walk.routine_id, walk.slots, walk.dose)
    assert "Routines your patients removed" not in world.c.get("/clinician").get_data(as_text=True)
    assert '"status":"done"' in world.p.get("/api/v1/today").get_data(as_text=True).replace(" ", "")
    assert db.session.scalar(select(Completion.id)) is not None
    assert world.p.post(f"/plan/removals/{removal.id}/undo").status_code == 404  # once


def test_the_patients_own_routine_is_removed_without_questions(login, patient):
    give_plan(patient)
    p = login(patient)
    assert p.post("/plan/items", data=item_form("slow-breathing")).status_code == 303
    own = keys(patient)[-1]
    assert p.post(f"/plan/items/{own}/remove").status_code == 303
    assert own not in keys(patient) and db.session.scalar(select(ItemRemoval.id)) is None


def test_others_cannot_undo_or_see_a_removal(world, login, clinician):
    from helpers import make_user
    world.p.post(f"/plan/items/{world.items[1].key}/remove", data={"reason": "no_time"})
    removal = db.session.scalar(select(ItemRemoval))
    stranger = make_user("stranger@example.com", "patient")
    give_plan(stranger)
    assert login(stranger).post(f"/plan/removals/{removal.id}/undo").status_code == 404
    other_physio = make_user("physio2@example.com", "clinician")
    assert "Routines your patients removed" not in login(other_physio).get("/clinician").get_data(as_text=True)
    assert removal.undone_at is None


def test_the_reason_is_the_patients_data(world):
    world.p.post(f"/plan/items/{world.items[1].key}/remove", data={"reason": "hurts", "note": "private-knee-3f"})
    assert "private-knee-3f" in world.p.get("/api/v1/export").get_data(as_text=True)
    assert "private-knee-3f" not in world.c.get("/api/v1/export").get_data(as_text=True)
