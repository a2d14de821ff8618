"""Routine images: upload (the routine's owner), delete, serve (whoever may see the routine), list for offline."""
from __future__ import annotations

import re

from flask import Response, abort, current_app, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.access import found, role_required
from app.extensions import db
from app.media import bp
from app.models import Routine, RoutineImage
from app.services.media import images, storage
from app.services.media.illustrations import offline_urls

YEAR = 365 * 24 * 3600
NAME = re.compile(r"([0-9a-f]{32})(-first)?\.(jpg|png|webp)")


@bp.post("/clinician/routines/<int:routine_id>/images")
@role_required("clinician")
def upload(routine_id: int):
    """Attach an image (with alt text) to one of the clinician's own routines."""
    routine = found(db.session.scalar(select(Routine).where(Routine.id == routine_id,
                                                            Routine.owner_id == current_user.id)))
    upload = request.files.get("image")
    data = upload.stream.read(current_app.config["MEDIA_MAX_BYTES"] + 1) if upload else b""
    try:
        images.add(db.session, routine, current_user, data, request.form.get("alt", ""),
                   current_app.config["MEDIA_MAX_BYTES"])
    except (images.BadImage, storage.StorageError) as exc:
        db.session.rollback()
        current_app.logger.warning("image upload refused: %s", exc)
        flash(str(exc) if isinstance(exc, images.BadImage) else _("The image could not be saved. Try again."))
        return redirect(url_for("clinician.edit_routine", routine_id=routine.id) + "#images"), 303
    db.session.commit()
    flash(_("Image added."))
    return redirect(url_for("clinician.edit_routine", routine_id=routine.id) + "#images"), 303


@bp.post("/clinician/images/<int:image_id>/delete")
@role_required("clinician")
def delete(image_id: int):
    """Remove one of the clinician's images."""
    image = found(images.remove(db.session, current_user, image_id))
    db.session.commit()  # the files go after this commit
    return redirect(url_for("clinician.edit_routine", routine_id=image.routine_id) + "#images"), 303


@bp.get("/media/<name>")
def serve(name: str):
    """The image (or a clip's first frame), for people who may see its routine; its name never changes, so it is
    cached for a year. Anyone else (signed out too: an <img> cannot follow a login redirect usefully) gets 404.
    The bytes come through the app from either store (see "Routine images" in docs/architecture.md)."""
    match = NAME.fullmatch(name)
    if not current_user.is_authenticated or not match:
        abort(404)
    stem, first, ext = match.groups()
    if first and ext != "webp":
        abort(404)
    image = db.session.scalar(select(RoutineImage).where(RoutineImage.name == f"{stem}.{ext}"))
    if image is None or not images.may_view(db.session, current_user, image):
        abort(404)
    response = Response(mimetype=images.TYPES[ext])
    response.set_etag(name)
    response.cache_control.max_age, response.cache_control.private, response.cache_control.immutable = YEAR, True, True
    if request.if_none_match.contains(name):
        response.status_code = 304
        return response
    try:
        data = storage.current().get(name)
    except storage.StorageError as exc:
        current_app.logger.error("%s", exc)
        abort(503)
    if data is None:
        abort(404)
    response.set_data(data)
    return response


@bp.get("/api/v1/media")
@role_required("patient")
def offline_list():
    """The images and clips of the routines in the patient's plan, and the drawings of its built-in routines, which
    the app saves for offline use."""
    rows = images.in_plan(db.session, current_user)
    return jsonify({"images": [{"routine_id": i.routine_id, "url": url_for("media.serve", name=i.name), "alt": i.alt,
                                "width": i.width, "height": i.height, "clip": i.is_clip}
                               | ({"first_frame_url": url_for("media.serve", name=i.first_frame_name)}
                                  if i.is_clip else {}) for i in rows],
                    "illustrations": offline_urls(db.session, current_user)})
