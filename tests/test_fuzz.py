"""Bad input never earns a 500: hypothesis over the sync payload, every form and every query parameter."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extensions import limiter
from helpers import give_plan, link, make_user
from route_walk import discover_forms, fillings, methods, owned_rows, rules, url

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
NASTY = ["", " ", "\x00", "a\x00b", "x" * 5000, "é" * 2001, "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31",
         "-1", "0", "11", "99999999999999999999999", "-99999999999999999999", "1e308", "NaN", "inf", "3.5",
         "true", "null", "[]", "{}", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00",
         "\ud7ff", "08:00", "24:00", "25:61", "Europe/Berlin", "Mars/Olympus", "done", "flare", "patient", "admin",
         # extreme date-times, whitespace around exact formats, a lone surrogate
         "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999-23:59",
         "08:00\n", " 08:00", "2026-11-29\n", "\u00a02026-11-29", "done\n", "cleared"]
nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str),
                       st.floats(allow_nan=True, allow_infinity=True).map(str))
JSON_ONLY = ["\ud800", "\udfff"]  # lone surrogates: valid JSON escapes, unencodable in a query string
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from(NASTY + JSON_ONLY)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
# Values nested deeper than any sane client sends (unhashable lists and objects wherever a string belongs).
def nest(leaf, depth: int):
    for i in range(depth):
        leaf = [leaf] if i % 2 else {"k": leaf}
    return leaf


deep_values = st.builds(nest, st.sampled_from([[], {}, "x", 1]), st.integers(2, 200))
ENTRY_KEYS = ["client_id", "type", "plan_item_id", "date", "slot", "status", "pain_before", "pain_after", "note",
              "recorded_at", "pain", "stiffness", "fatigue", "sleep_hours", "sleep_quality", "mood", "mode"]


@pytest.fixture
def people(app, login):
    """A linked patient (with a plan) and clinician, logged in, with rate limits off so every form is reached."""
    limiter.enabled = False
    clinician, patient = make_user("c@example.com", "clinician"), make_user("p@example.com", "patient")
    link(clinician, patient)
    give_plan(patient, author=clinician)
    return {"patient": login(patient), "clinician": login(clinician), "ids": [patient.id, clinician.id]}


def entry_like():
    known = st.fixed_dictionaries({}, optional={k: json_values | nasty_text | deep_values for k in ENTRY_KEYS})
    typed = st.sampled_from(["completion", "checkin", "mode"]).flatmap(
        lambda kind: known.map(lambda d: d | {"type": kind}))
    return st.one_of(typed, json_values)


@FUZZ
@given(body=st.one_of(json_values, st.fixed_dictionaries({"items": st.lists(entry_like(), max_size=6)})))
def test_sync_survives_any_json(people, body):
    response = people["patient"].post_json("/api/v1/sync", body)
    assert response.status_code in (200, 400, 413), response.get_data(as_text=True)[:300]
    if response.status_code == 200:
        assert len(response.json["results"]) == len(body["items"])
    else:
        assert response.json["message"]


@FUZZ
@given(raw=st.binary(max_size=200))
def test_sync_survives_any_bytes(people, raw):
    s = people["patient"]
    response = s.client.post("/api/v1/sync", data=raw, content_type="application/json",
                             headers={"X-CSRFToken": s.token})
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]


CLASSICS = ["a\x00b", "x" * 5000, "9" * 25, "2026-02-30", "3.5e400"]


@pytest.fixture
def found_forms(app, people):
    """Every POST form on every page each person can open, with what a browser would send."""
    found = owned_rows(people["ids"])
    out = {who: {k: v for k, v in discover_forms(app, people[who], found).items()
                 if k[1] == "POST" and k[0] not in ("/logout", "/logout/everywhere")}
           for who in ("patient", "clinician")}
    return out


def test_forms_are_found(found_forms):
    assert {"/today/checkin", "/today/complete", "/plan/items", "/settings/profile",
            "/settings/privacy/password", "/settings/privacy/delete"} <= {a for a, _ in found_forms["patient"]}
    assert ("/settings/profile", "POST") in found_forms["clinician"]


def test_every_field_of_every_form_with_classic_bad_values(people, found_forms):
    """Each field in turn gets a NUL byte, 5,000 characters, a huge number, an impossible date...; the rest stay
    valid."""
    tried = 0
    for who, forms in found_forms.items():
        session = people[who]
        for (action, method), defaults in forms.items():
            for field in sorted(set(defaults) - {"csrf_token"}):
                for value in CLASSICS:
                    data = defaults | {field: value, "csrf_token": session.token}
                    response = session.client.open(action, method=method, data=data)
                    tried += 1
                    assert response.status_code < 500, f"{who} {action} {field}={value[:20]!r}"
    assert tried > 100


@FUZZ
@given(data=st.data())
def test_every_form_survives_random_values(people, found_forms, data):
    """Random values and wrong types (lists, unknown fields) in a few fields of otherwise valid input."""
    who = data.draw(st.sampled_from(sorted(found_forms)))
    (action, method), defaults = data.draw(st.sampled_from(sorted(found_forms[who].items())))
    names = sorted(set(defaults) - {"csrf_token"}) or ["x"]
    bad = data.draw(st.dictionaries(st.sampled_from(names) | st.text(min_size=1, max_size=8),
                                    nasty_text | st.lists(nasty_text, max_size=3), min_size=1, max_size=3))
    session = people[who]
    response = session.client.open(action, method=method, data=defaults | bad | {"csrf_token": session.token})
    assert response.status_code < 500, f"{who} {action} {bad!r}"


QUERY_NAMES = ["date", "from", "to", "format", "next", "page", "week", "days", "q", "kind", "limit", "id"]


def get_targets(app, found) -> list[str]:
    return [url(app, rule, values) for rule in rules(app) if "GET" in methods(rule) and rule.endpoint != "static"
            for values in fillings(rule, found)[:2]]


@FUZZ
@given(data=st.data())
def test_every_query_parameter_survives(app, people, data):
    """Impossible dates, huge numbers and NUL bytes in query strings on every GET route, for everyone."""
    path = data.draw(st.sampled_from(get_targets(app, owned_rows(people["ids"]))))
    query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES) | st.text(min_size=1, max_size=8), nasty_text,
                                      min_size=1, max_size=4))
    who = data.draw(st.sampled_from(["patient", "clinician", "anonymous"]))
    client = app.test_client() if who == "anonymous" else people[who].client
    response = client.get(path, query_string=query)
    assert response.status_code < 500, f"{who} {path} {query!r}"


@FUZZ
@given(data=st.data())
def test_path_arguments_survive_nonsense(app, people, data):
    """Huge numbers and odd strings in path arguments (ids, keys, tokens) answer 404, never 500."""
    rule = data.draw(st.sampled_from([r for r in rules(app) if r.arguments and r.endpoint != "static"]))
    raw = {arg: data.draw(st.sampled_from(["99999999999999999999", "2147483648", "-1", "0", "%00", "a" * 300,
                                           "..%2f", "é"])) for arg in rule.arguments}
    path = rule.rule
    for arg, value in raw.items():
        path = path.replace(f"<{arg}>", value)
        path = re.sub(rf"<[^:>]+:{arg}>", value, path)
    for method in methods(rule):
        if method == "GET":
            response = people["patient"].client.get(path)
        else:
            response = people["patient"].client.open(path, method=method, data={"csrf_token": people["patient"].token})
        assert response.status_code < 500, f"{method} {path}"


def test_nul_in_a_form_gets_a_clear_answer(people):
    session = people["patient"]
    response = session.post("/settings/profile", data={"display_name": "Pat\x00", "timezone": "UTC"})
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    assert session.get("/api/v1/today", query_string={"date": "2026-01-01\x00"}).json["error"] == "bad_request"


def test_nul_in_a_path_argument_is_refused_not_500(client):
    """Found by the path fuzzer on PostgreSQL: a NUL in the calendar token reached the query."""
    response = client.get("/calendar/%00.ics")
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)


def deep_json(depth: int) -> str:
    return '{"items": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("depth", [990, 5000, 20000])
@pytest.mark.parametrize("path", ["/api/v1/sync", "/api/v1/push/subscriptions"])
def test_json_nested_thousands_deep_is_400_not_500(people, path, depth):
    """Attack: a body nested thousands deep. Python's parser raises RecursionError, which was a 500."""
    s = people["patient"]
    response = s.client.post(path, data=deep_json(depth), content_type="application/json",
                             headers={"X-CSRFToken": s.token})
    assert response.status_code in (400, 422) and response.json["message"], response.get_data(as_text=True)[:200]


def test_body_over_the_limit_is_413_json_and_form(app, people):
    """Attack: a body larger than MAX_CONTENT_LENGTH, as JSON to the API and as a form to a page."""
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    s = people["patient"]
    big = "x" * (65 * 1024)
    api = s.client.post("/api/v1/sync", data='{"items": [], "pad": "' + big + '"}', content_type="application/json",
                        headers={"X-CSRFToken": s.token})
    assert api.status_code == 413 and api.json["error"] == "too_large"
    form = s.client.post("/today/checkin", data={"csrf_token": s.token, "note": big, "pain": "3"})
    assert form.status_code == 413 and "<html" in form.get_data(as_text=True).lower()
    within = s.post_json("/api/v1/sync", {"items": []})
    assert within.status_code == 200
