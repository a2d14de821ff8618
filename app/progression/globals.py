"""Template globals for the single include lines on Today, Progress, the physio's patient page and dashboard."""
from __future__ import annotations

from datetime import UTC, datetime

from flask_login import current_user

from app.extensions import db
from app.progression import bp
from app.progression.labels import STATUS_LABELS, amount, player_strings, proposal_text, title_of
from app.services.clock import local_today
from app.services.progression import goals, overview, store


def signed_in_patient() -> bool:
    return current_user.is_authenticated and current_user.is_patient


@bp.app_template_global()
def progression_today(day):
    """Open step proposals (as sentences) for Today's card; evaluates finished periods first. One query for a
    patient without rules (tests/test_query_counts.py keeps Today's budget)."""
    if not signed_in_patient() or day.date != local_today(current_user.timezone):
        return []
    rules = store.rules_for(db.session, current_user.id)
    if not rules:
        return []
    if store.evaluate(db.session, current_user, day.date, rules):
        db.session.commit()
        rules = store.rules_for(db.session, current_user.id)
    open_ones = [p for row in rules.values() for p in row.proposals if p.status == "proposed"]
    if not open_ones:
        return []
    items = {due.item.key: due.item for due in day.items}
    if any(p.rule.item_key not in items for p in open_ones):
        items = store.current_items(db.session, current_user)
    return [(p, proposal_text(title_of(items[p.rule.item_key].routine), p.rule.field, p.from_dose, p.to_dose))
            for p in open_ones if p.rule.item_key in items]


@bp.app_template_global()
def progression_goals():
    """The patient's goals with what moved them (templates/progression/_progress_goals.html)."""
    return goals.goal_views(db.session, current_user.id) if signed_in_patient() else []


@bp.app_template_global()
def progression_patient(person):
    """Each item's prescribed dose, baseline, rule and steps for the physio's patient page."""
    today = local_today(person.timezone)
    rules = store.rules_for(db.session, person.id)
    if store.evaluate(db.session, person, today, rules):
        db.session.commit()
        rules = store.rules_for(db.session, person.id)
    return {"items": overview.items_progress(db.session, person, today, rules),
            "goals": goals.goal_views(db.session, person.id, rules),
            "psfs": goals.psfs_activities(db.session, person.id)}


@bp.app_template_global()
def progression_stalled(patients):
    """(patient, periods) whose progression stalled for three or more periods (a note on the dashboard)."""
    return overview.stalled(db.session, list(patients), datetime.now(UTC).date())


@bp.app_template_global()
def dose_amount(field, n):
    return amount(field, n)


@bp.app_template_global()
def status_label(status):
    return str(STATUS_LABELS.get(status, status))


bp.add_app_template_global(player_strings)
