"""Graded progression end to end: a physio's rule, baselines, a proposed step on Today, accepting it (a new plan
version, once), keeping it, holding in a flare-up, goals on Progress, the player and pacing pages."""
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import ModeChange, PlanVersion, ProgressionProposal, ProgressionRule, User
from app.services.clock import local_today
from app.services.plans.versions import current_version, plan_for
from app.services.progression import store
from helpers import backdate, give_plan, link, make_user, tick

RULE = {"field": "minutes", "step_kind": "percent", "step": "10", "every_weeks": "1", "min_adherence": "80",
        "floor": "5", "ceiling": "30", "start_share": "80"}


def walk_item(patient):
    version = current_version(db.session, plan_for(db.session, patient), "standard")
    return next(i for i in version.items if i.routine.slug == "gentle-walk")


def setup_rule(login, patient, clinician, days_done=7, status="done"):
    """A linked patient walking 15 min a day for the last week, with a weekly 10 % rule set a week ago."""
    link(clinician, patient)
    version = give_plan(patient, slugs=("gentle-walk",), times=("09:00",), author=clinician)
    backdate(version, 10)
    item = walk_item(patient)
    for ago in range(1, days_done + 1):
        tick(patient, item, ago, status)
    c = login(clinician)
    assert c.post(f"/clinician/patients/{patient.id}/progression/rules",
                  data={**RULE, "item_key": item.key}).status_code == 303
    rule = db.session.scalar(select(ProgressionRule).where(ProgressionRule.patient_id == patient.id))
    rule.start_date = local_today(patient.timezone) - timedelta(days=7)
    db.session.commit()
    return c, item, rule


def versions_count(patient) -> int:
    return db.session.scalar(select(func.count()).select_from(PlanVersion)
                             .where(PlanVersion.plan_id == plan_for(db.session, patient).id))


def test_a_good_week_proposes_a_step_and_accepting_twice_writes_one_version(login, patient, clinician):
    c, item, rule = setup_rule(login, patient, clinician)
    p = login(patient)
    html = p.get("/today").get_data(as_text=True)
    assert "Next week: Gentle walk 17 min, up from 15 min." in html
    proposal = db.session.scalar(select(ProgressionProposal))
    assert (proposal.kind, proposal.status, proposal.adherence) == ("up", "proposed", 1.0)
    before = versions_count(patient)
    version_marker = db.session.get(User, patient.id).data_version
    assert p.post(f"/progression/{proposal.id}/accept").status_code == 303
    assert p.post(f"/progression/{proposal.id}/accept").status_code == 303   # a double tap / replay
    db.session.expire_all()
    assert versions_count(patient) == before + 1
    assert walk_item(patient).minutes == 17
    newest = current_version(db.session, plan_for(db.session, patient), "standard")
    assert "up from 15 min" in newest.note and newest.author_id == patient.id
    assert db.session.get(User, patient.id).data_version != version_marker   # Today's cache sees it
    assert db.session.get(ProgressionProposal, proposal.id).status == "accepted"
    assert "up from 15 min" in p.get("/plan/history").get_data(as_text=True)
    assert "Next week" not in p.get("/today").get_data(as_text=True)
    page = c.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "15 → 17" in page and "accepted" in page


def test_keeping_records_kept_and_changes_nothing(login, patient, clinician):
    setup_rule(login, patient, clinician)
    p = login(patient)
    p.get("/progression")
    proposal = db.session.scalar(select(ProgressionProposal))
    before = versions_count(patient)
    assert p.post(f"/progression/{proposal.id}/keep").status_code == 303
    assert p.post(f"/progression/{proposal.id}/accept").status_code == 303   # too late: already decided
    db.session.expire_all()
    assert db.session.get(ProgressionProposal, proposal.id).status == "kept"
    assert versions_count(patient) == before and walk_item(patient).minutes == 15


def test_a_flare_up_week_holds_the_dose(login, patient, clinician):
    setup_rule(login, patient, clinician)
    db.session.add(ModeChange(client_id="00000000-0000-4000-8000-000000000001", patient_id=patient.id, mode="flare",
                              reason="patient switched", at=datetime.now(UTC) - timedelta(days=3)))
    db.session.commit()
    html = login(patient).get("/today").get_data(as_text=True)
    assert "Next week" not in html
    proposal = db.session.scalar(select(ProgressionProposal))
    assert (proposal.status, proposal.flare, proposal.to_dose) == ("held_for_flare", True, 15)


def test_low_adherence_holds_and_three_stalled_periods_show_on_the_dashboard(login, patient, clinician):
    c, item, rule = setup_rule(login, patient, clinician, days_done=2)
    login(patient).get("/progression")
    assert db.session.scalar(select(ProgressionProposal.status)) == "held"
    for weeks in (1, 2):  # two more periods without a step (nothing logged in them)
        store.evaluate(db.session, patient, local_today(patient.timezone) + timedelta(days=7 * weeks))
        db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ProgressionProposal)) == 3
    html = c.get("/clinician").get_data(as_text=True)
    assert "no step for 3 periods in a row" in html


def test_baseline_counts_partly_as_half_and_shows_beside_the_dose(login, patient, clinician):
    link(clinician, patient)
    give_plan(patient, slugs=("gentle-walk",), times=("09:00",), author=clinician)
    item = walk_item(patient)
    for ago, status in ((1, "done"), (2, "partial"), (3, "partial"), (4, "skipped")):
        tick(patient, item, ago, status)
    html = login(clinician).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert '<span data-prescribed>15 min</span>' in html
    assert '<span data-baseline>7.5 min</span>' in html   # 15, 7.5, 7.5 -> median 7.5


def test_a_rule_can_start_at_a_share_of_the_baseline(login, patient, clinician):
    link(clinician, patient)
    give_plan(patient, slugs=("gentle-walk",), times=("09:00",), author=clinician)
    item = walk_item(patient)
    for ago in (1, 2, 3):
        tick(patient, item, ago)
    c = login(clinician)
    c.post(f"/clinician/patients/{patient.id}/progression/rules",
           data={**RULE, "item_key": item.key, "from_baseline": "yes"})
    db.session.expire_all()
    assert walk_item(patient).minutes == 12   # 80 % of 15
    assert "80% of the baseline" in current_version(db.session, plan_for(db.session, patient), "standard").note


def test_a_bad_rule_is_refused_and_another_physio_cannot_set_one(login, patient, clinician):
    c, item, rule = setup_rule(login, patient, clinician)
    c.post(f"/clinician/patients/{patient.id}/progression/rules", data={**RULE, "item_key": item.key,
                                                                      "floor": "40", "ceiling": "30"})
    db.session.expire_all()
    kept = db.session.get(ProgressionRule, rule.id)
    assert (kept.floor, kept.ceiling) == (5, 30)
    other = login(make_user(role="clinician"))
    assert other.post(f"/clinician/patients/{patient.id}/progression/rules",
                      data={**RULE, "item_key": item.key}).status_code == 404


def test_goals_show_on_progress_with_the_steps_that_moved_them(login, patient, clinician):
    setup_rule(login, patient, clinician)
    p = login(patient)
    p.get("/progression")
    item = walk_item(patient)
    assert p.post("/progression/goals", data={"text": "Walk the dog for 20 minutes", "activity": "Walking",
                                              "item_key": item.key}).status_code == 303
    proposal = db.session.scalar(select(ProgressionProposal))
    p.post(f"/progression/{proposal.id}/accept")
    html = p.get("/progress").get_data(as_text=True)
    assert "Walk the dog for 20 minutes" in html and "15 min → 17 min" in html
    assert p.post("/progression/goals", data={"text": "x"}).status_code == 303   # too short: refused
    assert "Write your goal" in p.get("/progression").get_data(as_text=True)


def test_api_lists_rules_and_steps(login, patient, clinician):
    setup_rule(login, patient, clinician)
    body = login(patient).get("/api/v1/progression").get_json()
    (row,) = body["items"]
    assert row["field"] == "minutes" and row["prescribed"] == 15 and row["baseline"] == 15
    assert row["rule"]["ceiling"] == 30 and row["steps"][0]["status"] == "proposed" and row["steps"][0]["to"] == 17


def test_player_and_pacing_pages(login, patient):
    give_plan(patient, slugs=("gentle-walk", "heat-pack"), times=("09:00", "19:00"))
    p = login(patient)
    version = current_version(db.session, plan_for(db.session, patient), "standard")
    walk, heat = version.items
    today = p.get("/today").get_data(as_text=True)
    assert f'/player/{walk.id}?date=' in today and "data-player-link" in today
    html = p.get(f"/player/{walk.id}?date=2026-11-30&slot=09:00").get_data(as_text=True)
    assert 'data-player="routine"' in html and "/learn/red-flags" in html and "js/player.js" in html
    assert '"minutes": 15' in html and 'name="pain_before"' in html
    heat_html = p.get(f"/player/{heat.id}").get_data(as_text=True)
    assert "Safe duration" in heat_html and "Stop reminder" in heat_html
    assert "js/player.js" not in today   # only the player page loads it
    other = make_user()
    other_version = give_plan(other, slugs=("gentle-walk",))
    assert p.get(f"/player/{other_version.items[0].id}").status_code == 404
    assert p.get("/pacing").status_code == 200 and 'data-player="pacing"' in p.get("/pacing").get_data(as_text=True)


def test_an_accepted_step_ends_a_stall(login, patient, clinician):
    from app.services.progression.overview import stalled
    c, item, rule = setup_rule(login, patient, clinician, days_done=2)
    today = local_today(patient.timezone)
    for weeks in (0, 1, 2):
        store.evaluate(db.session, patient, today + timedelta(days=7 * weeks))
    db.session.commit()
    assert stalled(db.session, [patient], today) == [(patient, 3)]
    newest = db.session.scalars(select(ProgressionProposal).order_by(ProgressionProposal.period_start.desc())).first()
    newest.status = "accepted"
    db.session.commit()
    assert stalled(db.session, [patient], today) == []
