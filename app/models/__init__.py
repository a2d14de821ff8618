"""All models, imported here so Alembic and the app see one metadata."""
from app.models.audit import AuditEvent
from app.models.care import ModeChange, PlanTemplate
from app.models.invites import Invite
from app.models.logs import CLEARED, STATUSES, CheckIn, Completion
from app.models.plans import DOSE_FIELDS, KINDS, VARIANTS, Plan, PlanItem, PlanVersion, Routine
from app.models.reminders import PushSubscription, ReminderPass, ReminderPref, ReminderSent
from app.models.users import ROLES, CareLink, User

__all__ = [
    "AuditEvent", "ModeChange", "PlanTemplate", "Invite", "PushSubscription", "ReminderPass", "ReminderPref",
    "ReminderSent",
    "CLEARED", "STATUSES", "CheckIn", "Completion", "DOSE_FIELDS", "KINDS", "VARIANTS", "Plan", "PlanItem",
    "PlanVersion", "Routine", "ROLES", "CareLink", "User",
]
