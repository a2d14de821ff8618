"""Routine images: upload (the routine's owner), delete, serve (whoever may see the routine), list for offline."""
from __future__ import annotations

import re
from pathlib import Path

from flask import abort, current_app, flash, jsonify, redirect, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.access import role_required
from app.extensions import db
from app.media import bp
from app.models import Routine, RoutineImage
from app.services.media import images

YEAR = 365 * 24 * 3600
NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


def folder() -> str:
    return current_app.config["MEDIA_DIR"]


@bp.post("/clinician/routines/<int:routine_id>/images")
@role_required("clinician")
def upload(routine_id: int):
    """Attach an image (with alt text) to one of the clinician's own routines."""
    routine = db.session.scalar(select(Routine).where(Routine.id == routine_id, Routine.owner_id == current_user.id))
    if routine is None:
        abort(404)
    upload = request.files.get("image")
    data = upload.stream.read(current_app.config["MEDIA_MAX_BYTES"] + 1) if upload else b""
    try:
        images.add(db.session, routine, current_user, data, request.form.get("alt", ""), folder(),
                   current_app.config["MEDIA_MAX_BYTES"])
    except images.BadImage as exc:
        db.session.rollback()
        flash(str(exc))
        return redirect(url_for("clinician.edit_routine", routine_id=routine.id) + "#images"), 303
    db.session.commit()
    flash(_("Image added."))
    return redirect(url_for("clinician.edit_routine", routine_id=routine.id) + "#images"), 303


@bp.post("/clinician/images/<int:image_id>/delete")
@role_required("clinician")
def delete(image_id: int):
    """Remove one of the clinician's images."""
    image = db.session.get(RoutineImage, image_id)
    routine_id = image.routine_id if image else None
    if not images.remove(db.session, current_user, image_id, folder()):
        abort(404)
    db.session.commit()
    return redirect(url_for("clinician.edit_routine", routine_id=routine_id) + "#images"), 303


@bp.get("/media/<name>")
def serve(name: str):
    """The image, for people who may see its routine; its name never changes, so it is cached for a year.
    Anyone else (signed out too: an <img> cannot follow a login redirect usefully) gets 404."""
    if not current_user.is_authenticated or not NAME.fullmatch(name):
        abort(404)
    image = db.session.scalar(select(RoutineImage).where(RoutineImage.name == name))
    if image is None or not images.may_view(db.session, current_user, image):
        abort(404)
    response = send_from_directory(Path(folder()).resolve(), image.name, max_age=YEAR, conditional=True)
    response.cache_control.private, response.cache_control.public = True, False
    response.cache_control.immutable = True
    return response


@bp.get("/api/v1/media")
@role_required("patient")
def offline_list():
    """The images of the routines in the patient's plan, which the app saves for offline use."""
    rows = images.in_plan(db.session, current_user)
    return jsonify({"images": [{"routine_id": i.routine_id, "url": url_for("media.serve", name=i.name), "alt": i.alt,
                                "width": i.width, "height": i.height} for i in rows]})
