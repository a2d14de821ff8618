"""Interface language: the user's saved choice, else the browser's Accept-Language, else English."""
from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from .config import ROOT
from .extensions import babel
from .services.localize import routine_text, topics_for

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


def init_i18n(app: Flask) -> None:
    """Wire Flask-Babel and the helpers templates use to show built-in content in the current language."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["rt"] = lambda routine, field: routine_text(routine, field, current_language())
