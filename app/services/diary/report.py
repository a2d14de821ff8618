"""The report a patient brings to a doctor, and the printable plan: PDFs built on the server with ReportLab.

Both are written for a person with two minutes: the figures first, then the detail; black text on white, no colour
that carries meaning, so they print well on any printer. Text is in the patient's language (the caller sets the
locale); what the patient or their clinician wrote stays as written. Nothing here interprets a figure clinically.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from statistics import mean
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import date_text, dose_or_none, item_text, number_text, percent_text, schedule_text, title_of
from app.formatting import language as formatting_language
from app.models import CheckIn, MeasureResponse, User
from app.services.diary import read
from app.services.diary.labels import area_name
from app.services.localize import routine_text
from app.services.measures.instruments import BY_ID
from app.services.measures.trends import Trend, trends
from app.services.measures.words import band_text, title
from app.services.plans.library import KIND_LABELS
from app.services.plans.versions import current_version, plan_for
from app.services.progress.adherence import adherence_for

SYMPTOMS = ("pain", "stiffness", "fatigue", "sleep_hours")


@dataclass
class Report:
    patient: User
    start: date
    end: date
    checkins: list[CheckIn]
    halves: dict[str, tuple[float | None, float | None]]  # symptom -> (first half mean, second half mean)
    diary: read.Period
    adherence_by_kind: dict[str, float | None]
    plan_items: list
    measures: list[Trend]  # one per instrument answered in the period, only the period's answers


def _mean(values) -> float | None:
    values = [x for x in values if x is not None]
    return round(mean(values), 1) if values else None


def gather(session: Session, patient: User, start: date, end: date) -> Report:
    """Everything the report shows, read once (a handful of queries)."""
    checkins = list(session.scalars(select(CheckIn).where(CheckIn.patient_id == patient.id,
                                                          CheckIn.date.between(start, end)).order_by(CheckIn.date)))
    middle = start + (end - start) / 2
    halves = {s: (_mean(getattr(c, s) for c in checkins if c.date <= middle),
                  _mean(getattr(c, s) for c in checkins if c.date > middle)) for s in SYMPTOMS}
    plan = plan_for(session, patient)
    by_kind: dict[str, float | None] = {}
    items = []
    if plan is not None:
        tally = adherence_for(session, [plan], {patient.id: patient.timezone}, start, end)[patient.id]
        by_kind = {kind: t.rate for kind, t in sorted(tally.by_kind.items())}
        version = current_version(session, plan, "standard")
        items = list(version.items) if version else []
    responses = list(session.scalars(select(MeasureResponse).where(
        MeasureResponse.patient_id == patient.id, MeasureResponse.date.between(start, end))))
    return Report(patient, start, end, checkins, halves, read.period(session, patient, start, end), by_kind, items,
                  trends(responses))


def _number(x) -> str:
    return "-" if x is None else number_text(x)


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + number_text(x)


def _styles():
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontSize=9.5, leading=12)
    return {"title": ParagraphStyle("t", parent=sheet["Title"], fontSize=16, spaceAfter=2, alignment=0),
            "h": ParagraphStyle("h", parent=sheet["Heading2"], fontSize=11.5, spaceBefore=8, spaceAfter=3),
            "body": body, "small": ParagraphStyle("s", parent=body, fontSize=8, leading=10, textColor=colors.black)}


def _table(rows, widths=None):
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9), ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def doctor_pdf(report: Report) -> bytes:
    s = _styles()
    d = report.diary
    story = [_p(_("Pain diary report"), s["title"]),
             _p(_("%(name)s, %(start)s to %(end)s. Recorded by the patient in Inoplan; it is not a diagnosis.",
                  name=report.patient.display_name, start=date_text(report.start, "long"),
                  end=date_text(report.end, "long")), s["body"])]
    story.append(_p(_("Symptoms (daily check-in, 0-10; sleep in hours)"), s["h"]))
    labels = {"pain": _("Pain"), "stiffness": _("Stiffness"), "fatigue": _("Fatigue"),
              "sleep_hours": _("Sleep (hours)")}
    rows = [[_("Symptom"), _("First half"), _("Second half"), _("Whole period")]]
    for name in SYMPTOMS:
        first, second = report.halves[name]
        rows.append([labels[name], _number(first), _number(second),
                     _number(_mean(getattr(c, name) for c in report.checkins))])
    story += [_table(rows, [45 * mm, 30 * mm, 30 * mm, 30 * mm]),
              _p(ngettext("%(num)d check-in in the period.", "%(num)d check-ins in the period.",
                          len(report.checkins)), s["small"])]

    story.append(_p(_("Where it hurt (body map)"), s["h"]))
    areas = read.area_summary(d)
    if areas:
        rows = [[_("Area"), _("Entries"), _("Average intensity")]]
        rows += [[area_name(a["area"]), str(a["entries"]), _number(a["mean"])] for a in areas[:10]]
        story.append(_table(rows, [60 * mm, 25 * mm, 35 * mm]))
        story.append(_p(ngettext("%(num)d of the 19 body areas marked at least once.",
                                 "%(num)d of the 19 body areas marked at least once.", len(areas)), s["small"]))
    else:
        story.append(_p(_("No body-map entries in this period."), s["body"]))

    story.append(_p(_("Flare episodes"), s["h"]))
    if d.flares:
        rows = [[_("Start"), _("Length (days)"), _("Noted before it"), _("What helped")]]
        for f in d.flares:
            rows.append([date_text(d.local(f.start).date()),
                         _number(read.flare_days(f, datetime.now(f.start.tzinfo))) + ("" if f.end else " *"),
                         Paragraph(escape(", ".join(f.triggers or []) or "-"), s["small"]),
                         Paragraph(escape(f.helped or "-"), s["small"])])
        story.append(_table(rows, [28 * mm, 25 * mm, 55 * mm, 60 * mm]))
        if any(f.end is None for f in d.flares):
            story.append(_p(_("* still going on"), s["small"]))
    else:
        story.append(_p(_("No flare episodes recorded in this period."), s["body"]))

    story.append(_p(_("Routines done (share of planned, Partly counts half)"), s["h"]))
    if report.adherence_by_kind:
        rows = [[_("Kind of routine"), _("Done")]]
        rows += [[str(KIND_LABELS.get(kind, kind)), percent_text(rate)]
                 for kind, rate in report.adherence_by_kind.items()]
        story.append(_table(rows, [60 * mm, 25 * mm]))
    else:
        story.append(_p(_("No plan in this period."), s["body"]))

    story += _measures(report.measures, s)

    story.append(_p(_("Treatments and self-rated effect (0-10)"), s["h"]))
    effects = read.treatment_effects(d)
    if effects:
        rows = [[_("What the patient took or did"), _("Times"), _("Average effect")]]
        rows += [[Paragraph(escape(e["name"]), s["small"]), str(e["times"]), _number(e["mean_effect"])]
                 for e in effects]
        story.append(_table(rows, [80 * mm, 20 * mm, 30 * mm]))
    else:
        story.append(_p(_("No treatments logged in this period."), s["body"]))
    story.append(_p(_("Names are as the patient typed them. Inoplan never suggests a medicine, a dose or a change."),
                    s["small"]))

    story.append(KeepTogether([_p(_("Current plan"), s["h"]), _plan_table(report.plan_items, s)]))
    return _build(story, _("Pain diary report"))


def _meaningful(trend: Trend) -> str:
    """Whether the change from the period's first answer to its last reaches the minimal important change."""
    mic = BY_ID[trend.instrument].mic
    if trend.overall_change is None:
        return _("one answer only")
    if not mic:
        return _("not defined for this score")
    if trend.overall_change == "better":
        return _("yes, better")
    if trend.overall_change == "worse":
        return _("yes, worse")
    return _("no (needs %(mic)s points)", mic=number_text(mic))


def _measures(measures: list[Trend], s) -> list:
    """Per questionnaire answered in the period: latest score and band, first to last, and whether that counts."""
    story = [_p(_("Questionnaires"), s["h"])]
    if not measures:
        return story + [_p(_("No questionnaires answered in this period."), s["body"])]
    rows = [[_("Questionnaire"), _("Answers"), _("Latest"), _("Band"), _("First to latest"),
             Paragraph(escape(_("Minimal important change reached?")), s["small"])]]
    for t in measures:
        last_day = t.points[-1][0]
        change = (_("%(first)s to %(latest)s (%(change)s)", first=_number(t.first), latest=_number(t.latest),
                    change=_signed(round(t.latest - t.first, 1))) if len(t.points) > 1 else "-")
        rows.append([Paragraph(escape(title(t.instrument)), s["small"]), str(len(t.points)),
                     f"{_number(t.latest)} ({date_text(last_day, 'day')})", band_text(t.band) or "-", change,
                     Paragraph(escape(_meaningful(t)), s["small"])])
    story.append(_table(rows, [50 * mm, 16 * mm, 26 * mm, 24 * mm, 28 * mm, 34 * mm]))
    story.append(_p(_("Scores as the patient answered the published questionnaires. Bands are the published "
                      "severity ranges, not a diagnosis."), s["small"]))
    return story


def _plan_table(items, s):
    if not items:
        return _p(_("No plan yet."), s["body"])
    rows = [[_("Routine"), _("Dose"), _("When")]]
    for item in items:
        rows.append([Paragraph(escape(title_of(item.routine)), s["small"]), dose_or_none(item.dose),
                     Paragraph(escape(schedule_text(item.days_mask, item.slots)), s["small"])])
    return _table(rows, [62 * mm, 45 * mm, 60 * mm])


def plan_pdf(session: Session, patient: User) -> bytes:
    """The current plan (and its flare-up variant) with each routine's steps and precautions, for paper."""
    language = formatting_language()
    s = _styles()
    story = [_p(_("My plan"), s["title"]), _p(patient.display_name, s["body"])]
    plan = plan_for(session, patient)
    for variant, heading in (("standard", _("Usual plan")), ("flare", _("Flare-up plan"))):
        version = current_version(session, plan, variant) if plan else None
        if version is None:
            continue
        story.append(_p(heading, s["h"]))
        for item in version.items:
            routine = item.routine
            block = [_p(title_of(routine), ParagraphStyle("b", parent=s["body"], fontName="Helvetica-Bold")),
                     _p(item_text(item), s["body"])]
            for n, step in enumerate(routine_text(routine, "steps", language) or [], 1):
                block.append(_p(f"{n}. {step}", s["small"]))
            precautions = routine_text(routine, "precautions", language)
            if precautions:
                block.append(_p(_("Take care: %(text)s", text=precautions), s["small"]))
            if item.notes:
                block.append(_p(_("Note: %(text)s", text=item.notes), s["small"]))
            block.append(Spacer(1, 4))
            story.append(KeepTogether(block))
    if len(story) == 2:
        story.append(_p(_("No plan yet."), s["body"]))
    story.append(_p(_("If you notice warning signs (see 'When to get medical help' in the app), stop and get help."),
                    s["small"]))
    return _build(story, _("My plan"))


def _build(story, title: str) -> bytes:
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author="Inoplan")
    doc.build(story)
    return out.getvalue()
