"""The outcome measures Inoplan offers: published item wording, answer scales, versions and codes.

Item texts are the published wording and are never put through the translation catalogue: a translator's
paraphrase would no longer be the validated instrument. Only PHQ-9 and GAD-7 have a published validated German
version (PHQ-D, Gräfe et al. 2004; GAD-7 German, Löwe et al. 2008); PEG, PSFS and WPI/SSS are shown in English in
German mode, with a note saying so (docs/measures.md lists sources and terms).
"""
from __future__ import annotations

from dataclasses import dataclass, field

INSTRUMENTS = ("peg", "psfs", "phq9", "gad7", "wpi_sss")

# The 19 areas of the Widespread Pain Index (Wolfe et al. 2016), ids fixed in shared/API.md.
BODY_AREAS = ("jaw_l", "jaw_r", "shoulder_l", "shoulder_r", "upper_arm_l", "upper_arm_r", "lower_arm_l",
              "lower_arm_r", "hip_l", "hip_r", "upper_leg_l", "upper_leg_r", "lower_leg_l", "lower_leg_r",
              "neck", "upper_back", "lower_back", "chest", "abdomen")
AREA_NAMES = {
    "jaw_l": "Left jaw", "jaw_r": "Right jaw", "shoulder_l": "Left shoulder girdle",
    "shoulder_r": "Right shoulder girdle", "upper_arm_l": "Left upper arm", "upper_arm_r": "Right upper arm",
    "lower_arm_l": "Left lower arm", "lower_arm_r": "Right lower arm", "hip_l": "Left hip (buttock, trochanter)",
    "hip_r": "Right hip (buttock, trochanter)", "upper_leg_l": "Left upper leg", "upper_leg_r": "Right upper leg",
    "lower_leg_l": "Left lower leg", "lower_leg_r": "Right lower leg", "neck": "Neck", "upper_back": "Upper back",
    "lower_back": "Lower back", "chest": "Chest", "abdomen": "Abdomen",
}


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    version: str
    items: tuple[str, ...]          # English, published wording
    stem: str                       # the instruction above the items
    options: tuple[str, ...] = ()   # labelled options (0..n), or empty for a 0-10 scale
    anchors: tuple[str, str] = ("", "")  # 0 and 10 anchors of a numeric scale
    de: dict = field(default_factory=dict)  # validated German: stem, items, options (PHQ-9, GAD-7 only)
    loinc_panel: str | None = None
    loinc_score: str | None = None
    score_range: tuple[float, float] = (0, 10)
    bands: tuple[tuple[float, str], ...] = ()  # (lowest score of the band, name), ascending
    mic: float = 0                  # minimal important change of the score
    lower_is_better: bool = True
    for_patient_bands: bool = True  # WPI/SSS: never interpreted for the patient

    def band(self, score: float | None) -> str | None:
        if score is None or not self.bands:
            return None
        name = None
        for low, band_name in self.bands:
            if score >= low:
                name = band_name
        return name

    def wording(self, language: str) -> dict:
        """Stem, items and options in `language` where a validated version exists, else English."""
        if language == "de" and self.de:
            return {"stem": self.de["stem"], "items": self.de["items"], "options": self.de["options"],
                    "validated_language": "de"}
        return {"stem": self.stem, "items": self.items, "options": self.options, "validated_language": "en"}


FREQUENCY = ("Not at all", "Several days", "More than half the days", "Nearly every day")
FREQUENCY_DE = ("Überhaupt nicht", "An einzelnen Tagen", "An mehr als der Hälfte der Tage", "Beinahe jeden Tag")
STEM_2_WEEKS_DE = ("Wie oft fühlten Sie sich im Verlauf der letzten 2 Wochen durch die folgenden Beschwerden "
                   "beeinträchtigt?")

PEG = Instrument(
    id="peg", name="PEG (Pain, Enjoyment of life, General activity)", version="krebs-2009",
    stem="Over the past week:",
    items=(
        "What number best describes your pain on average in the past week?",
        "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
        "What number best describes how, during the past week, pain has interfered with your general activity?",
    ),
    anchors=("No pain / does not interfere", "Pain as bad as you can imagine / completely interferes"),
    loinc_panel="91148-7", loinc_score="91147-9", score_range=(0, 10), mic=2.0,
)
PEG_ANCHORS = (("No pain", "Pain as bad as you can imagine"), ("Does not interfere", "Completely interferes"),
               ("Does not interfere", "Completely interferes"))

PSFS = Instrument(
    id="psfs", name="Patient-Specific Functional Scale", version="stratford-1995",
    stem=("Name up to five important activities that you are unable to do or are having difficulty with as a "
          "result of your problem. Rate how able you are to do each one today."),
    items=(),
    anchors=("Unable to perform activity", "Able to perform activity at the same level as before injury or problem"),
    score_range=(0, 10), mic=2.0, lower_is_better=False,
)

PHQ9 = Instrument(
    id="phq9", name="PHQ-9", version="kroenke-2001",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
        "or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    options=FREQUENCY,
    de={"stem": STEM_2_WEEKS_DE, "options": FREQUENCY_DE, "items": (
        "Wenig Interesse oder Freude an Ihren Tätigkeiten",
        "Niedergeschlagenheit, Schwermut oder Hoffnungslosigkeit",
        "Schwierigkeiten ein- oder durchzuschlafen oder vermehrter Schlaf",
        "Müdigkeit oder Gefühl, keine Energie zu haben",
        "Verminderter Appetit oder übermäßiges Bedürfnis zu essen",
        "Schlechte Meinung von sich selbst; Gefühl, ein Versager zu sein oder die Familie enttäuscht zu haben",
        "Schwierigkeiten, sich auf etwas zu konzentrieren, z. B. beim Zeitunglesen oder Fernsehen",
        "Waren Ihre Bewegungen oder Ihre Sprache so verlangsamt, dass es auch anderen auffallen würde? Oder waren "
        "Sie im Gegenteil „zappelig“ oder ruhelos und hatten dadurch einen stärkeren Bewegungsdrang als sonst?",
        "Gedanken, dass Sie lieber tot wären oder sich Leid zufügen möchten",
    )},
    loinc_panel="44249-1", loinc_score="44261-6", score_range=(0, 27),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe")), mic=5.0,
)

GAD7 = Instrument(
    id="gad7", name="GAD-7", version="spitzer-2006",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    options=FREQUENCY,
    de={"stem": STEM_2_WEEKS_DE, "options": FREQUENCY_DE, "items": (
        "Nervosität, Ängstlichkeit oder Anspannung",
        "Nicht in der Lage sein, Sorgen zu stoppen oder zu kontrollieren",
        "Übermäßige Sorgen bezüglich verschiedener Angelegenheiten",
        "Schwierigkeiten zu entspannen",
        "So ruhelos zu sein, dass Stillsitzen schwer fällt",
        "Schnelle Verärgerung oder Gereiztheit",
        "Gefühl der Angst, so als würde etwas Schlimmes passieren",
    )},
    loinc_panel="69737-5", loinc_score="70274-6", score_range=(0, 21),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")), mic=4.0,
)

SSS_SEVERITY = ("No problem", "Slight or mild problems; generally mild or intermittent",
                "Moderate; considerable problems; often present and/or at a moderate level",
                "Severe; pervasive, continuous, life-disturbing problems")
WPI_SSS = Instrument(
    id="wpi_sss", name="WPI and SSS (2016 revised fibromyalgia criteria)", version="wolfe-2016",
    stem="Areas where you have had pain over the last week, and how much of a problem these symptoms have been.",
    items=("Fatigue", "Waking unrefreshed", "Cognitive symptoms"),
    options=SSS_SEVERITY,
    score_range=(0, 31), mic=0, for_patient_bands=False,
)
SSS_YES_NO = (("headache", "Headaches"), ("abdominal", "Pain or cramps in lower abdomen"),
              ("depression", "Depression"))

BY_ID = {i.id: i for i in (PEG, PSFS, PHQ9, GAD7, WPI_SSS)}
