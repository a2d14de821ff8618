"""Manifest, service worker and security headers."""
from __future__ import annotations

import json


def test_manifest(client):
    response = client.get("/manifest.json")
    assert response.status_code == 200 and response.mimetype == "application/manifest+json"
    data = json.loads(response.get_data(as_text=True))
    assert data["display"] == "standalone" and data["scope"] == "/" and data["start_url"].startswith("/today")
    assert data["short_name"] and data["theme_color"] and data["background_color"] and data["id"]
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in data["icons"]}
    assert ("192x192", "any") in sizes and ("512x512", "any") in sizes and ("512x512", "maskable") in sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_service_worker_served_from_root(client, app):
    response = client.get("/service_worker.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    source = response.get_data(as_text=True)
    assert app.config["ASSET_VERSION"] in source and "__SHELL__" not in source
    assert f"/static/{app.config['ASSET_VERSION']}/css/app.css" in source


def test_service_worker_is_gzipped_for_browsers_that_accept_it(client):
    """The worker (with the push code that sw_push.js held) is compressed like the static scripts."""
    import gzip

    plain = client.get("/service_worker.js")
    packed = client.get("/service_worker.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2


def test_versioned_static_is_immutable(client, app):
    response = client.get(f"/static/{app.config['ASSET_VERSION']}/css/app.css")
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]


def test_pages_reference_versioned_assets_and_no_inline_script(client, app):
    html = client.get("/login").get_data(as_text=True)
    assert f"/static/{app.config['ASSET_VERSION']}/js/app.js" in html
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] and response.headers["Permissions-Policy"]
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_offline_page(client):
    assert "offline" in client.get("/offline").get_data(as_text=True).lower()
