"""`flask db-backup`: a consistent SQLite copy taken while another connection writes, restored into a fresh app."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import AuditEvent, CheckIn, Completion, PlanItem, User
from app.services.plans.library import load_builtin
from helpers import entry_checkin, entry_completion, give_plan, make_user

TESTING = {"TESTING": True, "SECRET_KEY": "test-secret"}


def sqlite_app(path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"} | TESTING)
    with app.app_context():
        db.create_all()
    return app


def content(tables=(User, PlanItem, Completion, CheckIn)) -> dict:
    return {m.__tablename__: sorted(map(repr, db.session.execute(select(m.__table__)).all())) for m in tables}


def writer(path, stop: threading.Event, done: list[int]) -> None:
    """Another process's connection: two rows per transaction, as fast as it can."""
    conn = sqlite3.connect(path, timeout=10)
    n = 0
    while not stop.is_set():
        with conn:  # one transaction: both rows or neither
            for _ in range(2):
                conn.execute("INSERT INTO audit_events (at, actor_name, action, detail) VALUES "
                             "('2026-01-01 00:00:00', '', 'writer', '{}')")
        n += 1
    conn.close()
    done.append(n)


def test_backup_while_writing_then_restore(tmp_path):
    live_path, copy_path = tmp_path / "live.sqlite3", tmp_path / "backup.sqlite3"
    live = sqlite_app(live_path)
    with live.app_context():
        load_builtin(db.session)
        patient = make_user("backup@example.com")
        item = give_plan(patient).items[0]
        from app.services.records.sync import store
        store(db.session, patient, [entry_checkin("2026-01-05", pain=4, note="kept"),
                                    entry_completion(item.id, "2026-01-05", item.slots[0])])
        expected = content()
        db.session.remove()
        stop, done = threading.Event(), []
        thread = threading.Thread(target=writer, args=(str(live_path), stop, done))
        thread.start()
        watcher = sqlite3.connect(live_path, timeout=10)
        try:
            while watcher.execute("SELECT count(*) FROM audit_events").fetchone()[0] < 20:
                pass
            result = live.test_cli_runner().invoke(args=["db-backup", str(copy_path)])
        finally:
            stop.set()
            thread.join()
            watcher.close()
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output and not (tmp_path / "backup.sqlite3.partial").exists()
    copy = sqlite3.connect(copy_path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    restored = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{copy_path}"} | TESTING)
    with restored.app_context():
        assert content() == expected
        written = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "writer"))
        assert written >= 20 and written % 2 == 0  # whole transactions only
        assert written <= 2 * done[0]
        assert db.session.scalar(select(CheckIn.note)) == "kept"


def test_backup_refuses_postgresql_with_a_pointer_to_pg_dump():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none"} | TESTING)
    result = app.test_cli_runner().invoke(args=["db-backup", "/tmp/never-written.sqlite3"])
    assert result.exit_code != 0 and "pg_dump -Fc" in result.output and "docs/security.md" in result.output


@pytest.mark.parametrize("url, message", [("sqlite://", "in-memory"), (None, "live database itself")])
def test_backup_refuses_nonsense_targets(tmp_path, url, message):
    live = tmp_path / "live.sqlite3"
    app = sqlite_app(live) if url is None else create_app({"SQLALCHEMY_DATABASE_URI": url} | TESTING)
    result = app.test_cli_runner().invoke(args=["db-backup", str(live)])
    assert result.exit_code != 0 and message in result.output
