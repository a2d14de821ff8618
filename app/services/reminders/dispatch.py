"""The dispatcher behind `flask reminders send`: what fell due since the last pass, claimed once, then pushed.

Run every minute. Each pass looks only at occurrences whose reminder moment (slot time minus lead time) falls
after the previous pass and at or before now, so in steady state it reads one minute's worth of reminders, not
the whole day's: the plan items are filtered in SQL by the few wall-clock labels ("08:10") that are due in some
patient's zone this minute. After an outage it catches up on at most the last LATE_MINUTES. The windows are
computed once per zone and lead time, and everything else (done slots, check-ins, sent rows, titles,
subscriptions) is read in a few IN queries (one array parameter each on PostgreSQL).

A reminder is first claimed by inserting its ReminderSent row (ON CONFLICT DO NOTHING ... RETURNING) and
committing; only what this run inserted is pushed, so a second run, or a second dispatcher on another server
at the same moment, sends nothing twice. A reminder that falls due in quiet hours is claimed with
`snoozed_until` = the end of the quiet hours (if that is within LATE_MINUTES of its time), and a push that
failed is queued the same way for the next pass: both are then sent by the snooze path.

Besides plan items and the check-in, a pass finds the sleep window's wind-down and rise (services/sleep/reminders.py)
and a questionnaire's due date (services/measures/reminders.py), each as occurrences of the same `due_in`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from app.models import (
    CLEARED,
    CheckIn,
    Completion,
    Plan,
    PlanItem,
    PlanVersion,
    PushSubscription,
    ReminderPass,
    ReminderPref,
    ReminderSent,
    User,
)
from app.services.measures import reminders as measure_reminders
from app.services.reminders import schedule as sched
from app.services.reminders.push import Send, deliver, prune, release
from app.services.reminders.schedule import DEFAULTS, due_in
from app.services.sleep import reminders as sleep_reminders
from app.services.sql_lists import among, batches, is_postgres

LATE = timedelta(minutes=sched.LATE_MINUTES)
# Above this many labels (a catch-up after an outage) a LIKE per label costs more than reading every item.
MAX_LABEL_FILTER = 60

Candidate = tuple[int, sched.Due]  # (user id, occurrence)


@dataclass
class Report:
    due: int = 0
    claimed: int = 0
    deferred: int = 0
    snoozed: int = 0
    pushed: int = 0
    gone: int = 0
    failed: int = 0
    retry: int = 0
    pruned: int = 0
    queued: int = 0

    def line(self) -> str:
        if self.queued:
            return (f"due {self.due}, claimed {self.claimed}, deferred to the end of quiet hours {self.deferred}, "
                    f"snoozed re-sends {self.snoozed}, queued for workers {self.queued}, pruned {self.pruned}")
        return (f"due {self.due}, claimed {self.claimed}, deferred to the end of quiet hours {self.deferred}, "
                f"snoozed re-sends {self.snoozed}, pushes ok {self.pushed}, gone {self.gone}, "
                f"failed {self.failed}, to retry {self.retry}, pruned {self.pruned}")


def window_start(session: Session, now: datetime) -> datetime:
    """The previous pass's minute if it ran within LATE_MINUTES before now, else now - LATE_MINUTES."""
    last = session.scalar(select(func.max(ReminderPass.at)).where(ReminderPass.at < now, ReminderPass.at >= now - LATE))
    return last or now - LATE


def _pushable():
    """Patients who want push and have at least one subscription."""
    return and_(func.coalesce(ReminderPref.push_enabled, True).is_(True),
                exists().where(PushSubscription.user_id == User.id))


LEAD = func.coalesce(ReminderPref.lead_minutes, DEFAULTS.lead_minutes)


def item_windows(session: Session, since: datetime, now: datetime) -> dict[tuple[str, int], tuple]:
    """(zone, lead) of pushable patients -> their window."""
    pairs = session.execute(select(User.timezone, LEAD).distinct().select_from(User)
                            .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
                            .where(User.role == "patient", _pushable())).all()
    return {(tz, lead): sched.window(tz, lead, since, now) for tz, lead in pairs}


def item_rows(session: Session, labels: set[str] | None):
    """(user id, zone, lead, quiet start, quiet end, item id, key, days mask, times) of current items, only those
    planned at one of `labels` when given.

    Written from the items up (items -> version -> plan -> patient), with "current" as "no newer version of
    the active variant", so both databases filter the items by label first and look up the few that match."""
    newer = aliased(PlanVersion)
    query = (select(User.id, User.timezone, LEAD, ReminderPref.quiet_start, ReminderPref.quiet_end,
                    PlanItem.id, PlanItem.key, PlanItem.days_mask, PlanItem.times)
             .select_from(PlanItem)
             .join(PlanVersion, PlanVersion.id == PlanItem.version_id)
             .join(Plan, and_(Plan.id == PlanVersion.plan_id, Plan.mode == PlanVersion.variant))
             .join(User, User.id == Plan.patient_id)
             .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
             .where(~exists().where(newer.plan_id == PlanVersion.plan_id, newer.variant == PlanVersion.variant,
                                    newer.number > PlanVersion.number), _pushable()))
    if labels is not None:
        query = query.where(or_(*[PlanItem.times.contains(label, autoescape=True) for label in sorted(labels)]))
    return session.execute(query)


class Quiet:
    """Is a patient in quiet hours now, and until when (cached per zone and hours)."""

    def __init__(self, now: datetime):
        self.now, self._hm, self._until = now, {}, {}

    def until(self, tz: str, start: str | None, end: str | None) -> datetime | None:
        if not (start and end):
            return None
        hm = self._hm.get(tz) or self._hm.setdefault(tz, sched.local_hm(self.now, tz))
        if not sched.in_quiet_hours(hm, start, end):
            return None
        key = (tz, end)
        if key not in self._until:
            self._until[key] = sched.quiet_until(self.now, tz, end)
        return self._until[key]


def _place(out: list, defer: dict, quiet: Quiet, uid: int, due: sched.Due, tz: str, q_start, q_end) -> None:
    """Keep the occurrence; in quiet hours, hold it until they end, or drop it if that is too late."""
    until = quiet.until(tz, q_start, q_end)
    if until is not None:
        if until >= due.at + LATE:
            return
        defer[(uid, *due.ident)] = until
    out.append((uid, due))


def due_items(session: Session, since: datetime, now: datetime, defer: dict) -> list[Candidate]:
    """Every (user, plan item occurrence) whose reminder moment is in (since, now], as `due_in` answers."""
    windows = item_windows(session, since, now)
    labels = sched.labels_of(windows.values())
    if not labels:
        return []
    quiet, out = Quiet(now), []
    rows = item_rows(session, labels if len(labels) <= MAX_LABEL_FILTER else None)
    for uid, tz, lead, q_start, q_end, item_id, key, mask, times in rows:
        found = windows.get((tz, lead))
        if found is None:  # the patient changed zone or lead since the windows were read
            found = windows[(tz, lead)] = sched.window(tz, lead, since, now)
        for due in due_in(sched.Item(key, item_id, mask, times), tz, found):
            _place(out, defer, quiet, uid, due, tz, q_start, q_end)
    return out


def patient_zone_windows(session: Session, since: datetime, now: datetime) -> tuple[dict, set]:
    """Each patient timezone's window over (since, now], and the local times those windows cover."""
    zones = session.scalars(select(User.timezone).distinct().where(User.role == "patient")).all()
    windows = {tz: sched.window(tz, 0, since, now) for tz in zones}
    return windows, sched.labels_of(windows.values())


def due_checkins(session: Session, since: datetime, now: datetime, defer: dict) -> list[Candidate]:
    """Every patient whose daily check-in time fell due in (since, now] (before removing who checked in)."""
    checkin_time = case((ReminderPref.id.is_(None), DEFAULTS.checkin_time), else_=ReminderPref.checkin_time)
    windows, labels = patient_zone_windows(session, since, now)
    if not labels:
        return []
    rows = session.execute(
        select(User.id, User.timezone, ReminderPref.quiet_start, ReminderPref.quiet_end, checkin_time)
        .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
        .where(User.role == "patient", checkin_time.in_(sorted(labels)), _pushable()))
    quiet, out = Quiet(now), []
    for uid, tz, q_start, q_end, at in rows:
        found = windows.get(tz)
        if found is None:  # a new patient in a zone nobody else is in
            found = windows[tz] = sched.window(tz, 0, since, now)
        for due in due_in(sched.checkin_item(at), tz, found):
            _place(out, defer, quiet, uid, due, tz, q_start, q_end)
            break  # one check-in reminder per pass, even when a catch-up spans midnight
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
            .where(among(session, Completion.patient_id, part), Completion.date.in_(dates),
                   Completion.status != CLEARED)).all())
        checked_in.update(session.execute(
            select(CheckIn.patient_id, CheckIn.date)
            .where(among(session, CheckIn.patient_id, part), CheckIn.date.in_(dates))).all())
        if include_sent:
            skip.update(session.execute(
                select(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date, ReminderSent.slot)
                .where(among(session, ReminderSent.user_id, part), ReminderSent.date.in_(dates))).all())
    return [(uid, d) for uid, d in candidates if (uid, *d.ident) not in skip
            and not (d.key == sched.CHECKIN_KEY and (uid, d.date) in checked_in)]


def claim(session: Session, due: list[Candidate], now: datetime, defer: dict | None = None) -> set[tuple]:
    """Insert the ReminderSent rows and commit; the (user, key, date, slot) this run inserted.

    Rows for occurrences in quiet hours get `snoozed_until` = the end of the quiet hours."""
    if not due:
        return set()
    table = ReminderSent.__table__
    names = ("user_id", "item_key", "date", "slot", "plan_item_id", "snoozed_until")
    defer = defer or {}
    values = list(zip(*[(uid, d.key, d.date, d.slot, d.plan_item_id, defer.get((uid, *d.ident)))
                        for uid, d in due], strict=True))
    returning = (table.c.user_id, table.c.item_key, table.c.date, table.c.slot)
    if is_postgres(session):
        # One statement, one array per column: INSERT ... SELECT * FROM unnest(...) ON CONFLICT DO NOTHING.
        arrays = [bindparam(None, list(v), type_=ARRAY(table.c[n].type), unique=True)
                  for n, v in zip(names, values, strict=True)]
        rows = func.unnest(*arrays).table_valued(*names).render_derived()
        stmt = postgresql.insert(table).from_select(
            [*names, "sent_at"], select(*rows.c, bindparam("sent_at", now, type_=table.c.sent_at.type)))
        result = session.connection().execute(stmt.on_conflict_do_nothing().returning(*returning))
    else:
        # executemany with RETURNING: SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues").
        stmt = sqlite.insert(table).on_conflict_do_nothing().returning(*returning)
        rows = [dict(zip(names, row, strict=True), sent_at=now) for row in zip(*values, strict=True)]
        result = session.connection().execute(stmt, rows)
    won = {tuple(r) for r in result}
    session.commit()
    return won


def claim_snoozed(session: Session, now: datetime) -> list[Candidate]:
    """Take the held reminders whose time has come: snoozed, held through quiet hours, or to retry (one
    UPDATE ... RETURNING, so one dispatcher wins each)."""
    rows = session.execute(update(ReminderSent).where(ReminderSent.snoozed_until <= now).values(snoozed_until=None)
                           .returning(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date,
                                      ReminderSent.slot, ReminderSent.plan_item_id)).all()
    session.commit()
    return [(uid, sched.Due(key, item_id, day, slot, now)) for uid, key, day, slot, item_id in rows]


def run(session: Session, now: datetime, send: Send, prune_days: int = 30,
        enqueue: Callable[[list[Candidate], datetime], int] | None = None) -> Report:
    """One dispatcher pass at `now` (UTC): claim what fell due since the last pass, push it, tidy up.

    With `enqueue` (a job queue is configured, services/reminders/queue.py) the claimed reminders go to the queue's
    workers instead of being pushed from here."""
    report, defer = Report(), {}
    since = window_start(session, now)
    due = recorded(session, due_items(session, since, now, defer) + due_checkins(session, since, now, defer)
                   + sleep_reminders.due_sleep(session, since, now, defer)
                   + measure_reminders.due_measures(session, since, now, defer))
    report.due = len(due)
    won = claim(session, due, now, defer)
    claimed = [(uid, d) for uid, d in due if (uid, *d.ident) in won]
    now_due = [(uid, d) for uid, d in claimed if (uid, *d.ident) not in defer]
    report.claimed, report.deferred = len(claimed), len(claimed) - len(now_due)
    snoozed = claim_snoozed(session, now)
    snoozed = recorded(session, snoozed, include_sent=False) if snoozed else []
    report.snoozed = len(snoozed)
    if enqueue is not None:
        enqueue(now_due + snoozed, now)
        report.queued = len(now_due) + len(snoozed)
        report.pruned = prune(session, now, prune_days)
        session.add(ReminderPass(at=now, claimed=report.claimed, queued=report.queued))
        session.commit()
        return report
    outcome = deliver(session, now_due + snoozed, send, now)
    report.pushed, report.gone, report.failed = outcome.ok, outcome.gone, outcome.failed
    report.retry = len(outcome.retry)
    release(session, outcome.retry, now, LATE)
    report.pruned = prune(session, now, prune_days)
    session.add(ReminderPass(at=now, claimed=report.claimed, pushed=report.pushed, failed=report.failed))
    session.commit()
    return report
