"""Template filters for times shown to the signed-in user (clinicians and patients alike)."""
from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime
from flask_babel import get_locale
from flask_login import current_user

from app.clinician import bp
from app.services.clock import zone
from app.services.plans.changes import days_text

BABEL_PATTERNS = {"%-d %b": "d MMM", "%-d %b %Y": "d MMM y", "%-d %b %Y, %H:%M": "d MMM y, HH:mm"}


@bp.app_template_filter("user_time")
def user_time(moment: datetime | None, fmt: str = "%-d %b %Y, %H:%M") -> str:
    """A UTC time in the signed-in user's timezone."""
    if moment is None:
        return ""
    tz = zone(current_user.timezone if current_user.is_authenticated else "UTC")
    if fmt in BABEL_PATTERNS:  # month names in the reader's language
        return format_datetime(moment, BABEL_PATTERNS[fmt], tzinfo=tz, locale=get_locale() or "en")
    return moment.astimezone(tz).strftime(fmt)


bp.add_app_template_global(days_text, "days_text")
