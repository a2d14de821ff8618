"""Web Push with VAPID (RFC 8291 payload encryption, RFC 8292 VAPID) through pywebpush."""
from __future__ import annotations

import base64
import ipaddress
import logging
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from urllib.request import getproxies

import certifi
import urllib3
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher, WebPushException
from urllib3.util import parse_url

from app.services.records.validation import Invalid
from app.services.reminders.endpoints import check_endpoint

log = logging.getLogger("inoplan.reminders")
GONE = (404, 410)  # the push service forgot this subscription: delete it
INVALID = 410  # an endpoint that fails validation at send time is dropped like a forgotten one


def public_address(address: str) -> bool:
    """True for an address on the public internet: not loopback, private, link-local, shared or reserved."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class RefusedAddress(urllib3.exceptions.NewConnectionError):
    """The push endpoint's host resolved to an address that is not public."""


class _PublicOnly:
    """Checks the address actually connected to, after DNS: a check before connecting could be answered with
    one address and the connection made to another (DNS rebinding)."""

    def _new_conn(self):
        sock = super()._new_conn()
        peer = sock.getpeername()[0]
        if not public_address(peer):
            sock.close()
            raise RefusedAddress(self, f"{self.host} resolved to {peer}, which is not a public address")
        return sock


class PublicHTTPConnection(_PublicOnly, urllib3.connection.HTTPConnection):
    pass


class PublicHTTPSConnection(_PublicOnly, urllib3.connection.HTTPSConnection):
    pass


class PublicHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = PublicHTTPConnection


class PublicHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = PublicHTTPSConnection


def connection_pool(workers: int, allow_private: bool = False) -> urllib3.PoolManager:
    """One pool of keep-alive connections for all sending threads.

    urllib3 directly, not requests: requests adds about 0.7 ms of Python to every push (hooks, cookies,
    re-reading the environment), which at a few thousand pushes a minute is most of the dispatcher's time.
    What requests would take from the environment is taken here once: the CA bundle (REQUESTS_CA_BUNDLE, then
    CURL_CA_BUNDLE, then certifi's) and an HTTPS proxy."""
    ca_certs = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
    options = {"maxsize": max(1, workers), "block": False, "ca_certs": ca_certs, "retries": False}
    proxy = getproxies().get("https")
    if proxy:  # the operator's proxy decides where it connects
        return urllib3.ProxyManager(proxy, **options)
    pool = urllib3.PoolManager(**options)
    if not allow_private:
        pool.pool_classes_by_scheme = {"http": PublicHTTPPool, "https": PublicHTTPSPool}
    return pool


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
    allow_private: bool = False  # loopback/private push services (a test receiver); never in production
    _headers: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: urllib3.PoolManager = field(init=False)

    def __post_init__(self):
        self._pool = connection_pool(self.workers, self.allow_private)  # nothing connects until the first push

    def auth_headers(self, endpoint: str) -> dict:
        parts = parse_url(endpoint)  # the parser urllib3 connects with
        audience = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if audience not in self._headers:
                # RFC 8292 allows at most 24 h; 12 h leaves room for clock skew, and a run lasts seconds.
                claims = {"sub": self.claim_sub, "aud": audience, "exp": int(time.time()) + 12 * 3600}
                self._headers[audience] = self.vapid.sign(claims)
            return dict(self._headers[audience])

    def send(self, info: dict, data: bytes) -> int:
        """Push one message (RFC 8291 aes128gcm, RFC 8030 TTL); the push service's status code, 0 when it could
        not be reached, or 410 for an endpoint that is not a usable push URL (so it is deleted).

        Never raises: one bad subscription must not stop the pass for everyone else."""
        endpoint = info.get("endpoint", "")
        try:
            return self._send(endpoint, info, data)
        except Exception as exc:  # noqa: BLE001 (a bug or an odd subscription is logged, the pass goes on)
            log.warning("push to %s failed: %r", _host(endpoint), exc)
            return 0

    def _send(self, endpoint: str, info: dict, data: bytes) -> int:
        try:
            check_endpoint(endpoint, self.allow_private, "")  # the same check as when it was stored
        except Invalid as exc:
            log.warning("push endpoint refused (%s); the subscription is dropped", exc)
            return INVALID
        try:
            body = WebPusher(info).encode(data, "aes128gcm")["body"]
        except WebPushException as exc:
            log.warning("push to %s not encrypted: %s", _host(endpoint), exc)
            return 0
        headers = {**self.auth_headers(endpoint), "Content-Encoding": "aes128gcm", "TTL": str(self.ttl),
                   "Content-Type": "application/octet-stream"}
        if info.get("topic"):
            headers["Topic"] = info["topic"]
        try:
            response = self._pool.request("POST", endpoint, body=body, headers=headers, redirect=False,
                                          timeout=urllib3.Timeout(total=self.timeout))
        except urllib3.exceptions.HTTPError as exc:
            log.warning("push to %s failed: %s", _host(endpoint), exc)
            return 0
        if response.status >= 300 and response.status not in GONE:
            log.warning("push to %s answered %s: %s", _host(endpoint), response.status,
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
        settings = (self.vapid.private_pem(), self.claim_sub, self.ttl, self.timeout, self.workers,
                    self.allow_private)
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


def _host(endpoint: str) -> str:
    try:
        return parse_url(endpoint).host or "?"
    except Exception:  # noqa: BLE001
        return "?"


PROCESS_MIN = 500  # below this a worker process costs more to start (about 0.3 s) than it saves
_worker: Pusher | None = None


def _start_worker(pem: bytes, claim_sub: str, ttl: int, timeout: float, workers: int, allow_private: bool) -> None:
    global _worker
    _worker = Pusher(Vapid.from_pem(pem), claim_sub, ttl, timeout, workers, allow_private=allow_private)


def _send_in_worker(jobs: list[tuple[dict, bytes]]) -> list[int]:
    return _worker._send_threads(jobs)
