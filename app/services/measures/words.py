"""How an instrument and a score band are named to a reader, in the reader's language: the measures pages and the
doctor's report both call these (the instruments' own item wording is never translated, see instruments.py)."""
from __future__ import annotations

from flask_babel import gettext as _


def band_text(band: str | None) -> str:
    return {"minimal": _("minimal"), "mild": _("mild"), "moderate": _("moderate"),
            "moderately severe": _("moderately severe"), "severe": _("severe")}.get(band or "", "")


def title(instrument: str) -> str:
    return {"peg": _("Pain and its effect on your life (PEG)"), "psfs": _("Activities you find hard (PSFS)"),
            "phq9": _("Mood (PHQ-9)"), "gad7": _("Worry and anxiety (GAD-7)"),
            "wpi_sss": _("Where it hurts, and other symptoms (WPI and SSS)")}[instrument]
