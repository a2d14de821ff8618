from flask import Blueprint

# cli_group: `flask reminders send`, `flask reminders vapid-keys` (app/reminders/cli.py)
bp = Blueprint("reminders", __name__, cli_group="reminders")

from app.reminders import cli, routes  # noqa: E402,F401
