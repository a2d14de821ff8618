"""Reminder pushes on the job queue: real Redis, real `flask reminders worker` processes, a real push receiver.

One worker is killed (SIGKILL) in the middle of a batch; every due reminder still reaches its phone once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from app.extensions import db
from app.models import PushSubscription, ReminderPass, ReminderPref, ReminderSent
from app.services.reminders import queue
from helpers import give_plan, make_user
from push_receiver import Browser, start_receiver

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
AT = "2026-06-01T06:50"  # 08:00 in London (BST) less the default 10-minute lead
PATIENTS = 40
BATCH = 8


def wait_for(condition, timeout: float = 60, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not running at {REDIS_URL}")
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def queued(app, redis_url, database_url, tmp_path):
    """The test app dispatching onto a fresh queue namespace; start_worker() starts a worker process on it."""
    namespace = f"inoplan-test-{uuid.uuid4().hex[:8]}"
    app.config.update(QUEUE_URL=redis_url, QUEUE_NAMESPACE=namespace, QUEUE_BATCH=BATCH, QUEUE_RETRIES=1,
                      QUEUE_HEARTBEAT_MS=1500, VAPID_KEY_FILE=str(tmp_path / "vapid.pem"))
    app.extensions.pop("inoplan_vapid", None)
    workers: list[subprocess.Popen] = []
    env = os.environ | {"FLASK_APP": "wsgi.py", "INOPLAN_ENV": "development", "DATABASE_URL": database_url,
                        "QUEUE_URL": redis_url, "QUEUE_NAMESPACE": namespace, "QUEUE_RETRIES": "1",
                        "QUEUE_HEARTBEAT_MS": "1500", "VAPID_KEY_FILE": str(tmp_path / "vapid.pem"),
                        "PUSH_WORKERS": "1", "MAIL_DIR": str(tmp_path / "mail"), "PYTHONUNBUFFERED": "1"}

    def start_worker() -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-m", "flask", "reminders", "worker", "--threads", "1"],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert "reminder worker ready" in process.stdout.readline()
        workers.append(process)
        return process

    yield start_worker
    for process in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in workers:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{namespace}*"):
        client.delete(key)


@pytest.fixture
def receiver():
    rec, server = start_receiver()
    yield rec
    server.shutdown()


def subscribed_patients(receiver, n: int) -> list[str]:
    """n patients, each with a plan item at 08:00 London time and one phone subscribed at /phone/<i>."""
    paths = []
    for i in range(n):
        patient = make_user(f"queue{i}@example.com")
        give_plan(patient, slugs=("gentle-walk",), times=("08:00",))
        path = f"/phone/{i}"
        info = Browser(receiver.url(path)).subscription()
        db.session.add(PushSubscription(user_id=patient.id, endpoint=info["endpoint"],
                                        p256dh=info["keys"]["p256dh"], auth=info["keys"]["auth"]))
        paths.append(path)
    db.session.commit()
    return paths


def unpushed() -> int:
    db.session.rollback()  # a new transaction: the workers commit from other processes
    return db.session.scalar(select(func.count()).select_from(ReminderSent).where(ReminderSent.pushed_at.is_(None)))


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(app, runner, queued, receiver):
    paths = subscribed_patients(receiver, PATIENTS)
    receiver.delay = 0.15  # a slow push service, so a batch takes about a second
    first, second = queued(), queued()
    result = runner.invoke(args=["reminders", "send", "--at", AT])
    assert result.exit_code == 0, result.output
    assert f"claimed {PATIENTS}" in result.output and f"queued for workers {PATIENTS}" in result.output
    assert receiver.received == [] or len(receiver.received) < PATIENTS  # the pass itself pushed nothing
    wait_for(lambda: len(receiver.received) >= 3, what="the workers to start pushing")
    first.send_signal(signal.SIGKILL)  # mid-batch: its job is neither acknowledged nor finished
    first.wait(timeout=10)
    assert unpushed() > 0
    third = queued()  # a replacement joins; the survivor and it take the dead worker's job once its heartbeat stops
    wait_for(lambda: unpushed() == 0, timeout=90, what="every reminder to be pushed")
    wait_for(lambda: len(receiver.delivered()) == PATIENTS, timeout=10, what="the receiver")

    delivered = receiver.delivered()
    assert {path for path, _ in delivered} == set(paths)  # every phone got its reminder...
    assert all(topic for _, topic in delivered)  # ...under one Topic per reminder, so a repeat replaces, not adds
    repeats = sum(n - 1 for n in delivered.values())
    assert repeats <= queue.CHUNK  # only what was in flight in the killed worker can have gone out again
    assert second.poll() is None and third.poll() is None
    assert db.session.scalar(select(ReminderPass.queued)) == PATIENTS
    # A second pass for the same minute claims and queues nothing new.
    again = runner.invoke(args=["reminders", "send", "--at", AT])
    assert "claimed 0" in again.output


def test_a_poisoned_batch_is_retried_then_parked_with_its_error(app, queued, redis_url):
    queued()
    broker = queue.make_broker(redis_url, app.config["QUEUE_NAMESPACE"], 1, 1500)
    queue.send_batch_actor.send([[1, "k", None, "not-a-date", "08:00", "2026-06-01T07:00:00+00:00"]],
                                "2026-06-01T06:50:00+00:00")
    client = redis.Redis.from_url(redis_url)
    parked = f"{app.config['QUEUE_NAMESPACE']}:{queue.QUEUE}.XQ"
    wait_for(lambda: client.zcard(parked) == 1, timeout=30, what="the job to be parked")
    [message_id] = client.zrange(parked, 0, -1)
    message = json.loads(client.hget(f"{parked}.msgs", message_id))
    assert message["options"]["retries"] == 1  # tried, retried once (QUEUE_RETRIES=1), then parked
    assert "not-a-date" in message["options"]["traceback"]
    broker.close()


def test_a_due_questionnaire_goes_through_the_workers_once(app, runner, queued, receiver):
    patient = make_user("measures@example.com")
    patient.created_at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # every measure first due on 1 June
    db.session.add(ReminderPref(user_id=patient.id, checkin_time=None))  # at the default 20:00, no check-in push
    browser = Browser(receiver.url("/phone/measures"))
    info = browser.subscription()
    db.session.add(PushSubscription(user_id=patient.id, endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"],
                                    auth=info["keys"]["auth"]))
    db.session.commit()
    queued()
    assert "queued for workers 1" in runner.invoke(args=["reminders", "send", "--at", "2026-06-01T19:00"]).output
    wait_for(lambda: unpushed() == 0 and receiver.received, what="the worker to push it")
    [message] = receiver.received
    assert browser.decrypt(message)["kind"] == "measures" and message.headers["topic"]
    for at in ("2026-06-01T19:01", "2026-06-02T19:00"):  # overdue on later days: never queued again
        assert "claimed 0" in runner.invoke(args=["reminders", "send", "--at", at]).output
    assert len(receiver.received) == 1
