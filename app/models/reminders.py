"""Reminders: where to push, how the patient wants to be reminded, and what was already sent."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.services.reminders.schedule import DEFAULTS


class PushSubscription(db.Model):
    """One browser's Web Push subscription (a phone, a laptop); a user may have several."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_ok_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(default=0)


class ReminderPref(db.Model):
    """How one user wants to be reminded; a missing row means the defaults (`schedule.DEFAULTS`)."""

    __tablename__ = "reminder_prefs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    push_enabled: Mapped[bool] = mapped_column(default=True)
    calendar_enabled: Mapped[bool] = mapped_column(default=True)
    in_app_enabled: Mapped[bool] = mapped_column(default=True)
    quiet_start: Mapped[str | None] = mapped_column(String(5))  # "22:00"; both set or both empty
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    lead_minutes: Mapped[int] = mapped_column()
    checkin_time: Mapped[str | None] = mapped_column(String(5))  # empty = no check-in reminder

    def __init__(self, **fields):
        # The defaults are applied here, not as column defaults: an INSERT fires a column default for an explicit
        # None too, so "no check-in reminder" saved on a new row would come back as 20:00.
        for name in ("lead_minutes", "quiet_start", "quiet_end", "checkin_time"):
            fields.setdefault(name, getattr(DEFAULTS, name))
        super().__init__(**fields)


class ReminderSent(db.Model):
    """A reminder for one occurrence, written BEFORE it is pushed: the primary key makes a second send impossible.

    item_key is a plan item's key, or "checkin" for the daily check-in reminder.
    `snoozed_until` set means "push it again then" (the notification's "Snooze 30 min" action).
    """

    __tablename__ = "reminders_sent"
    __table_args__ = (Index("ix_reminders_sent_snoozed_until", "snoozed_until"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    date: Mapped[date] = mapped_column(primary_key=True, index=True)
    slot: Mapped[str] = mapped_column(String(5), primary_key=True)
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by a queue worker once the push went out, so a job redelivered after a worker died skips it.
    pushed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderPass(db.Model):
    """One run of the dispatcher: the next run looks only at occurrences that fell due since the last one.

    Also what an operator reads to see that the cron job is alive and what it sent.
    """

    __tablename__ = "reminder_passes"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # the minute the pass ran for (--at)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed: Mapped[int] = mapped_column(default=0)
    pushed: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    queued: Mapped[int] = mapped_column(default=0)  # reminders handed to queue workers (QUEUE_URL set)
