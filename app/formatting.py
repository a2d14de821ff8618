"""How a dose, a schedule, a date and a number are written for the reader: one home for each rule.

Today, the plan pages, "What changed", push payloads, the calendar feed and the clinician pages all call these.
They translate in the current locale (Flask-Babel); code that writes for someone who is not the one asking
(the push dispatcher, the calendar feed) wraps the call in `in_language(user)`. The page's scripts get the same
rule as data (`dose_rule()`, sent in the page's i18n meta) instead of a copy of the sentence logic.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import get_day_names
from babel.numbers import format_decimal, format_percent
from flask import has_app_context
from flask_babel import force_locale, get_locale, get_translations, gettext, ngettext

from app.services.clock import zone
from app.services.localize import routine_text


def _locale():
    return get_locale() or "en"


def language() -> str:
    """The current language code ("en", "de")."""
    locale = get_locale()
    return locale.language if locale else "en"


def title_of(routine) -> str:
    """A routine's title in the reader's language (built-in routines are translated; a clinician's stay as written)."""
    return routine_text(routine, "title", language())


def N_(text: str) -> str:
    """Mark a string for extraction without translating it here."""
    return text


# Field -> (singular, plural) message; the order is the order they are written in.
DOSE_FORMS = {
    "sets": (N_("%(num)d set"), N_("%(num)d sets")),
    "reps": (N_("%(num)d rep"), N_("%(num)d reps")),
    "hold_seconds": (N_("hold %(num)d s"), N_("hold %(num)d s")),
    "minutes": (N_("%(num)d min"), N_("%(num)d min")),
}
SEPARATOR = " · "
EVERY_DAY = 0b1111111


def _value(dose, name: str):
    return dose.get(name) if isinstance(dose, dict) else getattr(dose, name, None)


def dose_text(dose) -> str:
    """"2 sets · hold 20 s" from a dose dict or anything with sets/reps/hold_seconds/minutes; "" for no dose."""
    if dose is None:
        return ""
    parts = []
    for name, (one, many) in DOSE_FORMS.items():
        n = _value(dose, name)
        if n:
            parts.append(ngettext(one, many, n))  # num is filled in from n
    return SEPARATOR.join(parts)


def dose_or_none(dose) -> str:
    """The dose, or words saying there is none."""
    return dose_text(dose) or gettext("no set dose")


def dose_rule() -> dict:
    """The dose rule for the page's scripts: the order, the separator, and each field's two translated forms.

    English and German both use the form for one when the number is 1 and the other form otherwise.
    """
    return {"order": list(DOSE_FORMS), "separator": SEPARATOR,
            "forms": {name: [get_translations().ngettext(one, many, n) for n in (1, 2)]
                      for name, (one, many) in DOSE_FORMS.items()}}


def day_names() -> list[str]:
    """Short weekday names, Monday first, in the reader's language ("Mon" / "Mo.")."""
    names = get_day_names("abbreviated", locale=_locale())
    return [names[d] for d in range(7)]


def days_text(mask: int) -> str:
    """"Every day", or the days in the mask ("Mon, Wed, Fri"); bit 0 is Monday."""
    if mask == EVERY_DAY:
        return gettext("Every day")
    names = day_names()
    return ", ".join(names[d] for d in range(7) if mask >> d & 1)


def schedule_text(mask: int, slots) -> str:
    """"Mon, Wed at 08:00, 18:30"."""
    return gettext("%(days)s at %(times)s", days=days_text(mask), times=", ".join(slots))


def item_text(item) -> str:
    """One plan item as a line: dose, days and times."""
    dose = dose_text(item.dose)
    schedule = schedule_text(item.days_mask, item.slots)
    return f"{dose}{SEPARATOR}{schedule}" if dose else schedule


# Babel patterns for the shapes the app prints, English and German (German puts a dot after the day number).
PATTERNS = {
    "day": ("d MMM", "d. MMM"), "date": ("d MMM y", "d. MMM y"), "datetime": ("d MMM y, HH:mm", "d. MMM y, HH:mm"),
    "weekday": ("EEE d MMM", "EEE, d. MMM"), "time": ("HH:mm", "HH:mm"), "long": ("d MMMM y", "d. MMMM y"),
    "fullday": ("EEEE d MMMM", "EEEE, d. MMMM"), "dayname": ("EEEE", "EEEE"), "shortday": ("EEE", "EEE"),
    "month": ("MMMM y", "MMMM y"),
}


def pattern(shape: str) -> str:
    """The Babel pattern of a shape in the current language; an unknown shape is a Babel pattern itself."""
    if shape not in PATTERNS:
        return shape
    english, german = PATTERNS[shape]
    return german if language() == "de" else english


def date_text(day: date, shape: str = "date") -> str:
    """A calendar date the local way ("30 Nov 2026", "30. Nov. 2026" in German)."""
    return babel_date(day, pattern(shape), locale=_locale())


def time_text(moment: datetime | None, tz_name: str | None, shape: str = "datetime") -> str:
    """A UTC time shown in the zone `tz_name` (the person the time is about), written the local way."""
    if moment is None:
        return ""
    return babel_datetime(moment, pattern(shape), tzinfo=zone(tz_name or "UTC"), locale=_locale())


def number_text(value, digits: int = 1, fixed: bool = False) -> str:
    """A number with at most (`fixed`: exactly) `digits` decimals, with the locale's decimal mark ("6.5" / "6,5")."""
    if value is None:
        return ""
    decimals = ("0" if fixed else "#") * digits
    return format_decimal(round(float(value), digits), format="#,##0." + decimals if digits else "#,##0",
                          locale=_locale())


def percent_text(rate: float | None) -> str:
    """A share as a whole percentage ("50 %" in German, "50%" in English); "–" when there is nothing to count."""
    if rate is None:
        return "–"
    return format_percent(rate, locale=_locale())


@contextmanager
def in_language(user, fallback: str = "en") -> Iterator[None]:
    """Write in `user`'s saved language (`fallback` when none), whoever is asking."""
    if not has_app_context():
        yield
        return
    with force_locale(getattr(user, "locale", None) or fallback):
        yield
