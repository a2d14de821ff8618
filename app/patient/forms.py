"""Patient forms: check-in, ticking an item, editing a plan item."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..services.validation import NOTE_MAX, SLOT_RE

WEEKDAYS = [("0", "Mon"), ("1", "Tue"), ("2", "Wed"), ("3", "Thu"), ("4", "Fri"), ("5", "Sat"), ("6", "Sun")]


def scale(label: str, lo: int, hi: int, required: bool = False, description: str = ""):
    check = [InputRequired(message="Please choose a value.")] if required else [Optional()]
    return IntegerField(label, validators=check + [NumberRange(lo, hi, message=f"Choose a number from {lo} to {hi}.")],
                        description=description)


class CheckInForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    date = HiddenField(validators=[DataRequired()])
    pain = scale("Pain", 0, 10, required=True, description="0 = no pain, 10 = worst imaginable")
    stiffness = scale("Stiffness", 0, 10, description="0 = none, 10 = very stiff")
    fatigue = scale("Fatigue", 0, 10, description="0 = full of energy, 10 = exhausted")
    sleep_hours = DecimalField("Hours slept", places=1, validators=[
        Optional(), NumberRange(0, 24, message="Enter hours from 0 to 24.")])
    sleep_quality = scale("Sleep quality", 1, 5, description="1 = very poor, 5 = very good")
    mood = scale("Mood", 1, 5, description="1 = very low, 5 = very good")
    note = TextAreaField("Note", validators=[Optional(), Length(max=NOTE_MAX)])


class CompletionForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    plan_item_id = HiddenField(validators=[DataRequired()])
    date = HiddenField(validators=[DataRequired()])
    slot = HiddenField(validators=[DataRequired()])
    status = SelectField(choices=[("done", "Done"), ("partial", "Partly"), ("skipped", "Skipped")])
    pain_before = scale("Pain before", 0, 10)
    pain_after = scale("Pain after", 0, 10)
    note = StringField("Note", validators=[Optional(), Length(max=NOTE_MAX)])


class MultiCheckbox(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlanItemForm(FlaskForm):
    routine_id = SelectField("Routine", coerce=int, validators=[DataRequired(message="Choose a routine.")])
    days = MultiCheckbox("Days", choices=WEEKDAYS, default=[d for d, _ in WEEKDAYS])
    times = StringField("Times of day", default="08:00", validators=[DataRequired(), Length(max=119)],
                        description="24-hour times, separated by commas, e.g. 08:00, 18:30")
    sets = IntegerField("Sets", validators=[Optional(), NumberRange(1, 20)])
    reps = IntegerField("Reps", validators=[Optional(), NumberRange(1, 100)])
    hold_seconds = IntegerField("Hold (seconds)", validators=[Optional(), NumberRange(1, 600)])
    minutes = IntegerField("Minutes", validators=[Optional(), NumberRange(1, 240)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTE_MAX)])

    def validate_days(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose at least one day.")

    def validate_times(self, field) -> None:
        times = [t.strip() for t in field.data.split(",") if t.strip()]
        bad = [t for t in times if not SLOT_RE.match(t)]
        if not times or bad:
            raise ValidationError("Use 24-hour times like 07:30, separated by commas.")
        if len(times) > 6:
            raise ValidationError("At most six times a day.")

    @property
    def time_list(self) -> list[str]:
        return sorted({t.strip() for t in self.times.data.split(",") if t.strip()})
