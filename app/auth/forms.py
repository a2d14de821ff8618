"""Account forms."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from app.services.clock import timezone_names

PASSWORD_MIN = 10


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this device"))


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(min=PASSWORD_MIN, max=200,
                                                       message=_l("Use at least %(n)s characters.", n=PASSWORD_MIN))],
        description=_l("At least %(n)s characters. A short sentence is easy to remember.", n=PASSWORD_MIN))
    role = RadioField(_l("I am"), choices=[("patient", _l("A patient")), ("clinician",
                                                                          _l("A physiotherapist or clinician"))],
                      default="patient", validators=[DataRequired()])
    timezone = SelectField(_l("Timezone"), validators=[DataRequired()], default="UTC",
                           description=_l("Reminders and your day follow this zone."))
    # Clinicians only: an administrator checks these before the account may see patient data.
    profession = StringField(_l("Profession"), validators=[Length(max=80)],
                             description=_l("For example physiotherapist. Clinicians only."))
    registration_number = StringField(_l("Registration number"), validators=[Length(max=80)],
                                      description=_l("Your professional registration. Clinicians only."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = list(timezone_names())

    def validate_profession(self, field) -> None:
        if self.role.data == "clinician" and not (field.data or "").strip():
            raise ValidationError(_l("Clinicians need to state their profession."))

    def validate_registration_number(self, field) -> None:
        if self.role.data == "clinician" and not (field.data or "").strip():
            raise ValidationError(_l("Clinicians need to give their registration number."))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=PASSWORD_MIN, max=200, message=_l("Use at least %(n)s characters.",
                                                                     n=PASSWORD_MIN))],
        description=_l("At least %(n)s characters.", n=PASSWORD_MIN))
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))])
