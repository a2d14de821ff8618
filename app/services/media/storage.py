"""Where routine images are kept: the instance folder (MEDIA_DIR, the default) or an S3-compatible bucket
(MEDIA_S3_BUCKET, with MEDIA_S3_ENDPOINT_URL for a provider other than AWS and the standard AWS_* variables for
the credentials and region).

One interface for every path that touches the files: the upload puts, serving and the export get, the delete button
and account deletion delete. Names are random and never reused (services/media/images.py), so a stored object never
changes and nothing here needs locking or versions.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

log = logging.getLogger("inoplan.media")


class StorageError(RuntimeError):
    """The store could not be reached or refused the request."""


class Storage(Protocol):
    def put(self, name: str, data: bytes, content_type: str) -> None: ...
    def get(self, name: str) -> bytes | None: ...  # None: there is no such object
    def delete(self, names: Iterable[str]) -> None: ...


class FolderStorage:
    """Files in one folder on this machine."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def put(self, name: str, data: bytes, content_type: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)

    def get(self, name: str) -> bytes | None:
        try:
            return (self.folder / name).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, names: Iterable[str]) -> None:
        for name in names:
            (self.folder / name).unlink(missing_ok=True)


class S3Storage:
    """Objects in an S3-compatible bucket, under an optional key prefix."""

    def __init__(self, bucket: str, endpoint_url: str | None = None, prefix: str = ""):
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix
        # Short timeouts and two tries: an upload or an image should fail visibly, not hang a worker.
        self.client = boto3.client("s3", endpoint_url=endpoint_url or None, config=Config(
            connect_timeout=5, read_timeout=15, retries={"max_attempts": 2, "mode": "standard"}))

    def _errors(self):
        from botocore.exceptions import BotoCoreError, ClientError
        return BotoCoreError, ClientError

    def put(self, name: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=self.prefix + name, Body=data, ContentType=content_type)
        except self._errors() as exc:
            raise StorageError(f"could not store {name} in bucket {self.bucket}: {exc}") from exc

    def get(self, name: str) -> bytes | None:
        from botocore.exceptions import ClientError
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise StorageError(f"could not read {name} from bucket {self.bucket}: {exc}") from exc
        except self._errors() as exc:
            raise StorageError(f"could not read {name} from bucket {self.bucket}: {exc}") from exc

    def delete(self, names: Iterable[str]) -> None:
        keys = [{"Key": self.prefix + name} for name in names]
        for start in range(0, len(keys), 1000):  # the most one DeleteObjects call takes
            try:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys[start:start + 1000],
                                                                       "Quiet": True})
            except self._errors() as exc:
                raise StorageError(f"could not delete from bucket {self.bucket}: {exc}") from exc


def for_config(config, cache: dict | None = None) -> Storage:
    """The store the configuration names; an S3 client is made once per bucket and endpoint (in `cache`)."""
    bucket = config.get("MEDIA_S3_BUCKET")
    if not bucket:
        return FolderStorage(config["MEDIA_DIR"])
    key = (bucket, config.get("MEDIA_S3_ENDPOINT_URL"), config.get("MEDIA_S3_PREFIX", ""))
    if cache is None:
        return S3Storage(*key)
    if key not in cache:
        cache[key] = S3Storage(*key)
    return cache[key]


def current() -> Storage:
    """The store of the running app."""
    from flask import current_app
    return for_config(current_app.config, current_app.extensions.setdefault("media_storage", {}))


def delete_quietly(names: Iterable[str]) -> None:
    """Remove objects whose rows are already gone; a failure is logged (an orphan costs bytes, never privacy:
    nothing serves a name without its row)."""
    names = list(names)
    if not names:
        return
    try:
        current().delete(names)
    except StorageError as exc:
        log.error("%s (left behind: %s)", exc, ", ".join(names))
