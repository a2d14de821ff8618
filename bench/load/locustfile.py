"""Locust: simulated patients who log in, read today, and sync new and replayed outbox entries.

Run through `make load` (bench/load/run.py), which prepares the database and checks the results.
Each user writes its acknowledged client ids to LOAD_ACK_FILE when the run ends.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import re
import uuid
from collections import Counter
from datetime import date, timedelta

from locust import HttpUser, between, events, task

EMAILS = iter(os.environ.get("LOAD_EMAILS", "").split(","))
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
ACKED: dict[str, str] = {}  # client_id -> last status answered
STATUS_CODES: Counter = Counter()
SYNC_STATUSES: Counter = Counter()
CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


@events.request.add_listener
def count_status(response=None, exception=None, **_):
    STATUS_CODES[getattr(response, "status_code", 0) if response is not None else 0] += 1


@events.quitting.add_listener
def write_acks(environment, **_):
    with open(os.environ["LOAD_ACK_FILE"], "w") as out:
        json.dump({"acked": ACKED, "status_codes": dict(STATUS_CODES), "sync_statuses": dict(SYNC_STATUSES)}, out)


class Patient(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.email = next(EMAILS)
        page = self.client.get("/login").text
        token = CSRF_RE.search(page).group(1)
        response = self.client.post("/login", {"email": self.email, "password": PASSWORD, "csrf_token": token},
                                    allow_redirects=False, name="/login")
        assert response.status_code == 302, f"login failed for {self.email}: {response.status_code}"
        self.token = self.client.get("/api/v1/csrf").json()["csrf_token"]
        items = self.client.get("/api/v1/today").json()["items"]
        self.items = [(i["plan_item_id"], i["slot"]) for i in items]
        # Every new entry goes to a slot or day of its own, so each acknowledged entry must be stored exactly once.
        self.slots = ((date.today() - timedelta(days=d), item) for d in itertools.count(1) for item in self.items)
        self.days = (date.today() - timedelta(days=d) for d in itertools.count(1))
        self.sent: list[dict] = []
        self.sent_ids: set[str] = set()

    def new_entries(self) -> list[dict]:
        entries = []
        for _ in range(2):
            day, (item_id, slot) = next(self.slots)
            entries.append({"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item_id,
                            "date": day.isoformat(), "slot": slot, "status": random.choice(["done", "partial"]),
                            "pain_before": random.randint(2, 8), "pain_after": random.randint(1, 7),
                            "recorded_at": f"{day.isoformat()}T{slot}:00+01:00"})
        day = next(self.days)
        entries.append({"client_id": str(uuid.uuid4()), "type": "checkin", "date": day.isoformat(),
                        "pain": random.randint(0, 10), "fatigue": random.randint(0, 10), "sleep_hours": 6.5,
                        "mood": random.randint(1, 5), "recorded_at": f"{day.isoformat()}T21:00:00+01:00"})
        return entries

    @task(3)
    def sync(self):
        """A batch of new entries plus a few replayed ones, as an outbox that lost an answer would send."""
        batch = self.new_entries() + random.sample(self.sent, min(len(self.sent), 3))
        with self.client.post("/api/v1/sync", json={"items": batch}, headers={"X-CSRFToken": self.token},
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"sync answered {response.status_code}")
                return
            for entry, result in zip(batch, response.json()["results"], strict=False):
                SYNC_STATUSES[result["status"]] += 1
                if result["status"] in ("created", "updated", "duplicate"):
                    ACKED[entry["client_id"]] = result["status"]
                    if entry["client_id"] not in self.sent_ids:
                        self.sent_ids.add(entry["client_id"])
                        self.sent.append(entry)
                else:
                    response.failure(f"entry rejected: {result}")

    @task(1)
    def today_page(self):
        self.client.get("/today")

    @task(1)
    def today_api(self):
        self.client.get("/api/v1/today")
