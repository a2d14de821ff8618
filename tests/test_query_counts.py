"""SQL queries per request stay a small constant, whatever the size of the plan, the log or the batch."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.services.clock import local_today
from helpers import counting_queries, entry_checkin, entry_completion, give_plan, queries, query_plan, with_history

# The signed-in user is one query; the rest is the page's own work. The /today page also asks what changed
# in the plan since the patient last looked and whether a flare-up plan exists (two more), and which
# questionnaires are due (one more: schedules and last answers in one UNION).
# /today: the day (5) plus the due-questionnaire lookup, the sleep-diary card and the progression step (one each).
BOUNDS = {"/today": 8, "/api/v1/today": 3, "/api/v1/history": 3, "/api/v1/sync": 11}




@pytest.mark.parametrize("path", ["/today", "/api/v1/today", "/api/v1/history"])
def test_reads_are_constant_in_plan_and_history_size(login, patient, path):
    _, small_log = with_history(patient, 2, 1)
    s = login(patient)
    assert s.post_json("/api/v1/sync", {"items": small_log}).status_code == 200
    small = queries(s, path)
    _, big_log = with_history(db.session.merge(patient), 8,
                              30)  # a new version with four times the items, a month of log
    assert s.post_json("/api/v1/sync", {"items": big_log}).status_code == 200
    big = queries(s, path)
    assert small == big <= BOUNDS[path.split("?")[0]]


@pytest.mark.parametrize("revalidate", [False, True])
def test_a_repeat_today_is_only_the_user_load(login, patient, revalidate):
    """The day is cached under the patient's data version: asked again (or revalidated with its ETag), only the
    signed-in user is read."""
    _, log = with_history(patient, 8, 30)
    s = login(patient)
    assert s.post_json("/api/v1/sync", {"items": log}).status_code == 200
    assert queries(s, "/api/v1/today") <= BOUNDS["/api/v1/today"]
    headers = {"If-None-Match": s.get("/api/v1/today").headers["ETag"]} if revalidate else {}
    db.session.close()
    with counting_queries() as statements:
        response = s.get("/api/v1/today", headers=headers)
    assert response.status_code == (304 if revalidate else 200)
    assert len(statements) == 1 and "FROM users" in statements[0]


def test_today_queries_without_a_plan(login, patient):
    """The fallback path (no plan yet) reads the check-in on its own: still bounded."""
    assert queries(login(patient), "/api/v1/today") <= BOUNDS["/api/v1/today"]


def test_sync_queries_do_not_grow_with_the_batch(login, patient):
    version = give_plan(patient)
    s = login(patient)
    today = local_today(patient.timezone)

    def batch(first_day: int, days: int) -> list[dict]:
        entries = []
        for back in range(first_day, first_day + days):
            day = (today - timedelta(days=back)).isoformat()
            entries += [entry_completion(i.id, day, i.slots[0]) for i in version.items] + [entry_checkin(day)]
        return entries

    ten = queries(s, "/api/v1/sync", {"items": batch(0, 3)[:10]})
    hundred = queries(s, "/api/v1/sync", {"items": batch(10, 25)[:100]})
    assert ten == hundred <= BOUNDS["/api/v1/sync"]
    replay = batch(40, 25)[:100]
    queries(s, "/api/v1/sync", {"items": replay})
    assert queries(s, "/api/v1/sync", {"items": replay}) <= BOUNDS["/api/v1/sync"]  # all duplicates: no writes


def test_bulk_sync_stores_every_row_and_answers_each(login, patient):
    """The bulk insert path keeps the per-entry contract: one result each, later entry for a slot wins."""
    version = give_plan(patient)
    s = login(patient)
    day = local_today(patient.timezone).isoformat()
    item = version.items[0]
    now = datetime.now(UTC)  # device times later than the server's clock would be taken as the time of arrival
    early = entry_completion(item.id, day, "08:00", "skipped") | {"recorded_at": (now - timedelta(hours=2)).isoformat()}
    late = entry_completion(item.id, day, "08:00", "done") | {"recorded_at": (now - timedelta(hours=1)).isoformat()}
    results = s.post_json("/api/v1/sync", {"items": [early, late, entry_checkin(day, 4)]}).json["results"]
    assert [r["status"] for r in results] == ["created", "updated", "created"]
    body = s.get("/api/v1/today").json
    assert body["items"][0]["status"] == "done" and body["checkin"]["pain"] == 4
    history = s.get("/api/v1/history").json
    assert [c["client_id"] for c in history["completions"]] == [late["client_id"]]


def test_clinician_patient_page_is_constant_in_history_size(login, patient, clinician):
    """The bench once found 73 queries here: rows expired by the audit commit were reloaded one by one."""
    from helpers import add_flare, add_pain, add_treatment, link
    link(clinician, patient)
    _, small_log = with_history(patient, 2, 2)
    assert login(patient).post_json("/api/v1/sync", {"items": small_log}).status_code == 200
    physio = login(clinician)
    small = queries(physio, f"/clinician/patients/{patient.id}")
    _, big_log = with_history(db.session.merge(patient), 8, 25)
    assert login(patient).post_json("/api/v1/sync", {"items": big_log}).status_code == 200
    for ago in range(1, 25, 2):  # and a pain diary: the heat map, flares and insights read it in three queries
        add_pain(patient, ago, {"neck": 6, "hip_l": 3})
        add_flare(patient, ago + 0.5, 1)
        add_treatment(patient, ago, "Warm shower", 7)
    big = queries(physio, f"/clinician/patients/{patient.id}")
    assert small == big <= 24  # the plan, log, charts, diary (heat map), measures, sleep and progression panels


def sync_lookups(session, body: dict) -> list[tuple[str, object]]:
    """The SELECTs (with parameters) one sync sends to the log tables."""
    with counting_queries(with_parameters=True) as sent:
        assert session.post_json("/api/v1/sync", body).status_code == 200
    return [(statement, parameters) for statement, parameters in sent if statement.lstrip().startswith("SELECT")
            and re.search(r"FROM (completions|checkins|mode_changes)\b", statement)]


def full_scans(statement: str, parameters) -> list[str]:
    """Lines of the query plan that read a whole log table (or a whole index of one)."""
    scan = (r"SCAN (completions|checkins|mode_changes)\b" if db.engine.dialect.name == "sqlite" else
            r".*Seq Scan on (completions|checkins|mode_changes)\b")
    return [line for line in query_plan(statement, parameters) if re.match(scan, line)]


def test_sync_lookups_use_indexes(login, patient):
    """Each lookup of a batch (known client ids, stored slots, stored check-ins) is an index search, never a scan
    of the log: at a year of history per patient a scan would cost more than the whole sync."""
    version = give_plan(patient)
    day = local_today(patient.timezone).isoformat()
    batch = [entry_completion(i.id, day, i.slots[0]) for i in version.items] + [entry_checkin(day)]
    batch.append({"type": "mode", "client_id": str(uuid.uuid4()), "mode": "flare",
                  "recorded_at": f"{day}T10:00:00+00:00"})
    lookups = sync_lookups(login(patient), {"items": batch})
    assert len(lookups) >= 5  # client ids in three tables, stored slots, stored check-ins
    for statement, parameters in lookups:
        assert full_scans(statement, parameters) == [], statement
