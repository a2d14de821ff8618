"""Adding a routine to a plan: the routine page's link preselects it, and its usual dose is filled in
(issue 15 item 3), on the server for a plain form; the page script only repeats it as the routine changes."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Routine
from app.services.plans.versions import current_version, plan_for
from helpers import item_form, routine_id


def selected(html: str) -> str:
    return re.search(r'<option selected value="(\d+)"|<option value="(\d+)" selected', html).group(0)


def input_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', match.group(0)) if match else None
    return value.group(1) if value else None


def test_add_to_my_plan_preselects_that_routine_with_its_usual_dose(login, patient):
    p = login(patient)
    cat_cow = db.session.scalar(select(Routine).where(Routine.slug == "cat-cow"))
    page = p.get(f"/library/{cat_cow.id}").get_data(as_text=True)
    link = re.search(r'href="([^"]*)"[^>]*>\s*Add to my plan', page) or re.search(
        r'<a class="btn" href="([^"]*#add)"', page)
    assert link and f"routine={cat_cow.id}" in link.group(1)
    form = p.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert f'value="{cat_cow.id}"' in selected(form)
    assert input_value(form, "reps") == str(cat_cow.reps) and input_value(form, "sets") == str(cat_cow.sets)
    assert f'"{cat_cow.id}":{{"sets":{cat_cow.sets}' in form.replace("&#34;", '"')  # the script's data


def test_a_routine_the_patient_may_not_use_is_not_preselected(login, patient, clinician):
    theirs = Routine(owner_id=clinician.id, kind="exercise", title="Not linked", reps=9)
    db.session.add(theirs)
    db.session.commit()
    form = login(patient).get(f"/plan?routine={theirs.id}").get_data(as_text=True)
    assert "Not linked" not in form and input_value(form, "reps") in (None, "")


def test_a_heat_pack_without_a_duration_gets_the_safe_one(login, patient):
    p = login(patient)
    assert p.post("/plan/items", data=item_form("heat-pack")).status_code == 303
    assert p.post("/plan/items", data=item_form("cold-compress", sets="1")).status_code == 303
    assert p.post("/plan/items", data=item_form("cat-cow")).status_code == 303
    items = {i.routine.slug: i for i in current_version(db.session, plan_for(db.session, patient)).items}
    assert items["heat-pack"].minutes == db.session.get(Routine, routine_id("heat-pack")).minutes == 15
    assert items["cold-compress"].minutes == 10 and items["cold-compress"].sets == 1
    cat_cow = db.session.get(Routine, routine_id("cat-cow"))
    assert items["cat-cow"].dose == cat_cow.dose


def test_the_clinician_gets_the_usual_dose_too(world):
    response = world.c.post(f"/clinician/patients/{world.patient.id}/plan/standard/items", data=item_form("heat-pack"))
    assert response.status_code == 303
    version = current_version(db.session, plan_for(db.session, world.patient))
    assert version.items[-1].minutes == 15
    assert "data-usual-doses" in world.c.get(f"/clinician/patients/{world.patient.id}/plan").get_data(as_text=True)
