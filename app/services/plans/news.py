"""What Today shows above the routines: unseen changes, whether a flare-up plan exists, a flare suggestion, and
the open flare episode of the diary (the switch offers to start one, or to end the open one)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import FlareEpisode, PlanVersion, User
from app.services.diary.read import open_flare
from app.services.plans import changes
from app.services.plans.today import Day

# Without a rule from the physiotherapist, pain of 7 or more still counts as a hard day.
DEFAULT_FLARE_PAIN = 7


@dataclass
class PlanNews:
    news: changes.News | None = None
    has_flare: bool = False
    suggest_pain: int | None = None  # today's pain, when it reaches the clinician's threshold
    open_flare: FlareEpisode | None = None  # read only where the switch is shown (today, with a flare-up plan)

    def open_flare_json(self) -> dict | None:
        """The open episode as the switch's script needs it to end it offline (the whole record, see entries)."""
        f = self.open_flare
        return f and {"client_id": f.client_id, "start": f.start.isoformat(), "triggers": list(f.triggers or []),
                      "helped": f.helped or "", "note": f.note or ""}


def plan_news(session: Session, patient: User, day: Day, is_today: bool) -> PlanNews:
    """The news for `patient` on `day` (computed by the view and passed to the template)."""
    if day.plan is None:
        return PlanNews()
    plan = day.plan
    out = PlanNews(news=changes.unseen(session, plan, patient))
    out.has_flare = session.scalar(select(PlanVersion.id).where(
        PlanVersion.plan_id == plan.id, PlanVersion.variant == "flare").limit(1)) is not None
    if out.has_flare and is_today:
        out.open_flare = open_flare(session, patient.id)
    threshold = plan.flare_pain_threshold or DEFAULT_FLARE_PAIN
    if is_today and plan.mode == "standard" and day.checkin and day.checkin.pain >= threshold:
        out.suggest_pain = day.checkin.pain
    return out
