"""Pages go gzip-compressed when nothing in the request can be echoed into them.

BREACH reads a secret out of compressed responses by making the victim's browser send guesses that the page then
reflects next to the secret, watching the compressed length. A page fetched by GET without a query string is built
from the server's data alone (a form post or a query value is what a page can echo, and CSRF protection keeps an
attacker from changing the data), so there is no channel for the guesses and the page can be compressed. Pages with a
query string, form posts and error pages stay uncompressed. (The CSRF token's signature also changes every second and
cannot be made without the secret key, so its readable part alone would not help an attacker.) Static files are
compressed ahead of time (app/assets.py); this is for the HTML, which on Today is most of a first visit.
"""
from __future__ import annotations

import gzip

from flask import Flask, Response, request

MIN_BYTES = 1024  # below this, gzip's own header costs more than it saves


def compressible(response: Response) -> bool:
    return (request.method == "GET" and not request.query_string and response.status_code == 200
            and response.mimetype == "text/html" and not response.direct_passthrough
            and not response.is_streamed  # a stream is sent as it is made; buffering it would undo that
            and "Content-Encoding" not in response.headers
            and "gzip" in request.headers.get("Accept-Encoding", "").lower())


def register_compression(app: Flask) -> None:
    """Register before any other after_request hook: Flask runs them in reverse, so this one runs last."""
    @app.after_request
    def compress_pages(response: Response) -> Response:
        if response.mimetype == "text/html":
            response.vary.add("Accept-Encoding")
        if not compressible(response):
            return response
        body = response.get_data()
        if len(body) < MIN_BYTES:
            return response
        response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        return response
