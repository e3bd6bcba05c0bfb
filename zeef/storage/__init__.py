"""Where documents, records and the audit trail are kept: one small interface
(`base.Store`) and two backends that behave the same, a local folder (the embedded
default) and S3 (MinIO in production). `open_store` picks one from a URL; `case_lock`
keeps one writer per case on either."""

from zeef.storage.base import (
    ObjectNotFound,
    Store,
    StoreConfigError,
    StoreError,
    check_key,
    content_key,
    open_store,
    sha256_hex,
)
from zeef.storage.lock import CaseBusy, LockLost, case_lock

__all__ = [
    "CaseBusy",
    "LockLost",
    "ObjectNotFound",
    "Store",
    "StoreConfigError",
    "StoreError",
    "case_lock",
    "check_key",
    "content_key",
    "open_store",
    "sha256_hex",
]
