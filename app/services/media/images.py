"""Routine images: what an upload must be, how it is cleaned, where it is kept and who may see it.

An upload is decoded by Pillow (its bytes decide the type, never the file name), limited in bytes and pixels,
turned upright from its EXIF orientation, scaled to at most MAX_SIDE pixels and re-encoded as a fresh JPEG or PNG:
nothing of the original's metadata (EXIF GPS position, camera, comments, ICC) is copied across.
"""
from __future__ import annotations

import io
import secrets
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CareLink, Plan, PlanItem, PlanVersion, Routine, RoutineImage, User
from app.services.clinics.teams import colleagues

ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_SIDE = 1600
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before decoding
ALT_MAX = 300


class BadImage(ValueError):
    pass


def clean(data: bytes, max_bytes: int) -> tuple[bytes, str, int, int]:
    """(re-encoded bytes, extension, width, height); BadImage says what is wrong."""
    if len(data) > max_bytes:
        raise BadImage(f"The image is larger than {max_bytes // (1024 * 1024)} MB.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED:
                raise BadImage("Upload a JPEG, PNG, WebP or GIF image.")
            if probe.width * probe.height > MAX_PIXELS:
                raise BadImage("The image has too many pixels.")
            probe.seek(0)
            image = ImageOps.exif_transpose(probe)  # upright, then the EXIF is left behind
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, EOFError):
        raise BadImage("That file is not an image Inoplan can read.") from None
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
    return out.getvalue(), ext, fresh.width, fresh.height


def add(session: Session, routine: Routine, owner: User, data: bytes, alt: str, folder: str | Path,
        max_bytes: int) -> RoutineImage:
    """Clean and store an upload for the owner's routine (the caller commits)."""
    alt = (alt or "").strip()
    if not alt:
        raise BadImage("Describe the image for people who cannot see it (alt text).")
    if len(alt) > ALT_MAX:
        raise BadImage(f"Keep the description under {ALT_MAX} characters.")
    body, ext, width, height = clean(data, max_bytes)
    name = f"{secrets.token_hex(16)}.{ext}"
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / name).write_bytes(body)
    image = RoutineImage(routine_id=routine.id, owner_id=owner.id, name=name, alt=alt, width=width, height=height,
                         size=len(body))
    session.add(image)
    session.flush()
    return image


def for_routines(session: Session, routine_ids) -> dict[int, list[RoutineImage]]:
    out: dict[int, list[RoutineImage]] = {}
    ids = list(routine_ids)
    if ids:
        for image in session.scalars(select(RoutineImage).where(RoutineImage.routine_id.in_(ids))
                                     .order_by(RoutineImage.id)):
            out.setdefault(image.routine_id, []).append(image)
    return out


def in_plan(session: Session, patient: User) -> list[RoutineImage]:
    """Images of every routine in any current or past version of the patient's plan (what Today may show)."""
    routine_ids = select(PlanItem.routine_id).join(PlanVersion, PlanItem.version_id == PlanVersion.id).join(
        Plan, PlanVersion.plan_id == Plan.id).where(Plan.patient_id == patient.id)
    return list(session.scalars(select(RoutineImage).where(RoutineImage.routine_id.in_(routine_ids))
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


def remove(session: Session, owner: User, image_id, folder: str | Path) -> bool:
    image = session.scalar(select(RoutineImage).where(RoutineImage.id == image_id, RoutineImage.owner_id == owner.id))
    if image is None:
        return False
    (Path(folder) / image.name).unlink(missing_ok=True)
    session.delete(image)
    return True
