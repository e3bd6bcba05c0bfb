"""Refuses to start zeef on a store that would not keep the audit trail as promised.

Run before the web app and by airflow-init (docker-compose.yml); exits 1 with one line
naming what is wrong, else prints one line and exits 0:

- no variable of the environment still holds .env.example's placeholder `change-me`;
- ZEEF_STORE is ``s3://BUCKET`` and the bucket exists (minio-init made it);
- the bucket has object lock (made with ``mc mb --with-lock``; zeef would otherwise
  write the audit trail without a lock, and a bucket cannot get object lock later),
  unless ZEEF_S3_AUDIT_LOCK_DAYS is 0 (the lock switched off on purpose);
- the bucket has no default retention: that would lock every dossier document too, and
  documents that must be destroyed could not be;
- versioning is on (object lock implies it).

Prints ids and settings only, never a credential.
"""

from __future__ import annotations

import os
import sys
import urllib.parse

from minio import Minio
from minio.error import S3Error
from urllib3.exceptions import HTTPError


def fail(message: str) -> None:
    print(f"check-store: {message}", file=sys.stderr)
    sys.exit(1)


PLACEHOLDER = "change-me"


def refuse_placeholders() -> None:
    """A value copied unchanged from .env.example (also inside a URL's password)."""
    left = sorted(
        name
        for name, value in os.environ.items()
        if value == PLACEHOLDER or f":{PLACEHOLDER}@" in value
    )
    if left:
        fail(f"still the placeholder from .env.example: {', '.join(left)}; set it in .env")


def main() -> None:
    refuse_placeholders()
    store = os.environ.get("ZEEF_STORE", "")
    if not store.startswith("s3://"):
        fail("ZEEF_STORE must be s3://BUCKET in this deployment")
    bucket = store[len("s3://") :].strip("/")
    for name in ("ZEEF_S3_ENDPOINT", "ZEEF_S3_ACCESS_KEY", "ZEEF_S3_SECRET_KEY"):
        if not os.environ.get(name):
            fail(f"{name} is not set")
    endpoint = urllib.parse.urlsplit(os.environ["ZEEF_S3_ENDPOINT"])
    client = Minio(
        endpoint.netloc,
        access_key=os.environ["ZEEF_S3_ACCESS_KEY"],
        secret_key=os.environ["ZEEF_S3_SECRET_KEY"],
        secure=endpoint.scheme == "https",
    )
    lock_days = os.environ.get("ZEEF_S3_AUDIT_LOCK_DAYS", "").strip()
    try:
        if not client.bucket_exists(bucket):
            fail(f"bucket {bucket} does not exist (minio-init makes it)")
        try:
            config = client.get_object_lock_config(bucket)
        except S3Error as exc:
            if "ObjectLock" not in exc.code:
                raise
            config = None
        versioning = client.get_bucket_versioning(bucket).status
    except S3Error as exc:
        fail(f"the S3 server refused ({exc.code}): check ZEEF_S3_ACCESS_KEY/SECRET_KEY")
    except (OSError, HTTPError) as exc:
        fail(f"the S3 server cannot be reached ({type(exc).__name__})")
    if config is None:
        if lock_days == "0":
            print(f"check-store: {store}: no object lock (ZEEF_S3_AUDIT_LOCK_DAYS=0)")
            return
        fail(
            f"bucket {bucket} has no object lock: the audit trail would not be locked. "
            "Make the bucket with `mc mb --with-lock` (docs/deployment.md)"
        )
    if config.mode is not None:
        fail(
            f"bucket {bucket} has a default retention ({config.mode}): every document "
            "would be locked; remove it, zeef locks audit/ itself"
        )
    if versioning != "Enabled":
        fail(f"bucket {bucket}: versioning is {versioning}, not Enabled")
    days = lock_days or "21 x 366 (the default)"
    print(f"check-store: {store}: object lock on, audit/ locked for {days} days")


if __name__ == "__main__":
    main()
