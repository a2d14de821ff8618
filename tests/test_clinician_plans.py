"""The clinician edits a linked patient's plan: every change a version with author, note and "what changed"."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.formatting import dose_text
from app.models import Plan, PlanVersion
from helpers import events, give_plan, link, make_user, routine_id, tick


@pytest.fixture
def plan_v1(clinician, patient):
    """Linked patient with a plan the patient wrote and has seen."""
    link(clinician, patient)
    return give_plan(patient)


def item_form(routine: str, **fields) -> dict:
    return {"routine_id": routine_id(routine), "days": [str(d) for d in range(7)], "times": "08:00"} | fields


def current(patient, variant="standard") -> PlanVersion:
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    db.session.refresh(plan)
    return db.session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.variant == variant)
                              .order_by(PlanVersion.number.desc())).first()


def test_dose_change_makes_a_version_the_patient_sees(login, clinician, patient, plan_v1):
    walk = plan_v1.items[1]
    done = tick(patient, walk, 0)
    c = login(clinician)
    page = c.get(f"/clinician/patients/{patient.id}/plan/standard/items/{walk.key}")
    assert page.status_code == 200 and "Note to Pat Patient (optional)" in page.get_data(as_text=True)
    response = c.post(f"/clinician/patients/{patient.id}/plan/standard/items/{walk.key}",
                      data=item_form("gentle-walk", times="12:30", minutes="25",
                                     version_note="Try 25 minutes, flat route."))
    assert response.status_code == 303
    version = current(patient)
    assert (version.number, version.author_id, version.note) == (2, clinician.id, "Try 25 minutes, flat route.")
    changed = next(i for i in version.items if i.key == walk.key)
    assert changed.minutes == 25 and changed.id != walk.id
    db.session.refresh(done)
    assert done.plan_item_id == walk.id  # the tick still points at the version it was made against
    assert [e.action for e in events(patient.id) if e.action != "viewed_overview"] == ["viewed_plan", "changed_plan"]

    p = login(patient)
    today = p.get("/today").get_data(as_text=True)
    assert "What changed in your plan" in today and "Try 25 minutes, flat route." in today
    assert f"Gentle walk</strong><span class=\"change-detail\">Dose: {dose_text(walk.dose)} → 25 min" in today
    item = today[today.index(f'data-key="{walk.key}"'):]
    assert '<p class="dose">25 min</p>' in item[:item.index("</li>")]
    assert p.post("/today/seen", data={"version_id": version.id}).status_code == 303
    assert "What changed" not in p.get("/today").get_data(as_text=True)


def test_what_changed_lists_added_removed_and_changed(login, clinician, patient, plan_v1):
    c = login(clinician)
    c.post(f"/clinician/patients/{patient.id}/plan/standard/items", data=item_form("slow-breathing", minutes="5"))
    c.post(f"/clinician/patients/{patient.id}/plan/standard/items/{plan_v1.items[0].key}/remove",
           data={"version_note": "Drop this one for now."})
    c.post(f"/clinician/patients/{patient.id}/plan/standard/items/{plan_v1.items[2].key}",
           data=item_form("heat-pack", days=["0", "2", "4"], times="19:00", minutes="15"))
    html = login(patient).get("/today").get_data(as_text=True)
    section = html[html.index("data-what-changed"):html.index("</section>", html.index("data-what-changed"))]
    assert "Added</span>" in section and "Slow breathing" in section
    assert "Removed</span>" in section and "Knee-to-chest back stretch" in section
    assert "Days: Every day → Mon, Wed, Fri" in section and "Drop this one for now." in section
    assert "3 changes from Dr Physio" in section


def test_patient_own_edits_are_not_news(login, patient, plan_v1):
    p = login(patient)
    p.post(f"/plan/items/{plan_v1.items[0].key}/remove")
    assert "What changed" not in p.get("/today").get_data(as_text=True)


def test_seen_marker_only_takes_own_versions(login, clinician, patient, plan_v1):
    other = make_user("other@example.com")
    theirs = give_plan(other, author=clinician)
    p = login(patient)
    assert p.post("/today/seen", data={"version_id": theirs.id}).status_code == 404
    assert p.post("/today/seen", data={"version_id": "x"}).status_code == 404
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    assert plan.patient_seen_version_id is None


def test_invalid_item_is_422_and_saves_nothing(login, clinician, patient, plan_v1):
    c = login(clinician)
    for bad in ({"times": "25:00"}, {"days": []}, {"minutes": "-3"}, {"version_note": "x" * 2001},
                {"routine_id": "999999"}):
        response = c.post(f"/clinician/patients/{patient.id}/plan/standard/items",
                          data=item_form("gentle-walk") | bad)
        assert response.status_code == 422
    assert db.session.scalar(select(func.count(PlanVersion.id))) == 1


def test_clinician_starts_a_plan_from_nothing(login, clinician):
    person = make_user(name="New Nora")
    link(clinician, person)
    c = login(clinician)
    assert "has no plan yet" in c.get(f"/clinician/patients/{person.id}/plan").get_data(as_text=True)
    c.post(f"/clinician/patients/{person.id}/plan/standard/items",
           data=item_form("gentle-walk", minutes="10", version_note="Welcome! Start gently."))
    html = login(person).get("/today").get_data(as_text=True)
    assert "Welcome! Start gently." in html and "Gentle walk" in html


def test_history_shows_author_and_changes(login, clinician, patient, plan_v1):
    c = login(clinician)
    c.post(f"/clinician/patients/{patient.id}/plan/standard/items/{plan_v1.items[1].key}",
           data=item_form("gentle-walk", times="12:30", minutes="20"))
    html = c.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    assert "Version 2" in html and "Dr Physio" in html and "Pat Patient" in html
    assert f"Dose: {dose_text(plan_v1.items[1].dose)} → 20 min" in html


def test_templates_from_scratch_and_from_a_plan(login, clinician, patient, plan_v1):
    c = login(clinician)
    response = c.post("/clinician/templates", data={"name": "Sleep reset", "description": "Evenings"})
    assert response.status_code == 303
    template_url = response.location
    c.post(template_url, data=item_form("wind-down-routine", times="21:30", minutes="30"))
    c.post(template_url, data=item_form("gentle-walk", times="10:00", minutes="30"))
    c.post(template_url, data=item_form("screens-off", times="21:00", minutes="60"))
    c.post(template_url + "/items/2/remove")
    assert "Sleep reset" in c.get("/clinician/templates").get_data(as_text=True)
    template_id = int(template_url.rsplit("/", 1)[1])
    walk_key = plan_v1.items[1].key
    c.post(f"/clinician/patients/{patient.id}/plan/apply", data={"template_id": template_id, "how": "replace"})
    version = current(patient)
    assert sorted(i.routine.title for i in version.items) == ["Gentle walk", "Wind-down routine"]
    walk = next(i for i in version.items if i.routine.title == "Gentle walk")
    assert walk.key == walk_key and walk.minutes == 30  # same routine keeps its key: "dose changed"
    c.post(f"/clinician/patients/{patient.id}/plan/apply", data={"template_id": template_id, "how": "add"})
    assert len(current(patient).items) == 4
    saved = c.post(f"/clinician/patients/{patient.id}/plan/save-template", data={"name": "Pat's mix"})
    assert saved.status_code == 303
    assert "Wind-down routine" in c.get(saved.location).get_data(as_text=True)


def test_apply_someone_elses_template_is_refused(login, clinician, patient, plan_v1):
    other = make_user("physio2@example.com", "clinician")
    response = login(other).post("/clinician/templates", data={"name": "Theirs"})
    theirs = int(response.location.rsplit("/", 1)[1])
    c = login(clinician)
    c.post("/clinician/templates", data={"name": "Mine"})
    result = c.post(f"/clinician/patients/{patient.id}/plan/apply", data={"template_id": theirs, "how": "replace"},
                    follow_redirects=True)
    assert "Not a valid choice" in result.get_data(as_text=True)
    assert current(patient).number == 1
    assert c.get(f"/clinician/templates/{theirs}").status_code == 404
    assert c.post(f"/clinician/templates/{theirs}/delete").status_code == 404
