"""Every page a user can reach, for the accessibility and screenshot runs: (name, who, path or "via" step)."""
from __future__ import annotations

from browser_fixtures import log_in

PATIENT, CLINICIAN = "demo.patient@example.com", "demo.clinician@example.com"

# who: None = logged out. A path starting with "click:" opens the first link matching that selector on
# the page before it (the edit form and a routine have ids only the data knows).
PAGES = [
    ("login", None, "/login"),
    ("register", None, "/register"),
    ("learn-public", None, "/learn"),
    ("today", PATIENT, "/today"),
    ("plan", PATIENT, "/plan"),
    ("edit-item", PATIENT, "click:a[href*='/plan/items/']"),
    ("plan-history", PATIENT, "/plan/history"),
    ("add-several", PATIENT, "/plan/add"),
    ("library", PATIENT, "/library"),
    ("routine", PATIENT, "click:.library a"),
    ("progress", PATIENT, "/progress"),
    ("progress-90", PATIENT, "/progress?days=90"),
    ("learn", PATIENT, "/learn"),
    ("learn-topic", PATIENT, "/learn/heat-and-cold"),
    ("red-flags", PATIENT, "/learn/red-flags"),
    ("settings", PATIENT, "/settings"),
    ("profile", PATIENT, "/settings/profile"),
    ("offline", PATIENT, "/offline"),
    ("not-found", PATIENT, "/no-such-page"),
    ("messages", PATIENT, "/messages"),
    ("conversation", PATIENT, "click:.message-threads a"),
    ("sleep", PATIENT, "/sleep"),
    ("measures", PATIENT, "/measures"),
    ("diary", PATIENT, "/diary"),
    ("reports", PATIENT, "/reports"),
    ("progression", PATIENT, "/progression"),
    ("pacing", PATIENT, "/pacing"),
    ("clinician-home", CLINICIAN, "/"),
    ("clinician-patient", CLINICIAN, "click:a[href^='/clinician/patients/']"),
    ("clinician-settings", CLINICIAN, "/settings"),
    ("alerts", CLINICIAN, "/alerts"),
    ("clinics", CLINICIAN, "/clinics"),
]


def visit_all(page, server, each):
    """Open every page (logging in and out as needed) and call each(name, page) on it."""
    who_now = "nobody"
    for name, who, path in PAGES:
        if who != who_now:
            page.context.clear_cookies()
            if who:
                log_in(page, server, who)
            who_now = who
        if path.startswith("click:"):
            page.locator(path[len("click:"):]).first.click()
        else:
            page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        each(name, page)
