"""Dose amounts in words ("17 min", "12 reps") and the reason written on an accepted step's plan version."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.i18n import current_language
from app.services.localize import routine_text

FIELD_LABELS = {"minutes": _l("minutes"), "reps": _l("repetitions"), "sets": _l("sets"),
                "hold_seconds": _l("hold (seconds)")}
STATUS_LABELS = {"proposed": _l("proposed"), "accepted": _l("accepted"), "kept": _l("kept"),
                 "held_for_flare": _l("held for a flare-up"), "held": _l("held")}


def amount(field: str | None, n: float | int | None) -> str:
    if n is None or field is None:
        return "–"
    shown = int(n) if float(n).is_integer() else round(n, 1)
    if field == "minutes":
        return _("%(n)s min", n=shown)
    if field == "reps":
        return _("%(n)s reps", n=shown)
    if field == "hold_seconds":
        return _("hold %(n)s s", n=shown)
    return ngettext("%(num)d set", "%(num)d sets", int(n))


def proposal_text(title: str, field: str, from_dose: int, to_dose: int) -> str:
    """ "Next week: Walking 17 min, up from 15 min." (German abbreviations end in a dot: no double dot)"""
    return sentence(title, field, from_dose, to_dose).replace("..", ".")


def sentence(title: str, field: str, from_dose: int, to_dose: int) -> str:
    if to_dose > from_dose:
        return _("Next week: %(title)s %(new)s, up from %(old)s.", title=title, new=amount(field, to_dose),
                 old=amount(field, from_dose))
    return _("Next week: %(title)s %(new)s, down from %(old)s, after the flare-up.", title=title,
             new=amount(field, to_dose), old=amount(field, from_dose))


def version_note(title: str, field: str, from_dose: int, to_dose: int, adherence: float | None) -> str:
    done = f" ({round(adherence * 100)} %)" if adherence is not None else ""
    if to_dose > from_dose:
        return _("Progression step: %(title)s %(new)s, up from %(old)s; you did your plan last period%(done)s.",
                 title=title, new=amount(field, to_dose), old=amount(field, from_dose), done=done)
    return _("Progression step back after a flare-up: %(title)s %(new)s, down from %(old)s.",
             title=title, new=amount(field, to_dose), old=amount(field, from_dose))


def title_of(routine) -> str:
    return routine_text(routine, "title", current_language())


def player_strings() -> dict[str, str]:
    """Interface text for static/js/player.js, translated here so the script needs no catalogue of its own.
    Placeholders stay as %(name)s for the script to fill."""
    keep = {name: f"%({name})s" for name in ("n", "total", "name")}
    return {
        "step": _("Step %(n)s of %(total)s", **keep), "set": _("Set %(n)s of %(total)s", **keep),
        "hold": _("Hold: repetition %(n)s of %(total)s", **keep), "relax": _("Relax and breathe out."),
        "reps": _("Do %(total)s slow repetitions.", **keep), "rest": _("Rest before the next set."),
        "counted": _("%(n)s of %(total)s", **keep), "setDone": _("Set done: %(total)s repetitions.", **keep),
        "keepGoing": _("Keep going at an easy pace"), "timedText": _("Go at a pace where you could still talk."),
        "heatText": _("Keep it warm or cool, never hot or freezing. Stop when the timer ends."),
        "doneLabel": _("Well done"), "doneText": _("Tap Done to tick it off. Pain scores are optional."),
        "round": _("Round %(n)s of %(total)s", **keep), "activity": _("%(name)s: time to be active.", **keep),
        "pacingRest": _("Time to rest: sit or lie down and let your muscles settle."),
        "pacingDone": _("All rounds done. Stopping before you are exhausted is the point."),
        "defaultActivity": _("Activity"), "next": _("Next"), "skip": _("Skip ahead"), "pause": _("Pause"),
        "resume": _("Resume"), "saved": _("Saved. It will be sent when you are online."),
    }
