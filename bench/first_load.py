"""What a first visit to /today transfers with `Accept-Encoding: gzip`: page, CSS, JS (following ES module
imports), manifest, service worker (with its importScripts and precache list). Icons and images are left out."""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .client import Client

LINK_RE = re.compile(r"<link\b[^>]*>", re.I)
SCRIPT_RE = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)
ATTR_RE = re.compile(r"(\w+)=\"([^\"]*)\"")
IMPORT_RE = re.compile(r"""(?:\bimport\s*(?:[\w*{}\s,]+from\s*)?|\bexport\s*[\w*{}\s,]+from\s*"""
                       r"""|\bimport\s*\(\s*)["']([^"']+)["']""")
IMPORT_SCRIPTS_RE = re.compile(r"importScripts\(([^)]*)\)")
QUOTED_RE = re.compile(r"[\"']([^\"']+)[\"']")
SHELL_RE = re.compile(r"const\s+SHELL\s*=\s*(\[[^\]]*\])")
REGISTER_RE = re.compile(r"serviceWorker\.register\(\s*[\"']([^\"']+)[\"']")
IMAGE = re.compile(r"\.(png|svg|ico|webp|jpe?g|gif)(\?|$)", re.I)


@dataclass
class Transfer:
    total: int = 0
    raw: int = 0
    files: list[tuple[str, int, int, str]] = field(default_factory=list)  # path, sent, uncompressed, encoding

    @property
    def kb(self) -> float:
        return self.total / 1024


def first_load(client: Client, page: str = "/today") -> Transfer:
    """Fetch each resource once, as a browser with an empty cache would, and add up the bytes on the wire."""
    out, seen, queue = Transfer(), set(), [page]
    while queue:
        path = queue.pop(0)
        if path in seen or IMAGE.search(path):
            continue
        seen.add(path)
        reply = client.request("GET", path, headers={"Accept-Encoding": "gzip"})
        if reply.status != 200:
            raise RuntimeError(f"first load: {path} answered {reply.status}")
        encoding = reply.headers.get("content-encoding", "identity")
        body = reply.body
        if encoding == "gzip":
            body = gzip.decompress(body)
        out.total += reply.header_bytes + len(reply.body)
        out.raw += len(body)
        out.files.append((path, reply.header_bytes + len(reply.body), len(body), encoding))
        queue += [urljoin(path, ref) for ref in _references(path, reply.headers.get("content-type", ""), body)]
    return out


def _references(path: str, content_type: str, body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    refs: list[str] = []
    if "html" in content_type:
        for tag in LINK_RE.findall(text):
            attrs = dict(ATTR_RE.findall(tag))
            if attrs.get("rel", "").lower() in ("stylesheet", "manifest", "modulepreload", "preload"):
                refs.append(attrs.get("href", ""))
        refs += SCRIPT_RE.findall(text)
    elif "javascript" in content_type:
        refs += IMPORT_RE.findall(text)
        refs += REGISTER_RE.findall(text)
        for args in IMPORT_SCRIPTS_RE.findall(text):
            refs += QUOTED_RE.findall(args)
        shell = SHELL_RE.search(text)
        if shell:
            refs += json.loads(shell.group(1))
    elif "css" in content_type:
        refs += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", text)
    return [r for r in refs if r and not r.startswith(("http:", "https:", "data:", "//"))]
