"""Read models for the pages: each item's dose, baseline, rule and step history; stalled progressions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PlanItem, ProgressionProposal, ProgressionRule, User
from app.services.progression.baseline import baselines, measured_field
from app.services.progression.store import current_items, rules_for

STALL_PERIODS = 3


@dataclass
class ItemProgress:
    item: PlanItem
    field: str | None            # the rule's field, or the item's measured one
    prescribed: int | None
    baseline: float | None
    rule: ProgressionRule | None

    @property
    def history(self) -> list[ProgressionProposal]:
        return list(reversed(self.rule.proposals)) if self.rule else []


def items_progress(session: Session, patient: User, today: date,
                   rules: dict[str, ProgressionRule] | None = None) -> list[ItemProgress]:
    items = current_items(session, patient)
    rules = rules_for(session, patient.id) if rules is None else rules
    fields = {}
    for key, item in items.items():
        name = rules[key].field if key in rules else measured_field(item.dose)
        if name:
            fields[key] = name
    base = baselines(session, patient.id, fields, today)
    return [ItemProgress(item, fields.get(key), getattr(item, fields[key]) if key in fields else None,
                         base.get(key), rules.get(key))
            for key, item in sorted(items.items(), key=lambda kv: kv[1].position)]


def stalled(session: Session, patients: list[User], today: date) -> list[tuple[User, int]]:
    """Patients with an active rule below its ceiling that has decided STALL_PERIODS or more periods in a row
    without an accepted step (held, held for a flare-up, kept). Returns (patient, periods), two queries."""
    by_id = {p.id: p for p in patients}
    if not by_id:
        return []
    rows = session.execute(select(ProgressionRule.patient_id, ProgressionRule.id, ProgressionProposal.status,
                                  ProgressionProposal.to_dose, ProgressionRule.ceiling)
                           .join(ProgressionProposal).where(ProgressionRule.patient_id.in_(list(by_id)),
                                                            ProgressionRule.active.is_(True))
                           .order_by(ProgressionRule.id, ProgressionProposal.period_start.desc()))
    runs: dict[int, int] = {}
    owner: dict[int, int] = {}
    closed: set[int] = set()
    for patient_id, rule_id, status, to_dose, ceiling in rows:  # newest period first
        if rule_id in closed:
            continue
        if status in ("accepted", "proposed") or to_dose >= ceiling:
            closed.add(rule_id)
            continue
        runs[rule_id] = runs.get(rule_id, 0) + 1
        owner[rule_id] = patient_id
    out: dict[int, int] = {}
    for rule_id, n in runs.items():
        if n >= STALL_PERIODS:
            out[owner[rule_id]] = max(out.get(owner[rule_id], 0), n)
    return [(by_id[pid], n) for pid, n in out.items()]
