"""GET /api/v1/today without the day's queries: ETags and a per-process cache of the JSON bytes.

Both are keyed by (user id, data_version, date); every write that changes a patient's day gives the patient a
new data_version in the same transaction (services/freshness.py), so a key never names outdated bytes.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from flask import Flask, current_app

from app.api import serialize
from app.services.plans import today

# The same key must not name a different JSON shape after a deploy, or a browser revalidating an old copy
# would keep it: the code that shapes the answer is part of every ETag.
SHAPE = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (today, serialize))).hexdigest()[:12]


class LRU:
    """A thread-safe map that forgets its least recently used entry past `size` (0 stores nothing)."""

    def __init__(self, size: int):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: Hashable):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def init_day_cache(app: Flask) -> None:
    # Per app, never per module: tests build many apps on fresh databases whose user ids start again at 1.
    app.extensions["day_cache"] = LRU(app.config["DAY_CACHE_SIZE"])


def etag_for(key: tuple) -> str:
    """Opaque (it names a user and a version, which are nobody else's business) and stable across workers."""
    return hashlib.sha256(repr((SHAPE, *key)).encode()).hexdigest()[:32]


def day_bytes(key: tuple, compute: Callable[[], bytes]) -> bytes:
    """The cached JSON for `key`, computed and kept on a miss."""
    cache: LRU = current_app.extensions["day_cache"]
    body = cache.get(key)
    if body is None:
        body = compute()
        cache.put(key, body)
    return body
