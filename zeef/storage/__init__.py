"""Where documents, records and the audit trail are kept: one small interface
(`base.Store`) and two backends that behave the same, a local folder (the embedded
default) and S3 (MinIO in production). `open_store` picks one from a URL."""

from zeef.storage.base import (
    ObjectNotFound,
    Store,
    StoreError,
    check_key,
    content_key,
    open_store,
    sha256_hex,
)

__all__ = [
    "ObjectNotFound",
    "Store",
    "StoreError",
    "check_key",
    "content_key",
    "open_store",
    "sha256_hex",
]
