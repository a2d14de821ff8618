"""Template filters for times shown to the signed-in user (clinicians and patients alike)."""
from __future__ import annotations

from datetime import datetime

from flask_login import current_user

from ..services.changes import days_text
from ..services.clock import zone
from . import bp


@bp.app_template_filter("user_time")
def user_time(moment: datetime | None, fmt: str = "%-d %b %Y, %H:%M") -> str:
    """A UTC time in the signed-in user's timezone."""
    if moment is None:
        return ""
    tz = current_user.timezone if current_user.is_authenticated else "UTC"
    return moment.astimezone(zone(tz)).strftime(fmt)


bp.add_app_template_global(days_text, "days_text")
