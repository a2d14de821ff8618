"""Profile settings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.services.clock import timezone_names


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80)])
    timezone = SelectField(_l("Timezone"), validators=[DataRequired()],
                           description=_l("Your day, reminders and calendar follow this zone."))
    follow_device_timezone = BooleanField(_l("Follow my phone's timezone when I travel"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = list(timezone_names())
