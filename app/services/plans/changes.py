"""What changed between two plan versions, and what the patient has not seen yet."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.models import VARIANTS, Plan, PlanItem, PlanVersion, User

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def dose_text(dose: dict) -> str:
    parts = []
    if dose.get("sets"):
        parts.append(f"{dose['sets']} set" + ("" if dose["sets"] == 1 else "s"))
    if dose.get("reps"):
        parts.append(f"{dose['reps']} reps")
    if dose.get("hold_seconds"):
        parts.append(f"hold {dose['hold_seconds']} s")
    if dose.get("minutes"):
        parts.append(f"{dose['minutes']} min")
    return " · ".join(parts) or "no set dose"


def days_text(mask: int) -> str:
    if mask == 0b1111111:
        return "Every day"
    return ", ".join(name for d, name in enumerate(DAY_NAMES) if mask >> d & 1)


@dataclass
class Change:
    kind: str  # added | removed | changed
    title: str
    details: list[str] = field(default_factory=list)
    short: str = ""  # one line for the compact card: "Gentle walk 10 min → 15 min"

    def __post_init__(self):
        if not self.short:
            self.short = {"added": f"+ {self.title}", "removed": f"\u2212 {self.title}"}.get(self.kind, self.title)


def diff(old: PlanVersion | None, new: PlanVersion) -> list[Change]:
    """Items added, removed, and changed (dose, days, times, notes), matched by their stable key."""
    before: dict[str, PlanItem] = {i.key: i for i in old.items} if old else {}
    after: dict[str, PlanItem] = {i.key: i for i in new.items}
    out = []
    for key, item in after.items():
        was = before.get(key)
        if was is None:
            out.append(Change("added", item.routine.title,
                              [f"{dose_text(item.dose)} · {days_text(item.days_mask)} at {', '.join(item.slots)}"]))
            continue
        details, short = [], []
        if was.routine_id != item.routine_id:
            if was.routine.replaced_by_id == item.routine_id:
                details.append("New instructions from your physiotherapist")
                short.append("new instructions")
            else:
                details.append(f"Now {item.routine.title} (was {was.routine.title})")
                short.append(f"now {item.routine.title}")
        if was.dose != item.dose:
            change = f"{dose_text(was.dose)} → {dose_text(item.dose)}"
            details.append(f"Dose: {change}")
            short.append(change)
        if was.days_mask != item.days_mask:
            details.append(f"Days: {days_text(was.days_mask)} → {days_text(item.days_mask)}")
            short.append(days_text(item.days_mask))
        if was.slots != item.slots:
            details.append(f"Times: {', '.join(was.slots)} → {', '.join(item.slots)}")
            short.append(f"{', '.join(was.slots)} → {', '.join(item.slots)}")
        if was.notes != item.notes:
            details.append(f"Note: {item.notes}" if item.notes else "Note removed")
            short.append("new note" if item.notes else "note removed")
        if details:
            out.append(Change("changed", item.routine.title, details, f"{item.routine.title} {', '.join(short)}"))
    out += [Change("removed", item.routine.title) for key, item in before.items() if key not in after]
    return out


@dataclass
class Note:
    author: str
    text: str
    at: datetime
    variant: str


@dataclass
class News:
    """Changes someone else made to the patient's plan since the patient last looked."""

    changes: dict[str, list[Change]]  # variant -> changes
    notes: list[Note]
    latest_id: int
    authors: list[str]

    @property
    def count(self) -> int:
        return sum(len(c) for c in self.changes.values())

    def summary(self, flare_label: str = "flare-up plan") -> str:
        """Every change on one line: "Gentle walk 10 min → 15 min; + Slow breathing; flare-up plan: ..."."""
        parts = [c.short for c in self.changes.get("standard", [])]
        parts += [f"{flare_label}: {c.short}" for c in self.changes.get("flare", [])]
        return "; ".join(parts)


def unseen(session: Session, plan: Plan, patient: User) -> News | None:
    seen = plan.patient_seen_version_id or 0
    others = or_(PlanVersion.author_id.is_(None), PlanVersion.author_id != patient.id)
    if not session.scalar(select(PlanVersion.id).where(PlanVersion.plan_id == plan.id, PlanVersion.id > seen,
                                                       others).limit(1)):
        return None
    versions = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id)
                                    .order_by(PlanVersion.number).options(selectinload(PlanVersion.items))))
    names = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_({v.author_id for v in versions if v.author_id}))).all())
    changes, notes, authors = {}, [], []
    for variant in VARIANTS:
        line = [v for v in versions if v.variant == variant]
        fresh = [v for v in line if v.id > seen and v.author_id != patient.id]
        if not fresh:
            continue
        base = next((v for v in reversed(line) if v.number < fresh[0].number), None)
        changes[variant] = diff(base, line[-1])
        for v in fresh:
            author = names.get(v.author_id, "Your physiotherapist")
            if author not in authors:
                authors.append(author)
            if v.note:
                notes.append(Note(author, v.note, v.created_at, variant))
    return News(changes, notes, max(v.id for v in versions), authors)


def mark_seen(session: Session, plan: Plan, version_id) -> bool:
    """Remember the newest version the patient has seen; only a version of this plan counts."""
    if not isinstance(version_id, int) or not 0 < version_id < 2**31:
        return False
    exists = session.scalar(select(PlanVersion.id).where(PlanVersion.plan_id == plan.id,
                                                        PlanVersion.id == version_id))
    if exists is None:
        return False
    plan.patient_seen_version_id = max(plan.patient_seen_version_id or 0, exists)
    return True


def history(session: Session, plan: Plan, variant: str, limit: int = 20) -> list[tuple[PlanVersion, str, list[Change]]]:
    """Newest versions of a variant with their author's name and what each changed."""
    line = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id,
                                                          PlanVersion.variant == variant)
                                .order_by(PlanVersion.number.desc()).limit(limit + 1)
                                .options(selectinload(PlanVersion.items))))
    names = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_({v.author_id for v in line if v.author_id}))).all())
    out = []
    for i, version in enumerate(line[:limit]):
        previous = line[i + 1] if i + 1 < len(line) else None
        out.append((version, names.get(version.author_id, "Inoplan"), diff(previous, version)))
    return out
