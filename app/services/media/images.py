"""Routine images and clips: what an upload must be, how it is cleaned, where it is kept and who may see it.

An upload is decoded by Pillow (its bytes decide the type, never the file name), limited in bytes and pixels,
turned upright from its EXIF orientation, scaled to at most MAX_SIDE pixels and re-encoded as a fresh JPEG or PNG:
nothing of the original's metadata (EXIF GPS position, camera, comments, ICC) is copied across.

An animated GIF or WebP is a short looping clip: at most MAX_FRAMES frames and MAX_SECONDS seconds, scaled to at
most CLIP_SIDE pixels, each frame redrawn onto a fresh canvas and saved as an animated WebP (again with no
metadata), plus a still of its first frame (`<name>-first.webp`) that is shown to people who asked their phone for
less motion until they press play. Video files (MP4, WebM) are refused: nothing here can re-encode them, and a
video stored as uploaded would keep its metadata (GPS position, device) for every patient to download.

Files go through services/media/storage.py (a folder or an S3 bucket). A file is removed only after the commit
that removed its row (`discard`), so a rolled-back delete never leaves a row without its file.
"""
from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.models import CareLink, Plan, PlanItem, PlanVersion, Routine, RoutineImage, User
from app.services.clinics.teams import colleagues
from app.services.media import storage

ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
ANIMATED = {"GIF", "WEBP"}
MAX_SIDE = 1600
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before decoding
CLIP_SIDE = 720
MAX_FRAMES = 150
MAX_SECONDS = 15
MAX_CLIP_PIXELS = 60_000_000  # width x height x frames as uploaded: bounds the memory and time of re-encoding
ALT_MAX = 300
TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class BadImage(ValueError):
    """What is wrong with an upload, in the uploader's language (raised inside their request)."""


@dataclass
class Cleaned:
    body: bytes
    ext: str
    width: int
    height: int
    first_frame: bytes | None = None  # clips only: a still WebP of the first frame


def clean(data: bytes, max_bytes: int) -> Cleaned:
    """The re-encoded upload; BadImage says what is wrong."""
    if len(data) > max_bytes:
        raise BadImage(_("The image is larger than %(n)s MB.", n=max_bytes // (1024 * 1024)))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED:
                raise BadImage(_("Upload a JPEG, PNG, WebP or GIF image."))
            if probe.width * probe.height > MAX_PIXELS:
                raise BadImage(_("The image has too many pixels."))
            if probe.format in ANIMATED and getattr(probe, "n_frames", 1) > 1:
                return clip(probe, max_bytes)
            probe.seek(0)
            image = ImageOps.exif_transpose(probe)  # upright, then the EXIF is left behind
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, EOFError, SyntaxError, ValueError) as exc:
        if isinstance(exc, BadImage):
            raise
        raise BadImage(_("That file is not an image Inoplan can read.")) from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode in ("RGBA", "LA"):
        fresh = image.convert("RGBA")
        fresh.save(out, "PNG", optimize=True)
        ext = "png"
    else:
        fresh = image.convert("RGB")
        fresh.save(out, "JPEG", quality=85, optimize=True)
        ext = "jpg"
    return Cleaned(out.getvalue(), ext, fresh.width, fresh.height)


def clip(probe: Image.Image, max_bytes: int) -> Cleaned:
    """An animated GIF or WebP as a fresh animated WebP and its first frame (see the module's docstring)."""
    if probe.n_frames > MAX_FRAMES:
        raise BadImage(_("The clip has more than %(n)s frames. Make it shorter.", n=MAX_FRAMES))
    if probe.width * probe.height * probe.n_frames > MAX_CLIP_PIXELS:
        raise BadImage(_("The clip is too large. Make it smaller or shorter."))
    frames, durations = [], []
    for frame in ImageSequence.Iterator(probe):
        durations.append(max(int(frame.info.get("duration") or 100), 20))  # 0 ms plays as 100 ms in browsers
        canvas = Image.new("RGBA", frame.size)
        canvas.paste(frame.convert("RGBA"))
        canvas.thumbnail((CLIP_SIDE, CLIP_SIDE))
        frames.append(canvas)
    if sum(durations) > MAX_SECONDS * 1000:
        raise BadImage(_("The clip is longer than %(n)s seconds. Make it shorter.", n=MAX_SECONDS))
    out, first = io.BytesIO(), io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=durations, loop=0, quality=75,
                   method=4)
    frames[0].save(first, "WEBP", quality=80)
    if out.tell() > max_bytes:
        raise BadImage(_("The clip is too large after conversion. Make it smaller or shorter."))
    return Cleaned(out.getvalue(), "webp", frames[0].width, frames[0].height, first.getvalue())


def add(session: Session, routine: Routine, owner: User, data: bytes, alt: str, max_bytes: int) -> RoutineImage:
    """Clean and store an upload for the owner's routine (the caller commits; a failure stores nothing)."""
    alt = (alt or "").strip()
    if not alt:
        raise BadImage(_("Describe the image for people who cannot see it (alt text)."))
    if len(alt) > ALT_MAX:
        raise BadImage(_("Keep the description under %(n)s characters.", n=ALT_MAX))
    cleaned = clean(data, max_bytes)
    image = RoutineImage(routine_id=routine.id, owner_id=owner.id, name=f"{secrets.token_hex(16)}.{cleaned.ext}",
                         alt=alt, width=cleaned.width, height=cleaned.height, size=len(cleaned.body))
    store = storage.current()
    store.put(image.name, cleaned.body, TYPES[cleaned.ext])
    if image.first_frame_name:
        try:
            store.put(image.first_frame_name, cleaned.first_frame, TYPES["webp"])
        except storage.StorageError:
            storage.delete_quietly([image.name])
            raise
    session.add(image)
    session.flush()
    return image


def files_of(images) -> list[str]:
    """Every stored name of these images (a clip has its first frame too)."""
    return [name for image in images for name in image.files]


def discard(session: Session, names) -> None:
    """Remove these files once the session commits (not at all if it rolls back)."""
    session.info.setdefault("media_discard", []).extend(names)


@event.listens_for(Session, "before_flush")
def _routine_deleted(session: Session, flush_context, instances) -> None:
    """A routine deleted through the ORM takes its images' rows with it (ON DELETE CASCADE), so their files too."""
    ids = [obj.id for obj in session.deleted if isinstance(obj, Routine)]
    if ids:
        discard(session, files_of(session.scalars(select(RoutineImage).where(RoutineImage.routine_id.in_(ids)))))


@event.listens_for(Session, "after_commit")
def _delete_discarded(session: Session) -> None:
    names = session.info.pop("media_discard", None)
    if names:
        storage.delete_quietly(names)


@event.listens_for(Session, "after_soft_rollback")
def _keep_discarded(session: Session, previous_transaction) -> None:
    session.info.pop("media_discard", None)


def for_routines(session: Session, routine_ids) -> dict[int, list[RoutineImage]]:
    out: dict[int, list[RoutineImage]] = {}
    ids = list(routine_ids)
    if ids:
        for image in session.scalars(select(RoutineImage).where(RoutineImage.routine_id.in_(ids))
                                     .order_by(RoutineImage.id)):
            out.setdefault(image.routine_id, []).append(image)
    return out


def plan_routine_ids(patient: User):
    """Every routine in any current or past version of the patient's plan (what Today may show)."""
    return select(PlanItem.routine_id).join(PlanVersion, PlanItem.version_id == PlanVersion.id).join(
        Plan, PlanVersion.plan_id == Plan.id).where(Plan.patient_id == patient.id)


def in_plan(session: Session, patient: User) -> list[RoutineImage]:
    """Images of the routines of the patient's plan."""
    return list(session.scalars(select(RoutineImage).where(RoutineImage.routine_id.in_(plan_routine_ids(patient)))
                                .order_by(RoutineImage.id)))


def may_view(session: Session, user: User, image: RoutineImage) -> bool:
    """The routine's owner and their clinic colleagues, the owner's linked patients, and patients whose plan uses it."""
    routine = session.get(Routine, image.routine_id)
    if routine is None:
        return False
    if user.is_clinician:
        return routine.owner_id == user.id or routine.owner_id in {c.id for c in colleagues(session, user)}
    if routine.owner_id is not None and session.scalar(select(CareLink.id).where(
            CareLink.clinician_id == routine.owner_id, CareLink.patient_id == user.id, CareLink.active.is_(True))):
        return True
    return image in in_plan(session, user)


def remove(session: Session, owner: User, image_id) -> RoutineImage | None:
    """Delete one of the owner's images; its files go when the caller commits."""
    image = session.scalar(select(RoutineImage).where(RoutineImage.id == image_id, RoutineImage.owner_id == owner.id))
    if image is None:
        return None
    discard(session, files_of([image]))
    session.delete(image)
    return image


def owned_files(session: Session, user: User) -> dict[str, bytes]:
    """The files of the user's own images, for the export: {stored name: bytes}; a file the store lost is left out."""
    store, out = storage.current(), {}
    for image in session.scalars(select(RoutineImage).where(RoutineImage.owner_id == user.id)
                                 .order_by(RoutineImage.id)):
        data = store.get(image.name)
        if data is not None:
            out[image.name] = data
    return out
