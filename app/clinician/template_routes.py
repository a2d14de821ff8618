"""Saved plan templates ("lower back starter", "sleep reset"): build, change, delete."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import found, role_required
from app.clinician import bp
from app.clinician.forms import TemplateForm
from app.clinician.plan_routes import routine_choices
from app.extensions import db
from app.formatting import dose_or_none, schedule_text, title_of
from app.models import PlanTemplate, Routine
from app.patient.forms import PlanItemForm
from app.services.plans import templates as plan_templates
from app.services.plans.library import with_usual_dose


def own_template(template_id: int) -> PlanTemplate:
    return found(plan_templates.get(db.session, current_user, template_id))


def lines(template: PlanTemplate) -> list[dict]:
    """Readable items; a routine that was archived or removed is named as such."""
    out = []
    for index, data in enumerate(template.items):
        spec = plan_templates.spec_from_dict(data)
        routine = db.session.get(Routine, spec.routine_id)
        title = title_of(routine) if routine else _("A removed routine")
        if routine is not None and routine.archived:
            title = _("%(title)s (archived, left out when applied)", title=title)
        out.append({"index": index, "title": title, "dose": dose_or_none(spec.__dict__),
                    "schedule": schedule_text(spec.days_mask, spec.times)})
    return out


@bp.route("/templates", methods=["GET", "POST"])
@role_required("clinician")
def templates():
    """Your templates, and a form to start one from scratch."""
    form = TemplateForm()
    if form.validate_on_submit():
        template = plan_templates.create(db.session, current_user, form.name.data, form.description.data or "")
        db.session.commit()
        flash(_("Template \u201c%(name)s\u201d created. Add its routines below.", name=template.name))
        return redirect(url_for("clinician.template", template_id=template.id)), 303
    return render_template("clinician/templates.html", form=form,
                           templates=plan_templates.for_owner(db.session, current_user)), 422 if form.errors else 200


@bp.route("/templates/<int:template_id>", methods=["GET", "POST"])
@role_required("clinician")
def template(template_id: int):
    """A template's items; posting the form adds one."""
    template = own_template(template_id)
    form = PlanItemForm()
    routines = routine_choices(form)
    if form.validate_on_submit():
        plan_templates.set_items(template, [*map(plan_templates.spec_from_dict, template.items),
                                            with_usual_dose(form.spec(), routines[form.routine_id.data])])
        db.session.commit()
        flash(_("Added %(title)s.", title=title_of(routines[form.routine_id.data])))
        return redirect(url_for("clinician.template", template_id=template.id)), 303
    return render_template("clinician/template.html", template=template, lines=lines(template), form=form,
                           doses=form.usual_doses(routines),
                           rename_form=TemplateForm(obj=template)), 422 if form.errors else 200


@bp.post("/templates/<int:template_id>/items/<int:index>/remove")
@role_required("clinician")
def remove_template_item(template_id: int, index: int):
    """Take one routine out of a template."""
    template = own_template(template_id)
    if index >= len(template.items):
        abort(404)
    plan_templates.set_items(template, [plan_templates.spec_from_dict(d) for i, d in enumerate(template.items)
                                        if i != index])
    db.session.commit()
    flash(_("Removed from the template."))
    return redirect(url_for("clinician.template", template_id=template.id)), 303


@bp.post("/templates/<int:template_id>/rename")
@role_required("clinician")
def rename_template(template_id: int):
    """Change a template's name or description."""
    template = own_template(template_id)
    form = TemplateForm()
    if form.validate_on_submit():
        template.name, template.description = form.name.data.strip(), (form.description.data or "").strip()
        db.session.commit()
        flash(_("Template saved."))
    else:
        flash(next(iter(form.errors.values()))[0], "error")
    return redirect(url_for("clinician.template", template_id=template.id)), 303


@bp.post("/templates/<int:template_id>/delete")
@role_required("clinician")
def delete_template(template_id: int):
    """Delete a template; plans made from it are not touched."""
    template = own_template(template_id)
    db.session.delete(template)
    db.session.commit()
    flash(_("Deleted \u201c%(name)s\u201d.", name=template.name))
    return redirect(url_for("clinician.templates")), 303
