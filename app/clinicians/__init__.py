from flask import Blueprint

bp = Blueprint("clinicians", __name__)

from . import routes  # noqa: E402,F401
