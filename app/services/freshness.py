"""`User.data_version`: one number per patient that changes with everything GET /api/v1/today shows.

Every write that changes a patient's day calls `touch` in the same transaction, so a reader that sees the
new version also sees the write. The Today cache and its ETag are keyed by (user id, version, date): a new
version means a miss, and stale entries simply age out. See docs/architecture.md before adding a write path.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from app.models import Plan, PlanItem, PlanVersion, User
from app.models.users import new_data_version


def touch(session: Session, patient_ids: Iterable[int] | Select) -> None:
    """Give these patients a new data version, in one UPDATE (ids or a subquery of ids)."""
    ids = patient_ids if isinstance(patient_ids, Select) else list(patient_ids)
    # A Core UPDATE: the ORM's version first evaluates the WHERE against every loaded object (about 1 ms);
    # the loaded users it concerns are expired instead, so they read the new version if asked.
    session.execute(update(User.__table__).where(User.id.in_(ids)).values(data_version=new_data_version()))
    for user in list(session.identity_map.values()):
        if isinstance(user, User) and (isinstance(ids, Select) or user.id in ids):
            session.expire(user, ["data_version"])


def patients_using(routine_ids: Iterable[int]) -> Select:
    """Patients with any plan item (of any version) that uses one of these routines."""
    return (select(Plan.patient_id).join(PlanVersion, PlanVersion.plan_id == Plan.id)
            .join(PlanItem, PlanItem.version_id == PlanVersion.id)
            .where(PlanItem.routine_id.in_(list(routine_ids))))
