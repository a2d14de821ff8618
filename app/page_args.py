"""The day a page was asked for, read the same way on every page that takes one (Today, the sleep diary, the
routine player)."""
from __future__ import annotations

from datetime import date

from flask import abort, request
from flask_login import current_user

from app.services.clock import local_today
from app.services.records.validation import Invalid, local_date


def page_day() -> date:
    """`date` from the query or the form: the signed-in user's today when absent; one that is not a real date is
    a 404 (a link the app never made)."""
    raw = request.values.get("date")
    if not raw:
        return local_today(current_user.timezone)
    try:
        return local_date(raw)
    except Invalid:
        abort(404)
