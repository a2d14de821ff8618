"""Reminder preferences."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Optional, Regexp
from wtforms.widgets import TimeInput

from app.services.records.validation import SLOT_RE

LEADS = [(0, _l("At the time")), (5, _l("5 minutes before")), (10, _l("10 minutes before")),
         (15, _l("15 minutes before")), (30, _l("30 minutes before")), (60, _l("1 hour before"))]
TIME_MESSAGE = _l("Enter a time as HH:MM, for example 22:00.")


def time_field(label, description="") -> StringField:
    return StringField(label, widget=TimeInput(), description=description,
                       validators=[Optional(), Regexp(SLOT_RE, message=TIME_MESSAGE)])


class ReminderPrefsForm(FlaskForm):
    push_enabled = BooleanField(_l("Send reminders as notifications"))
    in_app_enabled = BooleanField(_l("Highlight what is due while Inoplan is open"))
    calendar_enabled = BooleanField(_l("Offer my plan as a calendar feed"))
    lead_minutes = SelectField(_l("Remind me"), coerce=int, choices=LEADS)
    quiet_start = time_field(_l("Quiet from"))
    quiet_end = time_field(_l("Quiet until"))
    checkin_time = time_field(_l("Daily check-in reminder"), _l("Leave empty for no check-in reminder."))

    def validate(self, extra_validators=None) -> bool:
        # Checked here, not in validate_quiet_end: Optional() stops a field's own chain when it is empty.
        if not super().validate(extra_validators):
            return False
        start, end = self.quiet_start.data or "", self.quiet_end.data or ""
        if bool(start) != bool(end):
            self.quiet_end.errors = [_("Set both quiet-hours times, or clear both.")]
        elif start and start == end:
            self.quiet_end.errors = [_("Quiet hours must end at a different time than they start.")]
        return not self.quiet_end.errors
