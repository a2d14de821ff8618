"""JSON parsing that turns hostile bodies into 400s: nesting too deep for the parser is bad input, not a crash.

Python's json raises RecursionError (not ValueError) for a body nested about a thousand levels deep, so
`request.get_json()` let it through as a 500. Raised here as a JSONDecodeError, it takes Flask's own path for
unreadable JSON (400, or None with silent=True) on every route at once. Size is bounded before parsing by
MAX_CONTENT_LENGTH (413).
"""
from __future__ import annotations

import json
import typing as t

from flask.json.provider import DefaultJSONProvider


class SafeJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", s if isinstance(s, str) else "", 0) from None
