"""Patient forms: check-in, ticking an item, editing a plan item."""
from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.models import DOSE_FIELDS, KINDS, Routine
from app.services.plans.library import KIND_LABELS
from app.services.plans.removals import REASONS
from app.services.plans.versions import ItemSpec, days_to_mask
from app.services.records.limits import CHECKIN_LIMITS as LIMITS
from app.services.records.limits import NOTE_MAX, PAIN, Limit
from app.services.records.validation import SLOT_RE

WEEKDAYS = [("0", _l("Mon")), ("1", _l("Tue")), ("2", _l("Wed")), ("3", _l("Thu")), ("4", _l("Fri")), ("5", _l("Sat")),
            ("6", _l("Sun"))]


def scale(label, limit: Limit, required: bool = False, description=""):
    """A 0-10 (or 1-5) tap scale; its range comes from the one definition and is also written into the HTML."""
    lo, hi = limit.range
    check = [InputRequired(message=_l("Please choose a value."))] if required else [Optional()]
    in_range = NumberRange(lo, hi, message=_l("Choose a number from %(lo)s to %(hi)s.", lo=lo, hi=hi))
    return IntegerField(label, validators=check + [in_range], description=description,
                        render_kw={"min": lo, "max": hi})


HOURS = LIMITS["sleep_hours"]


class CheckInForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    date = HiddenField(validators=[DataRequired()])
    pain = scale(_l("Pain"), LIMITS["pain"], required=True, description=_l("0 = no pain, 10 = worst imaginable"))
    stiffness = scale(_l("Stiffness"), LIMITS["stiffness"], description=_l("0 = none, 10 = very stiff"))
    fatigue = scale(_l("Fatigue"), LIMITS["fatigue"], description=_l("0 = full of energy, 10 = exhausted"))
    sleep_hours = DecimalField(_l("Hours slept"), places=1, validators=[Optional(), NumberRange(
        *HOURS.range, message=_l("Enter hours from %(lo)s to %(hi)s.", lo=HOURS.lo, hi=HOURS.hi))],
        render_kw={"min": HOURS.lo, "max": HOURS.hi, "inputmode": "decimal"})
    sleep_quality = scale(_l("Sleep quality"), LIMITS["sleep_quality"], description=_l("1 = very poor, 5 = very good"))
    mood = scale(_l("Mood"), LIMITS["mood"], description=_l("1 = very low, 5 = very good"))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])


class CompletionForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    plan_item_id = HiddenField(validators=[DataRequired()])
    date = HiddenField(validators=[DataRequired()])
    slot = HiddenField(validators=[DataRequired()])
    status = SelectField(choices=[("done", _l("Done")), ("partial", _l("Partly")), ("skipped", _l("Skipped")),
                                  ("cleared", _l("Not done"))])
    pain_before = scale(_l("Pain before"), PAIN)
    pain_after = scale(_l("Pain after"), PAIN)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])


class MultiCheckbox(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlanItemForm(FlaskForm):
    routine_id = SelectField(_l("Routine"), coerce=int, validators=[DataRequired(message=_l("Choose a routine."))])
    days = MultiCheckbox("Days", choices=WEEKDAYS, default=[d for d, _ in WEEKDAYS])
    times = StringField(_l("Times of day"), default="08:00", validators=[DataRequired(), Length(max=119)],
                        description=_l("24-hour times, separated by commas, e.g. 08:00, 18:30"))
    sets = IntegerField(_l("Sets"), validators=[Optional(), NumberRange(1, 20)])
    reps = IntegerField(_l("Reps"), validators=[Optional(), NumberRange(1, 100)])
    hold_seconds = IntegerField(_l("Hold (seconds)"), validators=[Optional(), NumberRange(1, 600)])
    minutes = IntegerField(_l("Minutes"), validators=[Optional(), NumberRange(1, 240)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=NOTE_MAX)])

    def validate_days(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one day."))

    def validate_times(self, field) -> None:
        times = [t.strip() for t in field.data.split(",") if t.strip()]
        bad = [t for t in times if not SLOT_RE.match(t)]
        if not times or bad:
            raise ValidationError(_l("Use 24-hour times like 07:30, separated by commas."))
        if len(times) > 6:
            raise ValidationError(_l("At most six times a day."))

    @property
    def time_list(self) -> list[str]:
        return sorted({t.strip() for t in self.times.data.split(",") if t.strip()})

    # The one conversion between this form and a plan item, for the patient's and the clinician's editors.
    @classmethod
    def for_spec(cls, spec: ItemSpec, **extra) -> PlanItemForm:
        return cls(data={"routine_id": spec.routine_id, "days": [str(d) for d in range(7) if spec.days_mask >> d & 1],
                         "times": ", ".join(spec.times), "sets": spec.sets, "reps": spec.reps,
                         "hold_seconds": spec.hold_seconds, "minutes": spec.minutes, "notes": spec.notes, **extra})

    def spec(self, key: str | None = None) -> ItemSpec:
        return ItemSpec(self.routine_id.data, days_to_mask(self.days.data), self.time_list, self.sets.data,
                        self.reps.data, self.hold_seconds.data, self.minutes.data, self.notes.data or "", key)

    def preselect(self, routine: Routine | None) -> None:
        """Start the form on this routine with its usual dose (the "Add to my plan" link of a routine page)."""
        if routine is not None and any(routine.id == value for value, _ in self.routine_id.choices):
            self.routine_id.data = routine.id
            for name in DOSE_FIELDS:
                getattr(self, name).data = getattr(routine, name)

    def usual_doses(self, routines: dict[int, Routine]) -> str:
        """Each routine's usual dose as JSON, for the page script that fills the dose when a routine is chosen."""
        return json.dumps({r.id: r.dose for r in routines.values()}, separators=(",", ":"))

    def offer(self, routines: dict[int, Routine], label, current: Routine | None = None) -> dict[int, Routine]:
        """The routines to choose from, labelled; an item keeps its own routine even when it can no longer be
        picked (archived, or written by a clinician the patient removed)."""
        if current is not None:
            routines.setdefault(current.id, current)
        ordered = sorted(routines.values(), key=lambda r: (KINDS.index(r.kind), label(r).casefold()))
        self.routine_id.choices = [(r.id, f"{KIND_LABELS[r.kind]}: {label(r)}") for r in ordered]
        return routines


class RemovalForm(FlaskForm):
    """Why a routine the physiotherapist prescribed is taken out (asked only for those)."""

    reason = RadioField(_l("Why are you removing it?"), choices=list(REASONS.items()),
                        validators=[Optional()])
    note = StringField(_l("Anything your physiotherapist should know? (optional)"),
                       validators=[Optional(), Length(max=500)])


PRESETS = [("08:00", _l("Morning, 08:00")), ("13:00", _l("Afternoon, 13:00")), ("19:00", _l("Evening, 19:00"))]


class SeveralItemsForm(FlaskForm):
    """Several routines at once, each with its usual dose, at the same days and times."""

    routine_ids = MultiCheckbox(_l("Routines"), coerce=int)
    presets = MultiCheckbox(_l("When"), choices=PRESETS)
    time = StringField(_l("Or at this time"), validators=[Optional(), Length(max=5)], render_kw={"type": "time"})
    days = MultiCheckbox(_l("Days"), choices=WEEKDAYS, default=[d for d, _ in WEEKDAYS])

    def validate_routine_ids(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one routine."))

    def validate_time(self, field) -> None:
        if field.data and not SLOT_RE.fullmatch(field.data.strip()):
            raise ValidationError(_l("Use a 24-hour time like 07:30."))

    def validate_presets(self, field) -> None:
        if not field.data and not (self.time.data or "").strip():
            raise ValidationError(_l("Choose a time of day."))

    def validate_days(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one day."))

    @property
    def time_list(self) -> list[str]:
        return sorted({*self.presets.data, *([self.time.data.strip()] if self.time.data else [])})
