"""The store interface every backend implements, and how a store is chosen.

Keys are ids, never personal data: ASCII letters, digits and ``. _ -`` in
segments joined by ``/`` (a case id, a sha256, a fixed word). Object metadata (string to
string) is for ids and media types only. Writes are atomic: a reader sees the whole
old object, the whole new one, or none, never part of one.

One writer per case is guaranteed by the case lock (`lock_case`, see `zeef.storage.lock`);
`put_new` is an atomic create on both backends (no two writers both succeed).
"""

from __future__ import annotations

import hashlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from zeef.domain.errors import InvalidInput, ObjectNotFound, StoreError

__all__ = [
    "DEFAULT_STORE",
    "ObjectNotFound",
    "Store",
    "StoreConfigError",
    "StoreError",
    "sha256_hex",
]

DEFAULT_STORE = "./zeef-data"

_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,199}")


class StoreConfigError(InvalidInput, StoreError):
    """A store that cannot be opened because of what the user gave: a malformed URL or
    bucket name, a missing ZEEF_S3_* variable, a path that is not a folder. Bad input
    (`InvalidInput`, exit code 2), and still a `StoreError` for callers that catch those.
    An unreachable or refusing server is a plain `StoreError` (exit code 1)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_key(key: str) -> str:
    """`key` when it is a well-formed key, else ValueError (no absolute paths, no
    ``..``, no empty or hidden segments, nothing but ``[A-Za-z0-9._-]``)."""
    segments = key.split("/")
    if not key or any(not _SEGMENT.fullmatch(s) or s in (".", "..") for s in segments):
        raise ValueError("malformed store key")
    return key


_META_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def check_metadata(metadata: Mapping[str, str] | None) -> None:
    """ValueError unless every metadata key is a lower-case word and every value a
    string: what both backends can keep exactly (HTTP lower-cases header names)."""
    for key, value in (metadata or {}).items():
        if not isinstance(key, str) or not _META_KEY.fullmatch(key):
            raise ValueError("malformed metadata key (lower-case ASCII words only)")
        if not isinstance(value, str):
            raise ValueError("metadata values are strings")


def content_key(prefix: str, data: bytes) -> str:
    """The content address of `data` under `prefix`: ``prefix/<sha256>``."""
    return check_key(f"{prefix.rstrip('/')}/{sha256_hex(data)}")


class Store(ABC):
    """A flat key → bytes store with prefixes, implemented by `LocalStore` and
    `S3Store`. Both pass the same test suite (tests/storage/)."""

    url: str

    @abstractmethod
    def put(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> None:
        """Write `data` under `key` atomically, replacing what was there."""

    @abstractmethod
    def put_new(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> bool:
        """Write only when nothing is under `key` yet; True when written. Atomic: of two
        writers at once, exactly one gets True."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The object's bytes; ObjectNotFound when there is none."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def metadata(self, key: str) -> dict[str, str]:
        """The metadata given at `put`; ObjectNotFound when there is no object."""

    @abstractmethod
    def list(self, prefix: str = "") -> list[str]:
        """Every key that starts with `prefix`, sorted."""

    def sweep_temporary(self, folders: Iterable[str] = ("",), older_than: float = 3600.0) -> int:
        """Remove what writers killed mid-write left under the key folders `folders`;
        returns how many. Nothing to do where writes leave nothing behind (S3's PUT);
        the local folder overrides it."""
        return 0

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object and, where the backend keeps versions, every version of
        it. Deleting a key that does not exist is not an error."""

    def lock_case(self, case_id: str, *, wait: float, lease: float):
        """The case's lock (`zeef.storage.lock.Lock`), held once this returns; CaseBusy
        when another run holds it for more than `wait` seconds. Use
        `zeef.storage.lock.case_lock`, which fills in the settings. A backend that cannot
        lock refuses: one writer per case is a guarantee, not an assumption."""
        raise StoreError("this store cannot lock a case")


def open_store(url: str | None = None) -> Store:
    """The store at `url`, else $ZEEF_STORE, else ``./zeef-data``: ``s3://BUCKET``
    (endpoint and keys from ZEEF_S3_ENDPOINT, ZEEF_S3_ACCESS_KEY, ZEEF_S3_SECRET_KEY)
    or a folder path."""
    url = url or os.environ.get("ZEEF_STORE") or DEFAULT_STORE
    if url.startswith("s3://"):
        from zeef.storage.s3 import S3Store

        return S3Store.from_env(url)  # StoreConfigError for bad input, StoreError else
    from zeef.storage.local import LocalStore

    return LocalStore(url)
