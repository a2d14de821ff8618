"""Routine images in an S3-compatible bucket. No S3 runs here, so the bucket is moto's S3 emulator, started as a
real HTTP server on loopback: the app talks to it with boto3 over HTTP exactly as it would to AWS or MinIO."""
from __future__ import annotations

import io
import urllib.request
import zipfile

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy import select

from app.extensions import db
from app.models import RoutineImage
from helpers import animated, free_port, jpeg_with_gps, link, upload_image

BUCKET = "inoplan-media-test"


@pytest.fixture
def s3(app, monkeypatch, tmp_path):
    """A fresh emulated S3 on loopback with one bucket; the app stores its images there, not in MEDIA_DIR."""
    for name, value in {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret",
                        "AWS_DEFAULT_REGION": "eu-central-1"}.items():
        monkeypatch.setenv(name, value)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets in this process across servers: start each test from an empty S3
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10)
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    app.config.update(MEDIA_S3_BUCKET=BUCKET, MEDIA_S3_ENDPOINT_URL=endpoint, MEDIA_S3_PREFIX="routine-images/",
                      MEDIA_DIR=str(tmp_path / "never-used"))
    app.extensions.pop("media_storage", None)
    yield client, server
    server.stop()


def count() -> int:
    return len(db.session.scalars(select(RoutineImage.id)).all())


def keys(client) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_uploads_go_to_the_bucket_and_are_served_through_the_app(app, login, clinician, patient, routine, s3,
                                                                  tmp_path):
    client, _ = s3
    c = login(clinician)
    assert upload_image(c, routine.id, jpeg_with_gps()).status_code == 303
    image = db.session.scalar(select(RoutineImage))
    assert keys(client) == {f"routine-images/{image.name}"}
    stored = client.get_object(Bucket=BUCKET, Key=f"routine-images/{image.name}")
    assert stored["ContentType"] == "image/jpeg" and b"SecretCam" not in stored["Body"].read()
    assert not (tmp_path / "never-used").exists()
    link(clinician, patient)
    p = login(patient)
    served = p.get(f"/media/{image.name}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg" and served.data[:2] == b"\xff\xd8"
    cache = served.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "private" in cache and "public" not in cache
    assert "default-src 'self'" in served.headers["Content-Security-Policy"]
    again = p.get(f"/media/{image.name}", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert login(clinician).get("/media/" + "0" * 32 + ".jpg").status_code == 404


def test_a_clip_and_its_first_frame_are_stored_and_deleted_together(login, clinician, routine, s3):
    client, _ = s3
    c = login(clinician)
    upload_image(c, routine.id, animated(), name="clip.gif")
    image = db.session.scalar(select(RoutineImage))
    assert keys(client) == {f"routine-images/{image.name}", f"routine-images/{image.first_frame_name}"}
    assert c.get(f"/media/{image.first_frame_name}").mimetype == "image/webp"
    c.post(f"/clinician/images/{image.id}/delete", data={"csrf_token": c.token})
    assert count() == 0 and keys(client) == set()


def test_account_deletion_and_export_use_the_bucket(login, clinician, routine, s3):
    client, _ = s3
    c = login(clinician)
    upload_image(c, routine.id, jpeg_with_gps())
    name = db.session.scalar(select(RoutineImage.name))
    archive = zipfile.ZipFile(io.BytesIO(c.get("/api/v1/export?format=csv").data))
    assert archive.read(f"images/{name}") == client.get_object(Bucket=BUCKET, Key=f"routine-images/{name}")[
        "Body"].read()
    from app.services.accounts.deletion import delete_account
    delete_account(db.session, clinician)
    db.session.commit()
    assert keys(client) == set()


def test_a_store_that_is_down_stores_nothing_and_says_so(app, login, clinician, routine, s3):
    client, server = s3
    c = login(clinician)
    upload_image(c, routine.id, jpeg_with_gps())
    image = db.session.scalar(select(RoutineImage))
    server.stop()
    response = upload_image(c, routine.id, jpeg_with_gps())
    assert response.status_code == 303 and count() == 1
    assert "The image could not be saved. Try again." in c.get(response.headers["Location"]).get_data(as_text=True)
    assert c.get(f"/media/{image.name}").status_code == 503
    export = c.get("/api/v1/export?format=csv")
    assert export.status_code == 503 and export.json["error"] == "busy"
    server.start()  # the fixture stops it again
