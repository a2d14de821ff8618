"""All models, imported here so Alembic and the app see one metadata."""
from .audit import AuditEvent
from .care import ModeChange, PlanTemplate
from .invites import Invite
from .logs import STATUSES, CheckIn, Completion
from .plans import DOSE_FIELDS, KINDS, VARIANTS, Plan, PlanItem, PlanVersion, Routine
from .reminders import PushSubscription, ReminderPass, ReminderPref, ReminderSent
from .users import ROLES, CareLink, User

__all__ = [
    "AuditEvent", "ModeChange", "PlanTemplate", "Invite", "PushSubscription", "ReminderPass", "ReminderPref",
    "ReminderSent",
    "STATUSES", "CheckIn", "Completion", "DOSE_FIELDS", "KINDS", "VARIANTS", "Plan", "PlanItem",
    "PlanVersion", "Routine", "ROLES", "CareLink", "User",
]
