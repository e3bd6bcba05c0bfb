"""Reading documents: bytes in, `ReadDocument` out.

One module per format, found through one registry keyed by media type (like
paperless-ngx's parser registry): a module in this package that defines ``READER``
(a `Reader`, or a tuple of them) is picked up automatically, so a new format is a new
file, not a new branch here. Modules whose name starts with ``_`` are skipped.

Detection (`detect`) goes, first match wins:

1. *strong* signatures, by `Reader.order`: magic bytes (PDF, images, DOCX = a zip holding
   ``word/document.xml``) and an RFC 822 header block (e-mail);
2. the file name's extension;
3. the declared media type, when the caller has one (an e-mail attachment's
   Content-Type);
4. *weak* content guesses, by `Reader.order`: HTML, then plain text.

Files (and e-mail attachments) larger than ``settings.limits().max_file_bytes`` are
refused ("file too large"); the limit is read at call time. Only regular files are
opened, after their type and size are checked (`check_file`, `read_file`): a FIFO, a
device or a folder is refused without reading a byte, and a file is read in blocks up to
the limit only. `hash_file` hashes a file in blocks (bounded by `hash_cap`).

Every failure is an `UnreadableDocument` whose message is one short English line that
never holds document content, file names or paths. Any other exception a reader lets
escape is turned into one here (without chaining, so a traceback cannot leak content
either).

Note: this package has modules named ``email`` and ``html``. Importing them binds those
names in this package's namespace, so this file must never ``import email``/``html``.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pkgutil
import stat
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from zeef.domain import settings
from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument

__all__ = [
    "FileMissing",
    "FileTooLarge",
    "NotAFile",
    "Reader",
    "ReadDocument",
    "UnreadableDocument",
    "check_file",
    "detect",
    "hash_file",
    "read_bytes",
    "read_file",
    "read_path",
    "readers",
]

MiB = 1024 * 1024

ReadFn = Callable[[bytes, str, str], ReadDocument]
SniffFn = Callable[[bytes], str | None]


def _no_sniff(data: bytes) -> str | None:
    return None


@dataclass(frozen=True)
class Reader:
    """One format's reader, as registered.

    `read(data, name, media_type)` returns the document or raises UnreadableDocument;
    `sniff(data)` returns the media type when the content is this format, else None;
    `extensions` maps a lower-case suffix (".pdf") to the media type it implies.
    """

    media_types: tuple[str, ...]
    read: ReadFn
    sniff: SniffFn = _no_sniff
    extensions: Mapping[str, str] = field(default_factory=dict)
    strong: bool = True  # sniff is a signature (before the extension) or a guess (after)
    order: int = 50  # among sniffers of the same strength, lower goes first


@dataclass(frozen=True)
class _Registry:
    by_type: Mapping[str, Reader]
    by_extension: Mapping[str, str]
    strong: tuple[Reader, ...]
    weak: tuple[Reader, ...]


_lock = threading.Lock()
_registry: _Registry | None = None


def _load() -> _Registry:
    global _registry
    if _registry is not None:
        return _registry
    with _lock:
        if _registry is not None:
            return _registry
        found: list[tuple[str, Reader]] = []
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            declared = getattr(module, "READER", None)
            if declared is None:
                continue
            for reader in declared if isinstance(declared, tuple) else (declared,):
                found.append((info.name, reader))
        by_type: dict[str, Reader] = {}
        by_extension: dict[str, str] = {}
        for module_name, reader in found:
            for media_type in reader.media_types:
                if media_type in by_type:
                    raise RuntimeError(f"two readers for {media_type} ({module_name})")
                by_type[media_type] = reader
            for suffix, media_type in reader.extensions.items():
                if media_type not in reader.media_types:
                    raise RuntimeError(f"{module_name}: {suffix} maps to a foreign type")
                if suffix in by_extension:
                    raise RuntimeError(f"two readers for {suffix} ({module_name})")
                by_extension[suffix] = media_type
        readers_ = [reader for _, reader in found]
        _registry = _Registry(
            by_type=MappingProxyType(by_type),
            by_extension=MappingProxyType(by_extension),
            strong=tuple(sorted((r for r in readers_ if r.strong), key=lambda r: r.order)),
            weak=tuple(sorted((r for r in readers_ if not r.strong), key=lambda r: r.order)),
        )
        return _registry


def readers() -> Mapping[str, Reader]:
    """The registered readers by media type."""
    return _load().by_type


def detect(data: bytes, name: str = "", declared_type: str | None = None) -> str | None:
    """The media type of `data` (see the module docstring for the order), or None."""
    registry = _load()
    for reader in registry.strong:
        found = reader.sniff(data)
        if found:
            return found
    suffix = os.path.splitext(name)[1].lower()
    if suffix in registry.by_extension:
        return registry.by_extension[suffix]
    if declared_type:
        declared = declared_type.strip().lower()
        if declared in registry.by_type:
            return declared
    for reader in registry.weak:
        found = reader.sniff(data)
        if found:
            return found
    return None


class FileTooLarge(UnreadableDocument):
    """A file (or attachment) over ``max_file_bytes``: not read."""


class NotAFile(UnreadableDocument):
    """A path that is not a regular file (a folder, a FIFO, a device, a socket): never
    opened for reading, so a FIFO cannot hang the run nor ``/dev/zero`` fill memory."""


class FileMissing(UnreadableDocument):
    """A path that does not exist (or a link to nothing)."""


def _too_large(limit: int) -> UnreadableDocument:
    return FileTooLarge(f"file too large (over {limit // MiB} MiB)")


# A file too large to read is still hashed (to record it for review), in blocks and only
# up to this many times ``max_file_bytes``; a larger one is not hashed at all.
HASH_CAP_FACTOR = 8
_BLOCK = MiB


def hash_cap() -> int:
    """The largest file `hash_file` hashes, in bytes."""
    return HASH_CAP_FACTOR * settings.limits().max_file_bytes


def _open_regular(path: str | os.PathLike[str], follow: bool = True) -> tuple[int, os.stat_result]:
    """An open descriptor of `path` and its stat, only for a regular file: stat first (a
    FIFO or device is never opened), then open without blocking (a FIFO swapped in
    meanwhile) and without following a link when `follow` is false, then compare."""
    before = check_file(path, follow)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileMissing("file not found") from None
    except OSError:
        raise UnreadableDocument("cannot open file") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (
        before.st_dev,
        before.st_ino,
    ):
        os.close(fd)
        raise NotAFile("not a regular file")
    return fd, info


def check_file(path: str | os.PathLike[str], follow: bool = True) -> os.stat_result:
    """The stat of `path` when it is a regular file; else `FileMissing`, `NotAFile` or
    `UnreadableDocument` ("cannot open file"). Opens nothing."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        raise FileMissing("file not found") from None
    except OSError:
        raise UnreadableDocument("cannot open file") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFile("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile("not a regular file")
    return info


def read_file(path: str | os.PathLike[str], follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``max_file_bytes``, read in blocks (a file
    that grows while it is read is refused when it passes the limit). Raises
    `FileMissing`, `NotAFile`, `FileTooLarge` or `UnreadableDocument`."""
    limit = settings.limits().max_file_bytes
    fd, info = _open_regular(path, follow)
    try:
        if info.st_size > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            block = os.read(fd, min(_BLOCK, limit + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > limit:
                raise _too_large(limit)
    except OSError:
        raise UnreadableDocument("cannot read file") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def hash_file(path: str | os.PathLike[str], follow: bool = True) -> str:
    """The sha256 of a regular file, read in blocks; "" when it is larger than
    `hash_cap()` (not read at all) or cannot be read. Never blocks on a FIFO and never
    reads a device."""
    cap = hash_cap()
    try:
        fd, info = _open_regular(path, follow)
    except UnreadableDocument:
        return ""
    try:
        if info.st_size > cap:
            return ""
        digest = hashlib.sha256()
        total = 0
        while block := os.read(fd, _BLOCK):
            total += len(block)
            if total > cap:
                return ""
            digest.update(block)
        return digest.hexdigest()
    except OSError:
        return ""
    finally:
        os.close(fd)


def read_bytes(data: bytes, name: str, *, declared_type: str | None = None) -> ReadDocument:
    """Read one document from memory. `name` is its file name (used for the extension
    and kept as `ReadDocument.name`); `declared_type` is an optional hint such as an
    e-mail attachment's Content-Type."""
    if not isinstance(data, bytes):
        data = bytes(data)
    if not data:
        raise UnreadableDocument("empty file")
    limit = settings.limits().max_file_bytes
    if len(data) > limit:
        raise _too_large(limit)
    media_type = detect(data, name, declared_type)
    if media_type is None:
        raise UnreadableDocument("unsupported or unrecognised format")
    reader = _load().by_type[media_type]
    try:
        document = reader.read(data, name, media_type)
    except UnreadableDocument:
        raise
    except Exception as exc:  # hostile input must never crash the caller
        reason = f"cannot read {media_type} ({type(exc).__name__})"
        raise UnreadableDocument(reason) from None
    document.name = name
    document.data = data
    return document


def read_path(path: str | os.PathLike[str], follow: bool = True) -> ReadDocument:
    """Read one document from a file. `ReadDocument.name` is the file's base name.

    Only a regular file is opened (`read_file`): a folder, FIFO, device or socket is
    `NotAFile`, a missing path `FileMissing`, a file over the limit `FileTooLarge`. With
    `follow` false a link is not followed (`NotAFile`)."""
    data = read_file(path, follow)
    return read_bytes(data, Path(path).name)
