from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import clinician_routes, export_routes, me_routes, push_routes, routes  # noqa: E402,F401
