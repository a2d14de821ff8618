"""`flask reminders vapid-keys` and `flask reminders send` (run every minute by cron or a systemd timer)."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app

from app.extensions import db
from app.reminders import bp
from app.reminders.push import pusher
from app.services.reminders.dispatch import run
from app.services.reminders.webpush import create_key_file, load_key, public_key


@bp.cli.command("vapid-keys")
@click.option("--force", is_flag=True, help="Replace the key: every browser must then subscribe again.")
def vapid_keys(force: bool):
    """Create the VAPID key pair once (instance/vapid_private.pem) and print the public key."""
    if current_app.config.get("VAPID_PRIVATE_KEY"):
        click.echo("VAPID_PRIVATE_KEY is set in the environment; it is used and no file is written.")
        click.echo(f"Public key: {public_key(load_key(current_app.config['VAPID_PRIVATE_KEY'], Path()))}")
        return
    path = Path(current_app.config["VAPID_KEY_FILE"])
    if force:
        path.unlink(missing_ok=True)
        current_app.extensions.pop("inoplan_vapid", None)
    written = create_key_file(path)
    click.echo(f"{'Wrote a new key to' if written else 'A key already exists at'} {path}.")
    click.echo(f"Public key: {public_key(load_key(None, path))}")


def parse_at(_ctx, _param, value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC).replace(second=0, microsecond=0)
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DDTHH:MM (UTC), for example 2026-03-29T07:00") from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@bp.cli.command("send")
@click.option("--at", "now", callback=parse_at, help="Pretend it is this UTC time, YYYY-MM-DDTHH:MM (default: now).")
def send(now: datetime):
    """Push every reminder that is due now in each patient's local time, once."""
    try:
        push = pusher()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    report = run(db.session, now, push.send_all, prune_days=current_app.config["PUSH_PRUNE_DAYS"],
                 enqueue=queue_enqueue())
    click.echo(f"{now:%Y-%m-%d %H:%M} UTC: {report.line()}")


def queue_enqueue():
    """The dispatcher's enqueue function when QUEUE_URL is set, else None (push from this process)."""
    config = current_app.config
    if not config.get("QUEUE_URL"):
        return None
    from app.services.reminders import queue
    queue.make_broker(config["QUEUE_URL"], config["QUEUE_NAMESPACE"], config["QUEUE_RETRIES"],
                      config["QUEUE_HEARTBEAT_MS"])
    return lambda due, now: queue.enqueue(due, now, config["QUEUE_BATCH"])


@bp.cli.command("worker")
@click.option("--threads", default=4, show_default=True, help="Batches pushed at once by this process.")
def worker(threads: int):
    """Push the batches that `flask reminders send` queues (needs QUEUE_URL); stops cleanly on SIGTERM/SIGINT."""
    from app.reminders.worker import serve
    if not current_app.config.get("QUEUE_URL"):
        raise click.ClickException("Set QUEUE_URL (for example redis://127.0.0.1:6379/0) to run queue workers.")
    serve(current_app._get_current_object(), threads)
