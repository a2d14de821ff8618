"""The drawings of the built-in routines (static/illustrations/<slug>.svg, described in app/content/illustrations.py).

A page shows one as <svg role="img"><use href="/static/<version>/illustrations/<slug>.svg#d"></svg>: a separate,
versioned file that the service worker can keep, drawn in `currentColor`, so it takes the page's text colour in
light and dark (an <img> of the same file would always be black). The files are not in the first-load precache:
the app saves the drawings of the routines in the patient's plan when it opens (GET /api/v1/media), like images.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.assets import STATIC
from app.content.illustrations import ALT
from app.models import Routine, User


@dataclass(frozen=True)
class Illustration:
    url: str  # the file
    alt: str
    view_box: str  # the file's own: a drawing of someone lying down leaves the empty top out

    @property
    def href(self) -> str:
        return f"{self.url}#d"


@cache
def view_box(slug: str) -> str:
    head = (STATIC / "illustrations" / f"{slug}.svg").read_text()[:300]
    return re.search(r'viewBox="([\d .]+)"', head).group(1)


def url_of(slug: str) -> str:
    return current_app.extensions["asset_url"](f"illustrations/{slug}.svg")


def of(routine: Routine, language: str) -> Illustration | None:
    """The drawing of a built-in routine in `language`; None for a clinician's own routine."""
    if routine.owner_id is not None or routine.slug not in ALT:
        return None
    english, german = ALT[routine.slug]
    return Illustration(url_of(routine.slug), german if language == "de" else english, view_box(routine.slug))


def offline_urls(session: Session, patient: User) -> list[str]:
    """The drawings of the built-in routines in any version of the patient's plan."""
    from app.services.media.images import plan_routine_ids
    slugs = session.scalars(select(Routine.slug).where(Routine.id.in_(plan_routine_ids(patient)),
                                                       Routine.owner_id.is_(None)).distinct())
    return sorted(url_of(slug) for slug in slugs if slug in ALT)
