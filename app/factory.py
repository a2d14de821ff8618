"""The application factory: Flask, its extensions and every blueprint (`from app import create_app` reaches it).

Kept out of `app/__init__.py` so that importing any module of the package does not import all of this: the push
worker processes (`app.services.reminders.webpush`) import the push stack and little else."""
from __future__ import annotations

import os

from flask import Flask
from whitenoise import WhiteNoise

from app import sqlite, urls
from app.config import CONFIGS, INSTANCE, ROOT
from app.extensions import csrf, db, limiter, login_manager, migrate
from app.i18n import init_i18n
from app.json_provider import SafeJSONProvider
from app.security import BoundedInt, register_api_auth, static_headers
from app.template_helpers import init_template_helpers


def create_app(config: str | dict | None = None) -> Flask:
    """Build the app; `config` is a config name or a dict of overrides (tests)."""
    app = Flask("app", template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=str(INSTANCE))
    app.json = SafeJSONProvider(app)
    app.url_map.converters["int"] = BoundedInt
    if isinstance(config, str):
        name = config
    else:  # a dict of overrides is how tests build the app
        name = "testing" if isinstance(config, dict) else os.environ.get("INOPLAN_ENV", "development")
    config_class = CONFIGS[name]
    app.config.from_object(config_class)
    if hasattr(config_class, "check"):  # production: read and check the environment now, naming what is missing
        app.config.from_mapping(config_class.check())
    if isinstance(config, dict):
        app.config.from_mapping(config)
    INSTANCE.mkdir(exist_ok=True)

    db.init_app(app)
    with app.app_context():
        sqlite.configure(db.engine)
        if db.engine.dialect.name == "sqlite":
            sqlite.release_at_teardown(app, db.session)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    register_api_auth(app)  # before CSRF, so an anonymous API call answers 401, not a CSRF error
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    init_i18n(app)
    init_template_helpers(app)

    from app import models  # noqa: F401  (register tables)
    from app.admin import bp as admin_bp
    from app.alerts import bp as alerts_bp
    from app.api import bp as api_bp
    from app.api.day_cache import init_day_cache
    from app.assets import init_assets
    from app.auth import bp as auth_bp
    from app.care import bp as clinicians_bp
    from app.cli import register_cli
    from app.clinician import bp as clinician_bp
    from app.clinics import bp as clinics_bp
    from app.compression import register_compression
    from app.diary import bp as diary_bp
    from app.errors import register_error_handlers
    from app.learn import bp as learn_bp
    from app.measures import bp as measures_bp
    from app.media import bp as media_bp
    from app.messages import bp as messages_bp
    from app.patient import bp as patient_bp
    from app.privacy import bp as privacy_bp
    from app.progress import bp as progress_bp
    from app.progression import bp as progression_bp
    from app.pwa import bp as pwa_bp
    from app.reminders import bp as reminders_bp
    from app.security import register_security
    from app.settings import bp as settings_bp
    from app.sleep import api_bp as sleep_api_bp
    from app.sleep import bp as sleep_bp

    for bp in (auth_bp, patient_bp, api_bp, pwa_bp, settings_bp, progress_bp, learn_bp, privacy_bp, clinician_bp,
               clinicians_bp, reminders_bp, diary_bp, sleep_bp, sleep_api_bp, measures_bp, progression_bp,
               admin_bp, messages_bp, clinics_bp, alerts_bp, media_bp):
        app.register_blueprint(bp)
    register_compression(app)
    register_security(app)
    register_error_handlers(app)
    register_cli(app)
    init_assets(app)
    init_day_cache(app)
    versioned = f"/static/{app.config['ASSET_VERSION']}/"
    app.wsgi_app = WhiteNoise(app.wsgi_app, max_age=3600, add_headers_function=static_headers(app),
                              immutable_file_test=lambda path, url: url.startswith(versioned))
    app.wsgi_app.add_files(str(ROOT / "static"), prefix=versioned)
    app.wsgi_app.add_files(str(ROOT / "static"), prefix="/static/")
    urls.wrap(app)
    if name == "production" and not app.config.get("MAIL_URL"):
        app.logger.warning("MAIL_URL is not set: password-reset and account mails are only logged, not sent.")
    return app
