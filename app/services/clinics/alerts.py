"""Alerts a clinician sets: thresholds per patient or for all their patients, checked against the dashboard rows.

Kinds (threshold meaning): `pain_rise` (7-day pain average up by at least N on the week before), `no_checkin`
(no check-in for N days or more), `low_adherence` (7-day adherence under N %), `flare_days` (flare-up plan on for
more than N days), `urgent_measure` (a questionnaire answer flagged urgent and not yet acknowledged; no threshold).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.formatting import in_language, number_text, percent_text
from app.models import AlertRule, User
from app.services.care.dashboard import PatientRow, patient_rows
from app.services.care.links import linked_patient
from app.services.clock import zone

# kind: (lowest threshold, highest threshold, default)
KINDS = {"pain_rise": (1, 10, 2), "no_checkin": (1, 60, 3), "low_adherence": (1, 100, 50),
         "flare_days": (1, 60, 7), "urgent_measure": (0, 0, 0)}

DIGEST_LABELS = {"pain_rise": _l("Pain rising"), "no_checkin": _l("No recent check-in"),
                 "low_adherence": _l("Low adherence"), "flare_days": _l("Long flare-up"),
                 "urgent_measure": _l("Urgent questionnaire answer")}


@dataclass
class Fired:
    patient: User
    rule: AlertRule
    text: str


def rules_for(session: Session, clinician: User) -> list[AlertRule]:
    return list(session.scalars(select(AlertRule).where(AlertRule.clinician_id == clinician.id)
                                .order_by(AlertRule.patient_id.is_not(None), AlertRule.kind, AlertRule.id)))


def add(session: Session, clinician: User, kind: str, threshold, patient_id=None,
        mail: bool = False, push: bool = False) -> AlertRule | None:
    """None for an unknown kind, a threshold out of range, or a patient not linked to the clinician."""
    if kind not in KINDS:
        return None
    low, high, default = KINDS[kind]
    try:
        threshold = default if threshold in (None, "") else int(threshold)
    except (TypeError, ValueError):
        return None
    if kind == "urgent_measure":
        threshold = 0
    if not low <= threshold <= high:
        return None
    if patient_id not in (None, ""):
        if not str(patient_id).isdigit() or int(patient_id) > 2**31 - 1:
            return None
        patient = linked_patient(session, clinician, int(patient_id))
        if patient is None:
            return None
        patient_id = patient.id
    else:
        patient_id = None
    rule = AlertRule(clinician_id=clinician.id, patient_id=patient_id, kind=kind, threshold=threshold, mail=mail,
                     push=push)
    session.add(rule)
    session.flush()
    return rule


def remove(session: Session, clinician: User, rule_id) -> bool:
    try:
        rule = session.scalar(select(AlertRule).where(AlertRule.id == int(rule_id),
                                                      AlertRule.clinician_id == clinician.id))
    except (TypeError, ValueError):
        return False
    if rule is None:
        return False
    session.delete(rule)
    return True


def describe(rule: AlertRule) -> str:
    """The rule in words, in the current language."""
    n = rule.threshold
    if rule.kind == "pain_rise":
        return gettext("Pain average up by %(n)s or more on the week before", n=n)
    if rule.kind == "no_checkin":
        return ngettext("No check-in for %(num)d day or more", "No check-in for %(num)d days or more", n)
    if rule.kind == "low_adherence":
        return gettext("Adherence under %(n)s %% over 7 days", n=n)
    if rule.kind == "flare_days":
        return ngettext("Flare-up plan on for more than %(num)d day", "Flare-up plan on for more than %(num)d days", n)
    return gettext("An urgent questionnaire answer")


def check(row: PatientRow, rule: AlertRule, now: datetime) -> str | None:
    """The alert's text if the rule fires for this patient's row, else None."""
    n = rule.threshold
    if rule.kind == "pain_rise" and row.pain_avg_7d is not None and row.pain_avg_prev is not None:
        rise = row.pain_avg_7d - row.pain_avg_prev
        return gettext("Pain average up %(rise)s on the week before", rise=number_text(rise)) if rise >= n else None
    if rule.kind == "no_checkin":
        days = (row.today - row.last_checkin).days if row.last_checkin else None
        if days is None:
            return gettext("No check-ins yet")
        return ngettext("No check-in for %(num)d day", "No check-in for %(num)d days", days) if days >= n else None
    if rule.kind == "low_adherence" and row.adherence_7d is not None:
        return gettext("Adherence %(rate)s over 7 days", rate=percent_text(row.adherence_7d)) \
            if row.adherence_7d * 100 < n else None
    if rule.kind == "flare_days" and row.mode == "flare" and row.plan.mode_changed_at:
        local_start = row.plan.mode_changed_at.astimezone(zone(row.patient.timezone)).date()
        days = (row.today - local_start).days
        return ngettext("Flare-up plan on for %(num)d day", "Flare-up plan on for %(num)d days", days) \
            if days > n else None
    if rule.kind == "urgent_measure" and row.urgent:
        return gettext("Urgent questionnaire answer to review")
    return None


def fired(rows: list[PatientRow], rules: list[AlertRule], now: datetime, channel: str | None = None) -> list[Fired]:
    """Every (patient, rule) that fires; a patient's own rule of a kind replaces the clinic-wide one. With a
    `channel` ("mail" or "push"), only the rules the clinician ticked for that digest."""
    out = []
    for row in rows:
        mine = [r for r in rules if r.patient_id in (None, row.patient.id) and (channel is None or getattr(r, channel))]
        own_kinds = {r.kind for r in mine if r.patient_id is not None}
        for rule in mine:
            if rule.patient_id is None and rule.kind in own_kinds:
                continue
            text = check(row, rule, now)
            if text:
                out.append(Fired(row.patient, rule, text))
    return out


def digest(session: Session, clinician: User, now: datetime) -> str | None:
    """The daily digest's text, or None when nothing fires. Mail is not a safe channel for health data, so it says
    how many patients have which kind of alert, never who or any figure: the names are in the app."""
    hits = digest_hits(session, clinician, now, "mail")
    if not hits:
        return None
    per_kind: dict[str, set[int]] = {}
    for hit in hits:
        per_kind.setdefault(hit.rule.kind, set()).add(hit.patient.id)
    with in_language(clinician):
        lines = [ngettext("- %(kind)s: %(num)d patient", "- %(kind)s: %(num)d patients", len(ids),
                          kind=DIGEST_LABELS[kind]) for kind, ids in per_kind.items()]
        return (gettext("Inoplan alerts for today") + "\n\n" + "\n".join(lines) + "\n\n"
                + gettext("Open Inoplan to see who. You set these alerts on the Alerts page of your dashboard.") + "\n")


def digest_hits(session: Session, clinician: User, now: datetime, channel: str) -> list[Fired]:
    """What fires today among the rules ticked for the mail or the push digest."""
    rules = [r for r in rules_for(session, clinician) if getattr(r, channel)]
    return fired(patient_rows(session, clinician, now), rules, now, channel) if rules else []


def push_notice(session: Session, clinician: User, now: datetime) -> dict | None:
    """The daily push, or None when nothing fires. A push crosses the push service and shows on a lock screen, so
    it holds a count and nothing else: no name, no kind of alert, no figure ("3 patients need a look")."""
    patients = {hit.patient.id for hit in digest_hits(session, clinician, now, "push")}
    if not patients:
        return None
    with in_language(clinician):
        return {"kind": "alerts", "title": gettext("Inoplan alerts"),
                "body": ngettext("%(num)d patient needs a look", "%(num)d patients need a look", len(patients)),
                "tag": "inoplan-alerts", "url": "/clinician"}


def clinicians_with_digest(session: Session) -> list[User]:
    """Clinicians with at least one rule ticked for the mail or the push digest."""
    ids = select(AlertRule.clinician_id).where(or_(AlertRule.mail.is_(True), AlertRule.push.is_(True)))
    return list(session.scalars(select(User).where(User.id.in_(ids), User.role == "clinician").order_by(User.id)))
