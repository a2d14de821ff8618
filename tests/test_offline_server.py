"""Server side of the offline PWA: what the worker precaches, the manifest's install extras, sync details."""
from __future__ import annotations

import json
import struct
import uuid
from datetime import date, timedelta

from app.config import ROOT
from helpers import counting_queries, entry_checkin, entry_completion, give_plan, make_user

DAY = "2026-11-20"


def worker(client) -> str:
    return client.get("/service_worker.js").get_data(as_text=True)


def test_worker_precaches_the_shell_and_loads_the_outbox(client, app):
    source = worker(client)
    shell = json.loads(source.split("const SHELL = ", 1)[1].split(";", 1)[0])
    prefix = f"/static/{app.config['ASSET_VERSION']}/"
    for path in ("css/app.css", "js/app.js", "js/outbox.js", "js/today.js", "icons/favicon.svg", "icons/icon-192.png"):
        assert prefix + path in shell
    assert not any("screenshots" in p for p in shell), "screenshots are for install UI only, not first-visit transfer"
    for path in shell:
        assert client.get(path).status_code == 200, path
    assert 'importScripts(SHELL.find((path) => path.endsWith("/js/outbox.js")))' in source
    assert '"inoplan-outbox"' in source  # Background Sync tag


def test_one_outbox_the_worker_has_no_copy_of_its_own(client, app):
    """sw_push.js (a second outbox that dropped rejected entries, sent phone-only fields and ignored the owner)
    is gone: the worker loads outbox.js once, as the pages do, and only outbox.js opens the IndexedDB outbox."""
    assert not (ROOT / "static/js/sw_push.js").exists()
    source = worker(client)
    assert "sw_push" not in source
    assert source.count("importScripts(") == 1
    assert "indexedDB" not in source and "/api/v1/sync" not in source
    assert "Outbox.queue(" in source  # a notification's "Done" enters the outbox the way a page's write does
    assert client.get(f"/static/{app.config['ASSET_VERSION']}/js/sw_push.js").status_code == 404
    scripts = {p.name: p.read_text() for p in (ROOT / "static/js").glob("*.js")}
    assert [name for name, text in scripts.items() if "indexedDB" in text] == ["outbox.js"]
    assert [name for name, text in scripts.items() if 'import "./outbox.js"' in text] == ["sync.js"]
    readers = [name for name, text in scripts.items() if "InoplanOutbox" in text and name != "outbox.js"]
    assert readers == ["sync.js"]  # the pages' one way in; the others import `outbox` and `queue` from it


def test_no_module_exports_mutable_state(client):
    """Modules share functions and frozen values; none hands out a Set, Map, array or object for others to change."""
    import re

    for path in (ROOT / "static/js").glob("*.js"):
        text = path.read_text()
        assert not re.search(r"^export\s+(let|var)\b", text, re.M), path.name
        mutable = r"^export\s+const\s+\w+\s*=\s*(new\s+(Set|Map|Array|Object)\b|\[|\{)"
        assert not re.search(mutable, text, re.M), path.name


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_manifest_has_narrow_screenshots_of_the_declared_size_and_shortcuts(client):
    data = client.get("/manifest.json").get_json()
    assert data["id"] and data["scope"] == "/"
    assert len(data["screenshots"]) >= 1
    for shot in data["screenshots"]:
        response = client.get(shot["src"])
        assert response.status_code == 200 and shot["form_factor"] == "narrow" and shot["label"]
        assert "x".join(map(str, png_size(response.data))) == shot["sizes"] == "390x844"
    shortcuts = {s["short_name"]: s["url"] for s in data["shortcuts"]}
    assert shortcuts == {"Today": "/today", "Check-in": "/today#checkin"}


def test_csrf_endpoint_names_the_session_owner(login, patient):
    body = login(patient).get("/api/v1/csrf").get_json()
    assert body["user_id"] == patient.id and body["csrf_token"]


def test_device_time_and_offset_come_back_as_recorded(login, patient):
    items = give_plan(patient).items
    s = login(patient)
    tick = entry_completion(items[0].id, DAY, "08:00") | {"recorded_at": f"{DAY}T08:14:03+01:00"}
    check = entry_checkin(DAY) | {"recorded_at": f"{DAY}T21:05:00-05:00"}
    answer = s.post_json("/api/v1/sync", {"items": [tick, check]}).json
    assert [r["status"] for r in answer["results"]] == ["created"] * 2
    history = s.get(f"/api/v1/history?from={DAY}&to={DAY}").get_json()
    assert history["completions"][0]["recorded_at"] == f"{DAY}T08:14:03+01:00"
    assert history["checkins"][0]["recorded_at"] == f"{DAY}T21:05:00-05:00"


def test_two_switches_at_the_same_instant_settle_the_same_whatever_the_order(login):
    at = f"{DAY}T10:00:00+00:00"
    flare = {"client_id": str(uuid.uuid4()), "type": "mode", "mode": "flare", "recorded_at": at}
    standard = flare | {"client_id": str(uuid.uuid4()), "mode": "standard"}
    modes = []
    for order in ([standard, flare], [flare, standard]):
        patient = make_user()
        give_plan(patient)
        s = login(patient)
        s.post_json("/api/v1/sync", {"items": order})
        modes.append(s.get("/api/v1/plan").get_json()["mode"])
    assert modes == ["standard", "standard"]


def test_static_js_is_small_and_has_no_inline_handlers():
    for path in (ROOT / "static" / "js").glob("*.js"):
        text = path.read_text()
        assert len(text.splitlines()) <= 200, path.name
        assert "innerHTML" not in text and "eval(" not in text, path.name


def test_sync_reads_do_not_grow_with_the_batch(login, patient):
    """A batch is loaded in a fixed number of reads; writes are at most one per stored row."""
    items = give_plan(patient).items
    s = login(patient)

    def statements(n: int, first_day: date) -> tuple[int, int]:
        days = [(first_day + timedelta(days=i)).isoformat() for i in range(n)]
        batch = [entry_completion(items[i % 3].id, d, "08:00") for i, d in enumerate(days)] + [
            entry_checkin(d) for d in days]
        with counting_queries() as sent:
            results = s.post_json("/api/v1/sync", {"items": batch}).json["results"]
        seen = [statement.lstrip().split()[0].upper() for statement in sent]
        assert [r["status"] for r in results] == ["created"] * 2 * n
        return seen.count("SELECT"), seen.count("INSERT") + seen.count("UPDATE")

    small_reads, _ = statements(3, date(2025, 1, 1))
    reads, writes = statements(120, date(2025, 6, 1))
    assert reads == small_reads <= 8
    assert writes <= 240
