from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import clinician_routes, diary_routes, me_routes, measures_routes, message_routes, push_routes, routes  # noqa: E402,F401
