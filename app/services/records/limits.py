"""Check-in limits, written once: the forms, the sync validation, the page's JSON and the HTML min/max read them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    lo: int
    hi: int
    whole: bool = True  # a whole number (a 0-10 scale) or a decimal (hours)

    @property
    def range(self) -> tuple[int, int]:
        return self.lo, self.hi


PAIN = Limit(0, 10)  # also pain before and after a routine
CHECKIN_LIMITS: dict[str, Limit] = {
    "pain": PAIN,
    "stiffness": Limit(0, 10),
    "fatigue": Limit(0, 10),
    "sleep_hours": Limit(0, 24, whole=False),
    "sleep_quality": Limit(1, 5),
    "mood": Limit(1, 5),
}
NOTE_MAX = 2000  # characters, for every note (check-in, tick, plan item, routine precautions)


def limits_json() -> dict:
    """What the page's scripts check before queueing a write: {"pain": {"min": 0, "max": 10, "whole": true}, ...}."""
    out = {name: {"min": lim.lo, "max": lim.hi, "whole": lim.whole} for name, lim in CHECKIN_LIMITS.items()}
    out["pain_before"] = out["pain_after"] = {"min": PAIN.lo, "max": PAIN.hi, "whole": True}
    out["note"] = {"max_length": NOTE_MAX}
    return out
