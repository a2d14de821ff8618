"""The patient's day: today's items, ticking them, the daily check-in."""
from __future__ import annotations

import uuid
from datetime import timedelta

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import role_required
from app.extensions import db
from app.measures import panels as measures_panels
from app.page_args import page_day
from app.patient import bp
from app.patient.forms import CheckInForm, CompletionForm
from app.progression import panels as progression_panels
from app.services.clock import local_today
from app.services.plans.day_range import day_kind
from app.services.plans.news import plan_news
from app.services.plans.today import day_for
from app.services.records import labels
from app.services.records import sync as records
from app.services.records.days import viewable_days
from app.services.records.limits import limits_json
from app.services.records.validation import Invalid, local_date
from app.services.sleep import store as sleep_diary
from app.services.sleep import summary as sleep_summary


@bp.route("/")
@login_required
def home():
    """Patients start on today; clinicians on their dashboard."""
    if current_user.is_patient:
        return redirect(url_for("patient.today"))
    return redirect(url_for("clinician.dashboard"))


def requested_day():
    day = page_day()
    try:
        return viewable_days(current_user).check(day, "open")
    except Invalid as exc:
        flash(_("That day cannot be opened: it %(why)s.", why=str(exc)), "error")
        abort(redirect(url_for("patient.today")))


@bp.route("/today")
@role_required("patient")
def today():
    """Today's routines grouped by part of day, plus the check-in."""
    day = requested_day()
    view = day_for(db.session, current_user, day)
    checkin_form = CheckInForm(obj=view.checkin, client_id=str(uuid.uuid4()), date=day.isoformat())
    return render_day(view, checkin_form)


def render_day(view, checkin_form, status: int = 200, **extra):
    """Today's page for `view`; an error from the last tick is shown on that routine's card. The view passes
    everything the template shows (no query runs in it)."""
    day = view.date
    kind = day_kind(current_user, view)
    if kind.kind == "history":
        view.items = []  # the plan did not exist yet: nothing was asked of the patient that day
    error = session.pop("item_error", None)
    anchors = {f"item-{d.item.id}-{d.slot.replace(':', '')}" for d in view.items}
    if error and kind.can_tick and error["anchor"] in anchors:
        extra["item_error"] = error  # shown on the routine's card
    elif error:
        extra["page_error"] = error["message"]
    is_today = kind.kind == "today"
    news = plan_news(db.session, current_user, view, is_today)
    panels = {"sleep_card": sleep_summary.today_card(db.session, current_user, day),
              "due_measures": measures_panels.due_card(db.session, current_user),
              "step_proposals": progression_panels.today_steps(db.session, current_user, view)}
    return render_template("patient/today.html", day=view, checkin_form=checkin_form, new_id=lambda: uuid.uuid4(),
                           is_today=is_today, day_kind=kind, news=news, limits=limits_json(),
                           prev_day=day - timedelta(days=1), next_day=day + timedelta(days=1),
                           **panels, **extra), status


def store(entry: dict) -> records.Result:
    return records.store(db.session, current_user, [entry])[0]


@bp.post("/today/complete")
@role_required("patient")
def complete():
    """Tick an item as done, partly done or skipped (the plain-HTML path; the PWA syncs the same entry)."""
    form = CompletionForm()
    back = url_for("patient.today", date=form.date.data or None)
    anchor = f"item-{form.plan_item_id.data}-{(form.slot.data or '').replace(':', '')}"
    if not form.validate_on_submit():
        problems = [f"{labels.label(name)}: {errors[0]}" for name, errors in form.errors.items()]
        return item_error(back, anchor, " ".join(problems))
    try:
        day = local_date(form.date.data)
    except Invalid:
        day = None
    if day is not None and not day_kind(current_user, day_for(db.session, current_user, day)).can_tick:
        return item_error(back, anchor, _("This day can't be ticked: only today and earlier days of your plan can."))
    result = store({"type": "completion", **{k: v for k, v in form.data.items() if k != "csrf_token"}})
    if result.status == "rejected":
        return item_error(back, anchor, " ".join(labels.problem(name, message)
                                                 for name, message in (result.fields or {}).items()))
    return redirect(f"{back}#{anchor}"), 303


def item_error(back: str, anchor: str, message: str):
    """Back to the day, with the message kept for the card the patient tapped (not only the page top)."""
    session["item_error"] = {"anchor": anchor, "message": message}
    return redirect(f"{back}#{anchor}"), 303


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
        return render_day(day_for(db.session, current_user, day), form, 422, open_checkin=True)
    data = {k: v for k, v in form.data.items() if k != "csrf_token"}
    if data["sleep_hours"] is not None:
        data["sleep_hours"] = float(data["sleep_hours"])
    data = sleep_diary.checkin_from_diary(db.session, current_user, data)  # no double entry
    result = store({"type": "checkin", **data})
    if result.status == "rejected":
        labels.flash_rejected(result.fields)
    else:
        flash(_("Check-in saved. Thank you."))
    return redirect(url_for("patient.today", date=form.date.data)), 303
