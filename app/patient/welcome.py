"""First day: five questions, a proposed starter plan from the built-in library, accepted as is or trimmed."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from app.access import role_required
from app.extensions import db
from app.patient import bp
from app.services.plans import starter

PICK = _l("Please choose one.")


class Checks(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WelcomeForm(FlaskForm):
    area = RadioField(_l("Where does it hurt most?"), validators=[InputRequired(PICK)], choices=[
        ("back", _l("Lower back")), ("neck", _l("Neck and shoulders")), ("legs", _l("Hips and thighs")),
        ("widespread", _l("All over"))])
    activity = RadioField(_l("How active are you at the moment?"), validators=[InputRequired(PICK)], choices=[
        ("hardly", _l("Hardly: most days are hard")), ("some", _l("A little: short walks")),
        ("active", _l("Fairly: I move most days"))])
    sleep = RadioField(_l("How do you sleep?"), validators=[InputRequired(PICK)], choices=[
        ("poor", _l("Poorly")), ("fair", _l("So-so")), ("good", _l("Well"))])
    warmth = RadioField(_l("What soothes your pain?"), validators=[InputRequired(PICK)], choices=[
        ("heat", _l("Warmth")), ("cold", _l("Cold")), ("unsure", _l("Not sure"))])
    times = Checks(_l("Which times of day suit you?"), default=["morning", "evening"],
                   validators=[DataRequired(_l("Choose at least one time of day."))], choices=[
                       ("morning", _l("Morning")), ("afternoon", _l("Afternoon")), ("evening", _l("Evening"))])


@bp.route("/welcome", methods=["GET", "POST"])
@role_required("patient")
def welcome():
    """The questions; a valid answer set shows the proposed plan to accept or trim."""
    if starter.has_plan(db.session, current_user):
        return redirect(url_for("patient.plan"))
    form = WelcomeForm()
    if not form.validate_on_submit():
        return render_template("patient/welcome.html", form=form), 422 if request.method == "POST" else 200
    answers = starter.Answers(form.area.data, form.activity.data, form.sleep.data, form.warmth.data,
                              tuple(form.times.data))
    picks = starter.propose(answers)
    routines = starter.routines_by_slug(db.session, [p.slug for p in picks])
    return render_template("patient/welcome_plan.html", picks=[p for p in picks if p.slug in routines],
                           routines=routines)


@bp.post("/welcome/accept")
@role_required("patient")
def welcome_accept():
    """Save the routines left ticked as the first plan version."""
    if not FlaskForm().validate_on_submit() or starter.has_plan(db.session, current_user):
        return redirect(url_for("patient.today")), 303
    chosen = [p for p in map(starter.Proposal.parse, request.form.getlist("pick")) if p is not None]
    if not chosen:
        flash(_("Keep at least one routine, or build your plan yourself."), "error")
        return redirect(url_for("patient.welcome")), 303
    starter.accept(db.session, current_user, chosen, note=_("Starter plan from my first-day answers"))
    db.session.commit()
    flash(_("Your starter plan is ready. Change it any time under Plan."))
    return redirect(url_for("patient.today")), 303
