"""The Tesseract program: found and probed once, run once per reading, its TSV parsed.

- The ``tesseract`` program is called directly with `subprocess` (not pytesseract, which
  writes temporary files to disk and calls the same program): one call per reading, the
  page as 8-bit gray, TSV on stdout. The text is rebuilt from the TSV (`page.py`), so the
  text and the word boxes come from the same single call.
- Language ``nld`` only, no ``nld+eng`` fallback: the documents are Dutch, ``nld`` reads
  the Dutch accents (é, ë, ö) and the odd English word (same Latin script), and a second
  model only adds a second guess for every doubtful word (on a clean page both took
  the same time; on poor scans, where most words are doubtful, it would cost more: not
  measured). ``LANGUAGE`` is one constant if that changes.
- The probe (`available`, once per process): ``tesseract --list-langs`` must list
  ``nld``; ``osd`` (orientation and script detection, ``osd.traineddata``, installed
  with Debian's ``tesseract-ocr``) is used when listed. What is missing is logged once
  as a warning, never per document.
- Environment: ``OMP_THREAD_LIMIT=1`` unless already set (Tesseract's OpenMP threads
  made it 2.4 times slower in wall time on a busy 2-core machine: bench/ocr_bench.py);
  the child's address space is capped at `CHILD_MEMORY_BYTES`. The page is handed over
  as an uncompressed BMP in a memfd (in memory, never on disk), not on stdin, which
  Tesseract reads slowly (see `_run`).
- Every call has a timeout (what is left of the page's time, see `page.py`, or of the
  zone readings' time, see `zones.py`); running out raises TimeoutError.

Bounds on what Tesseract is given (module constants, read at call time): a page image
of at most `MAX_OCR_PIXELS` (16 MP), at about `TARGET_DPI` (300).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

try:
    import resource as _resource
except ImportError:  # not on Windows
    _resource = None

# One logger for the whole package (the name it has always had).
log = logging.getLogger(__package__)

LANGUAGE = "nld"
MAX_OCR_PIXELS = 16_000_000
TARGET_DPI = 300
CHILD_MEMORY_BYTES = 2 * 1024**3
_PROBE_TIMEOUT = 30.0


@dataclass(frozen=True)
class _Engine:
    executable: str
    osd: bool
    # Every model tesseract lists (a zone model, ``mrz`` or ``ocrb``, is used when there).
    languages: frozenset[str] = frozenset()


_probe_lock = threading.Lock()
_engine: _Engine | None = None
_probed = False
_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message)


def _probe() -> _Engine | None:
    global _engine, _probed
    if _probed:
        return _engine
    with _probe_lock:
        if _probed:
            return _engine
        _engine = _find_engine()
        _probed = True
        return _engine


def _find_engine() -> _Engine | None:
    executable = shutil.which("tesseract")
    if executable is None:
        _warn_once(
            "missing",
            "OCR unavailable: the tesseract program is not installed; images and scanned "
            "pages are left for review",
        )
        return None
    try:
        done = subprocess.run(
            [executable, "--list-langs"],
            capture_output=True,
            timeout=_PROBE_TIMEOUT,
            env=_child_env(),
        )
    except (OSError, subprocess.SubprocessError):
        _warn_once("broken", "OCR unavailable: the tesseract program does not run")
        return None
    lines = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
    languages = {line.strip() for line in lines if line.strip() and " " not in line.strip()}
    if LANGUAGE not in languages:
        _warn_once(
            "language",
            f"OCR unavailable: tesseract has no '{LANGUAGE}' model (install "
            "tesseract-ocr-nld); images and scanned pages are left for review",
        )
        return None
    if "osd" not in languages:
        _warn_once(
            "osd",
            "tesseract has no orientation model (osd): turned pages are found by trying "
            "each rotation, which is slower",
        )
    return _Engine(executable=executable, osd="osd" in languages, languages=frozenset(languages))


def _over_cap(limit: int) -> None:
    log.warning("a document has more than %d pages to OCR: not OCR'd, left for review",
                limit)  # fmt: skip


def available() -> bool:
    """Whether OCR can run here (tesseract and its Dutch model are installed). The first
    call checks once per process and logs a warning when it cannot."""
    return _probe() is not None


def _reset_probe() -> None:
    """Forget what the probe found (for tests that change PATH)."""
    global _engine, _probed
    with _probe_lock:
        _engine, _probed = None, False


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def _limit_child() -> None:
    """Runs in the forked child before exec: nothing here may import or take a lock."""
    try:
        _resource.setrlimit(_resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    except (ValueError, OSError):
        pass


# ------------------------------------------------------------------------- tesseract


@dataclass
class _Reading:
    words: list[tuple[int, int, int, str, int, int, int, int, float]]  # block..conf
    score: float  # mean confidence of the words with a letter or digit
    count: int  # such words


def _bmp(image: Image.Image) -> bytes:
    """The gray page as an uncompressed BMP with no stated resolution (so Tesseract
    estimates it unless ``--dpi`` says): the cheapest format for Tesseract to read
    (measured with callgrind: about 0.4 % fewer instructions than the same page as PNG,
    3 % fewer than PGM)."""
    buf = io.BytesIO()
    image.save(buf, format="BMP", dpi=(0, 0))
    return buf.getvalue()


def _memory_file(payload: bytes) -> int | None:
    """An in-memory file (Linux memfd) holding `payload`, or None where there is none."""
    if not hasattr(os, "memfd_create") or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.memfd_create("zeef-ocr-page", os.MFD_CLOEXEC)
    except OSError:
        return None
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        os.close(fd)
        return None
    return fd


def _run(
    engine: _Engine, image: Image.Image, options: Sequence[str], timeout: float, what: str
) -> bytes | None:
    """Tesseract on a gray image with `options` (after its input and output): its stdout,
    or None when it failed (`what` names the call in the one warning a kind of failure
    gets; "" for none). Raises TimeoutError.

    The page goes to tesseract as a file in memory (memfd, never on disk) named by its
    /proc/self/fd path: tesseract reads stdin a character at a time, which for an A4
    page at 300 dpi (8.7 MB) cost about 0.2 G instructions per MB, some 20 % of the
    page's OCR time. Where there is no memfd, stdin it is."""
    payload = _bmp(image)
    fd = _memory_file(payload)
    source = "stdin" if fd is None else f"/proc/self/fd/{fd}"
    try:
        done = subprocess.run(
            [engine.executable, source, "stdout", *options],
            input=payload if fd is None else None,
            stdin=subprocess.DEVNULL if fd is not None else None,
            capture_output=True,
            timeout=max(timeout, 0.1),
            env=_child_env(),
            pass_fds=() if fd is None else (fd,),
            preexec_fn=_limit_child if _resource is not None else None,
        )
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    except OSError:
        return None
    finally:
        del payload
        if fd is not None:
            os.close(fd)
    if done.returncode != 0:
        if what:
            _warn_once(
                f"rc{done.returncode}", f"tesseract failed on {what} (exit {done.returncode})"
            )
        return None
    return done.stdout


def _tesseract(
    engine: _Engine,
    image: Image.Image,
    psm: int,
    dpi: float | None,
    timeout: float,
    config: Sequence[str] = ("-l", LANGUAGE),
) -> _Reading | None:
    """One reading of a gray image (words with boxes); None when tesseract failed.
    Raises TimeoutError."""
    options = [*config, "--psm", str(psm)]
    if dpi:
        options += ["--dpi", str(round(dpi))]
    out = _run(engine, image, [*options, "tsv"], timeout, "a page")
    return None if out is None else _parse_tsv(out.decode("utf-8", "replace"))


def _parse_tsv(tsv: str) -> _Reading:
    words = []
    total = 0.0
    count = 0
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t", 11)
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cols[11].strip())
        if not text:
            continue
        try:
            block, par, row = int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = (int(v) for v in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        words.append((block, par, row, text, left, top, width, height, conf))
        if any(ch.isalnum() for ch in text):
            total += max(conf, 0.0)
            count += 1
    return _Reading(words=words, score=total / count if count else 0.0, count=count)
