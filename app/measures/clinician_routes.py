"""Physio pages: a patient's measures (trends, flags, schedule) and acknowledging a flag."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.access import role_required
from app.clinician.access import patient_or_404
from app.extensions import db
from app.measures import bp
from app.measures.routes import save_schedule
from app.measures.views import chart, title
from app.services.care import audit
from app.services.clock import local_today
from app.services.measures import schedule, store
from app.services.measures.trends import trends


@bp.get("/clinician/patients/<int:patient_id>/measures")
@role_required("clinician")
def patient_measures(patient_id: int):
    """Trends with bands and minimal important change, open flags, and the schedule."""
    person = patient_or_404(patient_id)
    audit.record(db.session, current_user, person.id, "viewed_measures")
    db.session.commit()
    responses = store.history(db.session, person.id)
    return render_template("measures/clinician.html", person=person, title=title,
                           charts=[chart(t, for_patient=False) for t in trends(responses)],
                           alerts=[r for r in responses if r.alert_open], responses=responses[::-1][:30],
                           plan=schedule.planned(db.session, person, local_today(person.timezone)),
                           choices=schedule.CHOICES)


@bp.post("/clinician/patients/<int:patient_id>/measures/acknowledge")
@role_required("clinician")
def acknowledge(patient_id: int):
    """The physio has seen the flagged answers (audited)."""
    person = patient_or_404(patient_id)
    n = store.acknowledge(db.session, current_user, person.id)
    flash(ngettext("Acknowledged %(num)d flagged answer for %(name)s.",
                   "Acknowledged %(num)d flagged answers for %(name)s.", n, name=person.display_name))
    return redirect(url_for("clinician.dashboard")), 303


@bp.post("/clinician/patients/<int:patient_id>/measures/schedule")
@role_required("clinician")
def schedule_for(patient_id: int):
    """The physio sets how often each measure is asked."""
    person = patient_or_404(patient_id)
    save_schedule(person.id)
    flash(_("Questionnaire schedule saved."))
    return redirect(url_for("measures.patient_measures", patient_id=person.id)), 303
