"""Measurements against gunicorn: throughput, first-load size, repeat visits in Chromium, worker memory."""
from __future__ import annotations

import os
import statistics

from .browser import repeat_visits
from .client import Client, Gunicorn, requests_per_second
from .cold import each_once_per_second, forged_cookies, make_cold
from .data import PASSWORD
from .first_load import first_load
from .report import Report

WORKERS, CONCURRENCY, ROUNDS = 2, 4, 5
BARE, TODAY, PAGE, COLD = "/bench/bare", "/api/v1/today", "/today", "cold /api/v1/today"


def measure_served(report: Report, patient: str, requests: int, browser: bool, log, app=None,
                   cold_ids: list[int] | None = None) -> None:
    server = Gunicorn({}, workers=WORKERS)
    try:
        _throughput(report, server, patient, requests, app, cold_ids or [])
        log("throughput done")
        transfer = first_load(_logged_in(server.port, patient))
        report.set("first_load_kb_gzip", transfer.kb, f"{transfer.kb:.1f} KiB sent, {transfer.raw / 1024:.1f} KiB "
                   f"unpacked, {len(transfer.files)} files, headers included")
        report.extras.append(("first load files", "; ".join(f"{p} {sent / 1024:.1f} KiB ({enc})"
                                                            for p, sent, _, enc in transfer.files)))
        if browser:
            visits = repeat_visits(f"http://127.0.0.1:{server.port}", patient, PASSWORD)
            report.extras.append(("repeat visit /today", "n/a (no Chromium)" if visits is None else
                                  f"service worker cache {visits['worker_ms']:.0f} ms vs network "
                                  f"{visits['network_ms']:.0f} ms (ratio {visits['ratio']:.2f}), median of 7 loads"))
            log("browser done")
        report.extras.append(("peak RSS of one gunicorn worker", f"{server.peak_rss_mb():.0f} MiB"))
    finally:
        server.stop()


def _throughput(report: Report, server: Gunicorn, patient: str, requests: int, app, cold_ids: list[int]) -> None:
    """Rounds alternate bare, today, the /today page and cold days; each figure is the median of each round's
    ratio to that round's bare rate, so load that comes and goes on a shared machine hurts both sides alike.

    Cold: one GET /api/v1/today per patient (up to 2,000 of them, `requests` at most), each with its own session;
    before each round every one of them gets a new data_version, so no worker has any of those days cached."""
    cookies = _logged_in(server.port, patient).cookies
    jars = forged_cookies(app, cookies, cold_ids[:requests]) if app is not None and cold_ids else []
    page_requests = max(CONCURRENCY, requests // 4)  # a page is about 10 times the work of the JSON day
    sizes = {BARE: requests, TODAY: requests, PAGE: page_requests, COLD: len(jars)}
    paths = [p for p in (BARE, TODAY, PAGE, COLD) if sizes[p]]
    for path in paths:  # warm-up: imports, compiled statements, SQLite page cache
        if path == COLD:
            make_cold(app, cold_ids[:requests])
            each_once_per_second(server.port, TODAY, jars, CONCURRENCY)
        else:
            requests_per_second(server.port, path, cookies, min(400, sizes[path]), CONCURRENCY)
    rates: dict[str, list[float]] = {p: [] for p in paths}
    cpu: dict[str, float] = {p: 0.0 for p in paths}
    for _ in range(ROUNDS):
        for path in paths:
            if path == COLD:
                make_cold(app, cold_ids[:requests])
            before = server.cpu_seconds()
            rates[path].append(each_once_per_second(server.port, TODAY, jars, CONCURRENCY) if path == COLD else
                               requests_per_second(server.port, path, cookies, sizes[path], CONCURRENCY))
            cpu[path] += server.cpu_seconds() - before
    per_request = {p: cpu[p] / (ROUNDS * sizes[p]) * 1000 for p in cpu}
    for key, path in (("today_vs_bare_throughput", TODAY), ("today_page_vs_bare_throughput", PAGE),
                      ("today_cold_vs_bare_throughput", COLD)):
        if path not in rates:
            continue
        ratios = [t / b for t, b in zip(rates[path], rates[BARE], strict=False)]
        report.set(key, statistics.median(ratios),
                   f"{statistics.median(rates[path]):.0f} / {statistics.median(rates[BARE]):.0f} req/s; "
                   f"{WORKERS} sync workers, {CONCURRENCY} client threads, {ROUNDS}x{sizes[path]} requests"
                   + (f", {len(jars)} patients, each once a round" if path == COLD else ""))
    report.extras.append(("server CPU per request", ", ".join(
        f"{p} {per_request[p]:.2f} ms" for p in paths) + f" (bare/today {per_request[BARE] / per_request[TODAY]:.2f})"))
    report.extras.append(("load average during throughput", " ".join(f"{x:.1f}" for x in os.getloadavg())))


def _logged_in(port: int, email: str) -> Client:
    client = Client(port)
    client.login(email, PASSWORD)
    return client
