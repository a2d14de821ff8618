"""Interface language: the user's saved choice, else the browser's Accept-Language, else English."""
from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import Flask, has_request_context, request
from flask_babel import get_locale, gettext
from flask_login import current_user
from wtforms.i18n import messages_path

from app.config import ROOT
from app.content.library_de import ROUTINES_DE
from app.extensions import babel
from app.formatting import dose_rule
from app.services.localize import routine_text
from app.services.media import illustrations
from app.services.progress.credit import CREDIT
from app.services.records.labels import labels as field_labels
from app.services.reminders.words import notification_words


def N_(text: str) -> str:
    """Mark a string for extraction without translating it here."""
    return text


# What static/js/day_view.js and day.js draw on /today (they redraw the day offline and after syncs).
JS_STRINGS = [N_("Today"), N_("Day"), N_("Previous day"), N_("Next day"), N_("Done"), N_("Partly"), N_("Skip"),
              N_("Partly done"), N_("Skipped"), N_("Add pain before / after"), N_("Pain before"), N_("Pain after"),
              N_("Note"), N_("Morning"), N_("Afternoon"), N_("Evening"), N_("%(done)s of %(total)s done"),
              N_("Flare-up plan is on: gentler routines today."), N_("This day isn't on this phone yet"),
              N_("Open Inoplan once while you're online and your plan is kept on this phone for offline days."),
              N_("Let's set up your plan"), N_("Build my plan"), N_("Nothing planned for this day"),
              N_("Your physiotherapist can send you a plan, or you can build one yourself from our routine library."),
              N_("A rest day is part of the plan too. A gentle walk or a few slow breaths still count."),
              N_("waiting to send"),
              N_("Takes ten seconds. Only pain is needed; the rest helps you and your physio see patterns."),
              N_("Saved: pain %(pain)s/10, slept %(hours)s h."), N_("Saved: pain %(pain)s/10."),
              N_("Saved on this phone: pain %(pain)s/10, slept %(hours)s h."),
              N_("Saved on this phone: pain %(pain)s/10."), N_("It will be sent when you're online."),
              N_("You can update it below."), N_("Please choose a value."), N_("Enter hours from %(lo)s to %(hi)s.")]
# What other page scripts show: writes.js (outbox labels) and notifications.js (the reminders page).
JS_STRINGS += [N_("Routine"), N_("%(title)s, %(day)s at %(time)s"), N_("Check-in for %(day)s"),
               N_("Switch to the flare-up plan"), N_("Switch back to the usual plan"),
               N_("The server answered %(status)s."), N_("Could not reach Inoplan."),
               N_("This browser cannot show notifications from Inoplan. The calendar below still works."),
               N_("Notifications are blocked for Inoplan. Allow them in your browser's site settings, then come back."),
               N_("Notifications are on for this device."), N_("Notifications are off for this device."),
               N_("Turn off notifications"), N_("Turn on notifications"), N_("Notifications: %(problem)s"),
               N_("That did not work: %(problem)s")]
# sync.js: the offline line, the waiting badge, the expired-session and rejected-changes banners.
JS_STRINGS += [N_("Can't reach Inoplan — your changes are saved on this phone"),
               N_("Offline — your changes are saved on this phone"), N_("%(n)s waiting"),
               N_("%(n)s change waiting to be sent. Tap to send now."),
               N_("%(n)s changes waiting to be sent. Tap to send now."), N_("Log in again"),
               N_("Your session has ended. Your changes are safe on this phone. %(link)s to send them."),
               N_("Dismiss"), N_("This change was not saved:"), N_("These changes were not saved:")]

# due.js (the page's own due-now notification), sync.js (a rejected change: the outbox keeps the fields, the page
# writes the text with the field names of `fields` in the catalogue), diary.js (a diary entry waiting to be sent).
JS_STRINGS += [N_("Your routine"), N_("It is time for this routine. Tap Done when you have finished."),
               N_("%(field)s %(problem)s."), N_("The server could not accept this change."), N_("Pain %(n)s/10"),
               N_("End of flare"), N_("Flare started")]

LANGUAGES = {"en": "English", "de": "Deutsch"}


def select_locale() -> str:
    """The locale for this request (Flask-Babel calls it at most once per request)."""
    if not has_request_context():
        return "en"
    saved = getattr(current_user, "locale", None) if current_user else None
    if saved in LANGUAGES:
        return saved
    return request.accept_languages.best_match(list(LANGUAGES), default="en")


def current_language() -> str:
    """The language code of the current locale, such as "de"."""
    return get_locale().language if get_locale() else "en"


def js_catalog() -> dict:
    """For the page's scripts: the dose rule, the words a notification's buttons carry and the names of a write's
    fields (every language), and in German the interface strings and the built-in routine titles."""
    catalog = {"dose": dose_rule(), "credit": CREDIT, "strings": {}, "titles": {}, "notification": notification_words(),
               "fields": field_labels()}
    if current_language() == "en":
        return catalog
    catalog["strings"] = {text: gettext(text) for text in JS_STRINGS}
    catalog["titles"] = {slug: r["title"] for slug, r in ROUTINES_DE.items()}
    return catalog


def init_i18n(app: Flask) -> None:
    """Wire Flask-Babel and the helpers templates use to show built-in content in the current language."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["js_catalog"] = js_catalog
    app.jinja_env.globals["rt"] = lambda routine, field: routine_text(routine, field, current_language())
    app.jinja_env.globals["illustration"] = lambda routine: illustrations.of(routine, current_language())

    @app.before_request
    def wtforms_messages():
        # Flask-WTF reads WTForms' own message catalogue from disk on every request that builds a form (about half a
        # millisecond of /today); it takes the one it finds on the request, so hand it one loaded once per language.
        request.wtforms_translations = _WTFormsMessages()


@lru_cache(maxsize=len(LANGUAGES) + 1)
def _wtforms_catalog(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' messages in this request's language, chosen only when a message is asked for (a request that
    builds no form never resolves its locale)."""

    def ugettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)

# What static/js/day_view.js draws on a routine's card (tick toggles, pain taps, past and future days).
JS_STRINGS += [N_("Start"), N_("Tap it again to undo."),
               N_("Pain before / after"), N_("0 = no pain, 10 = worst imaginable"),
               N_("Save pain and note"), N_("Pain %(before)s → %(after)s"), N_("Pain before: %(n)s"),
               N_("Pain after: %(n)s"), N_("Coming up. You can tick these on the day."), N_("Before your plan began"),
               N_("Your plan started on %(date)s. Nothing was planned for this day, so there is nothing to tick."),
               N_("Go to today")]
# The diary following the flare-up switch (static/js/flare_switch.js): the outbox's name for each write.
JS_STRINGS += [N_("Flare-up episode started"), N_("Flare-up episode ended")]
# The play/pause button of a routine's clip (static/js/media.js).
JS_STRINGS += [N_("Play the clip"), N_("Pause the clip")]
