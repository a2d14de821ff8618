"""Reminder settings, the private calendar feed and its one-off download."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import role_required
from app.extensions import db
from app.models import User
from app.models.users import new_token
from app.reminders import bp
from app.reminders.forms import ReminderPrefsForm
from app.services.plans.versions import current_version, plan_for
from app.services.reminders import calendar as calendar_feed
from app.services.reminders.prefs import prefs_for
from app.urls import absolute_url, base_url


def feed_urls(user: User) -> tuple[str, str]:
    """(https URL, webcal URL) of the user's feed."""
    url = absolute_url("reminders.feed", token=user.calendar_token)
    return url, "webcal://" + url.split("://", 1)[1]


def calendar_bytes(user: User) -> bytes:
    plan = plan_for(db.session, user)
    version = current_version(db.session, plan, "standard") if plan else None
    prefs = prefs_for(db.session, user)
    return calendar_feed.build(user, version, prefs, base_url())


@bp.route("/settings/reminders", methods=["GET", "POST"])
@login_required
def settings():
    """Notifications on this device, reminder preferences, and the calendar feed."""
    if not current_user.is_patient:
        return render_template("reminders/not_patient.html")
    prefs = prefs_for(db.session, current_user)
    form = ReminderPrefsForm(obj=prefs)
    if form.validate_on_submit():
        prefs = prefs_for(db.session, current_user, create=True)
        form.populate_obj(prefs)
        for name in ("quiet_start", "quiet_end", "checkin_time"):
            setattr(prefs, name, getattr(prefs, name) or None)
        db.session.commit()
        flash(_("Reminder preferences saved."))
        return redirect(url_for("reminders.settings")), 303
    url, webcal = feed_urls(current_user)
    return render_template("reminders/settings.html", form=form, prefs=prefs, feed_url=url, webcal_url=webcal,
                           qr=calendar_feed.qr_svg(webcal)), 422 if form.errors else 200


@bp.post("/settings/reminders/calendar-link")
@role_required("patient")
def new_calendar_link():
    """Replace the feed's secret address; the old one stops working at once."""
    current_user.calendar_token = new_token()
    db.session.commit()
    flash(_("Your calendar has a new private link. Subscribe again with it; the old link no longer works."))
    return redirect(url_for("reminders.settings") + "#calendar"), 303


@bp.get("/settings/reminders/plan.ics")
@role_required("patient")
def download():
    """A one-off copy of the calendar to import (alarms survive an import better than a subscription)."""
    response = Response(calendar_bytes(current_user), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="inoplan-plan.ics"'
    return response


@bp.get("/calendar/<token>.ics")
def feed(token: str):
    """The private feed calendar apps subscribe to; the token is the only key, so unknown ones answer 404."""
    user = db.session.scalar(select(User).where(User.calendar_token == token)) if len(token) <= 64 else None
    if user is None or not user.is_patient or not prefs_for(db.session, user).calendar_enabled:
        abort(404)
    response = Response(calendar_bytes(user), mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=900"
    response.headers["X-Robots-Tag"] = "noindex"
    response.add_etag()
    return response.make_conditional(request)
