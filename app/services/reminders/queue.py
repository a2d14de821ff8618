"""Reminder pushes on a job queue (Dramatiq on Redis), for deployments past one machine.

Without QUEUE_URL the dispatcher pushes from its own process, as `flask reminders send` always has. With it,
each pass still finds and claims what fell due (the ReminderSent rows stay the guard against a second send),
then hands the claimed reminders to the queue in batches; `flask reminders worker` processes, on any number of
machines, take batches and push them.

Why Dramatiq: its Redis broker acknowledges a job only after the actor returns, and requeues the jobs of a
worker whose heartbeat stopped, so a worker killed mid-batch loses nothing; retries are bounded and a job that
keeps failing is parked in the dead-letter queue with its traceback. RQ runs one job per forked process and
marks an interrupted job failed instead of handing it to another worker; Celery would do, with more moving parts.

Exactly once: a worker pushes a batch in small chunks and stamps `ReminderSent.pushed_at` after each chunk; a
batch redelivered after a crash skips what is stamped. What a crash can repeat is the chunk in flight, and each
push carries an RFC 8030 `Topic` derived from its notification tag, so the push service replaces an undelivered
copy instead of queueing a second one (and the phone's notification tag collapses a delivered one).
"""
from __future__ import annotations

import logging
from datetime import date, datetime

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AgeLimit, Callbacks, Pipelines, Retries, TimeLimit
from sqlalchemy import select, tuple_, update
from sqlalchemy.orm import Session

from app.models import ReminderSent
from app.services.reminders import schedule as sched
from app.services.reminders.push import Outcome, Send, deliver, release

log = logging.getLogger(__name__)
QUEUE = "reminders"
CHUNK = 25  # pushes between two pushed_at stamps: what a crash can repeat at most per batch
Row = tuple[int, str, int | None, str, str, str]  # user id, item key, plan item id, date, slot, slot instant


def make_broker(url: str, namespace: str, retries: int, heartbeat_ms: int) -> RedisBroker:
    """A Redis broker with the middleware the reminder jobs rely on (no Prometheus, no results)."""
    broker = RedisBroker(url=url, namespace=namespace, heartbeat_timeout=heartbeat_ms,
                         dead_message_ttl=7 * 86_400_000, maintenance_chance=100_000,
                         middleware=[AgeLimit(), TimeLimit(), Callbacks(), Pipelines(),
                                     Retries(max_retries=retries, min_backoff=500, max_backoff=30_000)])
    dramatiq.set_broker(broker)
    global send_batch_actor
    send_batch_actor = dramatiq.actor(send_batch, broker=broker, queue_name=QUEUE, time_limit=10 * 60_000)
    return broker


send_batch_actor: dramatiq.Actor | None = None  # set by make_broker


def to_rows(due: list[tuple[int, sched.Due]]) -> list[Row]:
    return [(uid, d.key, d.plan_item_id, d.date.isoformat(), d.slot, d.at.isoformat()) for uid, d in due]


def from_rows(rows: list[Row]) -> list[tuple[int, sched.Due]]:
    return [(uid, sched.Due(key, item_id, date.fromisoformat(day), slot, datetime.fromisoformat(at)))
            for uid, key, item_id, day, slot, at in rows]


def batches(due: list[tuple[int, sched.Due]], size: int) -> list[list[Row]]:
    rows = to_rows(due)
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def enqueue(due: list[tuple[int, sched.Due]], now: datetime, size: int) -> int:
    """Hand claimed reminders to the workers (make_broker first); the number of jobs sent."""
    parts = batches(due, size)
    for part in parts:
        send_batch_actor.send(part, now.isoformat())
    return len(parts)


def _pk():
    return tuple_(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date, ReminderSent.slot)


def not_yet_pushed(session: Session, due: list[tuple[int, sched.Due]]) -> list[tuple[int, sched.Due]]:
    """The reminders of a batch that no earlier attempt pushed (and that are still claimed)."""
    keys = [(uid, *d.ident) for uid, d in due]
    open_ = set()
    for i in range(0, len(keys), 500):
        open_.update(session.execute(select(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date,
                                            ReminderSent.slot)
                                     .where(_pk().in_(keys[i:i + 500]), ReminderSent.pushed_at.is_(None))).all())
    return [(uid, d) for uid, d in due if (uid, *d.ident) in open_]


def push_batch(session: Session, due: list[tuple[int, sched.Due]], send: Send, now: datetime,
               late) -> Outcome:
    """What a worker does with one job: push what is not stamped yet, stamping chunk by chunk."""
    total = Outcome()
    for i in range(0, len(due), CHUNK):
        part = not_yet_pushed(session, due[i:i + CHUNK])
        if not part:
            continue
        outcome = deliver(session, part, send, now)
        retry = {(uid, *d.ident) for uid, d in outcome.retry}
        done = [(uid, *d.ident) for uid, d in part if (uid, *d.ident) not in retry]
        if done:
            session.execute(update(ReminderSent).where(_pk().in_(done)).values(pushed_at=now))
        release(session, outcome.retry, now, late)  # commits
        total.ok += outcome.ok
        total.gone += outcome.gone
        total.failed += outcome.failed
        total.retry += outcome.retry
    return total


def send_batch(rows: list[Row], now_iso: str) -> None:
    """Push one batch of claimed reminders (runs in a `flask reminders worker` process, inside an app context)."""
    from app.extensions import db
    from app.reminders.push import pusher
    from app.services.reminders.dispatch import LATE

    due = from_rows(rows)
    outcome = push_batch(db.session, due, pusher().send_all, datetime.fromisoformat(now_iso), LATE)
    log.info("batch of %s: ok %s, gone %s, failed %s, to retry %s", len(rows), outcome.ok, outcome.gone,
             outcome.failed, len(outcome.retry))
