"""/learn: plain-language topics about inomyalgia and self-care, open to everyone, signed in or not.

Education and the red-flags page stay readable without an account: someone worried about a symptom
should never meet a login wall first.
"""
from __future__ import annotations

from flask import abort, render_template

from ..content.topics import DISCLAIMER, TOPICS
from . import bp

BY_SLUG = {t["slug"]: t for t in TOPICS}
RED_FLAGS = "red-flags"
GROUPS = [  # how the index groups the topics; every topic but the red flags appears once
    ("About inomyalgia", ["what-is-inomyalgia", "symptoms", "how-it-differs", "causes", "diagnosis", "faq"]),
    ("The parts of your plan", ["physical-therapy", "pacing", "lifestyle-and-sleep", "heat-and-cold", "mind-body",
                                "psychological-support", "complementary-therapies", "medications"]),
]


@bp.app_template_global()
def topic_title(slug: str | None) -> str | None:
    """The title of a learn topic (for "why this helps" links), or None."""
    topic = BY_SLUG.get(slug or "")
    return topic["title"] if topic else None


@bp.route("", strict_slashes=False)
def index():
    """Every topic, with the red flags first."""
    groups = [(title, [BY_SLUG[slug] for slug in slugs]) for title, slugs in GROUPS]
    return render_template("learn/index.html", groups=groups, red_flags=BY_SLUG[RED_FLAGS], disclaimer=DISCLAIMER)


@bp.route("/<slug>")
def topic(slug: str):
    """One topic, with links to the one before and after."""
    if slug not in BY_SLUG:
        abort(404, "There is no topic with that name.")
    index = TOPICS.index(BY_SLUG[slug])
    return render_template("learn/topic.html", topic=BY_SLUG[slug], disclaimer=DISCLAIMER,
                           prev=TOPICS[index - 1] if index else None,
                           next=TOPICS[index + 1] if index + 1 < len(TOPICS) else None)
