"""Measurements against gunicorn: throughput, first-load size, repeat visits in Chromium, worker memory."""
from __future__ import annotations

import os
import statistics

from .browser import repeat_visits
from .client import Client, Gunicorn, requests_per_second
from .data import PASSWORD
from .first_load import first_load
from .report import Report

WORKERS, CONCURRENCY, ROUNDS = 2, 4, 5
BARE, TODAY = "/bench/bare", "/api/v1/today"


def measure_served(report: Report, patient: str, requests: int, browser: bool, log) -> None:
    server = Gunicorn({}, workers=WORKERS)
    try:
        _throughput(report, server, patient, requests)
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


def _throughput(report: Report, server: Gunicorn, patient: str, requests: int) -> None:
    """Rounds alternate bare and today; the figure is the median of each round's ratio, so load that comes
    and goes on a shared machine hurts both sides of a ratio alike."""
    cookies = _logged_in(server.port, patient).cookies
    for path in (BARE, TODAY):  # warm-up: imports, compiled statements, SQLite page cache
        requests_per_second(server.port, path, cookies, 400, CONCURRENCY)
    rates: dict[str, list[float]] = {BARE: [], TODAY: []}
    cpu: dict[str, float] = {BARE: 0.0, TODAY: 0.0}
    for _ in range(ROUNDS):
        for path in (BARE, TODAY):
            before = server.cpu_seconds()
            rates[path].append(requests_per_second(server.port, path, cookies, requests, CONCURRENCY))
            cpu[path] += server.cpu_seconds() - before
    ratios = [t / b for t, b in zip(rates[TODAY], rates[BARE], strict=False)]
    per_request = {p: cpu[p] / (ROUNDS * requests) * 1000 for p in cpu}
    report.set("today_vs_bare_throughput", statistics.median(ratios),
               f"{statistics.median(rates[TODAY]):.0f} / {statistics.median(rates[BARE]):.0f} req/s; "
               f"{WORKERS} sync workers, {CONCURRENCY} client threads, {ROUNDS}x{requests} requests each")
    report.extras.append(("server CPU per request", f"{TODAY} {per_request[TODAY]:.2f} ms, {BARE} "
                          f"{per_request[BARE]:.2f} ms (ratio {per_request[BARE] / per_request[TODAY]:.2f})"))
    report.extras.append(("load average during throughput", " ".join(f"{x:.1f}" for x in os.getloadavg())))


def _logged_in(port: int, email: str) -> Client:
    client = Client(port)
    client.login(email, PASSWORD)
    return client
