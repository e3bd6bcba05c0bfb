"""One writer per case: the case lock, on both backends.

    with case_lock(store, case_id):     # waits at most `wait` seconds, else CaseBusy
        ...                             # write the case's objects and audit events

- Local folder: ``fcntl.flock`` on ``<root>/.locks/<case_id>.lock`` (hidden, never listed).
  The kernel releases it when the holder exits, however it ends (a crash, SIGKILL), so a
  dead run never blocks the next one.
- S3: a lease object ``.zeef-locks/<case_id>`` (not a well-formed key, so never listed or
  read as an object), created with a conditional PUT (``If-None-Match: *``): exactly one
  creator wins. The holder renews it (``If-Match`` on its ETag) every quarter of its lease
  time and deletes it at the end. A holder that crashed leaves the lease behind; a later
  run takes it over (``If-Match``: compare-and-swap, one winner) once it has expired, or at
  once when it names a process on the same machine that no longer runs. A server that does
  not honour conditional writes is refused (`StoreError`) rather than trusted.

A holder that can no longer renew its lease (the server away longer than the lease) stops
before another run may take over: `Lock.check` raises `LockLost`, and the ingest calls it
before every document and every audit event. The audit trail is a second fence: its events
are written with an atomic create (`put_new`), so two writers can never both add the same
event, whatever the lock does.

How long a second run waits: ``ZEEF_LOCK_WAIT_SECONDS``, else the settings'
``limits.lock_wait_seconds`` when present, else 60 s. The lease: ``ZEEF_LOCK_LEASE_SECONDS``,
else ``limits.lock_lease_seconds``, else 60 s. See docs/storage.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path

from zeef.domain import settings
from zeef.domain.case import CASE_ID
from zeef.domain.errors import SettingsError, StoreError, ZeefError

ENV_WAIT = "ZEEF_LOCK_WAIT_SECONDS"
ENV_LEASE = "ZEEF_LOCK_LEASE_SECONDS"
DEFAULT_WAIT = 60.0
DEFAULT_LEASE = 60.0
MIN_LEASE = 2.0
# S3: the lease objects' prefix. A leading dot makes the keys malformed as store keys, so
# they are never listed nor reachable through get/put/delete.
LOCK_PREFIX = ".zeef-locks/"
# How far two machines' clocks may differ: an expired lease is taken over only this long
# after its holder's stated expiry.
CLOCK_SKEW = 5.0

# Logged as the S3 store's own lines (a lease is an S3 matter).
log = logging.getLogger("zeef.storage.s3")


class CaseBusy(ZeefError):
    """Another run holds the case's lock (exit code 1; try again later)."""


class LockLost(CaseBusy):
    """This run's lease on the case ran out or was taken over; it stopped writing."""


def busy_message(case_id: str) -> str:
    return f"case {case_id} is being written by another run; try again"


def _seconds(env: str, limit: str, default: float, minimum: float) -> float:
    raw = os.environ.get(env)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"{env} is not a number of seconds") from None
        if not value >= 0:  # also NaN
            raise SettingsError(f"{env} must be 0 or more seconds")
        return max(value, minimum)
    return max(float(getattr(settings.limits(), limit, default)), minimum)


def wait_seconds() -> float:
    """How long a run waits for another run's lock before giving up."""
    return _seconds(ENV_WAIT, "lock_wait_seconds", DEFAULT_WAIT, 0.0)


def lease_seconds() -> float:
    """How long an S3 lease lasts without renewal."""
    return _seconds(ENV_LEASE, "lock_lease_seconds", DEFAULT_LEASE, MIN_LEASE)


class Lock(ABC):
    """A held case lock. `release` is idempotent; `check` raises LockLost when the lock is
    no longer ours (the S3 lease ran out or was taken over)."""

    case_id: str

    @abstractmethod
    def check(self) -> None: ...

    @abstractmethod
    def release(self) -> None: ...

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def check_case_id(case_id: str) -> str:
    if not isinstance(case_id, str) or not CASE_ID.fullmatch(case_id):
        raise ValueError("case_id: not a simple identifier (letters, digits, . _ -)")
    return case_id


def case_lock(store, case_id: str, *, wait: float | None = None, lease: float | None = None):
    """The case's lock on `store`, held once this returns; CaseBusy (one line) when
    another run holds it for longer than `wait` seconds."""
    check_case_id(case_id)
    return store.lock_case(
        case_id,
        wait=wait_seconds() if wait is None else wait,
        lease=lease_seconds() if lease is None else max(lease, MIN_LEASE),
    )


# -- the S3 lease ----------------------------------------------------------------------------


def _machine() -> str | None:
    """An id of this machine and pid namespace (a hash: no host name is stored), so that
    a lease whose holder ran here can be checked for a live process; None off Linux."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        pid_ns = os.readlink("/proc/self/ns/pid")
    except OSError:
        return None
    raw = f"{socket.gethostname()}\n{boot}\n{pid_ns}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def _started(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def _process_gone(pid: object, started: object) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, someone else's
        pass
    return started is not None and _started(pid) != started


class S3Lease(Lock):
    """A held lease on a case: the object ``.zeef-locks/<case_id>`` holds its owner token,
    its expiry (the holder's clock), and the holder's machine id, pid and start time.
    Renewed by a daemon thread every quarter of the lease; `check` raises LockLost when
    it was taken over or could not be renewed for three quarters of the lease."""

    def __init__(self, store, case_id: str, lease: float) -> None:
        self.store = store
        self.case_id = case_id
        self.lease = lease
        self.key = f"{LOCK_PREFIX}{case_id}"
        self.owner = secrets.token_hex(16)
        self._etag: str | None = None
        self._valid_until = 0.0
        self._lost = False
        self._released = False
        self._mutex = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _body(self) -> tuple[bytes, float]:
        started = time.monotonic()
        pid = os.getpid()
        body = {
            "owner": self.owner,
            "expires": round(time.time() + self.lease, 3),
            "machine": _machine(),
            "pid": pid,
            "started": _started(pid),
        }
        return json.dumps(body, sort_keys=True).encode(), started

    @classmethod
    def acquire(cls, store, case_id: str, *, wait: float, lease: float) -> S3Lease:
        self = cls(store, case_id, lease)
        deadline = time.monotonic() + wait
        delay = 0.05
        while True:
            if self._try_take():
                self._thread = threading.Thread(
                    target=self._renew_loop, name=f"zeef-lease-{case_id}", daemon=True
                )
                self._thread.start()
                return self
            now = time.monotonic()
            if now >= deadline:
                raise CaseBusy(busy_message(case_id))
            time.sleep(min(delay, deadline - now))
            delay = min(delay * 2, 1.0)

    def _try_take(self) -> bool:
        body, started = self._body()
        etag = self.store._put_if(self.key, body, if_none_match=True, op="lock")
        if etag is None:
            found = self.store._get_raw(self.key)
            if found is None:
                return False  # released meanwhile: try again at once (next round)
            held, held_etag = found
            if not _takeable(held):
                return False
            body, started = self._body()
            etag = self.store._put_if(self.key, body, if_match=held_etag, op="lock")
            if etag is None:
                return False  # another run took it over first
            log.warning("S3 lease of a run that is gone taken over (lock)")
        self._etag = etag
        self._valid_until = started + self.lease * 0.75
        return True

    def _renew_loop(self) -> None:
        while not self._stop.wait(self.lease / 4):
            with self._mutex:
                if self._released or self._lost:
                    return
                body, started = self._body()
                try:
                    etag = self.store._put_if(self.key, body, if_match=self._etag, op="renew lease")
                except StoreError:
                    continue  # logged by the retry loop; `check` stops the run in time
                if etag is None:
                    self._lost = True
                    log.warning("S3 lease lost: taken over by another run (renew lease)")
                    return
                self._etag = etag
                self._valid_until = started + self.lease * 0.75

    def check(self) -> None:
        if self._released:
            raise LockLost(f"the lock on case {self.case_id} was released; stopped")
        if self._lost:
            raise LockLost(f"case {self.case_id} was taken over by another run; stopped")
        if time.monotonic() > self._valid_until:
            raise LockLost(f"the lease on case {self.case_id} could not be renewed; stopped")

    def release(self) -> None:
        if self._released:
            return
        self._stop.set()
        with self._mutex:
            self._released = True
            lost, etag = self._lost, self._etag
        if lost or etag is None:
            return
        try:
            self.store._delete_if(self.key, etag)
        except StoreError as exc:  # it expires on its own; the next run takes it over
            log.warning("S3 lease not released (%s)", type(exc).__name__)


def _takeable(raw: bytes) -> bool:
    """Whether a lease found in the store may be taken over: it expired (by more than
    the clock skew allowed for), or its holder ran on this machine and is gone, or it is
    not a lease zeef wrote."""
    try:
        held = json.loads(raw[:4096])
    except (ValueError, RecursionError):
        return True
    if not isinstance(held, dict):
        return True
    expires = held.get("expires")
    if not isinstance(expires, int | float) or isinstance(expires, bool):
        return True
    if time.time() > expires + CLOCK_SKEW:
        return True
    machine = _machine()
    if machine is not None and held.get("machine") == machine:
        return _process_gone(held.get("pid"), held.get("started"))
    return False
