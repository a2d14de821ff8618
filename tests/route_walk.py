"""Helpers that walk every rule of the URL map with real object ids (authorization, CSRF and fuzz tests).

Nothing here knows a route by name except the allow-list of public routes, so routes that other
parts of the app add later are walked too.
"""
from __future__ import annotations

import itertools
import re
import secrets
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from sqlalchemy import select
from werkzeug.routing.converters import AnyConverter, NumberConverter

from app.extensions import db

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Routes anyone may call, with the reason. Keys are endpoints or a regular expression on the rule.
PUBLIC = {
    "auth.login": "the way in",
    "auth.register": "creating an account",
    "auth.reset_request": "asking for a reset link answers the same for every address",
    "auth.reset_password": "the signed, single-use token in the link is the credential",
    "pwa.manifest": "the web app manifest holds no personal data",
    "pwa.service_worker": "the worker script holds no personal data",
    "pwa.offline": "the offline page holds no personal data",
    "static": "CSS, JavaScript and icons",
    "care.enter_code": "typing an invite code before having an account; a wrong code reveals nothing",
    "care.invite": "the invite token in the link is the credential the clinician handed over",
    "care.accept": "whoever holds the invite token may accept it (it needs a patient login); tested in test_invites.py",
    "learn.index": "education from the article, readable before signing up; no personal data",
    "learn.topic": "education from the article, readable before signing up; no personal data",
    "measures.help_country": "which country's emergency numbers the red-flags page shows; only sets a cookie",
    r"^/calendar/": "the calendar feed's unguessable token is the credential (calendar apps cannot log in)",
    "diary.shared": "the report link's unguessable token is the credential the patient handed over (it expires and "
                    "can be revoked)",
}
# Arguments that are bearer secrets on public routes: the attacker does not know the victim's, so a random one.
BEARER_ARGS = re.compile(r"token", re.I)
# An argument naming an object: whoever does not own it must get 401/403/404.
OBJECT_ARG = re.compile(r"(^|_)(id|key|token|uuid|slug)$", re.I)
# Table names an argument's name points to, when the name says so (plan_item_id -> plan_items).
ALIASES = {"patient": "users", "user": "users", "clinician": "users", "version": "plan_versions",
           "link": "care_links", "template": "plan_templates", "item": "plan_items", "checkin": "checkins",
           "event": "audit_events", "share": "report_shares", "clinic": "clinics", "transfer": "care_transfers",
           "rule": "alert_rules", "image": "routine_images"}
MAX_COMBINATIONS = 12


def public_reason(rule) -> str | None:
    if rule.endpoint in PUBLIC:
        return PUBLIC[rule.endpoint]
    for pattern, reason in PUBLIC.items():
        if pattern.startswith("^") and re.search(pattern, rule.rule):
            return reason
    return None


def rules(app):
    """Every rule but HEAD/OPTIONS, in a stable order."""
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))


def methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def owned_rows(user_ids) -> dict:
    """Rows reachable from the users through foreign keys: their plans, versions, items, ticks, links..."""
    users = db.metadata.tables["users"]
    found = {users: {r._mapping["id"]: dict(r._mapping) for r in db.session.execute(
        select(users).where(users.c.id.in_(user_ids)))}}
    grew = True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            for fk in table.foreign_keys:
                parents = found.get(fk.column.table)
                if not parents or table is users:
                    continue
                pk = list(table.primary_key.columns)[0]
                rows = db.session.execute(select(table).where(fk.parent.in_(list(parents)))).mappings()
                bucket = found.setdefault(table, {})
                for row in rows:
                    if row[pk.name] not in bucket:
                        bucket[row[pk.name]] = dict(row)
                        grew = True
    return found


def snapshot(user_ids) -> dict:
    """Everything the users own, comparable before and after a request."""
    return {t.name: sorted(map(repr, rows.values())) for t, rows in owned_rows(user_ids).items()}


def candidates(arg: str, converter, found: dict, public: bool) -> list:
    """Real values of the victims' objects for one URL argument."""
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)  # a fixed choice such as standard|flare, not an object
    if public and BEARER_ARGS.search(arg):
        return [secrets.token_urlsafe(24)]
    by_table = {t.name: rows for t, rows in found.items()}
    stem = re.sub(r"_?(id|key|token|uuid)$", "", arg.lower())
    table = ALIASES.get(stem) or next((n for n in by_table if n.rstrip("s") == stem or n == f"{stem}s"), None)
    numeric = isinstance(converter, NumberConverter)
    pools = [by_table[table]] if table in by_table else list(by_table.values())
    values = []  # (rank, value): a column named like the argument comes first
    for rows in pools:
        for pk, row in rows.items():
            if numeric:
                values.append((0, pk))
                continue
            for column, value in row.items():
                if isinstance(value, str) and (column in ("key", "client_id", "slug") or "token" in column
                                               or column == arg):
                    values.append((0 if column == arg else 1, value))
    values = list(dict.fromkeys(v for _, v in sorted(values, key=lambda rv: rv[0])))
    return values[:MAX_COMBINATIONS] or ([10**6] if numeric else ["no-such-thing"])


def fillings(rule, found: dict) -> list[dict]:
    """Argument combinations for a rule (at most MAX_COMBINATIONS)."""
    public = public_reason(rule) is not None
    options = [[(arg, v) for v in candidates(arg, rule._converters[arg], found,
                                             public)] for arg in sorted(rule._converters)]
    return [dict(combo) for combo in itertools.islice(itertools.product(*options), MAX_COMBINATIONS)]


def url(app, rule, values: dict) -> str:
    return app.url_map.bind("localhost").build(rule.endpoint, values, force_external=False) if values else rule.rule


def is_object_rule(rule) -> bool:
    return any(OBJECT_ARG.search(arg) for arg in rule.arguments)


class _FormFinder(HTMLParser):
    """Collects (action, method, {field: value a browser would send}) of every <form> in a page."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self.current, self.select = page, [], None, None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = (urljoin(self.page, a.get("action") or self.page), (a.get("method") or "get").upper(), {})
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "option" and self.select:
            self.current[2].setdefault(self.select, a.get("value", ""))
        elif tag in ("input", "select", "textarea") and a.get("name"):
            self.select = a["name"] if tag == "select" else None
            if tag == "input" and a.get("type") == "checkbox" and "checked" not in a:
                return
            if tag != "select":
                self.current[2].setdefault(a["name"], a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def forms_on(path: str, html: str) -> list[tuple[str, str, dict]]:
    finder = _FormFinder(f"http://localhost{path}")
    finder.feed(html)
    return [(urlsplit(action).path, method, fields) for action, method, fields in finder.forms]


def discover_forms(app, session, found) -> dict[tuple[str, str], dict]:
    """(action path, method) -> {field: default value}, from every page the session can open."""
    forms: dict[tuple[str, str], dict] = {}
    for rule in rules(app):
        if "GET" not in rule.methods or rule.rule.startswith("/api/") or rule.endpoint == "static":
            continue
        for values in fillings(rule, found)[:2]:
            path = url(app, rule, values)
            response = session.client.get(path)
            if response.status_code == 200 and response.mimetype == "text/html":
                for action, method, fields in forms_on(path, response.get_data(as_text=True)):
                    forms.setdefault((action, method), {}).update(fields)
    return forms
