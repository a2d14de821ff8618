"""A patient's own plan: build it from the library, edit it, see its history."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.access import found, role_required
from app.extensions import db
from app.i18n import current_language
from app.models import VARIANTS, CareLink, Routine
from app.patient import bp
from app.patient.forms import PlanItemForm, RemovalForm, SeveralItemsForm
from app.services.localize import routine_text
from app.services.media import images as media
from app.services.plans import changes, library, removals
from app.services.plans import versions as plans
from app.services.plans.versions import ItemSpec


def clinician_ids() -> list[int]:
    return list(db.session.scalars(select(CareLink.clinician_id).where(
        CareLink.patient_id == current_user.id, CareLink.active.is_(True))))


def routine_choices(form: PlanItemForm, current: Routine | None = None) -> dict[int, Routine]:
    routines = {r.id: r for r in library.available_to(db.session, current_user, clinician_ids())}
    language = current_language()
    return form.offer(routines, lambda r: routine_text(r, "title", language), current)


def plan_page(form: PlanItemForm | None = None, removal_form: RemovalForm | None = None, removing: str = ""):
    the_plan = plans.plan_for(db.session, current_user)
    standard = plans.current_version(db.session, the_plan, "standard") if the_plan else None
    flare = plans.current_version(db.session, the_plan, "flare") if the_plan else None
    form = form or PlanItemForm()
    routines = routine_choices(form)
    if not form.is_submitted():
        form.preselect(routines.get(request.args.get("routine", type=int)))
    last = removals.last_undoable(db.session, current_user)
    return render_template("patient/plan.html", plan=the_plan, standard=standard, flare=flare, form=form,
                           doses=form.usual_doses(routines), removal_form=removal_form or RemovalForm(),
                           removing=removing, last_removal=last if last and last.item_key not in
                           {i.key for i in (standard.items if standard else [])} else None,
                           prescribed=removals.prescribed(db.session, the_plan, current_user) if the_plan else {})


@bp.route("/plan")
@role_required("patient")
def plan():
    """The current plan, its flare-up variant and a form to add a routine."""
    return plan_page()


@bp.post("/plan/items")
@role_required("patient")
def add_item():
    """Add a routine to the plan: a new version."""
    form = PlanItemForm()
    routines = routine_choices(form)
    if not form.validate_on_submit():
        return plan_page(form), 422
    the_plan = plans.plan_for(db.session, current_user, create=True)
    routine = routines[form.routine_id.data]
    specs = plans.current_specs(db.session, the_plan) + [library.with_usual_dose(form.spec(), routine)]
    plans.save_version(db.session, the_plan, specs, current_user, note=f"Added {routine.title}")
    db.session.commit()
    flash(_("Added %(title)s to your plan.", title=routine_text(routine, "title", current_language())))
    return redirect(url_for("patient.plan")), 303


def find_spec(key: str) -> tuple:
    the_plan = plans.plan_for(db.session, current_user)
    specs = plans.current_specs(db.session, the_plan) if the_plan else []
    index = found(plans.index_of(specs, key))
    return the_plan, specs, index


@bp.route("/plan/add", methods=["GET", "POST"])
@role_required("patient")
def add_several():
    """Choose several routines at once from a filterable list; each gets its usual dose."""
    form = SeveralItemsForm()
    routines = {r.id: r for r in library.available_to(db.session, current_user, clinician_ids())}
    language = current_language()
    form.routine_ids.choices = [(r.id, routine_text(r, "title", language)) for r in routines.values()]
    if form.validate_on_submit():
        the_plan = plans.plan_for(db.session, current_user, create=True)
        chosen = [routines[i] for i in dict.fromkeys(form.routine_ids.data)]
        added = [library.with_usual_dose(ItemSpec(r.id, plans.days_to_mask(form.days.data), form.time_list), r)
                 for r in chosen]
        plans.save_version(db.session, the_plan, plans.current_specs(db.session, the_plan) + added, current_user,
                           note="Added " + ", ".join(r.title for r in chosen))
        db.session.commit()
        flash(ngettext("Added %(num)d routine to your plan.", "Added %(num)d routines to your plan.", len(chosen)))
        return redirect(url_for("patient.plan")), 303
    query = (request.args.get("q") or "").strip().casefold()[:80]
    shown = [r for r in routines.values() if not query or query in routine_text(r, "title", language).casefold()
             or query in str(library.KIND_LABELS[r.kind]).casefold()]
    return render_template("patient/add_several.html", form=form, routines=shown, query=query,
                           kinds=library.KIND_LABELS), 422 if form.errors else 200


@bp.route("/plan/items/<key>", methods=["GET", "POST"])
@role_required("patient")
def edit_item(key: str):
    """Change an item's days, times or dose: a new version."""
    the_plan, specs, index = find_spec(key)
    spec = specs[index]
    form = PlanItemForm.for_spec(spec)
    routines = routine_choices(form, db.session.get(Routine, spec.routine_id))
    if form.validate_on_submit():
        specs[index] = form.spec(key)
        plans.save_version(db.session, the_plan, specs, current_user,
                           note=f"Changed {routines[form.routine_id.data].title}")
        db.session.commit()
        flash(_("Plan updated."))
        return redirect(url_for("patient.plan")), 303
    return render_template("patient/edit_item.html", form=form, key=key), 422 if form.errors else 200


@bp.post("/plan/items/<key>/remove")
@role_required("patient")
def remove_item(key: str):
    """Take an item out of the plan: a new version; its history stays. A prescribed one needs a reason."""
    the_plan, specs, index = find_spec(key)
    routine = db.session.get(Routine, specs[index].routine_id)
    form = RemovalForm()
    if not form.validate_on_submit():
        abort(400)
    if key in removals.prescribed(db.session, the_plan, current_user) and not form.reason.data:
        form.reason.errors = [_("Please tell your physiotherapist why.")]
        return plan_page(removal_form=form, removing=key), 422
    removal = removals.remove(db.session, the_plan, current_user, key, routine.title, form.reason.data,
                              form.note.data or "")
    db.session.commit()
    title = routine_text(routine, "title", current_language())
    flash(_("Removed %(title)s. Your physiotherapist will see why; you can undo it below.", title=title) if removal
          else _("Removed %(title)s. Your earlier ticks are kept.", title=title))
    return redirect(url_for("patient.plan")), 303


@bp.post("/plan/removals/<int:removal_id>/undo")
@role_required("patient")
def undo_removal(removal_id: int):
    """Put a removed routine back as it was."""
    the_plan = plans.plan_for(db.session, current_user)
    removal = found(removals.undo(db.session, the_plan, current_user, removal_id) if the_plan else None)
    db.session.commit()
    flash(_("%(title)s is back in your plan.", title=removal.title))
    return redirect(url_for("patient.plan")), 303


@bp.route("/plan/history")
@role_required("patient")
def plan_history():
    """Every version of the plan, newest first."""
    the_plan = plans.plan_for(db.session, current_user)
    lines = {variant: changes.history(db.session, the_plan, variant) if the_plan else [] for variant in VARIANTS}
    return render_template("patient/plan_history.html", lines=lines)


@bp.route("/library")
@role_required("patient")
def library_index():
    """Browse routines by kind."""
    routines = library.available_to(db.session, current_user, clinician_ids())
    return render_template("patient/library.html", routines=routines, kinds=library.KIND_LABELS)


@bp.route("/library/<int:routine_id>")
@role_required("patient")
def routine(routine_id: int):
    """One routine: steps, dose, precautions."""
    item = db.session.get(Routine, routine_id)
    if item is None or not library.may_read(db.session, current_user, item, clinician_ids()):
        abort(404)
    return render_template("patient/routine.html", routine=item, kinds=library.KIND_LABELS,
                           images=media.for_routines(db.session, [item.id]).get(item.id))
