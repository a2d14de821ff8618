"""The built-in routine library covers the article's plan."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.content.library import BUILTIN_ROUTINES
from app.content.topics import TOPICS
from app.extensions import db
from app.models import KINDS, Routine
from app.services.plans.library import load_builtin


def test_library_is_loaded_and_covers_every_kind(app):
    routines = list(db.session.scalars(select(Routine).where(Routine.owner_id.is_(None))))
    assert len(routines) >= 24
    kinds = Counter(r.kind for r in routines)
    assert set(kinds) == set(KINDS)
    assert kinds["sleep"] >= 5 and kinds["heat_cold"] >= 3 and kinds["exercise"] >= 10


def test_each_routine_is_complete():
    topics = {t["slug"] for t in TOPICS}
    for r in BUILTIN_ROUTINES:
        assert r["title"] and r["summary"] and 3 <= len(r["steps"]) <= 6, r["slug"]
        assert r["precautions"], r["slug"]
        assert r["topic"] in topics, r["slug"]
        assert set(r["dose"]) == {"sets", "reps", "hold_seconds", "minutes"}


def test_heat_and_cold_carry_durations_and_precautions():
    by_slug = {r["slug"]: r for r in BUILTIN_ROUTINES}
    for slug in ("warm-bath", "heat-pack", "cold-compress"):
        assert by_slug[slug]["dose"]["minutes"] and by_slug[slug]["dose"]["minutes"] <= 20
        assert "skin" in by_slug[slug]["precautions"].lower()


def test_loading_twice_adds_nothing(app):
    before = db.session.scalar(select(db.func.count(Routine.id)))
    assert load_builtin(db.session) == 0
    assert db.session.scalar(select(db.func.count(Routine.id))) == before
