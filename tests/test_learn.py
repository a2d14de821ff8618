"""/learn: education in our own words from the source article, open to everyone, linked from routines."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.content.library import BUILTIN_ROUTINES
from app.content.topics import DISCLAIMER, TOPICS
from app.extensions import db
from app.models import Routine

ARTICLE = Path("/work/shared/seed/inomyalgia-article.txt")
SLUGS = [t["slug"] for t in TOPICS]


def topic_text() -> list[str]:
    out = []
    for t in TOPICS:
        out += [t["title"], t["summary"]] + [s["heading"] for s in t["sections"]]
        out += [p for s in t["sections"] for p in s["paragraphs"]]
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def test_learn_is_open_without_an_account(client):
    html = client.get("/learn").get_data(as_text=True)
    assert "When to get medical help" in html and DISCLAIMER in html
    assert html.index("When to get medical help") < html.index("What is inomyalgia?")  # red flags come first
    assert all(f'href="/learn/{slug}"' in html for slug in SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_topic_page_renders(client, slug):
    response = client.get(f"/learn/{slug}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    topic = next(t for t in TOPICS if t["slug"] == slug)
    assert f"<h1>{topic['title']}</h1>" in html.replace("&#39;", "'") and DISCLAIMER in html


def test_unknown_topic_is_a_friendly_404(client):
    response = client.get("/learn/miracle-cure")
    assert response.status_code == 404 and "There is no topic with that name." in response.get_data(as_text=True)


def test_patients_and_clinicians_see_it_with_the_nav(login, patient, clinician):
    assert 'aria-current="page"' in login(patient).get("/learn").get_data(as_text=True)
    assert login(clinician).get("/learn/red-flags").status_code == 200


def test_each_routine_links_to_the_topic_that_explains_it(login, patient):
    assert {r["topic"] for r in BUILTIN_ROUTINES} <= set(SLUGS)
    routine = db.session.scalar(select(Routine).where(Routine.slug == "heat-pack"))
    html = login(patient).get(f"/library/{routine.id}").get_data(as_text=True)
    assert 'Why this helps: <a href="/learn/heat-and-cold">Using heat and cold safely</a>' in html


def test_today_links_to_the_red_flags(login, patient):
    assert 'href="/learn/red-flags"' in login(patient).get("/today").get_data(as_text=True)


def test_topics_cover_the_issue():
    text = " ".join(topic_text()).lower()
    for needed in ("fibromyalgia", "myofascial", "polymyalgia rheumatica", "myositis", "ruling out", "fever",
                   "dark", "sudden", "weakness", "heat", "cold", "sleep", "mindfulness", "acupuncture",
                   "counselling", "cannot diagnose"):
        assert needed in text or needed in DISCLAIMER.lower(), needed


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives outside the repository")
def test_no_six_word_run_is_copied_from_the_article():
    article = words(ARTICLE.read_text())
    grams = {tuple(article[i:i + 6]) for i in range(len(article) - 5)}
    copied = [text for text in topic_text()
              if any(tuple(w[i:i + 6]) in grams for w in [words(text)] for i in range(len(w) - 5))]
    assert copied == []


def test_no_medicine_doses():
    text = " ".join(topic_text()).lower()
    assert not re.search(r"\b\d+\s*(mg|milligrams?|ml|tablets?|pills?)\b", text)
