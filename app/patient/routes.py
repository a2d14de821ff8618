"""The patient's day: today's items, ticking them, the daily check-in."""
from __future__ import annotations

import uuid
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.access import role_required
from app.extensions import db
from app.patient import bp
from app.patient.forms import CheckInForm, CompletionForm
from app.services.clock import local_today
from app.services.plans.news import plan_news
from app.services.plans.today import day_for
from app.services.records import sync as records
from app.services.records.limits import limits_json
from app.services.records.validation import Invalid, local_date

LABELS = {"pain_before": _l("Pain before"), "pain_after": _l("Pain after"), "plan_item_id": _l("Item"),
          "date": _l("Date"), "slot": _l("Time"), "status": _l("Status"), "note": _l("Note"), "client_id": _l("Form")}


@bp.route("/")
@login_required
def home():
    """Patients start on today; clinicians on their dashboard."""
    if current_user.is_patient:
        return redirect(url_for("patient.today"))
    return redirect(url_for("clinician.dashboard"))


def requested_day():
    today = local_today(current_user.timezone)
    raw = request.args.get("date")
    if not raw:
        return today
    try:
        return local_date(raw)
    except Invalid:
        abort(404)


@bp.route("/today")
@role_required("patient")
def today():
    """Today's routines grouped by part of day, plus the check-in."""
    day = requested_day()
    view = day_for(db.session, current_user, day)
    checkin_form = CheckInForm(obj=view.checkin, client_id=str(uuid.uuid4()), date=day.isoformat())
    return render_day(view, checkin_form)


def render_day(view, checkin_form: CheckInForm, open_checkin: bool = False) -> str:
    """The /today page for one day; the view passes everything the template shows (no query runs in it)."""
    is_today = view.date == local_today(current_user.timezone)
    news = plan_news(db.session, current_user, view, is_today)
    return render_template("patient/today.html", day=view, checkin_form=checkin_form, new_id=lambda: uuid.uuid4(),
                           is_today=is_today, open_checkin=open_checkin, news=news,
                           limits=limits_json(), prev_day=view.date - timedelta(days=1),
                           next_day=view.date + timedelta(days=1))


def store(entry: dict) -> records.Result:
    return records.store(db.session, current_user, [entry])[0]


@bp.post("/today/complete")
@role_required("patient")
def complete():
    """Tick an item as done, partly done or skipped (the plain-HTML path; the PWA syncs the same entry)."""
    form = CompletionForm()
    back = url_for("patient.today", date=form.date.data or None)
    if not form.validate_on_submit():
        for name, errors in form.errors.items():
            flash(f"{LABELS.get(name, name)}: {errors[0]}", "error")
        return redirect(back), 303
    result = store({"type": "completion", **{k: v for k, v in form.data.items() if k != "csrf_token"}})
    if result.status == "rejected":
        for name, message in (result.fields or {}).items():
            flash(f"{LABELS.get(name, name)} {message}.", "error")
    return redirect(back + f"#item-{form.plan_item_id.data}-{form.slot.data.replace(':', '')}"), 303


@bp.post("/today/checkin")
@role_required("patient")
def checkin():
    """Save the daily check-in (a later one the same day replaces it)."""
    form = CheckInForm()
    if not form.validate_on_submit():
        try:
            day = local_date(form.date.data)
        except Invalid:
            day = local_today(current_user.timezone)
        return render_day(day_for(db.session, current_user, day), form, open_checkin=True), 422
    data = {k: v for k, v in form.data.items() if k != "csrf_token"}
    if data["sleep_hours"] is not None:
        data["sleep_hours"] = float(data["sleep_hours"])
    result = store({"type": "checkin", **data})
    if result.status == "rejected":
        for name, message in (result.fields or {}).items():
            flash(f"{name.replace('_', ' ').capitalize()} {message}.", "error")
    else:
        flash(_("Check-in saved. Thank you."))
    return redirect(url_for("patient.today", date=form.date.data)), 303
