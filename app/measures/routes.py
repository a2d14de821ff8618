"""Patient pages: due measures and trends, answering one questionnaire, "not now", own schedule."""
from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.measures import bp
from app.measures.panels import trend_charts
from app.measures.views import help_contacts, title, wording
from app.services.clock import local_today
from app.services.measures import crisis, schedule
from app.services.measures.instruments import AREA_NAMES, BODY_AREAS, BY_ID, INSTRUMENTS, PEG_ANCHORS, SSS_YES_NO
from app.services.records import sync as records


@bp.get("/measures")
@role_required("patient")
def index():
    """Due questionnaires, every measure's trend, and (self-managed) how often each is asked."""
    today = local_today(current_user.timezone)
    plan = schedule.planned(db.session, current_user)
    charts = trend_charts(db.session, current_user)
    return render_template("measures/index.html", plan=plan, today=today, charts=charts, title=title,
                           can_edit=schedule.self_managed(db.session, current_user), choices=schedule.CHOICES)


@bp.get("/measures/<instrument>")
@role_required("patient")
def answer(instrument: str):
    """One questionnaire: a short form that the page turns into one question per screen."""
    if instrument not in INSTRUMENTS:
        abort(404)
    return render_template("measures/answer.html", inst=BY_ID[instrument], words=wording(instrument),
                           title=title(instrument), client_id=str(uuid.uuid4()), peg_anchors=PEG_ANCHORS,
                           areas=[(a, AREA_NAMES[a]) for a in BODY_AREAS], yes_no=SSS_YES_NO,
                           day=local_today(current_user.timezone).isoformat(), contacts=help_contacts())


def answers_from(instrument: str, form) -> object:
    """The form's fields as the sync entry's `answers` (shared/API.md)."""
    def num(name):
        raw = form.get(name, "")
        return int(raw) if raw.isdigit() else None
    if instrument == "psfs":
        return [{"activity": form.get(f"activity{i}", "").strip(), "score": num(f"score{i}")}
                for i in range(5) if form.get(f"activity{i}", "").strip()]
    if instrument == "wpi_sss":
        return {"areas": [a for a in form.getlist("areas") if a in BODY_AREAS],
                **{k: num(k) for k in ("fatigue", "unrefreshed", "cognitive", "headache", "abdominal", "depression")}}
    count = {"peg": 3, "phq9": 9, "gad7": 7}[instrument]
    return [num(f"q{i}") for i in range(count)]


@bp.post("/measures/<instrument>")
@role_required("patient")
def submit(instrument: str):
    """The plain-form path; the PWA queues the same entry in the outbox."""
    if instrument not in INSTRUMENTS:
        abort(404)
    entry = {"type": "measure", "instrument": instrument, "client_id": request.form.get("client_id"),
             "date": request.form.get("date"), "answers": answers_from(instrument, request.form)}
    result = records.store(db.session, current_user, [entry])[0]
    if result.status == "rejected":
        flash(_("Please answer every question."), "error")
        return redirect(url_for("measures.answer", instrument=instrument)), 303
    urgent = instrument == "phq9" and (entry["answers"][8] or 0) > 0
    return redirect(url_for("measures.thanks", urgent=1 if urgent else None)), 303


@bp.get("/measures/thanks")
@role_required("patient")
def thanks():
    """Saved; with the crisis contacts after a PHQ-9 item 9 answer above 0."""
    return render_template("measures/thanks.html", urgent=bool(request.args.get("urgent")), contacts=help_contacts())


@bp.post("/measures/not-now")
@role_required("patient")
def not_now():
    """Hide the due card until the next due date."""
    schedule.not_now(db.session, current_user)
    return redirect(url_for("patient.today")), 303


@bp.post("/measures/schedule")
@role_required("patient")
def own_schedule():
    """A self-managed patient sets how often each measure is asked."""
    if not schedule.self_managed(db.session, current_user):
        abort(403, _("Your physiotherapist sets your questionnaires."))
    save_schedule(current_user.id)
    flash(_("Saved."))
    return redirect(url_for("measures.index")), 303


def save_schedule(patient_id: int) -> None:
    for instrument in INSTRUMENTS:
        every = request.form.get(f"every_{instrument}", type=int)
        if every in schedule.CHOICES:
            flare_at = request.form.get("flare_at_peg", type=float) if instrument == "peg" else None
            schedule.set_schedule(db.session, current_user, patient_id, instrument, every,
                                  active=request.form.get(f"active_{instrument}") == "on",
                                  flare_at=flare_at if flare_at is not None and 0 <= flare_at <= 10 else None)


@bp.app_template_global("help_contacts")
def help_contacts_global() -> dict:
    """Emergency number and crisis lines for the reader (red-flags page, crisis message)."""
    return help_contacts()


@bp.post("/help/country")
def help_country():
    """Choose which country's emergency number and crisis lines to show (kept in the session cookie)."""
    chosen = request.form.get("country", "")
    if chosen in crisis.contacts():
        cookie["help_country"] = chosen
    return redirect(url_for("learn.topic", slug="red-flags")), 303


@bp.app_template_global("help_countries")
def help_countries() -> dict:
    return crisis.contacts()

