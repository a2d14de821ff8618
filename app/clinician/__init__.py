from flask import Blueprint

bp = Blueprint("clinician", __name__, url_prefix="/clinician")

from app.clinician import plan_routes, routes, routine_routes, template_routes  # noqa: E402,F401
