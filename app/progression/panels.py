"""What the progression panels on other pages show, computed by the view that renders them (a template never
runs a query): the step proposals on Today, goals on Progress, the physio's patient page and dashboard note."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from app.models import User
from app.progression.labels import proposal_text, title_of
from app.services.clock import local_today
from app.services.progression import goals, overview, store


def today_steps(session: Session, patient: User, day) -> list:
    """Open step proposals (as sentences) for Today's card, finished periods decided first. One query for a
    patient without rules (tests/test_query_counts.py keeps Today's budget)."""
    if day.date != local_today(patient.timezone):
        return []
    rules = store.decided_rules(session, patient, day.date)
    open_ones = [p for row in rules.values() for p in row.proposals if p.status == "proposed"]
    if not open_ones:
        return []
    items = {due.item.key: due.item for due in day.items}
    if any(p.rule.item_key not in items for p in open_ones):
        items = store.current_items(session, patient)
    return [(p, proposal_text(title_of(items[p.rule.item_key].routine), p.rule.field, p.from_dose, p.to_dose))
            for p in open_ones if p.rule.item_key in items]


def for_clinician(session: Session, person: User) -> dict:
    """Each item's prescribed dose, baseline, rule and steps for the physio's patient page, finished periods
    decided first."""
    today = local_today(person.timezone)
    rules = store.decided_rules(session, person, today)
    return {"items": overview.items_progress(session, person, today, rules),
            "goals": goals.goal_views(session, person.id, rules),
            "psfs": goals.psfs_activities(session, person.id)}


def stalled(session: Session, patients: list[User], today: date | None = None) -> list:
    """(patient, periods) whose progression stalled for three or more periods (a note on the dashboard)."""
    return overview.stalled(session, list(patients), today or datetime.now(UTC).date())
