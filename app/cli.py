"""CLI groups: `flask library load`, `flask demo load`."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.backup import db_backup
from app.extensions import db


def register_cli(app: Flask) -> None:
    library_cli = AppGroup("library", help="The built-in routine library.")
    demo_cli = AppGroup("demo", help="Demo accounts and history.")

    @library_cli.command("load")
    def library_load():
        """Insert or refresh the built-in routines."""
        from app.services.plans.library import load_builtin
        added = load_builtin(db.session)
        db.session.commit()
        click.echo(f"Built-in routines: {added} added.")

    @demo_cli.command("load")
    @click.option("--days", default=28, show_default=True, help="Days of history to generate.")
    def demo_load(days: int):
        """Create the demo clinician and patient with a plan and history (skipped if present)."""
        from app.services.demo.loader import load_demo
        click.echo(load_demo(db.session, days=days))

    app.cli.add_command(db_backup)
    app.cli.add_command(library_cli)
    app.cli.add_command(demo_cli)
