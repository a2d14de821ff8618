"""Versioned static URLs: /static/<hash of all static files>/path, cached for a year.

One version for the whole folder keeps relative ES-module imports inside the same version.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import struct
import tempfile
import zlib
from functools import cache
from pathlib import Path

from flask import Flask
from markupsafe import Markup

from app.config import INSTANCE, ROOT

STATIC = ROOT / "static"
YEAR = 365 * 24 * 3600
COMPRESSIBLE = (".css", ".js", ".mjs", ".json", ".svg", ".txt", ".map", ".webmanifest")


def static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and not path.name.endswith((".gz", ".br")):
            digest.update(str(path.relative_to(STATIC)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def icon(name: str) -> Markup:
    """A vendored Lucide icon (static/icons/lucide/) as inline SVG: it takes the text colour and works offline."""
    svg = (STATIC / "icons" / "lucide" / f"{name}.svg").read_text()
    svg = svg[svg.index("<svg"):].replace("<svg", '<svg aria-hidden="true" focusable="false"', 1)
    return Markup(svg.replace('class="lucide', 'class="nav-icon lucide', 1))


def shell_files() -> list[str]:
    """Files the service worker precaches: the app shell, not every icon size."""
    wanted = re.compile(r"^(css/.*\.css|js/.*\.js|icons/icon-192\.png|icons/favicon\.svg)$")
    return sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file() and wanted.match(
        str(p.relative_to(STATIC))))


def precompress(folder: Path = STATIC) -> int:
    """Write `name.gz` beside each text asset; WhiteNoise serves it to browsers that accept gzip.

    Every worker runs this at start: an up-to-date .gz (same content once unpacked) is left alone, and a new
    one is written to a temporary file and renamed, so WhiteNoise never sees half a file. Returns how many
    were written.
    """
    written = 0
    for path in folder.rglob("*"):
        if path.suffix not in COMPRESSIBLE:
            continue
        raw, target = path.read_bytes(), path.with_name(path.name + ".gz")
        if _packs(target, raw):
            continue
        packed = gzip.compress(raw, 9, mtime=0)
        if len(packed) > 0.95 * len(raw):
            continue
        try:
            with tempfile.NamedTemporaryFile(dir=INSTANCE, delete=False) as tmp:
                tmp.write(packed)
            os.chmod(tmp.name, path.stat().st_mode & 0o777)
            os.replace(tmp.name, target)
            written += 1
        except OSError:  # a read-only deploy: the plain files are still served
            Path(tmp.name).unlink(missing_ok=True)
    return written


def _packs(target: Path, raw: bytes) -> bool:
    """Whether `target` is a gzip of `raw`: a gzip file ends with the CRC-32 and the length of its content."""
    try:
        with target.open("rb") as f:
            f.seek(-8, os.SEEK_END)
            return f.read(8) == struct.pack("<II", zlib.crc32(raw), len(raw) & 0xFFFFFFFF)
    except OSError:
        return False


def init_assets(app: Flask) -> None:
    precompress()
    version = static_version()
    app.config["ASSET_VERSION"] = version

    def asset(path: str) -> str:
        return f"/static/{version}/{path}"

    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["icon"] = icon
    app.extensions["asset_url"] = asset
