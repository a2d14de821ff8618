"""The patient's access log read as visits: "Dr X looked at your plan and your check-ins, 30 Nov, 10:02–10:15".

One physiotherapist session writes many audit events (every page of the plan editor is one); events by the same
person less than `GAP` apart form one visit. The sentence is built in the reader's language from the one list
of audit actions (`ACTIONS` in app/services/care/audit.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from babel.lists import format_list
from flask_babel import gettext

from app.formatting import language, time_text
from app.models import AuditEvent
from app.services.care.audit import ACTIONS

GAP = timedelta(minutes=30)


@dataclass
class Visit:
    actor_id: int | None
    actor_name: str
    start: datetime
    end: datetime
    actions: list[str] = field(default_factory=list)  # distinct, in the order they first happened
    count: int = 0

    def sentence(self) -> str:
        """What the person did, in the current language, without the time."""
        return visit_sentence(self.actor_name or gettext("Someone"), self.actions)

    def when(self, tz_name: str) -> str:
        """"30 Nov 2026, 10:02–10:15" in the patient's zone (one time when the visit was a single moment)."""
        first = time_text(self.start, tz_name, "datetime")
        if self.end - self.start < timedelta(minutes=1):
            return first
        if time_text(self.start, tz_name, "date") == time_text(self.end, tz_name, "date"):
            return f"{first}–{time_text(self.end, tz_name, 'time')}"
        return f"{first} – {time_text(self.end, tz_name, 'datetime')}"


@dataclass
class Line:
    """One visit as the page shows it."""
    text: str
    when: str
    at: datetime


def log_lines(session, patient, limit: int = 50) -> list[Line]:
    """The patient's newest visits as sentences with times in the patient's zone."""
    from app.services.care.audit import trail_for

    grouped = visits(trail_for(session, patient.id, limit=500))[:limit]
    return [Line(v.sentence(), v.when(patient.timezone), v.start) for v in grouped]


def visits(events: list[AuditEvent], gap: timedelta = GAP) -> list[Visit]:
    """Group events (any order) per person and gaps shorter than `gap`; the newest visit first."""
    out: list[Visit] = []
    open_by_actor: dict[tuple, Visit] = {}
    for event in sorted(events, key=lambda e: e.at):
        who = (event.actor_id, event.actor_name)
        visit = open_by_actor.get(who)
        if visit is None or event.at - visit.end >= gap:
            visit = Visit(event.actor_id, event.actor_name, event.at, event.at)
            open_by_actor[who] = visit
            out.append(visit)
        visit.end = event.at
        visit.count += 1
        if event.action not in visit.actions:
            visit.actions.append(event.action)
    return sorted(out, key=lambda v: v.end, reverse=True)


def visit_sentence(name: str, actions: list[str]) -> str:
    """"Dr X looked at your plan and your log and changed your plan", from the actions of one visit."""
    looked = _things(actions, "looked")
    changed = _things(actions, "changed")
    parts = []
    if looked and changed:
        parts.append(gettext("%(name)s looked at %(looked)s and changed %(changed)s", name=name, looked=looked,
                             changed=changed))
    elif looked:
        parts.append(gettext("%(name)s looked at %(looked)s", name=name, looked=looked))
    elif changed:
        parts.append(gettext("%(name)s changed %(changed)s", name=name, changed=changed))
    parts += [gettext(ACTIONS[a][1], name=name) for a in actions if a in ACTIONS and ACTIONS[a][0] == "did"]
    parts += [f"{name}: {a.replace('_', ' ')}" for a in actions if a not in ACTIONS]
    return "; ".join(parts)


def _things(actions: list[str], kind: str) -> str:
    things: list[str] = []
    for action in actions:
        if action in ACTIONS and ACTIONS[action][0] == kind:
            thing = gettext(ACTIONS[action][1])
            if thing not in things:
                things.append(thing)
    return format_list(things, locale=language()) if things else ""
