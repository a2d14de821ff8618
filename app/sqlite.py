"""SQLite connection settings: real SAVEPOINTs, enforced foreign keys, and room for concurrent readers.

Python's sqlite3 driver opens transactions itself and releases savepoints in ways SQLAlchemy cannot see,
so nested transactions (used by the reminder settings) would commit early. SQLAlchemy's documented remedy: turn off
the driver's own transaction handling and emit BEGIN ourselves.
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


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
        # `session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})` takes the write lock up front: a
        # writer that reads first and writes later would otherwise find its snapshot stale when another writer
        # committed meanwhile (SQLITE_BUSY_SNAPSHOT, at once, without waiting on busy_timeout).
        immediate = connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE"
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
