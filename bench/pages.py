"""SQL queries per request for every page and JSON read a patient or a physio opens, found in the URL map.

Every GET rule without arguments, or whose only argument is a patient id (filled with the bench patient's), is
requested twice through the test client as the patient or, under /clinician and /api/v1/patients, as the
clinician; the second request is counted. Sign-in pages, static files and the service worker are left out.
"""
from __future__ import annotations

from flask import Flask

from .inprocess import Session, counting

SKIP = ("/static", "/login", "/logout", "/register", "/reset-password", "/invite", "/offline", "/manifest.json",
        "/service_worker.js", "/bench/")


def pages(app: Flask, patient_id: int) -> list[str]:
    adapter = app.url_map.bind("localhost")
    paths = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        required = rule.arguments - set(rule.defaults or {})
        if "GET" not in rule.methods or rule.rule.startswith(SKIP) or not required <= {"patient_id"}:
            continue
        paths.append(adapter.build(rule.endpoint, {"patient_id": patient_id} if "patient_id" in rule.arguments
                                   else {}))
    return list(dict.fromkeys(paths))


def is_clinician_page(path: str) -> bool:
    return path.startswith(("/clinician", "/api/v1/patients"))


def queries_everywhere(app: Flask, patient: str, clinician: str, patient_id: int) -> list[tuple[str, str]]:
    """(path, queries or the status it answered) for every page found."""
    sessions = {False: Session(app, patient), True: Session(app, clinician)}
    out = []
    for path in pages(app, patient_id):
        session = sessions[is_clinician_page(path)]
        session.get(path)  # warm: first-request work (caches, compiled statements) is not per request
        with counting(app) as statements:
            reply = session.get(path)
        out.append((path, str(len(statements)) if reply.status_code == 200 else f"({reply.status_code})"))
    return out
