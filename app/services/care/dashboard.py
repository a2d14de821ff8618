"""The clinician's list of linked patients, sorted by who needs attention.

The query count is fixed however many patients are linked: one query for patients and plans,
three for adherence (services.adherence), two for check-ins.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from flask_babel import gettext, ngettext
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.formatting import N_, number_text
from app.models import AuditEvent, CareLink, CheckIn, Plan, User
from app.models.base import utcnow
from app.services.clock import local_today
from app.services.measures.trends import annotate as add_measures
from app.services.progress.adherence import adherence_for

LOW_ADHERENCE = 0.5   # under half of the last 7 days' planned routines
PAIN_RISE = 1.0       # average pain of the last 7 days at least a point above the 7 days before
QUIET_DAYS = 3        # no check-in for this many days
LABELS = {  # translated when shown
    "no_plan": N_("No plan yet"),
    "low_adherence": N_("Low adherence"),
    "pain_rising": N_("Pain trending up"),
    "no_checkin": N_("No recent check-in"),
    "flare_mode": N_("Flare mode on"),
    "measure_flag": N_("Questionnaire answer to review"),
    "measure_worse": N_("Questionnaire score worse"),
}


@dataclass
class PatientRow:
    patient: User
    plan: Plan | None
    today: date
    adherence_7d: float | None = None
    pain_avg_7d: float | None = None
    pain_avg_prev: float | None = None
    last_checkin: date | None = None
    reasons: list[str] = field(default_factory=list)
    urgent: bool = False  # measures (services/measures/trends.py): PHQ-9 item 9 flag not yet acknowledged
    alerts: list = field(default_factory=list)
    worse: list[str] = field(default_factory=list)

    @property
    def mode(self) -> str:
        return self.plan.mode if self.plan else "standard"

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)

    def chips(self) -> list[tuple[str, str]]:
        """(reason code, text) for the page, in the reader's language."""
        out = []
        for code in self.reasons:
            text = gettext(LABELS[code])
            if code == "pain_rising":
                text = gettext("Pain up %(by)s on last week",
                               by=number_text(self.pain_avg_7d - self.pain_avg_prev, fixed=True))
            elif code == "no_checkin":
                text = (ngettext("No check-in for %(num)d day", "No check-in for %(num)d days",
                                 (self.today - self.last_checkin).days) if self.last_checkin
                        else gettext("No check-ins yet"))
            out.append((code, text))
        return out

    def as_json(self) -> dict:
        return {"id": self.patient.id, "display_name": self.patient.display_name,
                "adherence_7d": self.adherence_7d, "pain_avg_7d": self.pain_avg_7d,
                "last_checkin_date": self.last_checkin.isoformat() if self.last_checkin else None,
                "needs_attention": self.needs_attention, "reasons": self.reasons, "mode": self.mode,
                "urgent": self.urgent, "measures_worse": self.worse}


def patient_rows(session: Session, clinician: User, now: datetime | None = None) -> list[PatientRow]:
    pairs = session.execute(
        select(User, Plan).join(CareLink, CareLink.patient_id == User.id).outerjoin(Plan, Plan.patient_id == User.id)
        .where(CareLink.clinician_id == clinician.id, CareLink.active.is_(True), User.role == "patient")).all()
    if not pairs:
        return []
    rows = [PatientRow(user, plan, local_today(user.timezone, now)) for user, plan in pairs]
    ids = [r.patient.id for r in rows]
    first = min(r.today for r in rows) - timedelta(days=13)
    last = max(r.today for r in rows)
    plans = [r.plan for r in rows if r.plan]
    tallies = adherence_for(session, plans, {r.patient.id: r.patient.timezone for r in rows},
                            first + timedelta(days=7), last, now or utcnow())
    pains: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for pid, day, pain in session.execute(select(CheckIn.patient_id, CheckIn.date, CheckIn.pain).where(
            CheckIn.patient_id.in_(ids), CheckIn.date >= first)):
        pains[pid].append((day, pain))
    latest = dict(session.execute(select(CheckIn.patient_id, func.max(CheckIn.date))
                                  .where(CheckIn.patient_id.in_(ids)).group_by(CheckIn.patient_id)).all())
    for row in rows:
        _fill(row, tallies.get(row.patient.id), pains[row.patient.id], latest.get(row.patient.id))
    add_measures(session, rows, last)
    return sorted(rows, key=lambda r: (not r.alerts, not r.worse, not r.reasons, -len(r.reasons),
                                       r.adherence_7d if r.adherence_7d is not None else 2,
                                       r.patient.display_name.lower()))


def _fill(row: PatientRow, tally, pains: list[tuple[date, int]], latest: date | None) -> None:
    # The last 7 days, today's slots once due or recorded (the same figure as the patient page and Progress).
    if tally is not None:
        row.adherence_7d = tally.last_days(row.today).rate
    recent = [p for d, p in pains if row.today - timedelta(days=6) <= d <= row.today]
    before = [p for d, p in pains if row.today - timedelta(days=13) <= d < row.today - timedelta(days=6)]
    row.pain_avg_7d = round(mean(recent), 1) if recent else None
    row.pain_avg_prev = round(mean(before), 1) if before else None
    row.last_checkin = latest
    if row.plan is None:
        row.reasons.append("no_plan")
    if row.adherence_7d is not None and row.adherence_7d < LOW_ADHERENCE:
        row.reasons.append("low_adherence")
    if len(recent) >= 2 and len(before) >= 2 and mean(recent) - mean(before) >= PAIN_RISE:
        row.reasons.append("pain_rising")
    if latest is None or (row.today - latest).days >= QUIET_DAYS:
        row.reasons.append("no_checkin")
    if row.mode == "flare":
        row.reasons.append("flare_mode")


def note_overview(session: Session, clinician: User, patient_ids: list[int], now: datetime | None = None) -> int:
    """Audit the dashboard's read of each patient's figures: one event per patient per day (two statements)."""
    if not patient_ids:
        return 0
    now = now or utcnow()
    since = now.replace(hour=0, minute=0, second=0, microsecond=0)
    done = set(session.scalars(select(AuditEvent.patient_id).where(
        AuditEvent.patient_id.in_(patient_ids), AuditEvent.at >= since,
        AuditEvent.actor_id == clinician.id, AuditEvent.action == "viewed_overview")))
    todo = [pid for pid in patient_ids if pid not in done]
    if todo:
        session.execute(insert(AuditEvent), [
            {"at": now, "actor_id": clinician.id, "actor_name": clinician.display_name, "patient_id": pid,
             "action": "viewed_overview", "detail": {}} for pid in todo])
    return len(todo)
