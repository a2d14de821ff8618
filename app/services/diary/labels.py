"""Names the diary shows for body areas, pain words, trigger tags and kinds of treatment, in the reader's language.

One home for them: the diary pages, Progress, the physio's patient page and the doctor's report all read these."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

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


def area_name(area: str) -> str:
    return str(AREA_NAMES.get(area, area))


def trigger_name(tag: str) -> str:
    """A known tag in the reader's language; the patient's own words as they wrote them."""
    return str(TRIGGER_NAMES.get(tag, tag))
