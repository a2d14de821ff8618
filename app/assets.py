"""Versioned static URLs: /static/<hash of all static files>/path, cached for a year.

One version for the whole folder keeps relative ES-module imports inside the same version.
"""
from __future__ import annotations

import hashlib
import re

from flask import Flask

from .config import ROOT

STATIC = ROOT / "static"
YEAR = 365 * 24 * 3600


def static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and not path.name.endswith((".gz", ".br")):
            digest.update(str(path.relative_to(STATIC)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def shell_files() -> list[str]:
    """Files the service worker precaches: the app shell, not every icon size."""
    wanted = re.compile(r"^(css/.*\.css|js/.*\.js|icons/icon-192\.png|icons/favicon\.svg)$")
    return sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file() and wanted.match(
        str(p.relative_to(STATIC))))


def init_assets(app: Flask) -> None:
    version = static_version()
    app.config["ASSET_VERSION"] = version

    def asset(path: str) -> str:
        return f"/static/{version}/{path}"

    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["has_endpoint"] = lambda endpoint: endpoint in app.view_functions
    app.extensions["asset_url"] = asset
