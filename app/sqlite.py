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
        connection.exec_driver_sql("BEGIN")
