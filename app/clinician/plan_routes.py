"""The plan editor for a linked patient: items of the usual and flare-up variants, rules, templates."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.clinician import bp
from app.clinician.access import clinician_required, patient_or_404
from app.clinician.forms import ApplyTemplateForm, ClinicianItemForm, RulesForm, TemplateForm, VersionNoteForm
from app.extensions import db
from app.models import KINDS, Routine, User
from app.services.care import audit
from app.services.plans import changes
from app.services.plans import templates as plan_templates
from app.services.plans import versions as plans
from app.services.plans.library import KIND_LABELS

VARIANT = "<any(standard, flare):variant>"
NAMES = {"standard": "usual plan", "flare": "flare-up plan"}


def routine_choices(form, extra: Routine | None = None) -> dict[int, Routine]:
    routines = plan_templates.usable_routines(db.session, current_user)
    if extra is not None:  # an item may use a routine the clinician can no longer pick (archived)
        routines.setdefault(extra.id, extra)
    form.routine_id.choices = [(r.id, f"{KIND_LABELS[r.kind]}: {r.title}") for r in
                               sorted(routines.values(), key=lambda r: (KINDS.index(r.kind), r.title))]
    return routines


def address(person: User, *forms) -> None:
    for form in forms:
        form.version_note.label.text = f"Note to {person.display_name} (optional)"


def spec_from(form, key: str | None = None) -> plans.ItemSpec:
    return plans.ItemSpec(form.routine_id.data, plans.days_to_mask(form.days.data), form.time_list, form.sets.data,
                          form.reps.data, form.hold_seconds.data, form.minutes.data, form.notes.data or "", key)


def save(person: User, the_plan, specs, variant: str, note: str, message: str):
    version = plans.save_version(db.session, the_plan, specs, current_user, variant=variant, note=note.strip())
    audit.record(db.session, current_user, person.id, "changed_plan", variant=variant, version=version.number)
    db.session.commit()
    flash(message)
    return redirect(url_for("clinician.plan", patient_id=person.id, variant=variant)), 303


def editor(person: User, variant: str, item_form=None, status: int = 200):
    audit.record(db.session, current_user, person.id, "viewed_plan", variant=variant)
    db.session.commit()  # before loading: a commit expires loaded rows, and rendering would reload each one
    the_plan = plans.plan_for(db.session, person)
    version = plans.current_version(db.session, the_plan, variant) if the_plan else None
    item_form = item_form or ClinicianItemForm()
    routine_choices(item_form)
    apply_form = ApplyTemplateForm()
    apply_form.template_id.choices = [(t.id, t.name) for t in plan_templates.usable_templates(db.session, current_user)]
    address(person, item_form, apply_form)
    return render_template(
        "clinician/plan.html", person=person, plan=the_plan, version=version, variant=variant, names=NAMES,
        form=item_form, note_form=VersionNoteForm(), apply_form=apply_form, template_form=TemplateForm(),
        rules_form=RulesForm(flare_pain_threshold=the_plan.flare_pain_threshold if the_plan else None),
        history=changes.history(db.session, the_plan, variant, limit=10) if the_plan else [],
        has_flare=bool(the_plan and plans.current_version(db.session, the_plan, "flare")),
    ), status


@bp.route(f"/patients/<int:patient_id>/plan/{VARIANT}")
@bp.route("/patients/<int:patient_id>/plan", defaults={"variant": "standard"})
@clinician_required
def plan(patient_id: int, variant: str):
    """The patient's current plan (usual or flare-up variant) with forms to change it."""
    return editor(patient_or_404(patient_id), variant)


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/items")
@clinician_required
def add_item(patient_id: int, variant: str):
    """Add a routine: a new version."""
    person = patient_or_404(patient_id)
    form = ClinicianItemForm()
    routines = routine_choices(form)
    if not form.validate_on_submit():
        return editor(person, variant, form, 422)
    the_plan = plans.plan_for(db.session, person, create=True)
    specs = plans.current_specs(db.session, the_plan, variant) + [spec_from(form)]
    return save(person, the_plan, specs, variant, form.version_note.data or "",
                f"Added {routines[form.routine_id.data].title} to {person.display_name}'s {NAMES[variant]}.")


def find(person: User, variant: str, key: str):
    the_plan = plans.plan_for(db.session, person)
    specs = plans.current_specs(db.session, the_plan, variant) if the_plan else []
    for index, spec in enumerate(specs):
        if spec.key == key:
            return the_plan, specs, index
    abort(404)


@bp.route(f"/patients/<int:patient_id>/plan/{VARIANT}/items/<key>", methods=["GET", "POST"])
@clinician_required
def edit_item(patient_id: int, variant: str, key: str):
    """Change one item's days, times, dose or notes: a new version."""
    person = patient_or_404(patient_id)
    the_plan, specs, index = find(person, variant, key)
    spec = specs[index]
    form = ClinicianItemForm(data={"routine_id": spec.routine_id, "days": [str(d) for d in range(7) if spec.days_mask >> d & 1],
                                   "times": ", ".join(spec.times), "sets": spec.sets, "reps": spec.reps,
                                   "hold_seconds": spec.hold_seconds, "minutes": spec.minutes, "notes": spec.notes})
    routines = routine_choices(form, db.session.get(Routine, spec.routine_id))
    address(person, form)
    if form.validate_on_submit():
        specs[index] = spec_from(form, key)
        return save(person, the_plan, specs, variant, form.version_note.data or "",
                    f"Changed {routines[form.routine_id.data].title}. {person.display_name} will see what changed.")
    if not form.errors:
        audit.record(db.session, current_user, person.id, "viewed_plan", variant=variant)
        db.session.commit()
    return render_template("clinician/edit_item.html", form=form, person=person, variant=variant, names=NAMES,
                           title=routines[spec.routine_id].title), 422 if form.errors else 200


@bp.post(f"/patients/<int:patient_id>/plan/{VARIANT}/items/<key>/remove")
@clinician_required
def remove_item(patient_id: int, variant: str, key: str):
    """Take an item out: a new version; the patient's ticks against it stay."""
    person = patient_or_404(patient_id)
    the_plan, specs, index = find(person, variant, key)
    form = VersionNoteForm()
    if not form.validate_on_submit():
        abort(400, "The note is too long.")
    title = db.session.get(Routine, specs.pop(index).routine_id).title
    return save(person, the_plan, specs, variant, form.version_note.data or "", f"Removed {title}.")


@bp.post("/patients/<int:patient_id>/plan/flare/copy")
@clinician_required
def copy_to_flare(patient_id: int):
    """Start the flare-up variant from the usual plan, to cut down and ease."""
    person = patient_or_404(patient_id)
    the_plan = plans.plan_for(db.session, person)
    specs = plans.current_specs(db.session, the_plan, "standard") if the_plan else []
    if not specs:
        flash("Write the usual plan first; the flare-up plan starts as a copy of it.", "error")
        return redirect(url_for("clinician.plan", patient_id=person.id, variant="flare")), 303
    return save(person, the_plan, specs, "flare", "Gentler plan for flare-ups",
                "Flare-up plan started from the usual plan. Now remove or ease items.")


@bp.post("/patients/<int:patient_id>/plan/rules")
@clinician_required
def rules(patient_id: int):
    """When a check-in's pain suggests the flare-up plan."""
    person = patient_or_404(patient_id)
    form = RulesForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(f"Pain threshold: {errors[0]}", "error")
        return redirect(url_for("clinician.plan", patient_id=person.id, variant="flare") + "#rules"), 303
    the_plan = plans.plan_for(db.session, person, create=True)
    the_plan.flare_pain_threshold = form.flare_pain_threshold.data
    audit.record(db.session, current_user, person.id, "changed_rules", flare_pain_threshold=form.flare_pain_threshold.data)
    db.session.commit()
    flash(f"The flare-up plan will be suggested at pain {form.flare_pain_threshold.data} or more."
          if form.flare_pain_threshold.data else "No automatic flare-up suggestion.")
    return redirect(url_for("clinician.plan", patient_id=person.id, variant="flare") + "#rules"), 303


@bp.post("/patients/<int:patient_id>/plan/apply")
@clinician_required
def apply_template(patient_id: int):
    """Write one of the clinician's templates into the usual plan, to tailor afterwards."""
    person = patient_or_404(patient_id)
    form = ApplyTemplateForm()
    form.template_id.choices = [(t.id, t.name) for t in plan_templates.usable_templates(db.session, current_user)]
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return redirect(url_for("clinician.plan", patient_id=person.id) + "#templates"), 303
    template = plan_templates.usable_template(db.session, current_user, form.template_id.data)
    the_plan = plans.plan_for(db.session, person, create=True)
    version, skipped = plan_templates.apply(db.session, current_user, template, the_plan,
                                            replace=form.how.data == "replace", note=form.version_note.data or "")
    audit.record(db.session, current_user, person.id, "changed_plan", variant="standard", version=version.number,
                 template=template.name)
    db.session.commit()
    flash(f"Applied \u201c{template.name}\u201d. Tailor the items below."
          + (f" Left out: {', '.join(skipped)}." if skipped else ""))
    return redirect(url_for("clinician.plan", patient_id=person.id)), 303


@bp.post("/patients/<int:patient_id>/plan/save-template")
@clinician_required
def save_as_template(patient_id: int):
    """Keep this patient's usual plan as a template for others."""
    person = patient_or_404(patient_id)
    form = TemplateForm()
    the_plan = plans.plan_for(db.session, person)
    if not form.validate_on_submit() or the_plan is None:
        flash(form.errors["name"][0] if form.errors.get("name") else "There is no plan to save yet.", "error")
        return redirect(url_for("clinician.plan", patient_id=person.id) + "#templates"), 303
    template, skipped = plan_templates.from_plan(db.session, current_user, the_plan, form.name.data)
    db.session.commit()
    flash(f"Saved as template \u201c{template.name}\u201d." + (f" Left out: {', '.join(skipped)}." if skipped else ""))
    return redirect(url_for("clinician.template", template_id=template.id)), 303
