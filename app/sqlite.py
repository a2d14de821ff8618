"""SQLite connection settings: real SAVEPOINTs, enforced foreign keys, and room for concurrent readers.

Python's sqlite3 driver opens transactions itself and releases savepoints in ways SQLAlchemy cannot see,
so nested transactions (used by the reminder settings) would commit early. SQLAlchemy's documented remedy: turn off
the driver's own transaction handling and emit BEGIN ourselves.
"""
from __future__ import annotations

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
