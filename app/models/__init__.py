"""All models, imported here so Alembic and the app see one metadata."""
from app.models.alerts import AlertRule
from app.models.audit import AuditEvent
from app.models.care import ModeChange, PlanTemplate
from app.models.clinics import CareTransfer, Clinic, ClinicMember
from app.models.diary import FlareEpisode, PainEntry, ReportShare, Treatment
from app.models.invites import Invite
from app.models.logs import CLEARED, STATUSES, CheckIn, Completion
from app.models.measures import MeasureResponse, MeasureSchedule
from app.models.media import RoutineImage
from app.models.messages import Message
from app.models.plans import (
    DOSE_FIELDS,
    KINDS,
    VARIANTS,
    ItemRemoval,
    Plan,
    PlanDraft,
    PlanItem,
    PlanVersion,
    Routine,
)
from app.models.progression import Goal, ProgressionProposal, ProgressionRule
from app.models.reminders import PushSubscription, ReminderPass, ReminderPref, ReminderSent
from app.models.sessions import LoginSession
from app.models.sleep import SleepEntry, SleepWindow
from app.models.users import ROLES, CareLink, User

__all__ = [
    "AuditEvent", "FlareEpisode", "PainEntry", "ReportShare", "Treatment", "ModeChange", "PlanTemplate", "Invite",
    "PushSubscription", "ReminderPass", "ReminderPref", "ReminderSent", "MeasureResponse", "MeasureSchedule",
    "CLEARED", "STATUSES", "CheckIn", "Completion", "DOSE_FIELDS", "KINDS", "VARIANTS", "Plan", "PlanItem",
    "PlanVersion", "Routine", "ROLES", "CareLink", "User", "LoginSession",
    "SleepEntry", "SleepWindow", "PlanDraft", "ItemRemoval", "Goal", "ProgressionProposal",
    "ProgressionRule",
    "Message", "CareTransfer", "Clinic", "ClinicMember", "AlertRule", "RoutineImage",
]
