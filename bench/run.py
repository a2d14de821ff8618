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

from . import devices, later
from . import pushes as push_figures
from .cold import patients_with_plans
from .data import PASSWORD, Generator
from .inprocess import sync_vs_raw
from .pages import queries_everywhere
from .report import Report
from .served import measure_served

COLD_PATIENTS = 2_000  # first visits of the day, each a different patient


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
    counts = queries_everywhere(app, patient, clinician, linked[0], clinician_id)
    report.extras.append(("SQL queries per request", ", ".join(f"{path} {n}" for path, n in counts)))
    log("query counts done")
    cold_ids = patients_with_plans(app, COLD_PATIENTS, skip={linked[0]})
    measure_served(report, patient, args.requests, not args.no_browser, log, app=app, cold_ids=cold_ids)
    with app.app_context():
        emails = dict(db.session.execute(select(User.id, User.email).where(User.id.in_(linked[-8:]))).all())
    try:
        one, many = devices.devices_vs_one(app, emails)
    except devices.SyncErrors as exc:  # the figure needs zero errors: none is given, the cause is shown
        report.details["sync_8_devices_vs_1_throughput"] = f"FAILED: {str(exc)[:200]}"
        log(f"devices failed: {exc}")
    else:
        value, detail = devices.summary(one, many)
        report.set("sync_8_devices_vs_1_throughput", value, f"{detail}; {dialect}")
        log("devices done")
    pairs = sync_vs_raw(app, linked[1:])
    report.set("sync_500_vs_raw_insert_time", statistics.median(sync / raw for sync, raw in pairs),
               f"{statistics.median(s for s, _ in pairs) * 1000:.1f} ms / "
               f"{statistics.median(r for _, r in pairs) * 1000:.1f} ms; median of {len(pairs)} rounds, "
               "alternating which side goes first")
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
            bare = push_figures.BarePusher(app, receiver)
            try:
                found = later.dispatch_vs_scan(app, later.busiest_start(tomorrow), receiver, bare.rate)
            finally:
                bare.close()
            busiest = found.busiest_vs_bare()
            if busiest:
                report.set("dispatch_vs_bare_push_throughput", *busiest)
            log("dispatch done")
            _queue(app, report, receiver, tomorrow, log)
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
    report.extras.append(("database", f"{dialect}: {gen.rows[User]:,} users, {_rows(gen)}"))
    report.extras.append(("bench wall time", f"{time.perf_counter() - started:.0f} s"))
    return report


def _rows(gen: Generator) -> str:
    return ", ".join(f"{n:,} {m.__tablename__}" for m, n in gen.rows.items() if m.__tablename__ in
                     ("completions", "checkins", "plan_items"))


def _queue(app, report: Report, receiver, tomorrow, log) -> None:
    """dispatch_2_workers_vs_1_throughput: the queue path, 1 and 2 worker processes alternating (bench/pushes.py)."""
    try:
        first = datetime.combine(tomorrow + timedelta(days=1), datetime.min.time(), tzinfo=UTC).replace(hour=19)
        rates = push_figures.queue_rounds(app, receiver, first, log)
    except Exception as exc:  # noqa: BLE001 - no Redis here: the figure stays null, the rest of the run stands
        log(f"queue figure skipped: {exc}")
        report.details["dispatch_2_workers_vs_1_throughput"] = f"FAILED: {str(exc)[:300]}"
        return
    ratios = [two / one for one, two in zip(rates[1], rates[2], strict=False)]
    report.set("dispatch_2_workers_vs_1_throughput", statistics.median(ratios),
               f"{statistics.median(rates[2]):.0f} / {statistics.median(rates[1]):.0f} pushes/s; median of "
               f"{len(ratios)} alternating rounds, one 19:00 pass each, {push_figures.BATCH} per job")
    report.extras.append(("queue path, pushes received more than once", f"{rates['extra']}"))
    if rates["retried"]:
        report.extras.append(("queued passes run again (SQLite busy)", "; ".join(rates["retried"])))
    log("queue done")
