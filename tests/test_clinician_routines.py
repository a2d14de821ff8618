"""The clinician's own routines: create, edit, archive; patients of that clinician can read them."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Routine
from helpers import link, make_user

GOOD = {"kind": "exercise", "title": "Wall angels", "summary": "Arms slide up a wall.",
        "steps": "Stand with your back to a wall.\n\nSlide both arms up slowly.\n", "reps": "8",
        "precautions": "Stop if your shoulder pinches.", "media_url": "https://clinic.example/wall-angels.mp4"}


def mine(clinician) -> list[Routine]:
    return list(db.session.scalars(select(Routine).where(Routine.owner_id == clinician.id)))


def test_create_edit_archive(login, clinician, patient):
    c = login(clinician)
    assert c.post("/clinician/routines/new", data=GOOD).status_code == 303
    (routine,) = mine(clinician)
    assert routine.steps == ["Stand with your back to a wall.", "Slide both arms up slowly."]
    assert (routine.reps, routine.media_url) == (8, "https://clinic.example/wall-angels.mp4")
    form = c.get(f"/clinician/routines/{routine.id}").get_data(as_text=True)
    assert "Stand with your back to a wall.\nSlide both arms up slowly." in form
    c.post(f"/clinician/routines/{routine.id}", data=GOOD | {"title": "Wall angels (slow)", "media_url": ""})
    db.session.refresh(routine)
    assert routine.title == "Wall angels (slow)" and routine.media_url is None

    link(clinician, patient)
    plan_page = c.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    assert "Exercise: Wall angels (slow)" in plan_page
    assert login(patient).get(f"/library/{routine.id}").status_code == 200

    c.post(f"/clinician/routines/{routine.id}/archive")
    db.session.refresh(routine)
    assert routine.archived
    assert "Exercise: Wall angels" not in c.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    assert "Restore" in c.get("/clinician/routines").get_data(as_text=True)


@pytest.mark.parametrize("bad, message", [
    ({"media_url": "http://clinic.example/x.mp4"}, "full https:// link"),
    ({"media_url": "javascript:alert(1)"}, "full https:// link"),
    ({"steps": "  \n "}, "at least one step"),
    ({"steps": "\n".join(["step"] * 21)}, "At most 20 steps"),
    ({"title": ""}, "This field is required"),
    ({"kind": "magic"}, "Not a valid choice"),
    ({"reps": "1000"}, "between 1 and 100"),
])
def test_routine_errors(login, clinician, bad, message):
    response = login(clinician).post("/clinician/routines/new", data=GOOD | bad)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Routine.id)).where(Routine.owner_id.is_not(None))) == 0


def test_builtins_and_others_routines_are_not_editable(login, clinician):
    builtin = db.session.scalar(select(Routine.id).where(Routine.owner_id.is_(None)))
    c = login(clinician)
    other = make_user("physio2@example.com", "clinician")
    login(other).post("/clinician/routines/new", data=GOOD)
    (theirs,) = mine(other)
    for rid in (builtin, theirs.id):
        assert c.get(f"/clinician/routines/{rid}").status_code == 404
        assert c.post(f"/clinician/routines/{rid}", data=GOOD | {"title": "Hijacked"}).status_code == 404
        assert c.post(f"/clinician/routines/{rid}/archive").status_code == 404
    db.session.refresh(theirs)
    assert theirs.title == "Wall angels" and not theirs.archived
    assert "Wall angels" not in c.get("/clinician/routines").get_data(as_text=True)
