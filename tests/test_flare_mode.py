"""The flare-up variant: the clinician writes it and a pain rule; the patient switches in one tap; the clinician
sees why."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import FlareEpisode, ModeChange, Plan
from app.services.clock import local_today
from helpers import entry_checkin, give_plan, link


@pytest.fixture
def with_flare(login, clinician, patient):
    """Linked patient; the clinician made a flare-up plan (copy, then one item removed) and a pain rule of 7."""
    link(clinician, patient)
    version = give_plan(patient, author=clinician)
    c = login(clinician)
    assert c.post(f"/clinician/patients/{patient.id}/plan/flare/copy").status_code == 303
    flare_page = c.get(f"/clinician/patients/{patient.id}/plan/flare").get_data(as_text=True)
    heat_key = version.items[2].key
    assert f'data-key="{heat_key}"' in flare_page
    c.post(f"/clinician/patients/{patient.id}/plan/flare/items/{heat_key}/remove")
    assert c.post(f"/clinician/patients/{patient.id}/plan/rules", data={"flare_pain_threshold": "7"}).status_code == 303
    return c


def plan_of(patient) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == patient.id))
    db.session.refresh(plan)
    return plan


def mode_form(html: str) -> dict:
    """The fields of the switch Today shows (both directions are drawn, the other one hidden, for an instant flip),
    as a browser would send them: without the disabled ones."""
    forms = [f[:f.index("</form>")] for f in html.split('data-outbox="mode"')[1:]]
    shown = [f for f in forms if " hidden>" not in f[:f.index(">") + 1]]
    assert len(shown) == 1
    inputs = [i for i in re.findall(r"<input[^>]*>", shown[0]) if " disabled" not in i]
    return dict(re.search(r'name="(\w+)" value="([^"]*)"', i).groups() for i in inputs)


def test_switch_by_suggestion_and_back(login, patient, with_flare):
    p = login(patient)
    quiet = p.get("/today").get_data(as_text=True)
    assert "Flare-up? Use my gentler plan" in quiet and "Your pain is" not in quiet
    news = re.search(r'name="version_id" value="(\d+)"', quiet).group(1)
    p.post("/today/seen", data={"version_id": news})  # "what changed" would list every item; dismiss it
    day = local_today(patient.timezone).isoformat()
    p.post_json("/api/v1/sync", {"items": [entry_checkin(day, 8)]})
    html = p.get("/today").get_data(as_text=True)
    assert "Your pain is 8 out of 10" in html and "pain is 7 or more" in html
    fields = mode_form(html)
    assert fields["mode"] == "flare" and fields["suggested_by_pain"] == "8" and uuid.UUID(fields["client_id"])
    assert p.post("/today/mode", data=fields).status_code == 303
    assert plan_of(patient).mode == "flare"
    assert p.post("/today/mode", data=fields).status_code == 303  # a replay (double tap, outbox retry)
    changes = db.session.scalars(select(ModeChange).where(ModeChange.patient_id == patient.id)).all()
    assert [(m.mode, m.reason) for m in changes] == [("flare", "suggested by pain 8")]

    flare_day = p.get("/today").get_data(as_text=True)
    assert "Flare-up plan is on" in flare_day and "Heat pack" not in flare_day
    back = mode_form(flare_day)
    assert back["mode"] == "standard"
    p.post("/today/mode", data=back)
    assert plan_of(patient).mode == "standard"
    assert "Heat pack" in p.get("/today").get_data(as_text=True)
    reasons = [m.reason for m in db.session.scalars(select(ModeChange).order_by(ModeChange.at))]
    assert reasons == ["suggested by pain 8", "patient switched"]


def test_clinician_sees_when_and_why(login, clinician, patient, with_flare):
    p = login(patient)
    p.post("/today/mode", data=mode_form(p.get("/today").get_data(as_text=True)))
    page = with_flare.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "Flare-up plan on · patient switched" in page and "Flare-up plan on</span>" in page
    assert "flare_mode" in with_flare.get("/api/v1/patients").json[0]["reasons"]
    summary = with_flare.get(f"/api/v1/patients/{patient.id}/summary").json
    assert summary["mode"] == "flare" and summary["flare_pain_threshold"] == 7
    assert [m["reason"] for m in summary["mode_changes"]] == ["patient switched"]


def test_pain_below_threshold_suggests_nothing(login, patient, with_flare):
    p = login(patient)
    p.post_json("/api/v1/sync", {"items": [entry_checkin(local_today(patient.timezone).isoformat(), 6)]})
    assert "Your pain is" not in p.get("/today").get_data(as_text=True)


def test_no_flare_plan_no_switch(login, clinician, patient):
    link(clinician, patient)
    give_plan(patient)
    p = login(patient)
    assert 'data-outbox="mode"' not in p.get("/today").get_data(as_text=True)
    response = p.post("/today/mode", data={"client_id": str(uuid.uuid4()), "mode": "flare"}, follow_redirects=True)
    assert "no flare-up variant" in response.get_data(as_text=True)
    assert plan_of(patient).mode == "standard"
    assert db.session.scalar(select(ModeChange.id)) is None


def test_mode_through_sync_is_logged_and_order_safe(login, patient, with_flare):
    p = login(patient)
    later = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "flare", "suggested_by_pain": 9,
             "recorded_at": "2026-11-20T09:00:00+01:00"}
    earlier = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "standard",
               "recorded_at": "2026-11-20T08:00:00+01:00"}
    results = p.post_json("/api/v1/sync", {"items": [later, earlier]}).json["results"]
    assert [r["status"] for r in results] == ["created", "superseded"]
    again = p.post_json("/api/v1/sync", {"items": [later]}).json["results"]
    assert again[0]["status"] == "duplicate"
    assert plan_of(patient).mode == "flare"
    assert [m.reason for m in db.session.scalars(select(ModeChange))] == ["suggested by pain 9"]
    same = later | {"client_id": str(uuid.uuid4()), "recorded_at": "2026-11-20T10:00:00+01:00"}
    assert p.post_json("/api/v1/sync", {"items": [same]}).json["results"][0]["status"] == "updated"
    assert db.session.scalar(select(func.count(ModeChange.id))) == 1  # already in flare mode: nothing logged
    bad = p.post_json("/api/v1/sync", {"items": [later | {"client_id": str(uuid.uuid4()),
                                                          "suggested_by_pain": 11}]}).json["results"]
    assert bad[0]["status"] == "rejected" and "suggested_by_pain" in bad[0]["fields"]


def test_bad_threshold_is_refused(login, patient, with_flare):
    response = with_flare.post(f"/clinician/patients/{patient.id}/plan/rules", data={"flare_pain_threshold": "11"},
                               follow_redirects=True)
    assert "between 1 and 10" in response.get_data(as_text=True)
    assert plan_of(patient).flare_pain_threshold == 7
    with_flare.post(f"/clinician/patients/{patient.id}/plan/rules", data={"flare_pain_threshold": ""})
    assert plan_of(patient).flare_pain_threshold is None


def ago(hours: int) -> str:
    """A device time `hours` ago, with the offset a phone in Berlin sends."""
    return (datetime.now(UTC) - timedelta(hours=hours)).astimezone(ZoneInfo("Europe/Berlin")).isoformat()


def episodes(patient) -> list[FlareEpisode]:
    return db.session.scalars(select(FlareEpisode).where(FlareEpisode.patient_id == patient.id)
                              .order_by(FlareEpisode.start)).all()


def test_the_switch_starts_a_flare_episode_unless_unticked_and_switching_back_ends_it(login, patient, with_flare):
    p = login(patient)
    html = p.get("/today").get_data(as_text=True)
    assert "Also start a flare-up episode in my diary" in html
    fields = mode_form(html)
    assert fields["mode"] == "flare" and fields["start_flare"] == "y"  # ticked unless the patient unticks it
    assert uuid.UUID(fields["flare_client_id"]) != uuid.UUID(fields["client_id"])  # a write of its own
    page = p.post("/today/mode", data=fields, follow_redirects=True).get_data(as_text=True)
    assert "Your diary notes a flare-up episode from now." in page
    [episode] = episodes(patient)
    assert episode.client_id == fields["flare_client_id"] and episode.end is None
    p.post("/today/mode", data=fields)  # a replay (double tap) makes no second episode
    assert len(episodes(patient)) == 1

    # The diary adds what came before it; switching back keeps that and ends the episode.
    p.post_json("/api/v1/sync", {"items": [{"client_id": str(uuid.uuid4()), "of": episode.client_id,
                                            "type": "flare", "start": episode.start.isoformat(),
                                            "triggers": ["weather"], "note": "after the long drive"}]})
    back_page = p.get("/today").get_data(as_text=True)
    assert "Also end the flare-up episode in my diary" in back_page
    back = mode_form(back_page)
    assert back["mode"] == "standard" and back["end_flare"] == "y" and "start_flare" not in back
    p.post("/today/mode", data=back)
    [ended] = episodes(patient)
    db.session.refresh(ended)
    assert plan_of(patient).mode == "standard" and ended.end is not None
    assert ended.triggers == ["weather"] and ended.note == "after the long drive"

    # Unticked: the plan switches, the diary is left alone.
    again = mode_form(p.get("/today").get_data(as_text=True))
    del again["start_flare"]
    p.post("/today/mode", data=again)
    assert plan_of(patient).mode == "flare" and len(episodes(patient)) == 1


def test_an_episode_already_open_is_not_started_twice(login, patient, with_flare):
    p = login(patient)
    yesterday, now = ago(hours=24), ago(hours=0)
    opened = {"client_id": str(uuid.uuid4()), "type": "flare", "start": yesterday, "recorded_at": yesterday}
    assert p.post_json("/api/v1/sync", {"items": [opened]}).json["results"][0]["status"] == "created"
    html = p.get("/today").get_data(as_text=True)
    assert "A flare-up episode is already open in your diary." in html
    fields = mode_form(html)
    assert "start_flare" not in fields  # drawn for the script, but disabled and hidden
    p.post("/today/mode", data=fields | {"start_flare": "y"})  # even when asked (an old page): not a second one
    assert [e.client_id for e in episodes(patient)] == [opened["client_id"]]
    # Through the sync (another phone, an outbox): a second open episode is superseded, a replay a duplicate.
    second = {"client_id": str(uuid.uuid4()), "type": "flare", "start": now, "recorded_at": now}
    results = p.post_json("/api/v1/sync", {"items": [second, opened]}).json["results"]
    assert [r["status"] for r in results] == ["superseded", "duplicate"]
    assert len(episodes(patient)) == 1


def test_the_switch_and_its_episode_through_the_sync_are_replay_safe(login, patient, with_flare):
    """What the phone's outbox sends: a mode entry and a flare entry, each with its own client id, sent again."""
    p = login(patient)
    at = ago(hours=2)
    mode = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "flare", "recorded_at": at}
    start = {"client_id": str(uuid.uuid4()), "type": "flare", "start": at, "end": None, "triggers": [],
             "helped": "", "note": "", "recorded_at": at}
    later = ago(hours=1)
    back = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "standard", "recorded_at": later}
    end = start | {"client_id": str(uuid.uuid4()), "of": start["client_id"], "end": later, "recorded_at": later}
    first = p.post_json("/api/v1/sync", {"items": [mode, start]}).json["results"]
    assert [r["status"] for r in first] == ["created", "created"]
    replay = p.post_json("/api/v1/sync", {"items": [mode, start, mode, start]}).json["results"]
    assert {r["status"] for r in replay} == {"duplicate"}
    assert plan_of(patient).mode == "flare" and len(episodes(patient)) == 1
    assert [r["status"] for r in p.post_json("/api/v1/sync", {"items": [back, end]}).json["results"]] == \
        ["created", "updated"]
    assert {r["status"] for r in p.post_json("/api/v1/sync", {"items": [end, back, start]}).json["results"]} <= \
        {"duplicate", "superseded"}
    [episode] = episodes(patient)
    assert plan_of(patient).mode == "standard" and episode.end is not None


@pytest.mark.parametrize("language, field", [("en", "Entry"), ("de", "Eintrag")])
def test_a_diary_entry_the_switch_could_not_make_is_named_the_way_people_read_it(login, patient, with_flare,
                                                                                language, field):
    p = login(patient)
    fields = mode_form(p.get("/today").get_data(as_text=True)) | {"flare_client_id": "not-a-uuid"}
    page = p.post("/today/mode", data=fields, headers={"Accept-Language": language},
                  follow_redirects=True).get_data(as_text=True)
    assert plan_of(patient).mode == "flare" and episodes(patient) == []
    [said] = re.findall(r"(?:The diary could not follow|Das Tagebuch konnte nicht folgen)[^<]*", page)
    assert f": {field} " in said and "client_id" not in said
