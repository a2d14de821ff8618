"""Patient forms: check-in, ticking an item, editing a plan item."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

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
    status = SelectField(choices=[("done", _l("Done")), ("partial", _l("Partly")), ("skipped", _l("Skipped"))])
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
