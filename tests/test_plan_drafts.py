"""One update, not many (issue 15 item 14): a physio collects changes in a draft and sends them once with one note;
the patient sees one compact "What changed" card, and dose changes read "15 min → 20 min" in their history too."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import PlanDraft, PlanVersion
from app.services.plans.versions import current_version, plan_for
from helpers import item_form


def count_versions(patient) -> int:
    plan = plan_for(db.session, patient)
    return db.session.scalar(select(func.count(PlanVersion.id)).where(PlanVersion.plan_id == plan.id))


def card(html: str) -> str:
    start = html.index("data-what-changed")
    return html[start:html.index("</section>", start)]


def test_a_draft_is_sent_once_with_one_note(world, clinician):
    pid, c, p = world.patient.id, world.c, world.p
    knee, walk, heat = world.items[0], world.items[1], world.items[2]
    newest = db.session.scalar(select(func.max(PlanVersion.id)))
    assert p.post("/today/seen", data={"version_id": newest}).status_code == 303
    before = count_versions(world.patient)
    base = f"/clinician/patients/{pid}/plan/standard"
    assert c.post(f"{base}/draft").status_code == 303
    assert c.post(f"{base}/items/{walk.key}", data=item_form("gentle-walk", minutes="25")).status_code == 303
    assert c.post(f"{base}/items", data=item_form("slow-breathing", minutes="5")).status_code == 303
    assert c.post(f"{base}/items/{knee.key}/remove", data={}).status_code == 303
    editor = c.get(f"/clinician/patients/{pid}/plan").get_data(as_text=True)
    assert "Draft: 3 changes not sent" in editor and "Send to" in editor
    # Nothing reached the patient yet, and the patient keeps editing their own plan meanwhile.
    assert count_versions(world.patient) == before
    assert "What changed" not in p.get("/today").get_data(as_text=True)
    assert "Slow breathing" not in p.get("/api/v1/plan").get_data(as_text=True)
    mine = item_form("heat-pack", times="20:15", minutes="15")
    assert p.post(f"/plan/items/{heat.key}", data=mine).status_code == 303

    assert c.post(f"{base}/draft/send", data={"version_note": "Three small changes, all at once."}).status_code == 303
    assert db.session.scalar(select(func.count(PlanDraft.id))) == 0
    assert count_versions(world.patient) == before + 2  # the patient's own edit, and one from the physio
    version = current_version(db.session, plan_for(db.session, world.patient), "standard")
    assert version.author_id == clinician.id and version.note == "Three small changes, all at once."
    by_key = {i.key: i for i in version.items}
    assert knee.key not in by_key and by_key[walk.key].minutes == 25 and by_key[heat.key].slots == ["20:15"]
    assert "Slow breathing" in {i.routine.title for i in version.items}

    html = card(p.get("/today").get_data(as_text=True))
    assert f"3 changes from {clinician.display_name}" in html
    assert "Gentle walk 15 min → 25 min" in html and "+ Slow breathing" in html
    assert html.count("Three small changes, all at once.") == 1
    assert "<details" in html and "<summary" in html


def test_a_dose_change_reads_old_to_new_in_the_history_flare_included(world):
    pid, c = world.patient.id, world.c
    flare = current_version(db.session, plan_for(db.session, world.patient), "flare").items[0]
    assert world.p.post("/today/seen", data={"version_id": db.session.scalar(select(func.max(PlanVersion.id)))})
    base = f"/clinician/patients/{pid}/plan/flare"
    assert c.post(f"{base}/draft").status_code == 303
    assert c.post(f"{base}/items/{flare.key}", data=item_form(
        "knee-to-chest-stretch", sets="1", hold_seconds="20")).status_code == 303
    assert c.post(f"{base}/draft/send", data={"version_note": ""}).status_code == 303
    history = world.p.get("/plan/history").get_data(as_text=True)
    flare_part = history[history.index("Flare-up plan"):]
    assert "Dose: 2 sets · hold 20 s → 1 set · hold 20 s" in flare_part
    text = re.sub(r"<[^>]+>", "", card(world.p.get("/today").get_data(as_text=True)))
    assert "1 change from Dr Physio: flare-up plan: Knee-to-chest back stretch 2 sets · hold 20 s → 1 set" in text


def test_a_discarded_draft_changes_nothing(world):
    pid, c = world.patient.id, world.c
    before = world.p.get("/api/v1/plan").get_data(as_text=True)
    base = f"/clinician/patients/{pid}/plan/standard"
    c.post(f"{base}/draft")
    c.post(f"{base}/items/{world.items[1].key}", data=item_form("gentle-walk", minutes="99"))
    assert c.post(f"{base}/draft/discard").status_code == 303
    assert world.p.get("/api/v1/plan").get_data(as_text=True) == before
    assert c.post(f"{base}/draft/send", data={}).status_code == 404
