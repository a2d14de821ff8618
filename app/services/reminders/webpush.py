"""Web Push with VAPID (RFC 8291 payload encryption, RFC 8292 VAPID) through pywebpush."""
from __future__ import annotations

import base64
import logging
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import getproxies

import certifi
import urllib3
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher, WebPushException

log = logging.getLogger("inoplan.reminders")
GONE = (404, 410)  # the push service forgot this subscription: delete it


def connection_pool(workers: int) -> urllib3.PoolManager:
    """One pool of keep-alive connections for all sending threads.

    urllib3 directly, not requests: requests adds about 0.7 ms of Python to every push (hooks, cookies,
    re-reading the environment), which at a few thousand pushes a minute is most of the dispatcher's time.
    What requests would take from the environment is taken here once: the CA bundle (REQUESTS_CA_BUNDLE, then
    CURL_CA_BUNDLE, then certifi's) and an HTTPS proxy."""
    ca_certs = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
    options = {"maxsize": max(1, workers), "block": False, "ca_certs": ca_certs, "retries": False}
    proxy = getproxies().get("https")
    return urllib3.ProxyManager(proxy, **options) if proxy else urllib3.PoolManager(**options)


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def create_key_file(path: Path) -> bool:
    """Write a new P-256 private key (PEM, mode 0600) unless one exists; True if written."""
    vapid = Vapid()
    vapid.generate_keys()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once must not each write (and serve) a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as out:
        out.write(vapid.private_pem())
    return True


def load_key(pem_or_raw: str | None, path: Path) -> Vapid:
    """The VAPID key: from the given PEM / base64url text if set, else from the file (created if missing)."""
    if pem_or_raw:
        return Vapid.from_string(pem_or_raw.strip())
    if not path.exists():
        create_key_file(path)
    return Vapid.from_file(str(path))


def public_key(vapid: Vapid) -> str:
    """The applicationServerKey for PushManager.subscribe(): the uncompressed point, base64url."""
    point = vapid.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return b64url(point)


@dataclass
class Pusher:
    """Sends encrypted messages; signs one VAPID JWT per push service per run; thread-safe."""

    vapid: Vapid
    claim_sub: str
    ttl: int
    timeout: float = 10.0
    workers: int = 8  # threads per process: pushes mostly wait on the network
    processes: int = 1  # processes for large runs: encryption and HTTP are Python work, one core each
    _headers: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: urllib3.PoolManager = field(init=False)

    def __post_init__(self):
        self._pool = connection_pool(self.workers)  # no connection is opened until the first push

    def auth_headers(self, endpoint: str) -> dict:
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if audience not in self._headers:
                # RFC 8292 allows at most 24 h; 12 h leaves room for clock skew, and a run lasts seconds.
                claims = {"sub": self.claim_sub, "aud": audience, "exp": int(time.time()) + 12 * 3600}
                self._headers[audience] = self.vapid.sign(claims)
            return dict(self._headers[audience])

    def send(self, info: dict, data: bytes) -> int:
        """Push one message (RFC 8291 aes128gcm, RFC 8030 TTL); the push service's status code, or 0 when it could
        not be reached."""
        endpoint = info["endpoint"]
        try:
            body = WebPusher(info).encode(data, "aes128gcm")["body"]
        except WebPushException as exc:
            log.warning("push to %s not encrypted: %s", urlsplit(endpoint).netloc, exc)
            return 0
        headers = {**self.auth_headers(endpoint), "Content-Encoding": "aes128gcm", "TTL": str(self.ttl),
                   "Content-Type": "application/octet-stream"}
        if info.get("topic"):
            headers["Topic"] = info["topic"]
        try:
            response = self._pool.request("POST", endpoint, body=body, headers=headers,
                                          timeout=urllib3.Timeout(total=self.timeout))
        except urllib3.exceptions.HTTPError as exc:
            log.warning("push to %s failed: %s", urlsplit(endpoint).netloc, exc)
            return 0
        if response.status >= 300 and response.status not in GONE:
            log.warning("push to %s answered %s: %s", urlsplit(endpoint).netloc, response.status,
                        response.data[:200].decode(errors="replace"))
        return response.status

    def send_all(self, jobs: list[tuple[dict, bytes]]) -> list[int]:
        """Send every (subscription info, payload); the status codes, in order.

        Threads overlap the waits on push services; above PROCESS_MIN jobs per process the work is also split
        across `processes` worker processes, each with its own threads, key and connections."""
        parts = min(self.processes, len(jobs) // PROCESS_MIN)
        if parts <= 1:
            return self._send_threads(jobs)
        chunks = [jobs[i::parts] for i in range(parts)]
        settings = (self.vapid.private_pem(), self.claim_sub, self.ttl, self.timeout, self.workers)
        try:
            with ProcessPoolExecutor(parts, mp_context=get_context("spawn"), initializer=_start_worker,
                                     initargs=settings) as pool:
                answers = list(pool.map(_send_in_worker, chunks))
        except (BrokenProcessPool, OSError) as exc:  # no processes here (a sandbox, a limit): send from this one
            log.warning("push worker processes failed (%s); sending from the dispatcher itself", exc)
            return self._send_threads(jobs)
        codes = [0] * len(jobs)
        for i, part in enumerate(answers):
            codes[i::parts] = part
        return codes

    def _send_threads(self, jobs: list[tuple[dict, bytes]]) -> list[int]:
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return list(pool.map(lambda job: self.send(*job), jobs))


PROCESS_MIN = 500  # below this a worker process costs more to start (about 0.3 s) than it saves
_worker: Pusher | None = None


def _start_worker(pem: bytes, claim_sub: str, ttl: int, timeout: float, workers: int) -> None:
    global _worker
    _worker = Pusher(Vapid.from_pem(pem), claim_sub, ttl, timeout, workers)


def _send_in_worker(jobs: list[tuple[dict, bytes]]) -> list[int]:
    return _worker._send_threads(jobs)
