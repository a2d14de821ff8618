from flask import Blueprint

bp = Blueprint("diary", __name__)

from app.diary import labels, report_routes, routes  # noqa: E402,F401
