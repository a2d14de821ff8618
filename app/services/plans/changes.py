"""What changed between two plan versions, and what the patient has not seen yet."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.formatting import days_text, dose_or_none, schedule_text, title_of
from app.models import VARIANTS, Plan, PlanItem, PlanVersion, User


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
            out.append(Change("added", title_of(item.routine),
                              [f"{dose_or_none(item.dose)} · {schedule_text(item.days_mask, item.slots)}"]))
            continue
        details, short = [], []
        if was.routine_id != item.routine_id:
            if was.routine.replaced_by_id == item.routine_id:
                details.append(_("New instructions from your physiotherapist"))
                short.append(_("new instructions"))
            else:
                details.append(_("Now %(title)s (was %(old)s)", title=title_of(item.routine),
                                 old=title_of(was.routine)))
                short.append(_("now %(title)s", title=title_of(item.routine)))
        if was.dose != item.dose:
            change = f"{dose_or_none(was.dose)} → {dose_or_none(item.dose)}"
            details.append(_("Dose: %(old)s → %(new)s", old=dose_or_none(was.dose), new=dose_or_none(item.dose)))
            short.append(change)
        if was.days_mask != item.days_mask:
            details.append(_("Days: %(old)s → %(new)s", old=days_text(was.days_mask), new=days_text(item.days_mask)))
            short.append(days_text(item.days_mask))
        if was.slots != item.slots:
            details.append(_("Times: %(old)s → %(new)s", old=", ".join(was.slots), new=", ".join(item.slots)))
            short.append(f"{', '.join(was.slots)} → {', '.join(item.slots)}")
        if was.notes != item.notes:
            details.append(_("Note: %(note)s", note=item.notes) if item.notes else _("Note removed"))
            short.append(_("new note") if item.notes else _("note removed"))
        if details:
            title = title_of(item.routine)
            out.append(Change("changed", title, details, f"{title} {', '.join(short)}"))
    out += [Change("removed", title_of(item.routine)) for key, item in before.items() if key not in after]
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
            author = names.get(v.author_id) or _("Your physiotherapist")
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
