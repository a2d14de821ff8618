"""Sync entry types of the pain diary: `pain_entry`, `flare` and `treatment` (shared/API.md, docs/api.md).

A pain entry is written once. A flare episode or a treatment can be written again (ending a flare, rating how
much a treatment helped): every write carries the whole record and, after the first, `of` = the first write's
client id. The write recorded last on the device wins, so any order of arrival ends in the same state; an older
write that arrives late is `superseded`, a replay of the stored one `duplicate`. A new open flare episode while
another is still open is `superseded` too: one flare at a time (the flare-up switch on Today and the diary's
"A flare started" may both start one, on two phones).
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import FlareEpisode, PainEntry, Treatment
from app.models.diary import BODY_AREAS, QUALITIES, TREATMENT_KINDS
from app.services.diary.read import open_flare
from app.services.records import validation as v

FUTURE_SLACK = timedelta(hours=26)  # a device's clock may run ahead; a day ahead is a mistake
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
TAG_RE = re.compile(r"[\w][\w \-']{0,39}")
MAX_TAGS = 10


def moment(value) -> datetime:
    """When something happened: not in the future (beyond a day of clock slack) and not before 2000. Unlike the
    device's `recorded_at`, this is what the patient says happened, so a bad one is refused, not corrected."""
    at, _ = v.time_with_offset(value)
    if at > datetime.now(UTC) + FUTURE_SLACK:
        raise v.Invalid("is in the future")
    if at < EARLIEST:
        raise v.Invalid("is too long ago")
    return at


def short_text(limit: int):
    def check(value) -> str:
        text = v.note(value)
        if len(text) > limit:
            raise v.Invalid(f"must be at most {limit} characters")
        return text
    return check


def tags(value) -> list[str]:
    """Trigger tags: the known ones (weather, stress...) or the patient's own words, each at most 40 characters."""
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise v.Invalid(f"must be a list of at most {MAX_TAGS} words")
    out = []
    for tag in value:
        if not isinstance(tag, str) or not TAG_RE.fullmatch(tag.strip()):
            raise v.Invalid("each must be a word or short phrase (letters, digits, spaces)")
        if tag.strip() not in out:
            out.append(tag.strip())
    return out


def areas(value) -> list[dict]:
    """[{"area": one of the 19 WPI areas, "intensity": 0-10, "qualities": [aching, burning...]}], each area once."""
    if not isinstance(value, list) or len(value) > len(BODY_AREAS):
        raise v.Invalid(f"must be a list of at most {len(BODY_AREAS)} areas")
    out, seen = [], set()
    for item in value:
        if not isinstance(item, dict) or item.get("area") not in BODY_AREAS:
            raise v.Invalid("each must name a body area: " + ", ".join(BODY_AREAS))
        if item["area"] in seen:
            raise v.Invalid(f"names {item['area']} twice")
        seen.add(item["area"])
        qualities = item.get("qualities") or []
        if not isinstance(qualities, list) or any(q not in QUALITIES for q in qualities):
            raise v.Invalid("qualities must be among " + ", ".join(QUALITIES))
        out.append({"area": item["area"], "intensity": v.integer(item.get("intensity", 0), 0, 10),
                    "qualities": sorted(set(qualities))})
    return out


COMMON = {"client_id": (v.client_id, True), "recorded_at": (v.recorded_at, False)}
CHECKS = {
    "pain_entry": COMMON | {"at": (moment, True), "intensity": (v.whole_number(0, 10), True), "areas": (areas, False),
                            "triggers": (tags, False), "context": (short_text(200), False),
                            "helped": (short_text(200), False), "note": (v.note, False)},
    "flare": COMMON | {"of": (v.client_id, False), "start": (moment, True), "end": (moment, False),
                       "triggers": (tags, False), "helped": (short_text(500), False), "note": (v.note, False)},
    "treatment": COMMON | {"of": (v.client_id, False), "name": (short_text(100), True),
                           "kind": (v.one_of(*TREATMENT_KINDS), False), "at": (moment, True),
                           "effect": (v.whole_number(0, 10), False), "note": (v.note, False)},
}
MODELS = {"pain_entry": PainEntry, "flare": FlareEpisode, "treatment": Treatment}


def clean(kind: str, entry: dict) -> dict:
    """Validate one diary entry in isolation; raises EntryErrors naming each bad field."""
    data = v.collect(entry, CHECKS[kind])
    data["recorded_at"], offset = data.get("recorded_at") or v.recorded_at(None)
    for name in ("triggers", "areas"):
        if name in CHECKS[kind] and data.get(name) is None:
            data[name] = []
    for name in ("context", "helped"):
        if name in CHECKS[kind] and data.get(name) is None:
            data[name] = ""
    if kind == "pain_entry":
        raw = entry.get("at")
        data["at_offset_min"] = v.time_with_offset(raw)[1]
    if kind == "flare" and data.get("end") is not None and data["end"] < data["start"]:
        raise v.EntryErrors({"end": "must be after the start"})
    if kind == "treatment" and not data["name"]:
        raise v.EntryErrors({"name": "is required"})
    if kind == "treatment" and data.get("kind") is None:
        data["kind"] = "other"
    return data


def apply(session: Session, patient_id: int, kind: str, data: dict) -> str:
    """Store one cleaned entry; the sync status."""
    model = MODELS[kind]
    if kind == "pain_entry":
        if session.scalar(select(PainEntry.id).where(PainEntry.patient_id == patient_id,
                                                      PainEntry.client_id == data["client_id"])):
            return "duplicate"
        session.add(PainEntry(patient_id=patient_id, **data))
        return "created"
    episode = data.pop("of", None) or data["client_id"]
    write = data.pop("client_id")
    row = session.scalar(select(model).where(model.patient_id == patient_id, model.client_id == episode))
    if row is None and kind == "flare" and data.get("end") is None and open_flare(session, patient_id):
        return "superseded"  # an episode is already open: not a second one
    if row is None:
        session.add(model(patient_id=patient_id, client_id=episode, last_client_id=write, **data))
        session.flush()
        return "created"
    if write == row.last_client_id:
        return "duplicate"
    if (data["recorded_at"], write) <= (row.recorded_at, row.last_client_id):
        return "superseded"
    for name, value in data.items():
        setattr(row, name, value)
    row.last_client_id = write
    return "updated"


def flare_start(client_id: str, at: str) -> dict:
    """The sync entry that starts a flare episode at `at` (ISO 8601 with offset)."""
    return {"type": "flare", "client_id": client_id, "start": at, "end": None, "recorded_at": at}


def flare_end(episode: FlareEpisode, client_id: str, at: str, helped: str = "") -> dict:
    """The sync entry that ends `episode` at `at`: the whole record (a write replaces it), so what the patient
    noted on it (triggers, what helped, the note) is kept."""
    return {"type": "flare", "client_id": client_id, "of": episode.client_id, "start": episode.start.isoformat(),
            "end": at, "triggers": list(episode.triggers or []), "helped": helped or episode.helped or "",
            "note": episode.note or "", "recorded_at": at}
