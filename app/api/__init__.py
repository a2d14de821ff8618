from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import (  # noqa: E402,F401
    clinician_routes,
    diary_routes,
    export_routes,
    me_routes,
    measures_routes,
    message_routes,
    push_routes,
    routes,
)
