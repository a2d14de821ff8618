"""Deleting an account: every row that names the user goes, except one record that an account was deleted."""
from __future__ import annotations

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import AuditEvent, Plan, PlanItem, PlanVersion, Routine, RoutineImage, User
from app.services.accounts.export import user_fk_tables
from app.services.care import audit
from app.services.media import images


def _children(table: Table):
    """(child table, foreign key) for every foreign key pointing at `table`."""
    for child in db.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table and child is not table:
                yield child, fk


def _purge(session: Session, table: Table, condition, counts: dict[str, int]) -> None:
    """Delete matching rows after their dependants (explicitly, so SQLite without FK enforcement agrees)."""
    ids = select(*table.primary_key.columns).where(condition)
    for child, fk in _children(table):
        if fk.ondelete == "SET NULL":
            session.execute(update(child).where(fk.parent.in_(ids)).values({fk.parent.name: None}))
        else:
            _purge(session, child, fk.parent.in_(ids), counts)
    counts[table.name] = counts.get(table.name, 0) + session.execute(delete(table).where(condition)).rowcount


def delete_account(session: Session, user: User) -> dict[str, int]:
    """Remove the user and their data (the caller commits); returns rows removed per table."""
    uid, role = user.id, user.role
    # A clinician's routines that other patients' plans use stay, ownerless and archived, so those plans keep working.
    in_use = (select(PlanItem.routine_id).join(PlanVersion, PlanItem.version_id == PlanVersion.id)
              .join(Plan, PlanVersion.plan_id == Plan.id).where(Plan.patient_id != uid))
    session.execute(update(Routine).where(Routine.owner_id == uid, Routine.id.in_(in_use))
                    .values(owner_id=None, archived=True, slug=None))
    # The images of the routines that go with the account go too (their files once the caller commits).
    images.discard(session, images.files_of(session.scalars(select(RoutineImage).join(Routine).where(
        Routine.owner_id == uid))))
    # Who read this user's data is this user's data too.
    session.execute(delete(AuditEvent).where(AuditEvent.patient_id == uid))
    counts: dict[str, int] = {}
    for table, columns in user_fk_tables():
        for column in columns:
            fk = next(iter(column.foreign_keys))
            if fk.ondelete == "SET NULL":
                session.execute(update(table).where(column == uid).values({column.name: None}))
            else:
                _purge(session, table, column == uid, counts)
    session.expunge(user)
    session.execute(delete(User).where(User.id == uid))
    audit.record(session, None, None, "account_deleted", role=role)
    return counts
