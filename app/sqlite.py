"""SQLite connection settings: real SAVEPOINTs, enforced foreign keys, and room for concurrent readers.

Python's sqlite3 driver opens transactions itself and releases savepoints in ways SQLAlchemy cannot see,
so nested transactions (used by the reminder settings) would commit early. SQLAlchemy's documented remedy: turn off
the driver's own transaction handling and emit BEGIN ourselves.
"""
from __future__ import annotations

try:
    import fcntl
except ImportError:  # not on Windows: writers then queue on SQLite's busy_timeout alone
    fcntl = None

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def configure(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def write_transaction(session: Session) -> None:
    """SQLite: make the request's transaction a write transaction now (BEGIN IMMEDIATE), waiting up to busy_timeout
    for the write lock. A transaction that has read (the signed-in user, the lookups) and then writes is told
    SQLITE_BUSY at once, without waiting, whenever another writer holds the lock or committed since it read: with
    8 devices syncing at once, most batches failed that way. Only for a session that has read but not written."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("COMMIT")  # the reads so far; SQLAlchemy's own COMMIT later ends the new one
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def writer_turn(session: Session) -> Iterator[None]:
    """SQLite file database: writers take turns on an flock beside the database file, across worker processes.

    SQLite's own busy handler polls: a writer that finds the lock taken sleeps 1, 2, 5, ... up to 100 ms before it
    looks again, so the lock often sits free while everyone sleeps (8 devices syncing at once stored fewer entries
    per second than one). A waiter on an flock is woken by the kernel the moment it is released."""
    bind = session.get_bind()
    path = bind.url.database if bind.dialect.name == "sqlite" else None
    if fcntl is None or not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    with open(f"{path}-writers.lock", "a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)
