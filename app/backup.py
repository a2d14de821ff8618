"""`flask db-backup PATH`: a consistent copy of the SQLite database while the app keeps running."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext

from app.extensions import db

PG_HINT = ("db-backup copies SQLite databases only. For PostgreSQL use its own tools, for example\n"
           "  pg_dump -Fc -f inoplan.dump \"$DATABASE_URL\"\n"
           "  pg_restore --clean -d \"$DATABASE_URL\" inoplan.dump\n"
           "(see docs/security.md).")


def backup_sqlite(source: str, target: Path) -> int:
    """Copy with SQLite's online backup API into a temporary file, check it, then move it into place."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(partial)
    try:
        # One step copies every page while holding a read lock, so writers never leave it half-applied.
        src.backup(dest)
        if dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise click.ClickException("The copy failed its integrity check; nothing was written.")
    finally:
        dest.close()
        src.close()
    os.replace(partial, target)
    return target.stat().st_size


@click.command("db-backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def db_backup(path: Path):
    """Write a consistent copy of the SQLite database to PATH (safe while the app runs)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(PG_HINT)
    if not url.database or url.database == ":memory:":
        raise click.ClickException("This app uses an in-memory SQLite database; there is nothing on disk to copy.")
    if path.resolve() == Path(url.database).resolve():
        raise click.ClickException("PATH is the live database itself; choose another file.")
    size = backup_sqlite(url.database, path)
    click.echo(f"Backed up {url.database} to {path} ({size:,} bytes).")
