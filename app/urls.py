"""Absolute links from configuration, and the request's Host checked against it.

A link in a mail, an invite, a calendar feed or a QR code must never be built from the Host header: an attacker
who sends a reset request with `Host: evil.example` would otherwise have the victim mailed a real reset token
pointing at evil.example. Every absolute URL comes from BASE_URL (`absolute_url`); in production a request
naming any other host is refused before the app runs (`TrustedHosts`), and X-Forwarded-* headers are believed
only from TRUSTED_PROXIES reverse proxies (Werkzeug's ProxyFix), so rate limits see the real client address.
"""
from __future__ import annotations

from flask import Flask, current_app, url_for
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response


def absolute_url(endpoint: str, **values) -> str:
    """BASE_URL + the path of `endpoint`: the same link whatever host the request named."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


class TrustedHosts:
    """WSGI middleware: answer 400 to a request whose Host is not in `hosts` (before WhiteNoise and Flask)."""

    def __init__(self, app, hosts: list[str]):
        self.app, self.hosts = app, {h.lower() for h in hosts}

    def __call__(self, environ, start_response):
        host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower()
        default_port = {"http": ":80", "https": ":443"}.get(environ.get("wsgi.url_scheme", ""), "")
        if host not in self.hosts and host.removesuffix(default_port) not in self.hosts:
            response = Response("Unknown host.\n", status=400, mimetype="text/plain")
            return response(environ, start_response)
        return self.app(environ, start_response)


def wrap(app: Flask) -> None:
    """Apply the host check (outermost but for ProxyFix, which must run first so X-Forwarded-Host counts only
    from a trusted proxy)."""
    app.jinja_env.globals["absolute_url"] = absolute_url
    hosts = app.config.get("TRUSTED_HOSTS") or []
    if hosts:
        app.wsgi_app = TrustedHosts(app.wsgi_app, hosts)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)
