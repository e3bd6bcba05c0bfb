"""The embedded default: a folder on the local disk (``./zeef-data``).

Each key is a file under the root; its metadata a JSON file under ``.meta/``. A write
goes to a temporary file in the same folder, is fsynced and renamed into place
(`write_atomic`), so a crash leaves the old object or the new one, never part of one.
Temporary files start with a dot and are never listed. `put_new` creates the file with a
hard link from the written temporary file, which fails when the key exists: an atomic
create. The case lock is ``fcntl.flock`` on ``.locks/<case_id>.lock``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from zeef.storage.atomic import write_atomic
from zeef.storage.base import (
    ObjectNotFound,
    Store,
    StoreConfigError,
    StoreError,
    check_key,
    check_metadata,
)
from zeef.storage.lock import CaseBusy, Lock, busy_message, check_case_id

_META = ".meta"
_LOCKS = ".locks"
_POLL = 0.05  # seconds between two tries of a busy lock, doubling up to _POLL_MAX
_POLL_MAX = 0.5


class LocalLock(Lock):
    """A held ``flock``; the kernel drops it when the process ends, however it ends."""

    def __init__(self, case_id: str, fd: int) -> None:
        self.case_id = case_id
        self._fd: int | None = fd

    def check(self) -> None:
        if self._fd is None:
            from zeef.storage.lock import LockLost

            raise LockLost(f"the lock on case {self.case_id} was released; stopped")

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


class LocalStore(Store):
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.url = str(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreConfigError(f"cannot create the store folder ({exc.strerror})") from None
        if not self.root.is_dir():
            raise StoreConfigError("the store path is not a folder")

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _meta_path(self, key: str) -> Path:
        return self.root / _META / (check_key(key) + ".json")

    def put(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> None:
        path = self._path(key)
        try:
            check_metadata(metadata)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Data first: metadata never describe bytes that are not there. (A crash in
            # between leaves the new bytes with the old metadata; the pipeline's objects
            # are content-addressed, so their bytes and metadata do not change anyway.)
            write_atomic(path, bytes(data))
            meta = self._meta_path(key)
            if metadata:
                meta.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(meta, json.dumps(dict(metadata), sort_keys=True).encode())
            elif meta.exists():
                meta.unlink()
        except OSError as exc:
            raise StoreError(f"cannot write to the store ({exc.strerror})") from None

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound("object not found") from None
        except OSError as exc:
            raise StoreError(f"cannot read from the store ({exc.strerror})") from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def metadata(self, key: str) -> dict[str, str]:
        if not self.exists(key):
            raise ObjectNotFound("object not found")
        try:
            return json.loads(self._meta_path(key).read_text())
        except FileNotFoundError:
            return {}

    def put_new(self, key: str, data: bytes, metadata: Mapping[str, str] | None = None) -> bool:
        """Write only when nothing is under `key`: the bytes go to a temporary file,
        which is hard-linked to the key (failing when the key exists, so of two writers
        exactly one succeeds), then the metadata."""
        path = self._path(key)
        try:
            check_metadata(metadata)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(bytes(data))
                    fh.flush()
                    os.fsync(fh.fileno())
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    return False
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                        raise
                    # A file system without hard links: under the case lock, one writer.
                    if path.exists():
                        return False
                    os.replace(tmp, path)
            finally:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
            if metadata:
                meta = self._meta_path(key)
                meta.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(meta, json.dumps(dict(metadata), sort_keys=True).encode())
            return True
        except OSError as exc:
            raise StoreError(f"cannot write to the store ({exc.strerror})") from None

    def lock_case(self, case_id: str, *, wait: float, lease: float) -> LocalLock:
        """``flock`` on ``.locks/<case_id>.lock``, tried until `wait` seconds have
        passed; CaseBusy then. (`lease` is for S3: the kernel frees a dead holder's
        flock at once.) The lock file stays; only the flock on it counts."""
        path = self.root / _LOCKS / f"{check_case_id(case_id)}.lock"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open the case lock ({exc.strerror})") from None
        deadline = time.monotonic() + wait
        delay = _POLL
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return LocalLock(case_id, fd)
                except BlockingIOError:
                    pass
                now = time.monotonic()
                if now >= deadline:
                    raise CaseBusy(busy_message(case_id))
                time.sleep(min(delay, deadline - now))
                delay = min(delay * 2, _POLL_MAX)
        except BaseException:
            os.close(fd)
            raise

    def list(self, prefix: str = "") -> list[str]:
        # Walk only the folder the prefix names, not the whole store.
        head, _, _ = prefix.rpartition("/")
        start = self.root / head if head else self.root
        if not start.is_dir():
            return []
        keys = []
        for folder, dirs, files in os.walk(start):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel = Path(folder).relative_to(self.root).as_posix()
            for name in files:
                if name.startswith("."):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    def sweep_temporary(self, folders: Iterable[str] = ("",), older_than: float = 3600.0) -> int:
        """Remove temporary files a killed writer left (``.name.xxx.tmp``, never listed
        or read as objects) under the key folders `folders` (and their metadata), once
        they are older than `older_than` seconds: younger ones may belong to a write in
        progress. Returns how many were removed."""
        import time

        cutoff = time.time() - older_than
        removed = 0
        roots = {self.root / f for f in folders} | {self.root / _META / f for f in folders}
        walks = (item for root in sorted(roots) if root.is_dir() for item in os.walk(root))
        for folder, _dirs, files in walks:
            for name in files:
                if name.startswith(".") and name.endswith(".tmp"):
                    path = Path(folder) / name
                    try:
                        if path.stat().st_mtime < cutoff:
                            path.unlink()
                            removed += 1
                    except FileNotFoundError:
                        pass
        return removed

    def delete(self, key: str) -> None:
        for path in (self._path(key), self._meta_path(key)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StoreError(f"cannot delete from the store ({exc.strerror})") from None
