"""/learn: plain-language topics about inomyalgia and self-care, open to everyone, signed in or not.

Education and the red-flags page stay readable without an account: someone worried about a symptom
should never meet a login wall first.
"""
from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.content.topics import TOPICS
from app.i18n import current_language
from app.learn import bp
from app.services.localize import topics_for

BY_SLUG = {t["slug"]: t for t in TOPICS}
RED_FLAGS = "red-flags"
GROUPS = [  # how the index groups the topics; every topic but the red flags appears once
    (_l("About inomyalgia"), ["what-is-inomyalgia", "symptoms", "how-it-differs", "causes", "diagnosis", "faq"]),
    (_l("The parts of your plan"), ["physical-therapy", "pacing", "lifestyle-and-sleep", "heat-and-cold", "mind-body",
                                "psychological-support", "complementary-therapies", "medications"]),
]


def _localized() -> tuple[dict, list[dict], str]:
    topics, disclaimer = topics_for(current_language())
    return {t["slug"]: t for t in topics}, topics, disclaimer


@bp.route("", strict_slashes=False)
def index():
    """Every topic, with the red flags first."""
    by_slug, _topics, disclaimer = _localized()
    groups = [(title, [by_slug[slug] for slug in slugs]) for title, slugs in GROUPS]
    return render_template("learn/index.html", groups=groups, red_flags=by_slug[RED_FLAGS], disclaimer=disclaimer)


@bp.route("/<slug>")
def topic(slug: str):
    """One topic, with links to the one before and after."""
    if slug not in BY_SLUG:
        abort(404, _("There is no topic with that name."))
    by_slug, topics, disclaimer = _localized()
    index = TOPICS.index(BY_SLUG[slug])
    return render_template("learn/topic.html", topic=by_slug[slug], disclaimer=disclaimer,
                           prev=topics[index - 1] if index else None,
                           next=topics[index + 1] if index + 1 < len(topics) else None)
