from flask import Blueprint

bp = Blueprint("patient", __name__)

from . import mode_routes, plan_routes, routes  # noqa: E402,F401
