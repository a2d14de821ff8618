"""`flask reminders worker`: a Dramatiq worker whose jobs run inside the Flask app (one app context each)."""
from __future__ import annotations

import logging
import signal
import threading

import dramatiq
from dramatiq import Worker
from flask import Flask

from app.extensions import db
from app.services.reminders import queue

log = logging.getLogger(__name__)


class AppContext(dramatiq.Middleware):
    """Each job gets a fresh app context and database session, closed even when the job fails."""

    def __init__(self, app: Flask):
        self.app = app
        self.local = threading.local()

    def before_process_message(self, broker, message):
        self.local.context = self.app.app_context()
        self.local.context.push()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        db.session.remove()
        self.local.context.pop()

    after_skip_message = after_process_message


def serve(app: Flask, threads: int) -> None:
    config = app.config
    broker = queue.make_broker(config["QUEUE_URL"], config["QUEUE_NAMESPACE"], config["QUEUE_RETRIES"],
                               config["QUEUE_HEARTBEAT_MS"])
    broker.add_middleware(AppContext(app))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    worker = Worker(broker, queues={queue.QUEUE}, worker_threads=threads, worker_timeout=200)
    worker.start()
    print(f"reminder worker ready: {threads} threads on {queue.QUEUE}", flush=True)
    stop.wait()
    log.info("stopping: finishing the batches in hand")
    worker.stop()
    broker.close()
