"""Goals in the patient's own words, and what moved them: accepted steps of the linked plan item and the PSFS
scores of the linked activity."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Goal, MeasureResponse, ProgressionProposal, ProgressionRule, User

MAX_GOALS = 5


class GoalError(ValueError):
    pass


@dataclass
class GoalView:
    goal: Goal
    steps: list[ProgressionProposal] = field(default_factory=list)       # accepted, oldest first
    psfs: list[tuple[date, float]] = field(default_factory=list)          # (date, score 0-10), oldest first
    field_name: str | None = None


def goals_of(session: Session, patient_id: int) -> list[Goal]:
    return list(session.scalars(select(Goal).where(Goal.patient_id == patient_id).order_by(Goal.id)))


def add_goal(session: Session, patient: User, author: User, text: str, activity: str = "",
             item_key: str | None = None, psfs_activity: str | None = None) -> Goal:
    text, activity = (text or "").strip(), (activity or "").strip()
    if not 3 <= len(text) <= 200:
        raise GoalError("text")
    if len(activity) > 100 or (psfs_activity and len(psfs_activity) > 100):
        raise GoalError("activity")
    if sum(1 for g in goals_of(session, patient.id) if g.achieved_on is None) >= MAX_GOALS:
        raise GoalError("too_many")
    goal = Goal(patient_id=patient.id, text=text, activity=activity, item_key=item_key or None,
                psfs_activity=(psfs_activity or "").strip() or None, created_by_id=author.id)
    session.add(goal)
    session.flush()
    return goal


def mark_achieved(session: Session, patient_id: int, goal_id: int, today: date, achieved: bool = True) -> bool:
    goal = session.scalar(select(Goal).where(Goal.id == goal_id, Goal.patient_id == patient_id))
    if goal is None:
        return False
    goal.achieved_on = today if achieved else None
    return True


def psfs_activities(session: Session, patient_id: int) -> list[str]:
    """The activities the patient named in their PSFS answers, newest answer first, without repeats."""
    seen: list[str] = []
    for answers in session.scalars(select(MeasureResponse.answers).where(
            MeasureResponse.patient_id == patient_id, MeasureResponse.instrument == "psfs")
            .order_by(MeasureResponse.date.desc())):
        for a in answers or []:
            name = (a.get("activity") or "").strip() if isinstance(a, dict) else ""
            if name and name not in seen:
                seen.append(name)
    return seen


def goal_views(session: Session, patient_id: int, rules: dict[str, ProgressionRule] | None = None) -> list[GoalView]:
    goals = goals_of(session, patient_id)
    if not goals:
        return []
    if rules is None:
        rules = {r.item_key: r for r in session.scalars(select(ProgressionRule).where(
            ProgressionRule.patient_id == patient_id))}
    responses = list(session.execute(select(MeasureResponse.date, MeasureResponse.answers).where(
        MeasureResponse.patient_id == patient_id, MeasureResponse.instrument == "psfs").order_by(MeasureResponse.date)))
    out = []
    for goal in goals:
        view = GoalView(goal)
        rule = rules.get(goal.item_key) if goal.item_key else None
        if rule is not None:
            view.field_name = rule.field
            view.steps = [p for p in rule.proposals if p.status == "accepted"]
        if goal.psfs_activity:
            wanted = goal.psfs_activity.casefold()
            for day, answers in responses:
                for a in answers or []:
                    if isinstance(a, dict) and (a.get("activity") or "").strip().casefold() == wanted:
                        view.psfs.append((day, a.get("score")))
        out.append(view)
    return out
