from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import register, reset, routes  # noqa: E402,F401
