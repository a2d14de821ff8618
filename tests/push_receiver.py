"""A real Web Push receiver for tests: an HTTP server on 127.0.0.1 standing in for FCM or Mozilla's push
service, and a browser-side key pair to decrypt what it receives (RFC 8291, aes128gcm)."""
from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """Records every POST; answers 201 unless `status[path]` says otherwise."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    status: dict[str, int] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering each push: a slow push service

    def delivered(self) -> dict[tuple[str, str], int]:
        """(path, Topic) -> how many copies arrived. RFC 8030 5.4: a push service keeps only the newest message
        of a topic for a subscription, so each key is one notification on the phone."""
        out: dict[tuple[str, str], int] = {}
        for message in list(self.received):
            key = (message.path, message.headers.get("topic", ""))
            out[key] = out.get(key, 0) + 1
        return out

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@dataclass
class Browser:
    """What a browser keeps for one subscription: an ECDH key pair and the auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    def subscription(self) -> dict:
        point = self.private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                           serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": self.endpoint, "expirationTime": None,
                "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)}}

    def decrypt(self, message: Received) -> dict:
        assert message.headers["content-encoding"] == "aes128gcm"
        clear = http_ece.decrypt(message.body, private_key=self.private_key, auth_secret=self.auth,
                                 version="aes128gcm")
        return json.loads(clear)


def start_receiver() -> tuple[Receiver, ThreadingHTTPServer]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if receiver.delay:
                time.sleep(receiver.delay)
            receiver.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(receiver.status.get(self.path, 201))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server


def verify_vapid(authorization: str, server_public_key: str) -> dict:
    """Check `vapid t=<JWT>,k=<key>` (RFC 8292): ES256 signature by the server's key; returns the claims."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    parts = dict(p.split("=", 1) for p in params.split(","))
    assert parts["k"] == server_public_key
    header_b64, claims_b64, signature_b64 = parts["t"].split(".")
    assert json.loads(unb64url(header_b64)) == {"typ": "JWT", "alg": "ES256"}
    raw = unb64url(signature_b64)
    assert len(raw) == 64
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(server_public_key))
    signature = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        key.verify(signature, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise AssertionError("VAPID JWT signature does not verify with the server's public key") from None
    claims = json.loads(unb64url(claims_b64))
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600
    return claims
