"""Writes of graded progression: a physio's rule, the weekly proposal, accepting or keeping it.

Accepting is safe to repeat: the proposal moves from "proposed" to "accepted" in one conditional UPDATE, so of
two taps (or a replayed request, or two devices) only one writes a plan version; the others find it decided and
change nothing. A proposal made for a dose that is no longer the current one (the physio edited the plan in the
meantime) is recorded as kept instead of overwriting that edit (rules.accept).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from app.models import Plan, PlanItem, PlanVersion, ProgressionProposal, ProgressionRule, User
from app.models.base import utcnow
from app.services.plans.versions import ItemSpec, current_version, plan_for, save_version
from app.services.progression import rules
from app.services.progression.periods import bounds, last_finished, period_outcome, rule_of


@dataclass
class RuleInput:
    field: str
    step_kind: str = "percent"
    step: float = 10.0
    every_weeks: int = 1
    min_adherence: float = 0.8
    floor: int = 1
    ceiling: int = 60
    start_share: float = 0.8


def current_items(session: Session, patient: User) -> dict[str, PlanItem]:
    """Item key -> item of the current usual (standard) plan version, in one query: rules step the usual plan,
    never the gentler flare-up one."""
    newest = (select(func.max(PlanVersion.number)).join(Plan, Plan.id == PlanVersion.plan_id)
              .where(Plan.patient_id == patient.id, PlanVersion.variant == "standard").scalar_subquery())
    items = session.scalars(select(PlanItem).join(PlanVersion).join(Plan, Plan.id == PlanVersion.plan_id)
                            .where(Plan.patient_id == patient.id, PlanVersion.variant == "standard",
                                   PlanVersion.number == newest).order_by(PlanItem.position))
    return {item.key: item for item in items}


def rules_for(session: Session, patient_id: int) -> dict[str, ProgressionRule]:
    """Item key -> rule, with its proposals, in one query (a patient without rules costs Today one SELECT)."""
    rows = session.scalars(select(ProgressionRule).where(ProgressionRule.patient_id == patient_id)
                           .options(joinedload(ProgressionRule.proposals))).unique()
    return {row.item_key: row for row in rows}


def due(row: ProgressionRule, today: date) -> bool:
    """Has the rule a finished period without a decision?"""
    index = last_finished(row, today)
    return row.active and index is not None and all(p.period_start != bounds(row, index)[0] for p in row.proposals)


def set_rule(session: Session, patient: User, author: User, item_key: str, data: RuleInput, today: date,
             baseline: float | None = None, start_note: str = "") -> ProgressionRule:
    """Create or replace the rule of one item (checked by rules.Rule); with a baseline, the item starts at the
    rule's share of it in a new plan version. The caller commits."""
    rule = rules.Rule(**data.__dict__)
    items = current_items(session, patient)
    if item_key not in items:
        raise ValueError("no such item in the current plan")
    row = session.scalar(select(ProgressionRule).where(ProgressionRule.patient_id == patient.id,
                                                       ProgressionRule.item_key == item_key))
    if row is None:
        row = ProgressionRule(patient_id=patient.id, item_key=item_key)
        session.add(row)
    for name, value in data.__dict__.items():
        setattr(row, name, value)
    row.start_date, row.active, row.set_by_id = today, True, author.id
    for open_one in session.scalars(select(ProgressionProposal).where(ProgressionProposal.rule_id == row.id,
                                                                      ProgressionProposal.status == "proposed")):
        open_one.status = "kept"  # the new rule starts afresh
    session.flush()
    if baseline:
        dose = rules.start_dose(rule, baseline, getattr(items[item_key], data.field))
        if dose != getattr(items[item_key], data.field):
            write_dose(session, patient, author, item_key, data.field, dose, start_note)
    return row


def write_dose(session: Session, patient: User, author: User, item_key: str, field: str, dose: int,
               note: str) -> int:
    """A new version of the usual plan with one item's dose changed; returns the version id."""
    plan = plan_for(session, patient)
    specs = [ItemSpec.from_item(item) for item in current_version(session, plan, "standard").items]
    for spec in specs:
        if spec.key == item_key:
            setattr(spec, field, dose)
    return save_version(session, plan, specs, author, "standard", note).id


def evaluate(session: Session, patient: User, today: date,
             rules_by_key: dict[str, ProgressionRule] | None = None) -> list[ProgressionProposal]:
    """Decide the newest finished period of every active rule that has no decision yet (idempotent)."""
    rules_by_key = rules_for(session, patient.id) if rules_by_key is None else rules_by_key
    if not any(due(row, today) for row in rules_by_key.values()):
        return []
    items = current_items(session, patient)
    made = []
    for row in rules_by_key.values():
        index = last_finished(row, today)
        item = items.get(row.item_key)
        if not row.active or index is None or item is None or getattr(item, row.field) is None:
            continue
        start, end = bounds(row, index)
        if any(p.period_start == start for p in row.proposals):
            continue
        decision = rules.decide(rule_of(row), getattr(item, row.field), period := period_outcome(
            session, patient, row, index))
        status = "proposed" if decision.changes else ("held_for_flare" if decision.kind == "held_for_flare"
                                                      else "held")
        proposal = ProgressionProposal(rule_id=row.id, period_index=index, period_start=start, period_end=end,
                                       kind=decision.kind, from_dose=decision.from_dose, to_dose=decision.to_dose,
                                       adherence=period.adherence, flare=period.flare, status=status)
        try:
            with session.begin_nested():
                for old in row.proposals:
                    if old.status == "proposed":
                        old.status = "kept"  # unanswered and overtaken by a newer period
                session.add(proposal)
        except IntegrityError:
            session.expire(row)
            continue  # another request decided this period first
        made.append(proposal)
    return made


def decided_rules(session: Session, patient: User, today: date) -> dict[str, ProgressionRule]:
    """The patient's rules with every finished period decided: what a page that shows rules or steps reads.
    What `evaluate` decided is committed (and the rules read again with it)."""
    found = rules_for(session, patient.id)
    if evaluate(session, patient, today, found):
        session.commit()
        found = rules_for(session, patient.id)
    return found


def open_proposals(session: Session, patient_id: int) -> list[ProgressionProposal]:
    return list(session.scalars(
        select(ProgressionProposal).join(ProgressionRule)
        .where(ProgressionRule.patient_id == patient_id, ProgressionProposal.status == "proposed")
        .order_by(ProgressionProposal.id)))


def proposal_of(session: Session, patient_id: int, proposal_id: int) -> ProgressionProposal | None:
    return session.scalar(select(ProgressionProposal).join(ProgressionRule).where(
        ProgressionProposal.id == proposal_id, ProgressionRule.patient_id == patient_id))


def claim(session: Session, proposal: ProgressionProposal, status: str, actor: User) -> bool:
    """Move a proposal out of "proposed" once; False when it was already decided."""
    done = session.execute(
        update(ProgressionProposal)
        .where(ProgressionProposal.id == proposal.id, ProgressionProposal.status == "proposed")
        .values(status=status, decided_by_id=actor.id, decided_at=utcnow())
        .execution_options(synchronize_session=False))
    session.refresh(proposal)
    return done.rowcount == 1


def accept(session: Session, patient: User, proposal: ProgressionProposal, actor: User, note: str) -> bool:
    """Accept a step: a new plan version with the note as its reason. Returns True when this call wrote it."""
    rule = proposal.rule
    item = current_items(session, patient).get(rule.item_key)
    current = getattr(item, rule.field) if item is not None else None
    decision = rules.Decision(proposal.kind, proposal.from_dose, proposal.to_dose)
    if current is None or rules.accept(current, decision) == current:
        claim(session, proposal, "kept", actor)  # stale: the plan changed since; nothing to apply
        return False
    if not claim(session, proposal, "accepted", actor):
        return False
    proposal.version_id = write_dose(session, patient, actor, rule.item_key, rule.field, proposal.to_dose, note)
    session.flush()
    return True


def keep(session: Session, proposal: ProgressionProposal, actor: User) -> bool:
    return claim(session, proposal, "kept", actor)
