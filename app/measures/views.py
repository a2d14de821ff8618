"""What the measures pages show: wording in the reader's language, trends in plain words, crisis contacts."""
from __future__ import annotations

from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user

from app.i18n import current_language
from app.services.measures import crisis
from app.services.measures.chart import trend_svg
from app.services.measures.instruments import BY_ID
from app.services.measures.trends import Trend
from app.services.measures.words import band_text, title


def change_text(trend: Trend) -> str:
    if trend.change is None:
        return _("One answer so far: a trend needs two.")
    inst = BY_ID[trend.instrument]
    if trend.change == "no meaningful change":
        return _("No meaningful change since the answer before (a change needs %(mic)s points or more to count).",
                 mic=f"{inst.mic:g}")
    if trend.change == "better":
        return _("Better than the answer before, by more than the smallest change that matters.")
    return _("Worse than the answer before, by more than the smallest change that matters.")


def chart(trend: Trend, for_patient: bool) -> dict:
    inst = BY_ID[trend.instrument]
    show_bands = inst.for_patient_bands or not for_patient
    summary = change_text(trend) if inst.mic else _("Scores over time.")
    latest = f"{trend.latest:g}"
    band = band_text(trend.band) if show_bands else ""
    return {"instrument": trend.instrument, "title": title(trend.instrument), "latest": latest, "band": band,
            "change": trend.change, "text": summary,
            "svg": trend_svg(trend, title(trend.instrument), summary, show_bands),
            "mic": inst.mic, "range": inst.score_range}


def help_contacts() -> dict:
    """Crisis contacts for the reader: their chosen country, else their timezone's."""
    zone = current_user.timezone if current_user.is_authenticated else None
    return crisis.for_country(crisis.country_for(zone, cookie.get("help_country")))


def wording(instrument: str) -> dict:
    return BY_ID[instrument].wording(current_language())
