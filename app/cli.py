"""CLI groups: `flask library load`, `flask demo load`, `flask users create-admin`."""
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

    users_cli = AppGroup("users", help="Accounts.")

    @users_cli.command("create-admin")
    @click.argument("email")
    @click.option("--password", help="For a new account (asked for when missing).")
    @click.option("--name", help="Display name of a new account.")
    def create_admin(email: str, password: str | None, name: str | None):
        """Make EMAIL an administrator, creating the account if there is none."""
        from sqlalchemy import select

        from app.models import User
        from app.services.clinics.approval import make_admin
        exists = db.session.scalar(select(User.id).where(User.email == email.strip().lower()))
        if not exists and not password:
            password = click.prompt("Password for the new account", hide_input=True, confirmation_prompt=True)
        user, created = make_admin(db.session, email, password, name)
        db.session.commit()
        click.echo(f"{user.email} is {'a new' if created else 'now an'} administrator.")

    alerts_cli = AppGroup("alerts", help="Clinicians' alerts.")

    @alerts_cli.command("digest")
    def alerts_digest():
        """Mail and push each clinician how many patients have the alerts they ticked (no names); run daily."""
        from app.models.base import utcnow
        from app.reminders.push import pusher
        from app.services import mail
        from app.services.clinics.alerts import clinicians_with_digest, digest, push_notice
        from app.services.clinics.approval import clinician_approved
        from app.services.reminders.push import push_notices
        mailed, notices, now = 0, [], utcnow()
        for clinician in clinicians_with_digest(db.session):
            if not clinician_approved(clinician):
                continue
            body = digest(db.session, clinician, now)
            if body:
                # over MAIL_URL when set; a server that fails is logged and the others still get theirs
                mailed += mail.send_from_app(clinician.email, "Inoplan: alerts for today", body) is not None
            notice = push_notice(db.session, clinician, now)
            if notice:
                notices.append((clinician.id, notice))
        pushed = push_notices(db.session, notices, lambda jobs: pusher().send_all(jobs)) if notices else 0
        click.echo(f"Alert digests sent: {mailed}. Pushes accepted: {pushed}.")

    app.cli.add_command(db_backup)
    app.cli.add_command(alerts_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(library_cli)
    app.cli.add_command(demo_cli)
