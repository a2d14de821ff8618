"""The dispatcher behind `flask reminders send`: what is due for everyone, claimed once, then pushed.

Set-based: one query reads every pushable patient's current plan items, the windows are computed once
per zone and lead time, and everything else (done slots, check-ins, sent rows, titles, subscriptions) is
read in a few IN queries (one array parameter each on PostgreSQL), however many patients there are.
A reminder is first claimed by inserting its ReminderSent row (ON CONFLICT DO NOTHING ... RETURNING) and
committing; only what this run inserted is pushed, so a second run, or a second dispatcher on another
server at the same moment, sends nothing twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, case, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from ..models import (CheckIn, Completion, Plan, PlanItem, PlanVersion, PushSubscription, ReminderPref,
                      ReminderSent, User)
from . import reminders as sched
from .reminder_push import Send, deliver, prune, release
from .sets import among, batches, is_postgres

DEFAULTS = sched.Prefs()


@dataclass
class Report:
    due: int = 0
    claimed: int = 0
    snoozed: int = 0
    pushed: int = 0
    gone: int = 0
    failed: int = 0
    retry: int = 0
    pruned: int = 0

    def line(self) -> str:
        return (f"due {self.due}, claimed {self.claimed}, snoozed re-sends {self.snoozed}, pushes ok {self.pushed}, "
                f"gone {self.gone}, failed {self.failed}, to retry {self.retry}, pruned {self.pruned}")


def _pushable():
    """Patients who want push and have at least one subscription."""
    return and_(func.coalesce(ReminderPref.push_enabled, True).is_(True),
                exists().where(PushSubscription.user_id == User.id))


def item_rows(session: Session):
    """(user id, zone, lead, quiet start, quiet end, item id, key, days mask, times) of every current item."""
    latest = (select(PlanVersion.plan_id, PlanVersion.variant, func.max(PlanVersion.number).label("number"))
              .group_by(PlanVersion.plan_id, PlanVersion.variant).subquery())
    return session.execute(
        select(User.id, User.timezone, func.coalesce(ReminderPref.lead_minutes, DEFAULTS.lead_minutes),
               ReminderPref.quiet_start, ReminderPref.quiet_end,
               PlanItem.id, PlanItem.key, PlanItem.days_mask, PlanItem.times)
        .select_from(User)
        .join(Plan, Plan.patient_id == User.id)
        .join(latest, and_(latest.c.plan_id == Plan.id, latest.c.variant == Plan.mode))
        .join(PlanVersion, and_(PlanVersion.plan_id == Plan.id, PlanVersion.variant == Plan.mode,
                                PlanVersion.number == latest.c.number))
        .join(PlanItem, PlanItem.version_id == PlanVersion.id)
        .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
        .where(_pushable()))


def due_items(session: Session, now: datetime) -> list[tuple[int, sched.Due]]:
    """Every (user, occurrence) in its due window, before removing what is done or sent."""
    windows: dict[tuple[str, int], tuple] = {}
    quiet_hm: dict[str, str] = {}
    out = []
    for uid, tz, lead, q_start, q_end, item_id, key, mask, times in item_rows(session):
        window = windows.get((tz, lead))
        if window is None:
            window = windows[(tz, lead)] = sched.due_slots(tz, now, lead)
        for day, slots in window:
            if mask >> day.weekday() & 1:
                for slot in times.split(","):
                    if slot in slots:
                        if q_start and q_end:
                            hm = quiet_hm.get(tz) or quiet_hm.setdefault(tz, sched.local_hm(now, tz))
                            if sched.in_quiet_hours(hm, q_start, q_end):
                                continue
                        out.append((uid, sched.Due(key, item_id, day, slot, sched.slot_instant(day, slot, tz))))
    return out


def due_checkins(session: Session, now: datetime) -> list[tuple[int, sched.Due]]:
    """Every patient whose daily check-in reminder time is in its window (before removing who checked in)."""
    checkin_time = case((ReminderPref.id.is_(None), DEFAULTS.checkin_time), else_=ReminderPref.checkin_time)
    rows = session.execute(
        select(User.id, User.timezone, ReminderPref.quiet_start, ReminderPref.quiet_end, checkin_time)
        .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
        .where(User.role == "patient", checkin_time.is_not(None), checkin_time != "", _pushable()))
    windows: dict[str, tuple] = {}
    quiet_hm: dict[str, str] = {}
    out = []
    for uid, tz, q_start, q_end, at in rows:
        window = windows.get(tz)
        if window is None:
            window = windows[tz] = sched.due_slots(tz, now, 0)
        for day, slots in window:
            if at in slots:
                if q_start and q_end:
                    hm = quiet_hm.get(tz) or quiet_hm.setdefault(tz, sched.local_hm(now, tz))
                    if sched.in_quiet_hours(hm, q_start, q_end):
                        break
                out.append((uid, sched.Due(sched.CHECKIN_KEY, None, day, at, sched.slot_instant(day, at, tz))))
                break
    return out


def recorded(session: Session, candidates: list[tuple[int, sched.Due]],
             include_sent: bool = True) -> list[tuple[int, sched.Due]]:
    """Drop occurrences already recorded (any status), days already checked in, and (optionally) sent ones."""
    users = sorted({uid for uid, _ in candidates})
    dates = sorted({d.date for _, d in candidates})
    skip: set[tuple] = set()
    checked_in: set[tuple] = set()
    for part in batches(session, users):
        skip.update(session.execute(
            select(Completion.patient_id, Completion.item_key, Completion.date, Completion.slot)
            .where(among(session, Completion.patient_id, part), Completion.date.in_(dates))).all())
        checked_in.update(session.execute(
            select(CheckIn.patient_id, CheckIn.date)
            .where(among(session, CheckIn.patient_id, part), CheckIn.date.in_(dates))).all())
        if include_sent:
            skip.update(session.execute(
                select(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date, ReminderSent.slot)
                .where(among(session, ReminderSent.user_id, part), ReminderSent.date.in_(dates))).all())
    return [(uid, d) for uid, d in candidates if (uid, *d.ident) not in skip
            and not (d.key == sched.CHECKIN_KEY and (uid, d.date) in checked_in)]


def claim(session: Session, due: list[tuple[int, sched.Due]], now: datetime) -> set[tuple]:
    """Insert the ReminderSent rows and commit; the (user, key, date, slot) this run inserted and may push."""
    if not due:
        return set()
    table = ReminderSent.__table__
    names = ("user_id", "item_key", "date", "slot", "plan_item_id")
    values = list(zip(*[(uid, d.key, d.date, d.slot, d.plan_item_id) for uid, d in due]))
    returning = (table.c.user_id, table.c.item_key, table.c.date, table.c.slot)
    if is_postgres(session):
        # One statement, one array per column: INSERT ... SELECT * FROM unnest(...) ON CONFLICT DO NOTHING.
        rows = func.unnest(*[bindparam(None, list(v), type_=ARRAY(table.c[n].type), unique=True)
                             for n, v in zip(names, values)]).table_valued(*names).render_derived()
        stmt = postgresql.insert(table).from_select(
            [*names, "sent_at"], select(*rows.c, bindparam("sent_at", now, type_=table.c.sent_at.type)))
        result = session.connection().execute(stmt.on_conflict_do_nothing().returning(*returning))
    else:
        # executemany with RETURNING: SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues").
        stmt = sqlite.insert(table).on_conflict_do_nothing().returning(*returning)
        result = session.connection().execute(stmt, [dict(zip(names, row), sent_at=now, snoozed_until=None)
                                                     for row in zip(*values)])
    won = {tuple(r) for r in result}
    session.commit()
    return won


def claim_snoozed(session: Session, now: datetime) -> list[tuple[int, sched.Due]]:
    """Take the snoozed reminders whose time has come (one UPDATE ... RETURNING, so one dispatcher wins each)."""
    rows = session.execute(update(ReminderSent).where(ReminderSent.snoozed_until <= now).values(snoozed_until=None)
                           .returning(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date,
                                      ReminderSent.slot, ReminderSent.plan_item_id)).all()
    session.commit()
    return [(uid, sched.Due(key, item_id, day, slot, now)) for uid, key, day, slot, item_id in rows]


def run(session: Session, now: datetime, send: Send, workers: int = 8, prune_days: int = 30) -> Report:
    """One dispatcher pass at `now` (UTC): claim what is due, push it, tidy up."""
    report = Report()
    due = recorded(session, due_items(session, now) + due_checkins(session, now))
    report.due = len(due)
    won = claim(session, due, now)
    claimed = [(uid, d) for uid, d in due if (uid, *d.ident) in won]
    report.claimed = len(claimed)
    snoozed = claim_snoozed(session, now)
    snoozed = recorded(session, snoozed, include_sent=False) if snoozed else []
    report.snoozed = len(snoozed)
    outcome = deliver(session, claimed + snoozed, send, now, workers)
    report.pushed, report.gone, report.failed = outcome.ok, outcome.gone, outcome.failed
    report.retry = len(outcome.retry)
    release(session, outcome.retry, now, {(uid, *d.ident) for uid, d in snoozed})
    report.pruned = prune(session, now, prune_days)
    return report
