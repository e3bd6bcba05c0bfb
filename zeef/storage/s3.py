"""The S3 backend (MinIO in production, SeaweedFS in the tests), through the `minio` client.

``s3://BUCKET`` with the endpoint and keys from ZEEF_S3_ENDPOINT, ZEEF_S3_ACCESS_KEY and
ZEEF_S3_SECRET_KEY. It behaves like `LocalStore`:

- `put` is one PUT request (never a multipart upload), which S3 makes visible whole or
  not at all. Metadata goes with it as user metadata (``x-amz-meta-*``).
- `delete` removes every version and delete marker of the key when the bucket keeps
  versions, so nothing of a deleted object stays behind.
- Connection errors, timeouts and 5xx answers are retried with exponential backoff
  (0.5 s doubling, 6 tries, at most ~30 s); then `StoreError("S3 store unreachable
  (...)")`. Refused credentials fail at once.

Error messages and log lines name the operation and the cause's type only: never a key,
data, metadata or a credential.
"""

from __future__ import annotations

import http.client
import io
import logging
import os
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TypeVar

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, S3Error, ServerError

from zeef.domain import settings
from zeef.domain.errors import ZeefError
from zeef.storage.base import ObjectNotFound, Store, StoreError, check_key, check_metadata

log = logging.getLogger(__name__)

T = TypeVar("T")

ENV_ENDPOINT = "ZEEF_S3_ENDPOINT"
ENV_ACCESS_KEY = "ZEEF_S3_ACCESS_KEY"
ENV_SECRET_KEY = "ZEEF_S3_SECRET_KEY"
ENV_RETRY_SECONDS = "ZEEF_S3_RETRY_SECONDS"

# One PUT takes up to 5 GiB; minio's put_object switches to multipart above `part_size`.
_MIN_PART = 5 * 1024 * 1024
_MAX_SINGLE_PUT = 5 * 1024 * 1024 * 1024

_META_PREFIX = "x-amz-meta-"
# Header names are case-insensitive, so metadata keys are lower-case words.
# Kept as they are in the header; anything else (space, %, non-ASCII, control
# characters) is percent-encoded, so every value round-trips exactly (HTTP would
# trim spaces at the ends, and header values are ASCII only).
_META_SAFE = "!#$&'()*+,/:;=?@[]^`{|}~"
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")

_CREDENTIAL_CODES = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "AuthorizationHeaderMalformed",
}
_TRANSIENT_CODES = {"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout"}


class _Unreachable(ZeefError):
    """An attempt failed in a way worth retrying; `cause` is a type name."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


def _encode_metadata(metadata: Mapping[str, str] | None) -> dict[str, str]:
    check_metadata(metadata)
    headers = {}
    for key, value in (metadata or {}).items():
        headers[_META_PREFIX + key] = urllib.parse.quote(value, safe=_META_SAFE)
    return headers


def _decode_metadata(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name.lower()[len(_META_PREFIX) :]: urllib.parse.unquote(value)
        for name, value in headers.items()
        if name.lower().startswith(_META_PREFIX)
    }


def _well_formed(key: str) -> bool:
    try:
        check_key(key)
    except ValueError:
        return False
    return True


class S3Store(Store):
    """Objects in one bucket of an S3 server.

    Retries are arguments so that tests can shorten them: at most `tries` tries, waiting
    `backoff` seconds, doubling, between them; no try is started that would end after
    `max_wait` seconds if it took as long as the one before. Only a fast failure that
    turns into a timeout can overrun `max_wait`, by one request's timeouts."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint: str,
        access_key: str,
        secret_key: str,
        region: str | None = None,
        tries: int = 6,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        create_bucket: bool = True,
    ) -> None:
        if not _BUCKET.fullmatch(bucket) or ".." in bucket:
            raise StoreError("malformed S3 bucket name")
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"{ENV_ENDPOINT} must be an http:// or https:// URL")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise StoreError(f"{ENV_ENDPOINT} must be scheme, host and port only")
        self.bucket = bucket
        self.url = f"s3://{bucket}"
        self.tries = max(1, tries)
        self.backoff = backoff
        self.max_wait = max_wait
        # retries=False: our own loop below decides what is retried and for how long.
        pool = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            retries=False,
            maxsize=10,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        )
        self._client = Minio(
            parts.netloc,
            access_key=access_key,
            secret_key=secret_key,
            secure=parts.scheme == "https",
            region=region,
            http_client=pool,
        )
        if create_bucket:
            self._ensure_bucket()

    @classmethod
    def from_env(cls, url: str, **kwargs) -> S3Store:
        """The store for ``s3://BUCKET``, endpoint and keys from the environment; how long
        to keep retrying an unreachable server from ZEEF_S3_RETRY_SECONDS, else the settings'
        `limits.s3_retry_seconds` (default 30)."""
        if not url.startswith("s3://"):
            raise StoreError("an S3 store URL starts with s3://")
        bucket = url[len("s3://") :].rstrip("/")
        if not bucket or "/" in bucket:
            raise StoreError("an S3 store URL is s3://BUCKET, without a path")
        names = (ENV_ENDPOINT, ENV_ACCESS_KEY, ENV_SECRET_KEY)
        missing = [name for name in names if not os.environ.get(name)]
        if missing:
            raise StoreError(f"{', '.join(missing)} not set (needed for an s3:// store)")
        if os.environ.get(ENV_RETRY_SECONDS):
            try:
                kwargs.setdefault("max_wait", float(os.environ[ENV_RETRY_SECONDS]))
            except ValueError:
                raise StoreError(f"{ENV_RETRY_SECONDS} is not a number of seconds") from None
        kwargs.setdefault("max_wait", settings.limits().s3_retry_seconds)
        return cls(
            bucket,
            endpoint=os.environ[ENV_ENDPOINT],
            access_key=os.environ[ENV_ACCESS_KEY],
            secret_key=os.environ[ENV_SECRET_KEY],
            **kwargs,
        )

    def __repr__(self) -> str:
        return f"S3Store({self.url!r})"

    # -- the retry loop ------------------------------------------------------------

    def _call(self, op: str, fn: Callable[[], T]) -> T:
        """`fn()`, retried on connection errors, timeouts and 5xx answers; S3's
        refusals become StoreError (or ObjectNotFound) with a message safe to print."""
        deadline = time.monotonic() + self.max_wait
        delay = self.backoff
        for attempt in range(1, self.tries + 1):
            started = time.monotonic()
            try:
                return self._attempt(op, fn)
            except _Unreachable as exc:
                cause = exc.cause
            now = time.monotonic()
            # No try that would, taking as long as the last one, end after the deadline:
            # refused connections get every try, timeouts fewer.
            if attempt == self.tries or now + delay + (now - started) > deadline:
                break
            log.warning(
                "S3 %s failed (%s), try %d of %d, again in %.1f s",
                op,
                cause,
                attempt,
                self.tries,
                delay,
            )
            time.sleep(delay)
            delay *= 2
        tries = "1 try" if attempt == 1 else f"{attempt} tries"
        raise StoreError(f"S3 store unreachable ({op}: {cause} after {tries})")

    def _attempt(self, op: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except S3Error as exc:
            code = exc.code or ""
            status = exc.response.status if exc.response is not None else 0
            if code == "NoSuchKey":
                raise ObjectNotFound("object not found") from None
            if code == "NoSuchBucket":
                raise StoreError(f"S3 bucket does not exist ({op})") from None
            if code in _CREDENTIAL_CODES:
                raise StoreError(
                    f"S3 store rejected the credentials ({op}: {code}); "
                    f"check {ENV_ACCESS_KEY} and {ENV_SECRET_KEY}"
                ) from None
            if code == "AccessDenied":
                raise StoreError(
                    f"S3 store denied access ({op}: AccessDenied); check {ENV_ACCESS_KEY}, "
                    f"{ENV_SECRET_KEY}, the bucket's policy and object lock"
                ) from None
            if status >= 500 or code in _TRANSIENT_CODES:
                raise _Unreachable(f"S3Error {code or status}") from None
            raise StoreError(f"S3 {op} failed ({code or status})") from None
        except ServerError as exc:
            if exc.status_code >= 500 or not exc.status_code:
                raise _Unreachable(f"ServerError {exc.status_code}") from None
            raise StoreError(f"S3 {op} failed (HTTP {exc.status_code})") from None
        except InvalidResponseError as exc:
            # A non-S3 answer, e.g. a proxy's error page.
            status = getattr(exc, "_code", 0) or 0
            if status >= 500:
                raise _Unreachable(f"HTTP {status}") from None
            if status == 403:
                raise StoreError(f"S3 store denied access ({op}: HTTP 403)") from None
            raise StoreError(f"S3 {op} failed (unexpected HTTP {status} answer)") from None
        except urllib3.exceptions.SSLError:
            raise StoreError(f"S3 store TLS failed ({op}: SSLError)") from None
        except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
            cause = type(exc).__name__
            inner = exc.__context__  # e.g. ConnectionRefusedError under NewConnectionError
            if isinstance(inner, OSError) and type(inner).__name__ != cause:
                cause += f"/{type(inner).__name__}"
            raise _Unreachable(cause) from None

    def _ensure_bucket(self) -> None:
        def create() -> None:
            if self._client.bucket_exists(self.bucket):
                return
            try:
                self._client.make_bucket(self.bucket)
            except S3Error as exc:  # made meanwhile by another process
                if exc.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    raise

        self._call("open bucket", create)

    # -- Store -----------------------------------------------------------------------

    def put(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> None:
        check_key(key)
        headers = _encode_metadata(metadata)
        data = data if isinstance(data, bytes) else bytes(data)
        if len(data) > _MAX_SINGLE_PUT:
            raise StoreError("object too large for one S3 PUT (5 GiB)")

        def put() -> None:
            self._client.put_object(
                self.bucket,
                key,
                io.BytesIO(data),
                len(data),
                metadata=headers,
                # Never multipart: one PUT is atomic and leaves no parts behind.
                part_size=max(_MIN_PART, len(data)),
            )

        self._call("put", put)

    def get(self, key: str) -> bytes:
        check_key(key)

        def get() -> bytes:
            response = self._client.get_object(self.bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

        return self._call("get", get)

    def exists(self, key: str) -> bool:
        check_key(key)
        try:
            self._call("exists", lambda: self._client.stat_object(self.bucket, key))
        except ObjectNotFound:
            return False
        return True

    def metadata(self, key: str) -> dict[str, str]:
        check_key(key)
        stat = self._call("metadata", lambda: self._client.stat_object(self.bucket, key))
        return _decode_metadata(stat.metadata or {})

    def list(self, prefix: str = "") -> list[str]:
        def names() -> list[str]:
            objects = self._client.list_objects(self.bucket, prefix=prefix or None, recursive=True)
            return [o.object_name for o in objects if not o.is_dir]

        # Only well-formed keys: the local store hides dot-files the same way.
        return sorted(name for name in self._call("list", names) if _well_formed(name))

    def delete(self, key: str) -> None:
        check_key(key)

        def versions() -> list[str | None]:
            # Without a delimiter the listing would include every key under `key/`.
            objects = self._client.list_objects(
                self.bucket, prefix=key, recursive=False, include_version=True
            )
            return [o.version_id for o in objects if o.object_name == key]

        # Delete every version and delete marker (a plain DELETE on a versioned bucket
        # would only add a marker), then list again to see that none is left.
        for _ in range(3):
            found = self._call("delete", versions)
            if not found:
                return
            for version_id in found:
                self._call(
                    "delete",
                    lambda v=version_id: self._client.remove_object(self.bucket, key, version_id=v),
                )
        raise StoreError("S3 delete left versions behind")
