"""The cost of a push, and pushing from queue workers (docs/bench.md: `dispatch_vs_bare_push_throughput`,
`dispatch_2_workers_vs_1_throughput`).

The bare loop is the physical cost of a push and nothing else: for each message, RFC 8291 aes128gcm encryption
for its subscription (pywebpush, as the dispatcher) and one POST on a keep-alive connection to the same stand-in
push service, with a VAPID header signed once; split across as many already started processes as the dispatcher
uses (PUSH_PROCESSES, one per core), so both sides use the same cores.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import traceback
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from multiprocessing import get_context

import redis
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import PushSubscription, ReminderPass

from .later import PROJECT, Receiver

_pool = None
_headers: dict = {}


def _start(pem: bytes, sub: str, audience: str) -> None:
    global _pool, _headers
    import urllib3
    from py_vapid import Vapid
    _pool = urllib3.PoolManager(maxsize=1)
    claims = {"sub": sub, "aud": audience, "exp": int(time.time()) + 3600}
    _headers = {**Vapid.from_pem(pem).sign(claims), "Content-Encoding": "aes128gcm", "TTL": "3600",
                "Content-Type": "application/octet-stream"}


def _bare(jobs: list[tuple[dict, bytes]]) -> int:
    from pywebpush import WebPusher
    ok = 0
    for info, data in jobs:
        body = WebPusher(info).encode(data, "aes128gcm")["body"]
        ok += _pool.request("POST", info["endpoint"], body=body, headers=_headers).status == 201
    return ok


class BarePusher:
    """Processes started once; `rate(n)` encrypts and POSTs n messages and answers pushes per second."""

    def __init__(self, app: Flask, receiver: Receiver):
        from app.reminders.push import vapid
        self.processes = max(1, int(app.config["PUSH_PROCESSES"]))
        with app.app_context():
            rows = db.session.execute(select(PushSubscription.endpoint, PushSubscription.p256dh,
                                             PushSubscription.auth).limit(50_000)).all()
            pem = vapid(app).private_pem()
        message = {"kind": "checkin", "title": "Daily check-in", "tag": "inoplan-checkin-2026-01-01",
                   "body": "How are pain, sleep and mood today? It takes ten seconds.",
                   "url": "/today?date=2026-01-01#checkin", "date": "2026-01-01", "slot": "20:00", "owner": 1}
        data = json.dumps(message).encode()
        self.jobs = [({"endpoint": e, "keys": {"p256dh": p, "auth": a}}, data) for e, p, a in rows]
        self.executor = ProcessPoolExecutor(self.processes, mp_context=get_context("spawn"), initializer=_start,
                                            initargs=(pem, app.config["VAPID_CLAIM_SUB"], receiver.base))
        self.rate(self.processes * 20)  # start the processes and warm their connections

    def rate(self, n: int) -> float:
        jobs = [self.jobs[i % len(self.jobs)] for i in range(n)]
        parts = [jobs[i::self.processes] for i in range(self.processes)]
        start = time.perf_counter()
        ok = sum(self.executor.map(_bare, parts))
        elapsed = time.perf_counter() - start
        if ok != n:
            raise RuntimeError(f"bare loop: {ok} of {n} pushes accepted")
        return n / elapsed

    def close(self) -> None:
        self.executor.shutdown()


QUEUE_URL = os.environ.get("BENCH_QUEUE_URL", "redis://127.0.0.1:6379/11")
BATCH = 50  # reminders per job: enough jobs at small scale for two workers to share


def queue_rounds(app: Flask, receiver: Receiver, first: datetime, log, rounds: int = 3) -> dict:
    """Pushes per second of the queue path with 1 and 2 `flask reminders worker` processes, alternating.

    Each round is one dispatcher pass for 19:00 UTC on another day (the previous minute recorded as passed, so
    the pass claims that minute only), queued with QUEUE_URL; the workers are started once the jobs wait, and
    the rate runs from the first push the stand-in service receives to the last (worker start-up left out)."""
    namespace = f"bench-{uuid.uuid4().hex[:12]}"  # one per round below: no job of one round runs in the next
    env = {**os.environ, "QUEUE_URL": QUEUE_URL, "PUSH_PROCESSES": "1",
           "FLASK_APP": "wsgi.py"}  # DATABASE_URL and INOPLAN_ENV: the bench set them in os.environ
    saved = {k: app.config.get(k) for k in ("QUEUE_URL", "QUEUE_NAMESPACE", "QUEUE_BATCH")}
    app.config.update(QUEUE_URL=QUEUE_URL, QUEUE_NAMESPACE=namespace, QUEUE_BATCH=BATCH)
    runner, rates = app.test_cli_runner(), {1: [], 2: []}

    retried: list[str] = []

    def one_pass(moment: datetime) -> int:
        with app.app_context():
            db.session.add(ReminderPass(at=moment - timedelta(minutes=1)))
            db.session.commit()
        for attempt in (1, 2, 3):
            result = runner.invoke(args=["reminders", "send", "--at", moment.strftime("%Y-%m-%dT%H:%M")])
            if result.exit_code == 0 and "queued for workers" in result.output:
                return int(result.output.split("queued for workers ")[1].split(",")[0])
            cause = "".join(traceback.format_exception_only(result.exception)) if result.exception else ""
            if attempt == 3 or "database is locked" not in cause:
                raise RuntimeError(f"queued pass failed: {result.output[-300:]} {cause[:300]}")
            retried.append(f"{moment:%m-%d}: {cause.strip()[:60]}")  # reported: cron would run it again too
            time.sleep(attempt)  # let the writer that holds SQLite's lock finish
        raise AssertionError("unreachable")

    base, total = receiver.pushes, 0
    try:
        for n in range(rounds * 2):
            workers = (1, 2, 2, 1)[n % 4]
            moment = first + timedelta(days=n)
            app.config["QUEUE_NAMESPACE"] = env["QUEUE_NAMESPACE"] = f"{namespace}-{n}"
            rate, queued = _drain(env, workers, receiver, lambda m=moment: one_pass(m))
            rates[workers].append(rate)
            total += queued
            log(f"queue round {n + 1}: {workers} worker(s), {queued} pushes, {rate:.0f}/s")
        rates["extra"] = receiver.pushes - base - total  # pushes sent more than once (a job retried)
    finally:
        app.config.update(saved)
        client = redis.Redis.from_url(QUEUE_URL)
        keys = list(client.scan_iter(f"{namespace}*"))
        if keys:
            client.delete(*keys)
    rates["retried"] = retried
    return rates


def _drain(env: dict, workers: int, receiver: Receiver, run_pass) -> tuple[float, int]:
    """Start the workers, wait until each is ready, run the queued pass; pushes per second from the first push
    received to the last, and how many were queued."""
    procs = [subprocess.Popen([sys.executable, "-m", "flask", "reminders", "worker"], cwd=PROJECT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for _ in range(workers)]
    try:
        for p in procs:
            while "ready" not in (line := p.stdout.readline()):
                if not line:
                    raise RuntimeError("a reminder worker did not start")
        base = receiver.pushes
        queued = run_pass()
        deadline, first_at, seen = time.time() + 600, None, base
        while time.time() < deadline:
            seen = receiver.pushes
            now = time.perf_counter()
            if first_at is None and seen > base:
                first_at, first_count = now, seen
            if seen >= base + queued:
                return (seen - first_count) / max(now - first_at, 1e-3), queued
            if any(p.poll() is not None for p in procs):
                raise RuntimeError("a reminder worker exited")
            time.sleep(0.02)
        raise RuntimeError(f"queue workers pushed {seen - base} of {queued} in 600 s")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
