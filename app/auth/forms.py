"""Account forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..extensions import db
from ..models import User
from ..services.clock import timezone_names

PASSWORD_MIN = 10


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me logged in on this device")


class RegisterForm(FlaskForm):
    display_name = StringField("Your name", validators=[DataRequired(), Length(max=80)])
    email = EmailField("Email", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(min=PASSWORD_MIN, max=200,
                                                       message=f"Use at least {PASSWORD_MIN} characters.")],
        description=f"At least {PASSWORD_MIN} characters. A short sentence is easy to remember.")
    role = RadioField("I am", choices=[("patient", "A patient"), ("clinician", "A physiotherapist or clinician")],
                      default="patient", validators=[DataRequired()])
    timezone = SelectField("Timezone", validators=[DataRequired()], default="UTC",
                           description="Reminders and your day follow this zone.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = list(timezone_names())

    def validate_email(self, field) -> None:
        email = field.data.strip().lower()
        if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
            raise ValidationError("An account with this email already exists. Log in instead.")


class ResetRequestForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])


class NewPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[
        DataRequired(), Length(min=PASSWORD_MIN, max=200, message=f"Use at least {PASSWORD_MIN} characters.")],
        description=f"At least {PASSWORD_MIN} characters.")
    confirm = PasswordField("New password again", validators=[
        DataRequired(), EqualTo("password", message="The two passwords are not the same.")])
