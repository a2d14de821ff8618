"""Settings index and profile."""
from __future__ import annotations

from app.extensions import db


def test_profile_changes_timezone(login, patient):
    s = login(patient)
    response = s.post("/settings/profile", data={"display_name": "Pat", "timezone": "Asia/Tokyo",
                                                 "follow_device_timezone": "y"})
    assert response.status_code == 303
    db.session.refresh(patient)
    assert (patient.display_name, patient.timezone, patient.follow_device_timezone) == ("Pat", "Asia/Tokyo", True)
    assert s.get("/api/v1/me").json["timezone"] == "Asia/Tokyo"


def test_profile_rejects_unknown_timezone(login, patient):
    response = login(patient).post("/settings/profile", data={"display_name": "Pat", "timezone": "Nowhere/City"})
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
    db.session.refresh(patient)
    assert patient.timezone == "Europe/London"


def test_settings_index_links_profile(login, patient):
    html = login(patient).get("/settings/").get_data(as_text=True)
    assert "/settings/profile" in html and "Log out" in html
