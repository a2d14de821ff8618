"""GET routes of the JSON API: shapes from shared API.md and clear errors."""
from __future__ import annotations

import pytest

from app.services.clock import local_today
from helpers import entry_checkin, entry_completion, give_plan


def test_me(login, patient):
    body = login(patient).get("/api/v1/me").json
    assert body["id"] == patient.id
    assert (body["email"], body["display_name"], body["role"], body["timezone"]) == (
        "patient@example.com", "Pat Patient", "patient", "Europe/London")


def test_today_shape(login, patient):
    version = give_plan(patient)
    s = login(patient)
    day = local_today(patient.timezone).isoformat()
    s.post_json("/api/v1/sync", {"items": [entry_completion(version.items[0].id, day, "08:00"), entry_checkin(day, 3)]})
    body = s.get("/api/v1/today").json
    assert body["date"] == day
    assert body["plan"] == {"id": version.plan_id, "version": 1, "version_id": version.id, "mode": "standard"}
    first = body["items"][0]
    assert first["plan_item_id"] == version.items[0].id and first["slot"] == "08:00" and first["status"] == "done"
    assert first["routine"]["kind"] == "exercise" and set(first["dose"]) == {"sets", "reps", "hold_seconds", "minutes"}
    assert [i["status"] for i in body["items"][1:]] == [None, None]
    assert body["checkin"]["pain"] == 3


def test_today_without_plan(login, patient):
    body = login(patient).get("/api/v1/today").json
    assert body["plan"] is None and body["items"] == []


@pytest.mark.parametrize("query", ["date=2026-02-30", "date=tomorrow", "date=" + "9" * 50, "date=2026-1-1"])
def test_today_bad_date_is_400(login, patient, query):
    response = login(patient).get(f"/api/v1/today?{query}")
    assert response.status_code == 400 and response.json["fields"] == {"date": response.json["fields"]["date"]}


def test_history_range(login, patient):
    version = give_plan(patient)
    s = login(patient)
    s.post_json("/api/v1/sync", {"items": [entry_completion(version.items[0].id, "2026-11-01", "08:00"),
                                           entry_checkin("2026-11-02", 4), entry_checkin("2026-10-01", 7)]})
    body = s.get("/api/v1/history?from=2026-11-01&to=2026-11-30").json
    assert [c["date"] for c in body["completions"]] == ["2026-11-01"]
    assert [c["pain"] for c in body["checkins"]] == [4]


@pytest.mark.parametrize("query, field", [("from=2026-12-01&to=2026-11-01", "from"),
                                          ("from=2020-01-01&to=2026-01-01", "from"),
                                          ("to=2026-13-01", "to"), ("from=%00", "from")])
def test_history_bad_range(login, patient, query, field):
    response = login(patient).get(f"/api/v1/history?{query}")
    assert response.status_code == 400 and field in response.json["fields"]


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/today", "/api/v1/plan", "/api/v1/history"])
def test_anonymous_api_is_401_json(client, path):
    response = client.get(path)
    assert response.status_code == 401 and response.is_json and response.json["error"] == "unauthenticated"


def test_unknown_api_route_is_404_json(login, patient):
    response = login(patient).get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_csrf_endpoint_gives_a_working_token(login, patient):
    s = login(patient)
    token = s.get("/api/v1/csrf").json["csrf_token"]
    response = s.client.post("/api/v1/sync", json={"items": []}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json == {"results": []}
