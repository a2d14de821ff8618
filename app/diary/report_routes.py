"""The doctor's report and the printable plan as PDFs, and share links that open the report without an account."""
from __future__ import annotations

from datetime import date, timedelta

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.access import found, role_required
from app.diary import bp
from app.extensions import db, limiter
from app.models import User
from app.services.care.links import linked_patient
from app.services.clock import local_today
from app.services.diary import report, shares
from app.services.records.validation import Invalid, local_date
from app.urls import absolute_url

PERIODS = (30, 90)
MAX_DAYS = 366


def _pdf(data: bytes, filename: str):
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _period(values) -> tuple[date, date]:
    """`from`/`to` (local dates) or `days` (default 30) from the query or the form; at most a year; errors answer
    400 with the field named."""
    today = local_today(current_user.timezone)
    try:
        end = local_date(values["to"]) if values.get("to") else today
        if values.get("from"):
            start = local_date(values["from"])
        else:
            days = int(values.get("days", 30)) if str(values.get("days", 30)).isdigit() else 30
            start = end - timedelta(days=min(max(days, 1), MAX_DAYS) - 1)
    except Invalid as exc:
        abort(400, f"The dates {exc}.")
    if start > end or (end - start).days >= MAX_DAYS:
        abort(400, _("Choose a period of at most a year, with the start before the end."))
    return start, end


@bp.get("/reports")
@role_required("patient")
def reports():
    """Choose a period, download the report, or share it through a link and a QR code."""
    return render_template("diary/reports.html", periods=PERIODS, shares=shares.active(db.session, current_user),
                           today=local_today(current_user.timezone), new_link=None)


@bp.get("/reports/doctor.pdf")
@role_required("patient")
def doctor_pdf():
    start, end = _period(request.args)
    data = report.doctor_pdf(report.gather(db.session, current_user, start, end))
    return _pdf(data, f"inoplan-report-{start}-{end}.pdf")


@bp.post("/reports/share")
@role_required("patient")
@limiter.limit("20 per hour")
def share():
    """A link (and QR code) that opens this period's report for 7 days, without an account."""
    start, end = _period(request.args or request.form)
    link, token = shares.create(db.session, current_user, start, end)
    db.session.commit()
    url = absolute_url("diary.shared", token=token)
    qr = segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return render_template("diary/reports.html", periods=PERIODS, shares=shares.active(db.session, current_user),
                           today=local_today(current_user.timezone), new_link={"url": url, "qr": qr, "share": link})


@bp.post("/reports/share/<int:share_id>/revoke")
@role_required("patient")
def revoke(share_id: int):
    if not shares.revoke(db.session, current_user, share_id):
        abort(404)
    db.session.commit()
    flash(_("The link no longer works."))
    return redirect(url_for("diary.reports")), 303


@bp.get("/r/<token>")
@limiter.limit("30 per minute")
def shared(token: str):
    """The shared report, for whoever holds the link while it lasts (no account needed)."""
    link = shares.open_share(db.session, token[:64])
    if link is None:
        db.session.rollback()
        return render_template("diary/share_gone.html"), 404
    patient = db.session.get(User, link.patient_id)
    with force_locale(patient.locale or "en"):
        data = report.doctor_pdf(report.gather(db.session, patient, link.start, link.end))
    db.session.commit()
    response = _pdf(data, f"inoplan-report-{link.start}-{link.end}.pdf")
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/plan.pdf")
@role_required("patient")
def plan_pdf():
    """The current plan on paper: routines with steps, dose, days, times and precautions, and the flare-up plan."""
    return _pdf(report.plan_pdf(db.session, current_user), "inoplan-plan.pdf")


@bp.get("/clinician/patients/<int:patient_id>/plan.pdf")
@role_required("clinician")
def clinician_plan_pdf(patient_id: int):
    """A linked patient's plan, printed by their physio, in the patient's language."""
    patient = found(linked_patient(db.session, current_user, patient_id))
    with force_locale(patient.locale or "en"):
        return _pdf(report.plan_pdf(db.session, patient), "inoplan-plan.pdf")
