"""The patient's sleep diary (/sleep) and sleep window (/sleep/window)."""
from __future__ import annotations

import uuid
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.page_args import page_day
from app.services.clock import local_today
from app.services.records import sync as records
from app.services.records.validation import Invalid, slot
from app.services.sleep import summary, windows
from app.sleep import bp
from app.sleep.charts import efficiency_chart, total_sleep_chart

ENTRY_FIELDS = ("date", "in_bed", "tried_sleep", "final_wake", "out_of_bed", "latency_min", "awakenings",
                "waso_min", "quality", "naps_min", "tz")


def diary_day():
    """The night a diary page is about: `date` (a later one than tomorrow means today)."""
    day, today = page_day(), local_today(current_user.timezone)
    return day if day <= today + timedelta(days=1) else today


def render_diary(day, values, entry, errors=None, status=200):
    view = summary.overview(db.session, current_user, local_today(current_user.timezone))
    return render_template("sleep/diary.html", day=day, values=values, entry=entry, errors=errors or {},
                           view=view, client_id=str(uuid.uuid4()),
                           efficiency_chart=efficiency_chart(view.weeks), sleep_chart=total_sleep_chart(view.weeks),
                           prev_day=day - timedelta(days=1), next_day=day + timedelta(days=1),
                           is_today=day == local_today(current_user.timezone)), status


@bp.get("", strict_slashes=False)
@role_required("patient")
def diary():
    """This morning's diary (or another night's, ?date=), the recent nights and the weeks."""
    day = diary_day()
    values, entry = summary.form_values(db.session, current_user, day)
    return render_diary(day, values, entry)


@bp.post("/diary")
@role_required("patient")
def save():
    """Save a night (the plain-HTML path; the PWA queues the same entry in its outbox)."""
    day = diary_day()
    entry = {"type": "sleep", "client_id": request.form.get("client_id") or str(uuid.uuid4())}
    entry.update({name: request.form.get(name) or None for name in ENTRY_FIELDS})
    result = records.store(db.session, current_user, [entry])[0]
    if result.status == "rejected":
        values = {name: request.form.get(name) for name in summary.FIELDS}
        return render_diary(day, values, None, result.fields or {}, 422)
    flash(_("Sleep diary saved."))
    return redirect(url_for("sleep.diary", date=day.isoformat())), 303


@bp.get("/window")
@role_required("patient")
def window():
    """The sleep window: why it helps, its history, this week's suggestion."""
    view = summary.overview(db.session, current_user, local_today(current_user.timezone))
    return render_template("sleep/window.html", view=view, errors={})


@bp.post("/window")
@role_required("patient")
def set_window():
    """A self-managed patient sets their own window (with a physio, the physio sets it)."""
    if not windows.self_managed(db.session, current_user):
        abort(403, _("Your physiotherapist sets your sleep window."))
    try:
        bedtime, rise = slot(request.form.get("bedtime")), slot(request.form.get("rise"))
        windows.set_window(db.session, current_user, current_user, bedtime, rise)
    except (Invalid, windows.WindowError) as exc:
        fields = getattr(exc, "fields", {"bedtime": str(exc)})
        view = summary.overview(db.session, current_user, local_today(current_user.timezone))
        return render_template("sleep/window.html", view=view, errors=fields), 422
    flash(_("Sleep window saved."))
    return redirect(url_for("sleep.window")), 303


@bp.post("/window/decide")
@role_required("patient")
def decide():
    """Accept this week's suggestion, or keep the window as it is."""
    row = windows.decide(db.session, current_user, current_user, accept=request.form.get("accept") == "yes")
    if row is not None:
        flash(_("Sleep window updated.") if row.reason == "accepted" else _("You kept your sleep window."))
    return redirect(url_for("sleep.window")), 303
