"""The benchmark's phases, in order; every figure is a ratio or a size measured in this one run."""
from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import User
from app.services.plans.library import load_builtin

from . import later
from .data import PASSWORD, Generator
from .inprocess import PATIENT_PAGE, Session, queries_per_request, route_for, sync_vs_raw
from .report import NOT_BUILT, Report
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
    small_url = later.snapshot(gen.engine, url) if later.has_dashboard(app) else None
    gen.patients(sizes["others_large"] - sizes["others_small"], sizes["other_days"])
    gen.finish()
    log(f"large database ready: {gen.rows[User]} users, {_rows(gen)}")
    if small_url:
        times = later.dashboard_rounds({"small": small_url, "large": url}, clinician, sizes["linked"])
        ratios = [large / small for small, large in zip(times["small"], times["large"], strict=False)]
        report.set("dashboard_10k_vs_100_time", statistics.median(ratios),
                   f"{statistics.median(times['large']) * 1000:.1f} ms / {statistics.median(times['small']) * 1000:.1f}"
                   f" ms; median of {len(ratios)} alternating rounds")
        log("dashboard done")

    patient = f"bench-patient-{linked[0]}@example.com"
    _query_counts(app, report, patient, clinician, linked[0])
    log("query counts done")
    measure_served(report, patient, args.requests, not args.no_browser, log)
    pairs = sync_vs_raw(app, linked[1:])
    report.set("sync_500_vs_raw_insert_time", statistics.median(sync / raw for sync, raw in pairs),
               f"{statistics.median(s for s, _ in pairs) * 1000:.1f} ms / {statistics.median(r for _, r in pairs) * 1000:.1f}"
               f" ms; median of {len(pairs)} rounds, alternating which side goes first")
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
            tomorrow = datetime.now(UTC).date() + timedelta(days=1)
            found = later.dispatch_vs_scan(app, later.busiest_start(tomorrow), receiver)
        finally:
            receiver.close()
        report.set("dispatch_100k_vs_scan_time", found.cycle_mean / found.scan, found.summary())
        minute, seconds, pushes = found.worst
        report.extras.append(("dispatcher, slowest minute", f"{minute:%H:%M} UTC: {seconds * 1000:.0f} ms, "
                              f"{pushes:,} pushes ({seconds / found.scan:.1f}x the scan; "
                              f"{pushes / seconds:.0f} pushes/s)"))
        seconds, pushes = found.catch_up
        report.extras.append(("dispatcher, first pass (catches up an hour)",
                              f"{seconds * 1000:.0f} ms, {pushes:,} pushes ({seconds / found.scan:.1f}x the scan); "
                              f"stand-in push service received {found.received:,} in all"))
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
