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
- Every try has a deadline of its own (connect + read timeout, plus time for the bytes at
  1 MiB/s): a server that trickles its answer is cut off when it passes (its socket is
  shut down), so no operation hangs for longer than the retry budget and one try.
- An answer that is not S3's (a 200 with a body that is not XML) is a `StoreError`.
- `put_new` is one conditional PUT (``If-None-Match: *``); the case lock is a lease object
  created and renewed with conditional PUTs (`S3Lease`). Whether the server honours them
  is checked once per store (`conditional_writes`); a server that ignores them is refused.

Error messages and log lines name the operation and the cause's type only: never a key,
data, metadata or a credential.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http.client
import io
import logging
import os
import re
import secrets
import socket
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import TypeVar

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError

from zeef.domain import settings
from zeef.domain.errors import ZeefError
from zeef.storage.base import (
    ObjectNotFound,
    Store,
    StoreConfigError,
    StoreError,
    check_key,
    check_metadata,
)
from zeef.storage.lock import LOCK_PREFIX, S3Lease, check_case_id

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
_TRANSIENT_CODES = {
    "InternalError",
    "ServiceUnavailable",
    "SlowDown",
    "RequestTimeout",
    "ConditionalRequestConflict",  # AWS: a concurrent conditional write; try again
}
_PRECONDITION = "PreconditionFailed"

# Keys of the lock machinery: a leading dot makes them malformed as store keys, so they
# are never listed (`list`) nor reachable through get/put/delete.
_LOCK_PREFIX = LOCK_PREFIX
# The slowest transfer a try allows for: 1 MiB/s on top of its timeouts.
_MIN_RATE = 1024 * 1024


# -- every try has a deadline ------------------------------------------------------------

_current = threading.local()


class _Try:
    """The connections one try uses and its deadline: when it passes, their sockets are
    shut down, so a read blocked on a trickling server returns at once."""

    def __init__(self, seconds: float) -> None:
        self.conns: list[urllib3.connection.HTTPConnection] = []
        self.expired = False
        self._lock = threading.Lock()
        self._deadline = time.monotonic() + seconds
        self._timer: threading.Timer | None = None
        self._arm()

    def _arm(self) -> None:
        timer = threading.Timer(max(0.0, self._deadline - time.monotonic()), self._expire)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def extend(self, seconds: float) -> None:
        """More time for this try (a large body to read)."""
        with self._lock:
            if self.expired or self._timer is None:
                return
            self._timer.cancel()
            self._deadline += seconds
            self._arm()

    def add(self, conn: urllib3.connection.HTTPConnection) -> None:
        with self._lock:
            if self.expired:
                raise TimeoutError("the try's deadline passed")
            self.conns.append(conn)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            conns = list(self.conns)
        for conn in conns:
            sock = getattr(conn, "sock", None)
            if sock is not None:
                try:  # the plain socket's shutdown, also under TLS
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None


class _TrackedMixin:
    def request(self, *args, **kwargs):  # every request of a try, new or pooled connection
        current = getattr(_current, "try_", None)
        if current is not None:
            current.add(self)
        return super().request(*args, **kwargs)


class _HTTPConnection(_TrackedMixin, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_TrackedMixin, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


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


AUDIT_PREFIX = "audit/"
ENV_AUDIT_LOCK_DAYS = "ZEEF_S3_AUDIT_LOCK_DAYS"
# The longest archive period of the default retention table (20 years) and one more.
DEFAULT_AUDIT_LOCK_DAYS = 21 * 366


def _audit_lock_days() -> int:
    """How long each audit object stays locked where the bucket has object lock
    (ZEEF_S3_AUDIT_LOCK_DAYS; 0 switches the lock off)."""
    raw = os.environ.get(ENV_AUDIT_LOCK_DAYS)
    if raw is None:
        return DEFAULT_AUDIT_LOCK_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = -1
    if not 0 <= days <= 100 * 366:
        raise StoreConfigError(f"{ENV_AUDIT_LOCK_DAYS} is not a number of days (0 to 36600)")
    return days


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
            raise StoreConfigError("malformed S3 bucket name")
        try:
            parts = urllib.parse.urlsplit(endpoint)
            parts.port  # noqa: B018  (ValueError for a port that is not a number)
        except ValueError:
            raise StoreConfigError(f"{ENV_ENDPOINT} must be an http:// or https:// URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreConfigError(f"{ENV_ENDPOINT} must be an http:// or https:// URL")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise StoreConfigError(f"{ENV_ENDPOINT} must be scheme, host and port only")
        self.bucket = bucket
        self.url = f"s3://{bucket}"
        self.tries = max(1, tries)
        self.backoff = backoff
        self.max_wait = max_wait
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._conditional: bool | None = None  # whether If-None-Match / If-Match hold
        self._object_lock: bool | None = None  # whether the bucket has object lock on
        self.audit_lock_days = _audit_lock_days()
        # retries=False: our own loop below decides what is retried and for how long.
        pool = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            retries=False,
            maxsize=10,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        )
        # Connections that a try's deadline can cut off (see `_Try`).
        pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
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
            raise StoreConfigError("an S3 store URL starts with s3://")
        bucket = url[len("s3://") :].rstrip("/")
        if not bucket or "/" in bucket:
            raise StoreConfigError("an S3 store URL is s3://BUCKET, without a path")
        names = (ENV_ENDPOINT, ENV_ACCESS_KEY, ENV_SECRET_KEY)
        missing = [name for name in names if not os.environ.get(name)]
        if missing:
            raise StoreConfigError(f"{', '.join(missing)} not set (needed for an s3:// store)")
        if os.environ.get(ENV_RETRY_SECONDS):
            try:
                seconds = float(os.environ[ENV_RETRY_SECONDS])
            except ValueError:
                seconds = -1.0
            if not seconds >= 0:
                raise StoreConfigError(f"{ENV_RETRY_SECONDS} is not a number of seconds")
            kwargs.setdefault("max_wait", seconds)
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

    def _call(self, op: str, fn: Callable[[], T], size: int = 0) -> T:
        """`fn()`, retried on connection errors, timeouts and 5xx answers; S3's
        refusals become StoreError (or ObjectNotFound) with a message safe to print.
        Each try is cut off after the connect and read timeouts plus `size` bytes at
        1 MiB/s (`_Try`)."""
        deadline = time.monotonic() + self.max_wait
        delay = self.backoff
        budget = self.connect_timeout + self.read_timeout + size / _MIN_RATE
        for attempt in range(1, self.tries + 1):
            started = time.monotonic()
            try:
                return self._attempt(op, fn, budget)
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

    def _attempt(self, op: str, fn: Callable[[], T], budget: float) -> T:
        outer = getattr(_current, "try_", None)
        try_ = _Try(budget) if outer is None else outer
        _current.try_ = try_
        try:
            return self._classify(op, fn, try_)
        finally:
            _current.try_ = outer
            if outer is None:
                try_.close()

    def _classify(self, op: str, fn: Callable[[], T], try_: _Try) -> T:
        try:
            try:
                return fn()
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError):
                if try_.expired:  # cut off by the try's deadline: a trickling server
                    raise _Unreachable("TimeoutError/too slow") from None
                raise
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
        except MinioException as exc:
            raise StoreError(f"S3 {op} failed ({type(exc).__name__})") from None
        except urllib3.exceptions.SSLError:
            raise StoreError(f"S3 store TLS failed ({op}: SSLError)") from None
        except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
            cause = type(exc).__name__
            inner = exc.__context__  # e.g. ConnectionRefusedError under NewConnectionError
            if isinstance(inner, OSError) and type(inner).__name__ != cause:
                cause += f"/{type(inner).__name__}"
            raise _Unreachable(cause) from None
        except (ET.ParseError, ValueError, LookupError, AttributeError, TypeError):
            # minio reading an answer that is not S3's (a 200 with a body that is not
            # XML, or XML without the expected elements): no traceback, no retry.
            raise StoreError(f"S3 {op} failed (the answer is not an S3 answer)") from None

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

    # -- the audit trail under object lock ---------------------------------------------

    def object_lock(self) -> bool:
        """Whether the bucket was made with object lock (checked once). Where it was, every
        event under ``audit/`` (not the head) is written with a COMPLIANCE retention: no one, root
        included, deletes or overwrites that version before `audit_lock_days` have
        passed. Nothing else is locked (dossier documents must stay destroyable), so
        the bucket gets no default retention."""
        if self._object_lock is None:

            def probe() -> bool:
                try:
                    config = self._client.get_object_lock_config(self.bucket)
                except S3Error as exc:
                    if "ObjectLock" in exc.code or exc.code in ("NotImplemented", "NoSuchKey"):
                        return False
                    raise
                return config is not None

            self._object_lock = self._call("object lock", probe)
            if not self._object_lock:
                log.info("bucket without object lock: the audit trail is not WORM-protected")
        return self._object_lock

    def _lock_headers(self, key: str, data: bytes) -> dict[str, str]:
        if not key.startswith(AUDIT_PREFIX) or self.audit_lock_days <= 0:
            return {}
        if key.endswith("/head.json"):
            # Rewritten after every event: locking each version would keep one copy per
            # event for years. The events are locked; a head set back or removed is seen
            # by `verify` against them.
            return {}
        if not self.object_lock():
            return {}
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=self.audit_lock_days)
        return {
            "x-amz-object-lock-mode": "COMPLIANCE",
            "x-amz-object-lock-retain-until-date": until.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            # S3 requires an integrity header on a PUT with retention.
            "Content-MD5": base64.b64encode(hashlib.md5(data).digest()).decode("ascii"),
        }

    # -- Store -----------------------------------------------------------------------

    def put(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> None:
        check_key(key)
        headers = _encode_metadata(metadata)
        data = data if isinstance(data, bytes) else bytes(data)
        if len(data) > _MAX_SINGLE_PUT:
            raise StoreError("object too large for one S3 PUT (5 GiB)")
        locked = self._lock_headers(key, data)
        if locked:  # one raw PUT carrying the retention (the audit head, under lock)
            self._put_if(key, data, {**headers, **locked})
            return

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

        self._call("put", put, size=len(data))

    def put_new(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> bool:
        """One conditional PUT (``If-None-Match: *``): the server writes only when nothing
        is under `key`, so of two writers exactly one gets True. When a try may have
        landed before its answer was lost, a refusal that finds our own bytes is True."""
        check_key(key)
        headers = _encode_metadata(metadata)
        data = data if isinstance(data, bytes) else bytes(data)
        if len(data) > _MAX_SINGLE_PUT:
            raise StoreError("object too large for one S3 PUT (5 GiB)")
        self.conditional_writes()
        headers = {**headers, **self._lock_headers(key, data)}
        return self._put_if(key, data, headers, if_none_match=True) is not None

    def _put_if(
        self,
        key: str,
        data: bytes,
        headers: Mapping[str, str] | None = None,
        *,
        if_none_match: bool = False,
        if_match: str | None = None,
        op: str = "put",
    ) -> str | None:
        """A conditional PUT of a raw key (lock keys are not well-formed store keys); the
        new ETag, or None when the server refused the condition (412)."""
        sent = {"Content-Type": "application/octet-stream", **(headers or {})}
        if if_none_match:
            sent["If-None-Match"] = "*"
        if if_match is not None:
            sent["If-Match"] = f'"{if_match}"'
        tries = []

        def put() -> str | None:
            tries.append(1)
            try:
                return self._client._put_object(self.bucket, key, data, headers=sent).etag
            except S3Error as exc:
                if exc.code != _PRECONDITION:
                    raise
            return None

        etag = self._call(op, put, size=len(data))
        if etag is None and len(tries) > 1 and if_none_match:
            # An earlier try may have written and lost its answer: ours, or not?
            found = self._get_raw(key)
            if found is not None and found[0] == data:
                return found[1]
        return etag

    def _get_raw(self, key: str) -> tuple[bytes, str] | None:
        """The bytes and ETag of a raw key; None when there is no object."""

        def get() -> tuple[bytes, str]:
            response = self._client.get_object(self.bucket, key)
            try:
                etag = (response.headers.get("etag") or "").strip('"')
                return response.read(), etag
            finally:
                response.close()
                response.release_conn()

        try:
            return self._call("get", get)
        except ObjectNotFound:
            return None

    def _delete_if(self, key: str, etag: str) -> bool:
        """Delete a raw key only while its ETag is `etag`; False when it was not."""

        def delete() -> bool:
            try:
                self._client._execute("DELETE", self.bucket, key, headers={"If-Match": f'"{etag}"'})
            except S3Error as exc:
                if exc.code in (_PRECONDITION, "NoSuchKey"):
                    return False
                raise
            return True

        return self._call("delete", delete)

    def conditional_writes(self) -> None:
        """Check once per store that the server honours ``If-None-Match: *`` and
        ``If-Match`` on PUT (MinIO and SeaweedFS do); StoreError when it does not: one
        writer per case cannot be guaranteed on such a server, so nothing is written."""
        if self._conditional:
            return
        probe = f"{_LOCK_PREFIX}probe-{secrets.token_hex(8)}"
        try:
            first = self._put_if(probe, b"1", if_none_match=True, op="probe")
            second = self._put_if(probe, b"2", if_none_match=True, op="probe")
            third = self._put_if(probe, b"3", if_match="0" * 32, op="probe")
        finally:
            try:
                self._delete_versions(probe)
            except StoreError:
                log.warning("S3 probe object not removed (probe)")
        if first is None or second is not None or third is not None:
            raise StoreError(
                "the S3 server does not honour conditional writes (If-None-Match, "
                "If-Match); zeef needs them to keep one writer per case"
            )
        self._conditional = True

    def get(self, key: str) -> bytes:
        check_key(key)

        def get() -> bytes:
            response = self._client.get_object(self.bucket, key)
            try:
                size = response.headers.get("content-length")
                if size and size.isdigit() and getattr(_current, "try_", None) is not None:
                    _current.try_.extend(int(size) / _MIN_RATE)
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
        self._delete_versions(key)

    def _delete_versions(self, key: str) -> None:
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

    # -- the case lock -----------------------------------------------------------------

    def lock_case(self, case_id: str, *, wait: float, lease: float) -> S3Lease:
        """The case's lease object, created with ``If-None-Match: *``, or taken over with
        ``If-Match`` once expired (or its holder, on this machine, is gone); CaseBusy
        after `wait` seconds of trying."""
        self.conditional_writes()
        return S3Lease.acquire(self, check_case_id(case_id), wait=wait, lease=lease)
