from flask import Blueprint

bp = Blueprint("progression", __name__)

from app.progression import clinician_routes, globals, player_routes, routes  # noqa: E402,F401
