"""Static text assets are precompressed at start and served gzip to browsers that accept it."""
from __future__ import annotations

import gzip

from app.assets import precompress


def test_css_and_js_are_served_gzip_when_accepted(client, app):
    base = f"/static/{app.config['ASSET_VERSION']}/"
    for path in ("css/app.css", "js/app.js"):
        plain = client.get(base + path)
        packed = client.get(base + path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert plain.status_code == packed.status_code == 200
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
        assert gzip.decompress(packed.data) == plain.data
        assert len(packed.data) < len(plain.data)
        assert packed.headers["Cache-Control"] == plain.headers["Cache-Control"]


def test_precompress_rewrites_only_stale_files(tmp_path):
    css = tmp_path / "a.css"
    css.write_text("body { color: red; }\n" * 50)
    (tmp_path / "icon.png").write_bytes(b"\x89PNG" + bytes(500))
    assert precompress(tmp_path) == 1 and precompress(tmp_path) == 0  # images are left alone
    assert gzip.decompress((tmp_path / "a.css.gz").read_bytes()) == css.read_bytes()
    css.write_text("body { color: blue; }\n" * 50)  # changed content, whatever the file times say
    assert precompress(tmp_path) == 1
    assert gzip.decompress((tmp_path / "a.css.gz").read_bytes()) == css.read_bytes()
