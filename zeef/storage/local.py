"""The embedded default: a folder on the local disk (``./zeef-data``).

Each key is a file under the root; its metadata a JSON file under ``.meta/``. A write
goes to a temporary file in the same folder, is fsynced and renamed into place
(`write_atomic`), so a crash leaves the old object or the new one, never part of one.
Temporary files start with a dot and are never listed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from zeef.storage.atomic import write_atomic
from zeef.storage.base import ObjectNotFound, Store, StoreError, check_key, check_metadata

_META = ".meta"


class LocalStore(Store):
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.url = str(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store folder ({exc.strerror})") from None
        if not self.root.is_dir():
            raise StoreError("the store path is not a folder")

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
