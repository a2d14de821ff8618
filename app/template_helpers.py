"""Helpers every template may use, registered on the app (not on one blueprint). None of them runs a query."""
from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_login import current_user

from app import formatting
from app.services.localize import topics_for
from app.services.records.limits import limits_json
from app.services.sleep.summary import hours_text

# The strftime shapes templates used before: kept as names for the Babel shapes in app/formatting.py.
SHAPES = {"%-d %b": "day", "%-d %b %Y": "date", "%-d %b %Y, %H:%M": "datetime", "%a %-d %b": "weekday"}


def user_time(moment: datetime | None, shape: str = "datetime", tz_name: str | None = None) -> str:
    """A UTC time in the signed-in user's timezone (or `tz_name`, the zone of the person it is about)."""
    if tz_name is None:
        tz_name = current_user.timezone if current_user.is_authenticated else "UTC"
    return formatting.time_text(moment, tz_name, SHAPES.get(shape, shape))


def topic_title(slug: str | None) -> str | None:
    """The title of a learn topic (for "why this helps" links), or None."""
    topics, _disclaimer = topics_for(formatting.language())
    topic = next((t for t in topics if t["slug"] == slug), None)
    return topic["title"] if topic else None


def init_template_helpers(app: Flask) -> None:
    app.add_template_filter(user_time, "user_time")
    app.add_template_filter(lambda day, shape="date": formatting.date_text(day, SHAPES.get(shape, shape)),
                            "date_text")
    app.add_template_filter(formatting.number_text, "number_text")
    app.add_template_filter(formatting.percent_text, "percent_text")
    app.add_template_filter(hours_text, "hours_text")
    app.add_template_global(formatting.dose_text, "dose_text")
    app.add_template_global(formatting.days_text, "days_text")
    app.add_template_global(formatting.schedule_text, "schedule_text")
    app.add_template_global(limits_json, "checkin_limits")
    app.add_template_global(topic_title, "topic_title")
