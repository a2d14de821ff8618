"""Clinician forms. Plan items reuse the patient's PlanItemForm, with a note to the patient added."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.models import DOSE_FIELDS, KINDS
from app.patient.forms import PlanItemForm
from app.services.plans.library import KIND_LABELS
from app.services.plans.routines import RoutineText
from app.services.records.limits import NOTE_MAX, PAIN

MAX_STEPS = 20


def version_note(label=None):
    return TextAreaField(label or _l("Note to your patient"), validators=[Optional(), Length(max=NOTE_MAX)],
                         description=_l("Shown with this change on their Today page."))


class ClinicianItemForm(PlanItemForm):
    version_note = version_note()


class VersionNoteForm(FlaskForm):
    version_note = version_note()


class InviteForm(FlaskForm):
    label = StringField(_l("Who is it for? (optional)"), validators=[Optional(), Length(max=80)],
                        description=_l("Only you see this, e.g. initials or first name."))


class RoutineForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[(k, KIND_LABELS[k]) for k in KINDS], validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=80)])
    summary = StringField(_l("One-line summary"), validators=[Optional(), Length(max=300)])
    steps = TextAreaField(_l("Steps"), validators=[DataRequired(message=_l("Write at least one step."))],
                          description=_l("One step per line."))
    sets = IntegerField(_l("Sets"), validators=[Optional(), NumberRange(1, 20)])
    reps = IntegerField(_l("Reps"), validators=[Optional(), NumberRange(1, 100)])
    hold_seconds = IntegerField(_l("Hold (seconds)"), validators=[Optional(), NumberRange(1, 600)])
    minutes = IntegerField(_l("Minutes"), validators=[Optional(), NumberRange(1, 240)])
    precautions = TextAreaField(_l("Precautions"), validators=[Optional(), Length(max=NOTE_MAX)])
    media_url = StringField(_l("Image or video link (optional)"), validators=[Optional(), Length(max=500)],
                            description=_l("An https:// address, e.g. your clinic's video of the exercise."))
    version_note = TextAreaField(_l("Note to your patients (optional)"), validators=[Optional(), Length(max=NOTE_MAX)],
                                 description=_l("Patients whose plan uses this routine see the new version with "
                                                "this note under \u201cWhat changed\u201d."))

    @classmethod
    def of(cls, routine) -> RoutineForm:
        return cls(data={"kind": routine.kind, "title": routine.title, "summary": routine.summary,
                         "steps": "\n".join(routine.steps), "precautions": routine.precautions,
                         "media_url": routine.media_url or "", **routine.dose})

    def text(self) -> RoutineText:
        return RoutineText(kind=self.kind.data, title=self.title.data.strip(), steps=self.step_list,
                           summary=(self.summary.data or "").strip(), precautions=(self.precautions.data or "").strip(),
                           media_url=(self.media_url.data or "").strip() or None,
                           **{name: getattr(self, name).data for name in DOSE_FIELDS})

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in (self.steps.data or "").splitlines() if line.strip()]

    def validate_steps(self, field) -> None:
        steps = self.step_list
        if not steps:
            raise ValidationError(_l("Write at least one step."))
        if len(steps) > MAX_STEPS:
            raise ValidationError(_l("At most %(n)s steps.", n=MAX_STEPS))
        if any(len(s) > 300 for s in steps):
            raise ValidationError(_l("Keep each step under 300 characters."))

    def validate_media_url(self, field) -> None:
        parts = urlsplit(field.data.strip())
        if parts.scheme != "https" or not parts.netloc or " " in field.data.strip():
            raise ValidationError(_l("Use a full https:// link."))


class RulesForm(FlaskForm):
    flare_pain_threshold = IntegerField(
        _l("Suggest the flare-up plan when check-in pain is at least"),
        validators=[Optional(), NumberRange(1, PAIN.hi)],
        description=_l("1 to 10; leave empty for no suggestion."))


class TemplateForm(FlaskForm):
    name = StringField(_l("Template name"), validators=[DataRequired(), Length(max=80)],
                       description=_l("e.g. Lower back starter, Sleep reset"))
    description = TextAreaField(_l("Description (optional)"), validators=[Optional(), Length(max=500)])


class ApplyTemplateForm(FlaskForm):
    template_id = SelectField(_l("Template"), coerce=int, validators=[DataRequired(message=_l("Choose a template."))])
    how = RadioField(_l("How"), choices=[("replace", _l("Replace the current plan")),
                                         ("add", _l("Add to the current plan"))],
                     default="replace", validators=[DataRequired()])
    version_note = version_note()
