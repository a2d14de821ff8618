"""Routine images: checked by content, re-encoded without metadata, served only to those who may see the routine."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from sqlalchemy import func, select

from app.extensions import db
from app.models import Routine, RoutineImage
from app.services.plans.versions import ItemSpec, plan_for, save_version
from helpers import link, make_user


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 60, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really has GPS
    return data


@pytest.fixture
def media_dir(app, tmp_path):
    app.config["MEDIA_DIR"] = str(tmp_path / "media")
    return Path(app.config["MEDIA_DIR"])


@pytest.fixture
def routine(clinician):
    own = Routine(owner_id=clinician.id, kind="exercise", title="Wall slide")
    db.session.add(own)
    db.session.commit()
    return own


def upload(session, routine_id, data: bytes, name="photo.jpg", alt="A person sliding their back up a wall"):
    return session.client.post(f"/clinician/routines/{routine_id}/images", headers={"X-CSRFToken": session.token},
                               data={"image": (io.BytesIO(data), name), "alt": alt, "csrf_token": session.token},
                               content_type="multipart/form-data")


def count() -> int:
    return db.session.scalar(select(func.count(RoutineImage.id)))


def test_upload_is_reencoded_without_metadata(login, clinician, routine, media_dir):
    c = login(clinician)
    assert upload(c, routine.id, jpeg_with_gps()).status_code == 303
    image = db.session.scalar(select(RoutineImage))
    stored = (media_dir / image.name).read_bytes()
    assert b"SecretCam" not in stored
    reopened = Image.open(io.BytesIO(stored))
    assert reopened.format == "JPEG" and (reopened.width, reopened.height) == (64, 48)
    assert not reopened.getexif() and not reopened.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert image.name.endswith(".jpg") and "photo" not in image.name


@pytest.mark.parametrize("data,name", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "evil.png"),
    (b"#!/bin/sh\necho hi\n", "script.jpg"),
    (b"%PDF-1.4 not an image", "paper.gif"),
])
def test_wrong_types_renamed_as_images_are_refused(login, clinician, routine, media_dir, data, name):
    response = upload(login(clinician), routine.id, data, name=name)
    assert response.status_code == 303 and count() == 0
    assert not media_dir.exists() or not any(media_dir.iterdir())


def test_oversized_and_alt_less_uploads_are_refused(app, login, clinician, routine, media_dir):
    c = login(clinician)
    assert upload(c, routine.id, jpeg_with_gps(), alt="  ").status_code == 303
    app.config["MEDIA_MAX_BYTES"] = 500
    big = io.BytesIO()
    Image.effect_noise((200, 200), 80).convert("RGB").save(big, "JPEG", quality=95)
    upload(c, routine.id, big.getvalue())
    assert count() == 0


def test_only_the_owner_uploads(login, clinician, patient, routine, media_dir):
    other = make_user("other.physio@example.com", "clinician", name="Dr Other")
    assert upload(login(other), routine.id, jpeg_with_gps()).status_code == 404
    assert upload(login(patient), routine.id, jpeg_with_gps()).status_code == 403
    assert count() == 0


def test_served_to_those_who_may_see_it_with_long_cache(app, login, clinician, patient, routine, media_dir):
    stranger = make_user("stranger@example.com", "patient", name="Sam Stranger")
    other = make_user("other.physio@example.com", "clinician", name="Dr Other")
    upload(login(clinician), routine.id, jpeg_with_gps())
    image = db.session.scalar(select(RoutineImage))
    path = f"/media/{image.name}"
    owner = login(clinician).get(path)
    assert owner.status_code == 200 and owner.mimetype == "image/jpeg"
    assert "max-age=31536000" in owner.headers["Cache-Control"] and "immutable" in owner.headers["Cache-Control"]
    assert "private" in owner.headers["Cache-Control"] and "public" not in owner.headers["Cache-Control"]
    assert owner.headers.get("Content-Security-Policy")
    assert login(stranger).get(path).status_code == 404
    assert login(other).get(path).status_code == 404
    assert app.test_client().get(path).status_code == 404
    link(clinician, patient)
    p = login(patient)
    assert p.get(path).status_code == 200
    assert f'alt="{image.alt}"' in p.get(f"/library/{routine.id}").get_data(as_text=True)


def test_plan_images_are_listed_for_offline(login, clinician, patient, routine, media_dir):
    link(clinician, patient)
    upload(login(clinician), routine.id, jpeg_with_gps())
    p = login(patient)
    assert p.get("/api/v1/media").json == {"images": []}
    plan = plan_for(db.session, patient, create=True)
    save_version(db.session, plan, [ItemSpec.from_routine(routine, times=["09:00"])], clinician)
    db.session.commit()
    [listed] = p.get("/api/v1/media").json["images"]
    assert listed["routine_id"] == routine.id and listed["alt"] and listed["url"].startswith("/media/")
    assert p.get(listed["url"]).status_code == 200
