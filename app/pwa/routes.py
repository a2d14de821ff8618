"""The service worker and manifest live at the root (scope "/"), plus the offline page."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache

from flask import Response, current_app, render_template, request

from app.assets import shell_files
from app.config import ROOT
from app.pwa import bp


@lru_cache(maxsize=4)
def worker_source(version: str) -> str:
    """service_worker.js with this build's version and shell list, so each deploy changes its bytes."""
    shell = [f"/static/{version}/{path}" for path in shell_files()]
    source = (ROOT / "service_worker.js").read_text()
    return (source.replace('"__VERSION__"', json.dumps(version))
                  .replace('["__SHELL__"]', json.dumps(shell)))


@lru_cache(maxsize=4)
def gzipped(source: str) -> bytes:
    return gzip.compress(source.encode(), 9, mtime=0)


@bp.get("/service_worker.js")
def service_worker():
    """The worker, never cached by HTTP so updates are seen at once; gzip-compressed like the static scripts (it
    holds no secret or user text, so compressing it gives nothing away)."""
    source = worker_source(current_app.config["ASSET_VERSION"])
    if "gzip" in request.accept_encodings:
        response = Response(gzipped(source), mimetype="text/javascript")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(source, mimetype="text/javascript")
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@lru_cache(maxsize=4)
def manifest_source(version: str) -> str:
    data = json.loads((ROOT / "manifest.json").read_text())
    for group in ("icons", "screenshots"):
        for entry in data.get(group, []):
            entry["src"] = entry["src"].replace("/static/", f"/static/{version}/", 1)
    for shortcut in data.get("shortcuts", []):
        for icon in shortcut.get("icons", []):
            icon["src"] = icon["src"].replace("/static/", f"/static/{version}/", 1)
    return json.dumps(data)


@bp.get("/manifest.json")
def manifest():
    """The web app manifest."""
    response = Response(manifest_source(current_app.config["ASSET_VERSION"]), mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline")
def offline():
    """Shown by the worker when a page is neither online nor cached."""
    return render_template("pwa/offline.html")
