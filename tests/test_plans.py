"""A self-managed plan built from the library; every edit is a new version."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import PlanVersion, Routine
from helpers import give_plan


def routine_id(slug: str) -> int:
    return db.session.scalar(select(Routine.id).where(Routine.slug == slug))


def add(session, **fields):
    data = {"routine_id": routine_id("gentle-walk"), "days": ["0", "2", "4"], "times": "10:30", "minutes": "15"}
    return session.post("/plan/items", data=data | fields)


def test_patient_builds_plan_from_library(login, patient):
    s = login(patient)
    assert add(s).status_code == 303
    assert add(s, routine_id=routine_id("heat-pack"), days=["0", "1", "2", "3", "4", "5", "6"],
               times="19:00, 07:15").status_code == 303
    plan = s.get("/api/v1/plan").json
    assert plan["standard"]["number"] == 2
    walk, heat = plan["standard"]["items"]
    assert walk["days"] == [0, 2, 4] and walk["times"] == ["10:30"] and walk["dose"]["minutes"] == 15
    assert heat["times"] == ["07:15", "19:00"]


@pytest.mark.parametrize("fields, message", [
    ({"days": []}, "Choose at least one day"),
    ({"times": "25:00"}, "24-hour times"),
    ({"times": ""}, "This field is required"),
    ({"minutes": "0"}, "between 1 and 240"),
    ({"sets": "abc"}, "Not a valid integer"),
    ({"routine_id": "999999"}, "Not a valid choice"),
])
def test_plan_item_errors(login, patient, fields, message):
    response = add(login(patient), **fields)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(PlanVersion.id))) == 0


def test_edit_and_remove_keep_history(login, patient):
    version = give_plan(patient)
    s = login(patient)
    key = version.items[1].key
    response = s.post(f"/plan/items/{key}", data={"routine_id": version.items[1].routine_id, "days": ["5", "6"],
                                                  "times": "11:00", "minutes": "20"})
    assert response.status_code == 303
    assert s.post(f"/plan/items/{version.items[0].key}/remove").status_code == 303
    plan = s.get("/api/v1/plan").json["standard"]
    assert plan["number"] == 3 and len(plan["items"]) == 2
    walk = next(i for i in plan["items"] if i["key"] == key)
    assert walk["days"] == [5, 6] and walk["dose"]["minutes"] == 20
    history = s.get("/plan/history").get_data(as_text=True)
    assert "Version 1" in history and "Version 3" in history


def test_unknown_item_key_is_404(login, patient):
    give_plan(patient)
    assert login(patient).post("/plan/items/nope/remove").status_code == 404


def test_library_pages(login, patient):
    s = login(patient)
    html = s.get("/library").get_data(as_text=True)
    assert "Heat pack" in html and "Sleep" in html
    assert "Take care" in s.get(f"/library/{routine_id('heat-pack')}").get_data(as_text=True)
    assert s.get("/library/999999").status_code == 404
