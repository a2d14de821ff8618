"""Outcome measures: answering, trends and schedules (patients), flags and schedules (physios)."""
from flask import Blueprint

bp = Blueprint("measures", __name__)

from app.measures import clinician_routes, routes  # noqa: E402,F401
