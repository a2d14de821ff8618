"""Names the diary shows for body areas, pain words, trigger tags and kinds of treatment, in the reader's language."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l

from app.diary import bp
from app.services.diary.read import flare_days

AREA_NAMES = {
    "jaw_l": _l("Jaw, left"), "jaw_r": _l("Jaw, right"), "shoulder_l": _l("Shoulder, left"),
    "shoulder_r": _l("Shoulder, right"), "upper_arm_l": _l("Upper arm, left"), "upper_arm_r": _l("Upper arm, right"),
    "lower_arm_l": _l("Lower arm, left"), "lower_arm_r": _l("Lower arm, right"), "hip_l": _l("Hip, left"),
    "hip_r": _l("Hip, right"), "upper_leg_l": _l("Upper leg, left"), "upper_leg_r": _l("Upper leg, right"),
    "lower_leg_l": _l("Lower leg, left"), "lower_leg_r": _l("Lower leg, right"), "neck": _l("Neck"),
    "upper_back": _l("Upper back"), "lower_back": _l("Lower back"), "chest": _l("Chest"), "abdomen": _l("Abdomen"),
}
QUALITY_NAMES = {"aching": _l("aching"), "burning": _l("burning"), "stiff": _l("stiff"), "tender": _l("tender"),
                 "throbbing": _l("throbbing"), "shooting": _l("shooting"), "cramping": _l("cramping"),
                 "tingling": _l("tingling")}
TRIGGER_NAMES = {"weather": _l("Weather"), "stress": _l("Stress"), "long_sitting": _l("Long sitting"),
                 "poor_sleep": _l("Poor sleep"), "overdoing_it": _l("Overdoing it"), "cold": _l("Cold"),
                 "travel": _l("Travel"), "illness": _l("Illness")}
KIND_NAMES = {"medication": _l("Medication"), "heat": _l("Heat"), "cold": _l("Cold"), "tens": _l("TENS"),
              "massage": _l("Massage"), "physio": _l("Physio session"), "exercise": _l("Exercise"),
              "relaxation": _l("Relaxation"), "other": _l("Other")}


@bp.app_context_processor
def diary_labels() -> dict:
    return {"area_names": AREA_NAMES, "quality_names": QUALITY_NAMES, "trigger_names": TRIGGER_NAMES,
            "kind_names": KIND_NAMES, "flare_days": lambda f: flare_days(f, datetime.now(UTC)),
            "timedelta_days": lambda n: timedelta(days=n)}


@bp.app_template_filter("area_name")
def area_name(area: str) -> str:
    return str(AREA_NAMES.get(area, area))
