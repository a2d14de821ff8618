"""Routine images and clips: checked by content, re-encoded without metadata, served only to those who may see the
routine, removed with their rows."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from sqlalchemy import func, select

from app.extensions import db
from app.models import RoutineImage
from app.services.plans.versions import ItemSpec, plan_for, save_version
from helpers import animated, jpeg_with_gps, link, make_user, upload_image


@pytest.fixture
def media_dir(app, tmp_path):
    app.config["MEDIA_DIR"] = str(tmp_path / "media")
    return Path(app.config["MEDIA_DIR"])


def count() -> int:
    return db.session.scalar(select(func.count(RoutineImage.id)))


def test_upload_is_reencoded_without_metadata(login, clinician, routine, media_dir):
    c = login(clinician)
    assert upload_image(c, routine.id, jpeg_with_gps()).status_code == 303
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
    response = upload_image(login(clinician), routine.id, data, name=name)
    assert response.status_code == 303 and count() == 0
    assert not media_dir.exists() or not any(media_dir.iterdir())


def test_oversized_and_alt_less_uploads_are_refused(app, login, clinician, routine, media_dir):
    c = login(clinician)
    assert upload_image(c, routine.id, jpeg_with_gps(), alt="  ").status_code == 303
    app.config["MEDIA_MAX_BYTES"] = 500
    big = io.BytesIO()
    Image.effect_noise((200, 200), 80).convert("RGB").save(big, "JPEG", quality=95)
    upload_image(c, routine.id, big.getvalue())
    assert count() == 0


def test_only_the_owner_uploads(login, clinician, patient, routine, media_dir):
    other = make_user("other.physio@example.com", "clinician", name="Dr Other")
    assert upload_image(login(other), routine.id, jpeg_with_gps()).status_code == 404
    assert upload_image(login(patient), routine.id, jpeg_with_gps()).status_code == 403
    assert count() == 0


def test_served_to_those_who_may_see_it_with_long_cache(app, login, clinician, patient, routine, media_dir):
    stranger = make_user("stranger@example.com", "patient", name="Sam Stranger")
    other = make_user("other.physio@example.com", "clinician", name="Dr Other")
    upload_image(login(clinician), routine.id, jpeg_with_gps())
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
    upload_image(login(clinician), routine.id, jpeg_with_gps())
    p = login(patient)
    assert p.get("/api/v1/media").json == {"images": [], "illustrations": []}
    plan = plan_for(db.session, patient, create=True)
    save_version(db.session, plan, [ItemSpec.from_routine(routine, times=["09:00"])], clinician)
    db.session.commit()
    [listed] = p.get("/api/v1/media").json["images"]
    assert listed["routine_id"] == routine.id and listed["alt"] and listed["url"].startswith("/media/")
    assert p.get(listed["url"]).status_code == 200


def test_an_animated_gif_becomes_a_looping_webp_clip_without_metadata(login, clinician, patient, routine, media_dir):
    data = animated("GIF", comment=b"SecretCam at 52.5N")
    assert b"SecretCam" in data
    c = login(clinician)
    response = upload_image(c, routine.id, data, name="clip.gif")
    assert response.status_code == 303
    image = db.session.scalar(select(RoutineImage))
    editing = c.get(response.headers["Location"]).get_data(as_text=True)  # listed still, nothing moves there
    assert f'src="/media/{image.first_frame_name}"' in editing and "looping clip" in editing
    assert image.is_clip and image.name.endswith(".webp") and (image.width, image.height) == (60, 40)
    stored = (media_dir / image.name).read_bytes()
    assert b"SecretCam" not in stored and b"EXIF" not in stored and b"XMP " not in stored
    clip = Image.open(io.BytesIO(stored))
    assert clip.format == "WEBP" and clip.n_frames == 6 and clip.info.get("loop") == 0
    still = Image.open(io.BytesIO((media_dir / image.first_frame_name).read_bytes()))
    assert still.format == "WEBP" and getattr(still, "n_frames", 1) == 1
    link(clinician, patient)
    page = login(patient).get(f"/library/{routine.id}").get_data(as_text=True)
    # Looping for everyone who has not asked for less motion; the first frame and a play button otherwise.
    assert f'<source media="(prefers-reduced-motion: no-preference)" srcset="/media/{image.name}"' in page
    assert f'src="/media/{image.first_frame_name}" alt="{image.alt}"' in page and "data-clip-toggle" in page
    served = login(patient).get(f"/media/{image.first_frame_name}")
    assert served.status_code == 200 and served.mimetype == "image/webp"


def test_an_animated_webp_with_exif_is_accepted_and_cleaned(login, clinician, routine, media_dir):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    data = animated("WEBP", exif=exif.tobytes())
    assert b"SecretCam" in data
    upload_image(login(clinician), routine.id, data, name="clip.webp")
    image = db.session.scalar(select(RoutineImage))
    stored = (media_dir / image.name).read_bytes()
    assert image.is_clip and b"SecretCam" not in stored and Image.open(io.BytesIO(stored)).n_frames == 6


@pytest.mark.parametrize("data,message", [
    (lambda: animated(frames=151, size=(8, 8), duration=20), "more than 150 frames"),
    (lambda: animated(frames=20, duration=1000), "longer than 15 seconds"),
])
def test_clips_too_long_are_refused_with_the_reason(login, clinician, routine, media_dir, data, message):
    c = login(clinician)
    response = upload_image(c, routine.id, data(), name="clip.gif")
    assert response.status_code == 303 and count() == 0
    assert message in c.get(response.headers["Location"]).get_data(as_text=True)
    assert not media_dir.exists() or not any(media_dir.iterdir())


def test_deleting_an_image_removes_its_files_after_the_commit(login, clinician, routine, media_dir):
    c = login(clinician)
    upload_image(c, routine.id, animated(), name="clip.gif")
    image = db.session.scalar(select(RoutineImage))
    files = {media_dir / image.name, media_dir / image.first_frame_name}
    assert all(f.exists() for f in files)
    assert c.post(f"/clinician/images/{image.id}/delete", data={"csrf_token": c.token}).status_code == 303
    assert count() == 0 and not any(f.exists() for f in files)


def test_a_rolled_back_delete_keeps_the_files(app, login, clinician, routine, media_dir):
    from app.services.media import images
    upload_image(login(clinician), routine.id, jpeg_with_gps())
    image = db.session.scalar(select(RoutineImage))
    images.remove(db.session, clinician, image.id)
    db.session.rollback()
    db.session.commit()
    assert (media_dir / image.name).exists() and count() == 1


def test_account_deletion_removes_the_clinicians_image_files(login, clinician, routine, media_dir):
    from app.services.accounts.deletion import delete_account
    upload_image(login(clinician), routine.id, jpeg_with_gps())
    name = db.session.scalar(select(RoutineImage.name))
    delete_account(db.session, clinician)
    db.session.commit()
    assert count() == 0 and not (media_dir / name).exists()


def test_the_export_zip_holds_the_users_image_files(login, clinician, routine, media_dir):
    c = login(clinician)
    upload_image(c, routine.id, jpeg_with_gps())
    image = db.session.scalar(select(RoutineImage))
    archive = zipfile.ZipFile(io.BytesIO(c.get("/api/v1/export?format=csv").data))
    assert archive.read(f"images/{image.name}") == (media_dir / image.name).read_bytes()
    assert image.name in archive.read("other_routine_images.csv").decode()
