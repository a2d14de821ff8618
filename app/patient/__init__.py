from flask import Blueprint

bp = Blueprint("patient", __name__)

from app.patient import mode_routes, plan_routes, routes, welcome  # noqa: E402,F401
