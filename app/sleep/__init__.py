from flask import Blueprint

bp = Blueprint("sleep", __name__, url_prefix="/sleep")
api_bp = Blueprint("sleep_api", __name__, url_prefix="/api/v1/sleep")

from app.sleep import api_routes, clinician_routes, routes  # noqa: E402,F401
