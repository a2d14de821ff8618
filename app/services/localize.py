"""Built-in content (routines, learn topics) in the reader's language; clinician-written text stays as written."""
from __future__ import annotations

from functools import cache

from app.content.library_de import ROUTINES_DE
from app.content.topics import DISCLAIMER, TOPICS
from app.content.topics_de import DISCLAIMER_DE, TOPICS_DE

ROUTINE_FIELDS = ("title", "summary", "steps", "precautions")


def routine_text(routine, field: str, language: str):
    """One user-facing field of a routine in `language`; only built-in routines (no owner) are translated."""
    if field not in ROUTINE_FIELDS:
        raise ValueError(f"not a translatable routine field: {field}")
    english = getattr(routine, field)
    if language != "de" or routine.owner_id is not None or not routine.slug:
        return english
    return ROUTINES_DE.get(routine.slug, {}).get(field) or english


@cache
def topics_for(language: str) -> tuple[list[dict], str]:
    """The learn topics (in their fixed order) and the disclaimer, in `language`."""
    if language != "de":
        return TOPICS, DISCLAIMER
    return [{**t, **TOPICS_DE.get(t["slug"], {})} for t in TOPICS], DISCLAIMER_DE
