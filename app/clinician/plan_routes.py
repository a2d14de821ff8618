"""The plan editor for a linked patient: items of the usual and flare-up variants, rules, templates."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.access import found, role_required
from app.clinician import bp
from app.clinician.access import patient_or_404
from app.clinician.forms import ApplyTemplateForm, ClinicianItemForm, RulesForm, TemplateForm, VersionNoteForm
from app.extensions import db
from app.formatting import title_of
from app.models import Routine, User
from app.services.care import audit
from app.services.plans import changes, drafts, library
from app.services.plans import templates as plan_templates
from app.services.plans import versions as plans

VARIANT = "<any(standard, flare):variant>"
NAMES = {"standard": _l("usual plan"), "flare": _l("flare-up plan")}


def routine_choices(form, extra: Routine | None = None) -> dict[int, Routine]:
    """The clinician's routines (built-in and own); an item keeps its routine even if archived."""
    return form.offer(plan_templates.usable_routines(db.session, current_user), title_of, extra)


def address(person: User, *forms) -> None:
    for form in forms:
        form.version_note.label.text = _("Note to %(name)s (optional)", name=person.display_name)


def to_plan(person: User, variant: str = "standard", anchor: str = ""):
    """Back to the plan editor (a 303, so a reload does not post again)."""
    return redirect(url_for("clinician.plan", patient_id=person.id, variant=variant) + anchor), 303


def done(person: User, variant: str, message: str, anchor: str = ""):
    """Commit the change, say what happened, and go back to the plan editor."""
    db.session.commit()
    flash(message)
    return to_plan(person, variant, anchor)


def published(person: User, variant: str, version, message: str):
    """A new version reached the patient: into the audit log, then done."""
    audit.record(db.session, current_user, person.id, "changed_plan", variant=variant, version=version.number)
    return done(person, variant, message)


def draft_or_404(person: User, variant: str):
    """This clinician's draft of the patient's variant; 404 when there is none (sent or discarded meanwhile)."""
    return found(drafts.get(db.session, plans.plan_for(db.session, person), variant, current_user))


def save(person: User, the_plan, specs, variant: str, note: str, change: str, message: str | None = None):
    """Store the edited items: in the clinician's draft if there is one (`change` and a note that it waits in the
    draft), else as a new version (`message`, by default `change`)."""
    draft = drafts.get(db.session, the_plan, variant, current_user)
    if draft is not None:  # editing a draft: nothing reaches the patient until it is sent
        drafts.set_specs(draft, specs)
        return done(person, variant, _("%(change)s Saved to your draft; send it when you are ready.", change=change))
    version = plans.save_version(db.session, the_plan, specs, current_user, variant=variant, note=note.strip())
    return published(person, variant, version, message or change)


def editor(person: User, variant: str, item_form=None, status: int = 200):
    audit.record(db.session, current_user, person.id, "viewed_plan", variant=variant)
    db.session.commit()
    the_plan = plans.plan_for(db.session, person)
    version = plans.current_version(db.session, the_plan, variant) if the_plan else None
    draft = drafts.get(db.session, the_plan, variant, current_user)
    shown = drafts.preview(db.session, draft) if draft else version
    item_form = item_form or ClinicianItemForm()
    routines = routine_choices(item_form)
    apply_form = ApplyTemplateForm()
    apply_form.template_id.choices = [(t.id, t.name) for t in plan_templates.usable_templates(db.session, current_user)]
    address(person, item_form, apply_form)
    return render_template(
        "clinician/plan.html", person=person, plan=the_plan, version=shown, sent=version, variant=variant,
        names=NAMES, draft=draft, pending=changes.diff(version, shown) if draft else [],
        form=item_form, doses=item_form.usual_doses(routines),
        note_form=VersionNoteForm(), apply_form=apply_form, template_form=TemplateForm(),
        rules_form=RulesForm(flare_pain_threshold=the_plan.flare_pain_threshold if the_plan else None),
        history=changes.history(db.session, the_plan, variant, limit=10) if the_plan else [],
        has_flare=bool(the_plan and plans.current_version(db.session, the_plan, "flare")),
    ), status


@bp.route(f"/patients/<int:patient_id>/plan/{VARIANT}")
@bp.route("/patients/<int:patient_id>/plan", defaults={"variant": "standard"})
@role_required("clinician")
def plan(patient_id: int, variant: str):
    """The patient's current plan (usual or flare-up variant) with forms to change it."""
    return editor(patient_or_404(patient_id), variant)


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/items")
@role_required("clinician")
def add_item(patient_id: int, variant: str):
    """Add a routine: a new version."""
    person = patient_or_404(patient_id)
    form = ClinicianItemForm()
    routines = routine_choices(form)
    if not form.validate_on_submit():
        return editor(person, variant, form, 422)
    the_plan = plans.plan_for(db.session, person, create=True)
    routine = routines[form.routine_id.data]
    specs = working_specs(the_plan, variant) + [library.with_usual_dose(form.spec(), routine)]
    return save(person, the_plan, specs, variant, form.version_note.data or "",
                _("Added %(title)s to the flare-up plan.", title=title_of(routine)) if variant == "flare"
                else _("Added %(title)s to the usual plan.", title=title_of(routine)))


def working_specs(the_plan, variant: str) -> list[plans.ItemSpec]:
    """The items the clinician is editing: their draft's if they have one, else the current version's."""
    draft = drafts.get(db.session, the_plan, variant, current_user)
    return drafts.specs(draft) if draft else plans.current_specs(db.session, the_plan, variant)


def find(person: User, variant: str, key: str):
    the_plan = plans.plan_for(db.session, person)
    specs = working_specs(the_plan, variant) if the_plan else []
    index = found(plans.index_of(specs, key))
    return the_plan, specs, index


@bp.route(f"/patients/<int:patient_id>/plan/{VARIANT}/items/<key>", methods=["GET", "POST"])
@role_required("clinician")
def edit_item(patient_id: int, variant: str, key: str):
    """Change one item's days, times, dose or notes: a new version."""
    person = patient_or_404(patient_id)
    the_plan, specs, index = find(person, variant, key)
    spec = specs[index]
    form = ClinicianItemForm.for_spec(spec)
    routines = routine_choices(form, db.session.get(Routine, spec.routine_id))
    address(person, form)
    if form.validate_on_submit():
        specs[index] = form.spec(key)
        title = title_of(routines[form.routine_id.data])
        return save(person, the_plan, specs, variant, form.version_note.data or "",
                    _("Changed %(title)s.", title=title),
                    _("Changed %(title)s. %(name)s will see what changed.", title=title, name=person.display_name))
    if not form.errors:
        audit.record(db.session, current_user, person.id, "viewed_plan", variant=variant)
        db.session.commit()
    return render_template("clinician/edit_item.html", form=form, person=person, variant=variant, names=NAMES,
                           in_draft=drafts.get(db.session, the_plan, variant, current_user) is not None,
                           title=title_of(routines[spec.routine_id])), 422 if form.errors else 200


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/items/<key>/remove")
@role_required("clinician")
def remove_item(patient_id: int, variant: str, key: str):
    """Take an item out: a new version; the patient's ticks against it stay."""
    person = patient_or_404(patient_id)
    the_plan, specs, index = find(person, variant, key)
    form = VersionNoteForm()
    if not form.validate_on_submit():
        abort(400, _("The note is too long."))
    title = title_of(db.session.get(Routine, specs.pop(index).routine_id))
    return save(person, the_plan, specs, variant, form.version_note.data or "", _("Removed %(title)s.", title=title))


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/draft")
@role_required("clinician")
def start_draft(patient_id: int, variant: str):
    """Collect changes in a draft, to send them to the patient at once with one note."""
    person = patient_or_404(patient_id)
    drafts.start(db.session, plans.plan_for(db.session, person, create=True), variant, current_user)
    return done(person, variant,
                _("Draft started. Change what you need; %(name)s sees nothing until you send it.",
                  name=person.display_name))


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/draft/send")
@role_required("clinician")
def send_draft(patient_id: int, variant: str):
    """Send the draft: one new version, one note, one "What changed" for the patient."""
    person = patient_or_404(patient_id)
    draft = draft_or_404(person, variant)
    form = VersionNoteForm()
    if not form.validate_on_submit():
        abort(400)
    version = drafts.send(db.session, draft, form.version_note.data or "")
    return published(person, variant, version, _("Sent. %(name)s will see what changed.", name=person.display_name))


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/draft/discard")
@role_required("clinician")
def discard_draft(patient_id: int, variant: str):
    """Throw the draft away; the patient's plan stays as it is."""
    person = patient_or_404(patient_id)
    draft = draft_or_404(person, variant)
    db.session.delete(draft)
    return done(person, variant, _("Draft discarded."))


@bp.post("/patients/<int:patient_id>/plan/flare/copy")
@role_required("clinician")
def copy_to_flare(patient_id: int):
    """Start the flare-up variant from the usual plan, to cut down and ease."""
    person = patient_or_404(patient_id)
    the_plan = plans.plan_for(db.session, person)
    specs = plans.current_specs(db.session, the_plan, "standard") if the_plan else []
    if not specs:
        flash(_("Write the usual plan first; the flare-up plan starts as a copy of it."), "error")
        return to_plan(person, "flare")
    return save(person, the_plan, specs, "flare", _("Gentler plan for flare-ups"),  # a note in the physio's words
                _("Flare-up plan started from the usual plan."),
                _("Flare-up plan started from the usual plan. Now remove or ease items."))


@bp.post("/patients/<int:patient_id>/plan/rules")
@role_required("clinician")
def rules(patient_id: int):
    """When a check-in's pain suggests the flare-up plan."""
    person = patient_or_404(patient_id)
    form = RulesForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(_("Pain threshold: %(problem)s", problem=errors[0]), "error")
        return to_plan(person, "flare", "#rules")
    the_plan = plans.plan_for(db.session, person, create=True)
    the_plan.flare_pain_threshold = form.flare_pain_threshold.data
    audit.record(db.session, current_user, person.id, "changed_rules",
                 flare_pain_threshold=form.flare_pain_threshold.data)
    message = (_("The flare-up plan will be suggested at pain %(pain)s or more.", pain=form.flare_pain_threshold.data)
               if form.flare_pain_threshold.data else _("No automatic flare-up suggestion."))
    return done(person, "flare", message, "#rules")


@bp.post("/patients/<int:patient_id>/plan/apply")
@role_required("clinician")
def apply_template(patient_id: int):
    """Write one of the clinician's templates into the usual plan, to tailor afterwards."""
    person = patient_or_404(patient_id)
    form = ApplyTemplateForm()
    form.template_id.choices = [(t.id, t.name) for t in plan_templates.usable_templates(db.session, current_user)]
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return to_plan(person, anchor="#templates")
    template = plan_templates.usable_template(db.session, current_user, form.template_id.data)
    the_plan = plans.plan_for(db.session, person, create=True)
    version, skipped = plan_templates.apply(db.session, current_user, template, the_plan,
                                            replace=form.how.data == "replace", note=form.version_note.data or "")
    audit.record(db.session, current_user, person.id, "changed_plan", variant="standard", version=version.number,
                 template=template.name)
    return done(person, "standard",
                _("Applied \u201c%(name)s\u201d. Tailor the items below.", name=template.name) + left_out(skipped))


@bp.post("/patients/<int:patient_id>/plan/save-template")
@role_required("clinician")
def save_as_template(patient_id: int):
    """Keep this patient's usual plan as a template for others."""
    person = patient_or_404(patient_id)
    form = TemplateForm()
    the_plan = plans.plan_for(db.session, person)
    if not form.validate_on_submit() or the_plan is None:
        flash(form.errors["name"][0] if form.errors.get("name") else _("There is no plan to save yet."), "error")
        return to_plan(person, anchor="#templates")
    template, skipped = plan_templates.from_plan(db.session, current_user, the_plan, form.name.data)
    db.session.commit()
    flash(_("Saved as template \u201c%(name)s\u201d.", name=template.name) + left_out(skipped))
    return redirect(url_for("clinician.template", template_id=template.id)), 303


def left_out(skipped: list[str]) -> str:
    """The routines a template could not carry (archived or not the clinician's), after the confirmation."""
    return " " + _("Left out: %(titles)s.", titles=", ".join(skipped)) if skipped else ""
