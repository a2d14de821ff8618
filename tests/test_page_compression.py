"""Pages are gzip-compressed only when nothing in the request can be echoed into them (see app/compression.py)."""
from __future__ import annotations

import gzip

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_today_goes_compressed_and_reads_the_same(login, patient):
    s = login(patient)
    plain = s.get("/today")
    packed = s.get("/today", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    text = gzip.decompress(packed.get_data()).decode()
    assert text.startswith("<!doctype html>") and 'id="checkin"' in text
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert "Content-Encoding" not in plain.headers  # a client that does not ask gets the page as it is


def test_pages_that_could_echo_the_request_stay_uncompressed(login, patient):
    s = login(patient)
    for response in (s.get("/today?date=2000-01-01", headers=GZIP), s.get("/library?q=walk", headers=GZIP),
                     s.post("/today/checkin", data={"pain": "99"}, headers=GZIP),
                     s.get("/no-such-page", headers=GZIP)):
        assert "Content-Encoding" not in response.headers, response.request.path


def test_json_and_static_files_are_left_to_their_own_rules(login, patient):
    s = login(patient)
    api = s.get("/api/v1/plan", headers=GZIP)
    assert "Content-Encoding" not in api.headers and "Accept-Encoding" not in api.headers.get("Vary", "")


def test_a_streamed_page_is_sent_as_it_is_made(app):
    made = []

    def parts():
        for n in range(3):
            made.append(n)
            yield f"<p>{'part ' * 400}{n}</p>"

    app.add_url_rule("/_streamed", "streamed", lambda: app.response_class(parts(), mimetype="text/html"))
    response = app.test_client().get("/_streamed", headers=GZIP, buffered=False)
    assert "Content-Encoding" not in response.headers and len(made) < 3  # not all made up front
    assert response.get_data(as_text=True).count("part ") == 1200 and made == [0, 1, 2]
