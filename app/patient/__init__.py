from flask import Blueprint

bp = Blueprint("patient", __name__)

from app.patient import mode_routes, plan_routes, routes  # noqa: E402,F401
