"""First day: five questions propose a starter plan from built-in routines; the patient accepts or trims it."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import PlanVersion
from app.services.plans import starter
from helpers import give_plan

ANSWERS = {"area": "neck", "activity": "hardly", "sleep": "poor", "warmth": "heat", "times": ["morning", "evening"]}


def test_proposal_follows_the_answers():
    picks = starter.propose(starter.Answers("neck", "hardly", "poor", "heat", ("morning", "evening")))
    slugs = [p.slug for p in picks]
    assert slugs[:2] == ["neck-side-stretch", "chin-tuck"] and "heat-pack" in slugs and "screens-off" in slugs
    assert [p.time for p in picks] == sorted(p.time for p in picks)
    assert {p.time for p in picks} <= {"08:00", "19:00", "21:30"}  # no afternoon asked for
    good = starter.propose(starter.Answers("back", "active", "good", "cold", ("afternoon",)))
    assert "wind-down-routine" not in [p.slug for p in good] and "cold-compress" in [p.slug for p in good]
    assert {p.time for p in good} == {"13:00"}


def test_new_patient_answers_and_accepts_a_trimmed_plan(login, patient):
    s = login(patient)
    today = s.get("/today").get_data(as_text=True)
    assert "data-start-welcome" in today
    assert today.count('class="quick-pain"') == 11  # one 0-10 scale on the first screen, the full check-in folded
    assert '<details class="checkin-full">' in today
    proposal = s.post("/welcome", data=ANSWERS).get_data(as_text=True)
    picks = re.findall(r'name="pick" value="([^"]+)"', proposal)
    assert "neck-side-stretch@08:00" in picks and "heat-pack@19:00" in picks
    kept = [p for p in picks if not p.startswith("screens-off")]
    response = s.post("/welcome/accept", data={"pick": kept})
    assert response.status_code == 303 and response.headers["Location"].endswith("/today")
    version = db.session.scalar(select(PlanVersion))
    assert len(version.items) == len(kept) and all(i.routine.slug != "screens-off" for i in version.items)
    heat = next(i for i in version.items if i.routine.slug == "heat-pack")
    assert heat.minutes == heat.routine.minutes  # the library's usual (safe) duration comes with it
    walk = next(i for i in version.items if i.routine.slug == "gentle-walk")
    assert walk.minutes == starter.GENTLE_START_MINUTES < walk.routine.minutes  # hardly active: a shorter start
    assert s.get("/welcome").status_code == 302  # a plan exists: the questions are not asked again


def test_a_gentler_start_only_for_someone_hardly_active(login, patient):
    hardly = {p.slug: p for p in starter.propose(starter.Answers("back", "hardly", "good", "heat", ("morning",)))}
    some = {p.slug: p for p in starter.propose(starter.Answers("back", "some", "good", "heat", ("morning",)))}
    assert hardly["gentle-walk"].minutes == starter.GENTLE_START_MINUTES and some["gentle-walk"].minutes is None
    proposal = login(patient).post("/welcome", data=ANSWERS).get_data(as_text=True)
    assert f"gentle-walk@19:00@{starter.GENTLE_START_MINUTES}" in proposal
    assert f"{starter.GENTLE_START_MINUTES} min" in proposal  # the page shows the dose that will be saved


def test_only_picks_the_page_could_have_offered_are_saved(login, patient):
    s = login(patient)
    forged = ["gentle-walk@19:00@90", "gentle-walk@03:00", "heat-pack@19:00@5@x", "heat-pack"]
    response = s.post("/welcome/accept", data={"pick": forged})
    assert response.status_code == 303 and response.headers["Location"].endswith("/welcome")
    assert db.session.scalar(select(PlanVersion)) is None
    assert starter.Proposal.parse("heat-pack@19:00") == starter.Proposal("heat-pack", "19:00")


def test_unanswered_questions_are_named(login, patient):
    page = login(patient).post("/welcome", data={"area": "back"})
    # the three unanswered questions and the times of day
    assert page.status_code == 422 and page.get_data(as_text=True).count('class="field-error"') == 4


def test_patient_with_a_plan_is_not_asked(login, patient):
    give_plan(patient)
    assert login(patient).get("/welcome").status_code == 302
