"""SQLite connection settings: real SAVEPOINTs, enforced foreign keys, and writers that queue instead of failing.

Python's sqlite3 driver opens transactions itself and releases savepoints in ways SQLAlchemy cannot see,
so nested transactions (used by the reminder settings) would commit early. SQLAlchemy's documented remedy: turn off
the driver's own transaction handling and emit BEGIN ourselves.

Concurrent writers: a plain (deferred) BEGIN reads first and asks for the write lock only at its first write. If
another worker committed in between, SQLite cannot wait for it (the snapshot is stale) and answers "database is
locked" at once, whatever the busy timeout: two phones syncing the same slot failed that way up to 40 % of the
time. So a request that may write (any method but GET/HEAD/OPTIONS) starts its transactions with BEGIN IMMEDIATE,
which takes the write lock up front and waits for it for up to BUSY_TIMEOUT_MS. Reads (GET) stay deferred and never
wait for writers (WAL). Work outside a request (CLI, the reminder dispatcher, which must not hold the write lock
while it talks to push services) stays deferred too. If the wait still runs out, the sync retries its batch at
most LOCK_RETRIES times, and any other request answers 503 with Retry-After, never a 500.
"""
from __future__ import annotations

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import scoped_session

BUSY_TIMEOUT_MS = 15000
LOCK_RETRIES = 2
SQLITE_BUSY_SNAPSHOT = 517  # sqlite3.h: SQLITE_BUSY | (2 << 8)
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_lock_error(exc: OperationalError) -> bool:
    """SQLite's busy answers: the lock wait ran out, or a read snapshot another writer made stale."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    return code == SQLITE_BUSY_SNAPSHOT or code in (5, 6) or "database is locked" in str(orig)


def in_write_request() -> bool:
    """A request whose method may change data (PostgreSQL also locks the plan row for it, see plan_for)."""
    return has_request_context() and request.method not in READ_ONLY_METHODS


def begin_statement() -> str:
    """BEGIN IMMEDIATE in a request that may write; a plain BEGIN for page and API reads and outside requests."""
    return "BEGIN IMMEDIATE" if in_write_request() else "BEGIN"


def configure(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        statement = begin_statement()
        connection.exec_driver_sql(statement)
        connection.info["immediate"] = statement == "BEGIN IMMEDIATE"

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def on_end(connection):
        connection.info.pop("immediate", None)


def release_at_teardown(app: Flask, session: scoped_session) -> None:
    """End a write request's own transaction when the request ends, so its lock never outlives the request.

    Where the app context outlives the request (tests, `flask shell`), the session stays open after it; a
    transaction the request began after its last commit would keep the write lock. In production the session is
    removed right after, which rolls back the same way.
    """
    @app.teardown_request
    def release(_exc=None):
        current = session()
        if current.in_transaction() and current.connection().info.get("immediate"):
            current.rollback()

