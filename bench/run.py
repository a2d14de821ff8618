"""The benchmark's phases, in order; every figure is a ratio or a size measured in this one run."""
from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import User
from app.services.library import load_builtin

from . import later
from .data import PASSWORD, Generator
from .inprocess import PATIENT_PAGE, Session, queries_per_request, route_for, sync_vs_raw
from .report import NOT_BUILT, Report

# UTC minutes for the dispatcher, each at a planned slot somewhere: 08:00 (London, UTC), 12:30 (Tokyo 21:30),
# 19:00 (London, UTC; Berlin's 20:00 check-in).
DISPATCH_AT = ["08:00", "12:30", "19:00"]
from .served import measure_served


def run(url: str, args, log, sizes: dict) -> Report:
    report, started = Report(), time.perf_counter()
    app = create_app()
    dialect = url.split(":", 1)[0]
    log(f"database: {dialect}; sizes: {sizes}")
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_builtin(db.session)
        db.session.commit()
        hasher = User()
        hasher.set_password(PASSWORD)
        gen = Generator(db.engine, hasher.password_hash)
    clinician_id = gen.clinician()
    clinician = f"bench-clinician-{clinician_id}@example.com"
    linked = gen.patients(sizes["linked"], sizes["linked_days"], clinician_id)
    gen.patients(sizes["others_small"], sizes["other_days"])
    gen.finish()
    log(f"small database ready: {gen.rows[User]} users, {_rows(gen)}")
    dash_small = later.dashboard_seconds(app, clinician, sizes["linked"])
    gen.patients(sizes["others_large"] - sizes["others_small"], sizes["other_days"])
    gen.finish()
    log(f"large database ready: {gen.rows[User]} users, {_rows(gen)}")
    dash_large = later.dashboard_seconds(app, clinician, sizes["linked"])
    if dash_small and dash_large:
        report.set("dashboard_10k_vs_100_time", dash_large / dash_small,
                   f"{dash_large * 1000:.1f} ms / {dash_small * 1000:.1f} ms")

    patient = f"bench-patient-{linked[0]}@example.com"
    _query_counts(app, report, patient, clinician, linked[0])
    log("query counts done")
    measure_served(report, patient, args.requests, not args.no_browser, log)
    sync, raw = sync_vs_raw(app, linked[1:])
    report.set("sync_500_vs_raw_insert_time", sync / raw, f"{sync * 1000:.1f} ms / {raw * 1000:.1f} ms")
    log("sync done")

    if later.has_dispatcher(app):
        with app.app_context():
            patients = db.session.scalar(select(func.count(User.id)).where(User.role == "patient"))
        gen.patients(max(0, sizes["dispatch"] - patients), 0)
        receiver = later.Receiver()
        try:
            subscribed = gen.subscriptions(receiver.endpoint, *later.subscription_keys())
            gen.finish()
            log(f"dispatch database ready: {gen.rows[User]} users, {subscribed:,} push subscriptions")
            send, scan, what = later.dispatch_vs_scan(app, later.moments_today(DISPATCH_AT), receiver)
            tomorrow = later.moments_today(DISPATCH_AT[:1])[0] + timedelta(days=1)
            bare, line = later.dispatch_without_push(app, tomorrow)
        finally:
            receiver.close()
        report.set("dispatch_100k_vs_scan_time", send / scan, f"{send * 1000:.0f} ms / {scan * 1000:.0f} ms; {what}")
        report.extras.append(("dispatcher pass, sender that sends nothing",
                              f"{bare * 1000:.0f} ms at {tomorrow:%a %H:%M} UTC ({line})"))
        log("dispatch done")
    report.extras.append(("database", f"{dialect}: {gen.rows[User]:,} users, {_rows(gen)}"))
    report.extras.append(("bench wall time", f"{time.perf_counter() - started:.0f} s"))
    return report


def _rows(gen: Generator) -> str:
    return ", ".join(f"{n:,} {m.__tablename__}" for m, n in gen.rows.items() if m.__tablename__ in
                     ("completions", "checkins", "plan_items"))


def _query_counts(app, report: Report, patient: str, clinician: str, patient_id: int) -> None:
    as_patient, as_clinician = Session(app, patient), Session(app, clinician)
    counts = []
    for label, session, path in (("/today", as_patient, "/today"), ("/api/v1/today", as_patient, "/api/v1/today"),
                                 ("/clinician", as_clinician, route_for(app, "/clinician")),
                                 ("patient page", as_clinician, route_for(app, PATIENT_PAGE, patient_id=patient_id))):
        counts.append(f"{label} {queries_per_request(app, session, path) if path else NOT_BUILT}")
    report.extras.append(("SQL queries per request", ", ".join(counts)))
