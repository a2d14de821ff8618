from flask import Blueprint

bp = Blueprint("clinics", __name__, url_prefix="/clinics")

from app.clinics import routes  # noqa: E402,F401
