"""What Today shows above the routines: unseen changes, whether a flare-up plan exists, a flare suggestion."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PlanVersion, User
from app.services.plans import changes
from app.services.plans.today import Day

# Without a rule from the physiotherapist, pain of 7 or more still counts as a hard day.
DEFAULT_FLARE_PAIN = 7


@dataclass
class PlanNews:
    news: changes.News | None = None
    has_flare: bool = False
    suggest_pain: int | None = None  # today's pain, when it reaches the clinician's threshold


def plan_news(session: Session, patient: User, day: Day, is_today: bool) -> PlanNews:
    """The news for `patient` on `day` (computed by the view and passed to the template)."""
    if day.plan is None:
        return PlanNews()
    plan = day.plan
    out = PlanNews(news=changes.unseen(session, plan, patient))
    out.has_flare = session.scalar(select(PlanVersion.id).where(
        PlanVersion.plan_id == plan.id, PlanVersion.variant == "flare").limit(1)) is not None
    threshold = plan.flare_pain_threshold or DEFAULT_FLARE_PAIN
    if is_today and plan.mode == "standard" and day.checkin and day.checkin.pain >= threshold:
        out.suggest_pain = day.checkin.pain
    return out
