"""A first-day starter plan proposed from five answers, built only from the built-in routine library.

The rules pick gentle, commonly recommended pieces (stretching for the area that hurts most, gentle aerobic
activity at the patient's level (shorter to begin with for someone hardly active now: the library says to build up by
a few minutes a week), sleep routines for poor sleep, warmth or cold as preferred) and place them at
the times of day the patient chose. They suggest; the patient accepts, unticks or changes anything afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import DOSE_FIELDS, PlanVersion, Routine, User
from app.services.plans.versions import ItemSpec, plan_for, save_version

AREAS = ("back", "neck", "legs", "widespread")
ACTIVITY = ("hardly", "some", "active")
SLEEP = ("poor", "fair", "good")
WARMTH = ("heat", "cold", "unsure")
TIMES = {"morning": "08:00", "afternoon": "13:00", "evening": "19:00"}
BEDTIME = "21:30"

STRETCHES = {"back": ["knee-to-chest-stretch", "cat-cow"], "neck": ["neck-side-stretch", "chin-tuck"],
             "legs": ["hamstring-stretch", "quad-stretch"],
             "widespread": ["knee-to-chest-stretch", "neck-side-stretch"]}
MOVEMENT = {"hardly": ["gentle-walk"], "some": ["gentle-walk", "glute-bridge"],
            "active": ["gentle-cycling", "glute-bridge"]}
SOOTHE = {"heat": "heat-pack", "cold": "cold-compress", "unsure": "slow-breathing"}
# Minutes of the aerobic routine for someone who is hardly active now, instead of the library's usual dose.
GENTLE_START_MINUTES = 5


@dataclass(frozen=True)
class Answers:
    area: str
    activity: str
    sleep: str
    warmth: str
    times: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    slug: str
    time: str
    minutes: int | None = None  # None: the library's usual dose

    def dose(self, routine: Routine) -> dict:
        dose = {f: getattr(routine, f) for f in DOSE_FIELDS}
        if self.minutes is not None and dose["minutes"]:
            dose["minutes"] = self.minutes
        return dose

    @property
    def value(self) -> str:
        """The accept form's value for this pick: slug@time, and @minutes for a gentler start."""
        return "@".join([self.slug, self.time] + ([str(self.minutes)] if self.minutes is not None else []))

    @classmethod
    def parse(cls, value: str) -> Proposal | None:
        """A pick sent back by the accept form, or None when it is not one this module could have proposed."""
        parts = value.split("@")
        if len(parts) not in (2, 3) or parts[1] not in (*TIMES.values(), BEDTIME):
            return None
        if len(parts) == 2:
            return cls(*parts)
        return cls(parts[0], parts[1], GENTLE_START_MINUTES) if parts[2] == str(GENTLE_START_MINUTES) else None


def propose(a: Answers) -> list[Proposal]:
    """Five to seven routines with a time each, in the order of the day."""
    times = [t for t in TIMES if t in a.times] or ["morning"]
    first, last = TIMES[times[0]], TIMES[times[-1]]
    middle = TIMES["afternoon"] if "afternoon" in times else last
    picks = [Proposal(slug, first) for slug in STRETCHES[a.area]]
    picks += [Proposal(MOVEMENT[a.activity][0], middle,
                       GENTLE_START_MINUTES if a.activity == "hardly" else None)]
    picks += [Proposal(slug, first) for slug in MOVEMENT[a.activity][1:]]
    picks.append(Proposal(SOOTHE[a.warmth], last))
    if a.sleep != "good":
        picks.append(Proposal("wind-down-routine", BEDTIME))
    if a.sleep == "poor":
        picks.append(Proposal("screens-off", BEDTIME))
    unique = list({p.slug: p for p in picks}.values())
    return sorted(unique, key=lambda p: p.time)


def routines_by_slug(session: Session, slugs: list[str]) -> dict[str, Routine]:
    return {r.slug: r for r in session.scalars(select(Routine).where(Routine.slug.in_(slugs),
                                                                      Routine.owner_id.is_(None)))}


def has_plan(session: Session, patient: User) -> bool:
    plan = plan_for(session, patient)
    return plan is not None and session.scalar(
        select(PlanVersion.id).where(PlanVersion.plan_id == plan.id).limit(1)) is not None


def accept(session: Session, patient: User, chosen: list[Proposal], note: str) -> PlanVersion:
    """Write the chosen routines as the patient's first plan version, each with its proposed dose."""
    by_slug = routines_by_slug(session, [p.slug for p in chosen])
    specs = [ItemSpec(by_slug[p.slug].id, times=[p.time], **p.dose(by_slug[p.slug]))
             for p in chosen if p.slug in by_slug]
    return save_version(session, plan_for(session, patient, create=True), specs, patient, note=note)
