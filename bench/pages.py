"""SQL queries per request for every page and JSON read a patient or a physio opens, found in the URL map.

Every GET rule without arguments, or whose only argument is a patient id (filled with the bench patient's) or the
other person of a conversation (`user_id`: the clinician for the patient, the patient for the clinician), is
requested twice, and the second request is counted. Pages under /clinician and /api/v1/patients are asked as the
clinician; a page that refuses the patient (403: alerts, clinics, sharing with a clinic) is asked again as the
clinician; the inbox and conversations are asked from both sides, and `/api/v1/messages` with `?with=` the other
person. Sign-in and administrator pages, static files and the service worker are left out.
"""
from __future__ import annotations

from flask import Flask

from .inprocess import Session, counting

SKIP = ("/static", "/login", "/logout", "/register", "/reset-password", "/invite", "/offline", "/manifest.json",
        "/service_worker.js", "/bench/", "/admin")
PATIENT, CLINICIAN = "patient", "clinician"


def pages(app: Flask, patient_id: int, clinician_id: int) -> list[tuple[str, str]]:
    """(path, who asks first) for every page found."""
    adapter = app.url_map.bind("localhost")
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        required = rule.arguments - set(rule.defaults or {})
        if "GET" not in rule.methods or rule.rule.startswith(SKIP) or not required <= {"patient_id", "user_id"}:
            continue
        if "user_id" in required:  # a conversation: each side opens it with the other
            out += [(adapter.build(rule.endpoint, {"user_id": clinician_id}), PATIENT),
                    (adapter.build(rule.endpoint, {"user_id": patient_id}), CLINICIAN)]
            continue
        path = adapter.build(rule.endpoint, {"patient_id": patient_id} if "patient_id" in rule.arguments else {})
        if path == "/api/v1/messages":
            out += [(f"{path}?with={clinician_id}", PATIENT), (f"{path}?with={patient_id}", CLINICIAN)]
        elif path == "/messages":  # each side's inbox
            out += [(path, PATIENT), (path, CLINICIAN)]
        else:
            out.append((path, CLINICIAN if path.startswith(("/clinician", "/api/v1/patients")) else PATIENT))
    return list(dict.fromkeys(out))


def queries_everywhere(app: Flask, patient: str, clinician: str, patient_id: int,
                       clinician_id: int) -> list[tuple[str, str]]:
    """(path, queries or the status it answered) for every page found; "(physio)" or "(patient)" where both sides
    open a page, or the patient's page is asked as the clinician."""
    sessions = {PATIENT: Session(app, patient), CLINICIAN: Session(app, clinician)}
    out = []
    for path, who in pages(app, patient_id, clinician_id):
        count, status = _count(app, sessions[who], path)
        if status == 403 and who == PATIENT:  # a physio's page outside /clinician
            who = CLINICIAN
            count, status = _count(app, sessions[who], path)
        label = f"{path} ({'physio' if who == CLINICIAN else 'patient'})" if _both_or_moved(path, who) else path
        out.append((label, str(count) if status == 200 else f"({status})"))
    return out


def _both_or_moved(path: str, who: str) -> bool:
    return path.startswith(("/messages", "/api/v1/messages")) or (
        who == CLINICIAN and not path.startswith(("/clinician", "/api/v1/patients")))


def _count(app: Flask, session: Session, path: str) -> tuple[int, int]:
    session.get(path)  # warm: first-request work (caches, compiled statements) is not per request
    with counting(app) as statements:
        reply = session.get(path)
    return len(statements), reply.status_code
