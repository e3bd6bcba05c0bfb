"""OCR with Tesseract (Dutch), for images and for PDF pages without a text layer.

Not a reader (no ``READER``): `image.py` and `pdf.py` call it.

How a page is read
------------------
- The ``tesseract`` program is called directly with `subprocess` (not pytesseract, which
  writes temporary files to disk and calls the same program): one call per page, the
  page as 8-bit gray, TSV on stdout. The text is rebuilt from the TSV
  (words joined by spaces, lines by a line break, paragraphs by a blank line), so the
  text and the word boxes come from the same single call.
- Language ``nld`` only, no ``nld+eng`` fallback: the documents are Dutch, ``nld`` reads
  the Dutch accents (é, ë, ö) and the odd English word (same Latin script), and a second
  model only adds a second guess for every doubtful word (on a clean page both took
  the same time; on poor scans, where most words are doubtful, it would cost more: not
  measured). ``LANGUAGE`` is one constant if that changes.
- Rotation: the first call uses ``--psm 3`` (automatic layout, no orientation
  detection). When its words are mostly doubtful (mean confidence under
  `UPRIGHT_CONFIDENCE`, as a page read sideways or upside down is), the page is read
  again with ``--psm 1`` (layout *with* Tesseract's orientation and script detection,
  OSD: ``osd.traineddata``, installed with Debian's ``tesseract-ocr``) and the better
  of the two readings (mean word confidence) is kept. Always using ``--psm 1`` cost
  about 30 % more per upright page (wall time, 2.6 s against 2.0 s for an A4 page); a
  separate ``--psm 0`` call 1.2 to 2 s a page, so neither is done up front. Without
  ``osd.traineddata`` the fallback turns the page 90, 180 and 270 degrees itself (in
  that order, stopping at the first reading that is not doubtful) and keeps the best
  reading. Word boxes are always in the coordinates of the page as
  given (not as turned).
- Skew: no separate deskew pass. Tesseract's layout analysis follows skewed text lines
  (a 3 degree skew read with mean confidence 94 against 96 upright).
- Environment: ``OMP_THREAD_LIMIT=1`` unless already set (Tesseract's OpenMP threads
  made it 2.4 times slower in wall time on a busy 2-core machine: bench/ocr_bench.py);
  the child's address space is capped at `CHILD_MEMORY_BYTES`. The page is handed over
  as an uncompressed BMP in a memfd (in memory, never on disk), not on stdin, which
  Tesseract reads slowly (see `_tesseract`).
- Single-threaded use assumed: Pillow's decompression-bomb warning is silenced around
  `Image.open` with `warnings.catch_warnings` (not thread-safe; `MAX_IMAGE_PIXELS`
  decides instead), and `ocr_pdf_pages` empties PyMuPDF's global store after each page.

Bounds (module constants, read at call time)
--------------------------------------------
- `MAX_IMAGE_PIXELS` (100 MP) per image or TIFF page, checked on the header before
  anything is decoded; above it, or when Pillow itself calls it a decompression bomb,
  the document is refused: ``UnreadableDocument("image too large")``.
- Images are decoded one page at a time, scaled down to about 300 dpi (when the file
  states a believable resolution) and to at most `MAX_OCR_PIXELS` (16 MP) and turned to
  8-bit gray (see `_page_image`). Peak memory is about 1.5 times the decoded page:
  measured (VmHWM of the whole process, imports included) for 100 MP images: RGBA PNG
  590 MB, RGB PNG 500 MB, RGB JPEG 80 MB (decoded already reduced).
- PDF pages are rendered with PyMuPDF in gray at 300 dpi (less for pages so large that
  300 dpi would exceed `MAX_OCR_PIXELS`).
- At most `MAX_OCR_PAGES` (300) pages per document are OCR'd. A document with more
  pages to OCR is not OCR'd at all: it comes back as before OCR existed (``needs_ocr``
  set, so review), quickly, rather than after minutes of OCR that would end in review.
- `PAGE_TIMEOUT` seconds per page (all calls for it) and `DOCUMENT_TIMEOUT` seconds per
  document; a page that runs out of time is left unread (``needs_ocr`` stays set).
- Truncated or corrupt image data: ``UnreadableDocument("corrupt image ...")``.

Nothing here logs or raises document content or file names: messages name only what
went wrong.

Word boxes: `OcrResult.pages[i].words` (also `OcrResult.words`): text, page index (the
document's page), box in pixels of the page image (see `OcrPage`), confidence, and the
word's offsets in the page's text. The readers put the result on the document they
return (`ReadDocument.ocr`).
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import shutil
import subprocess
import threading
import time
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

try:
    import resource as _resource
except ImportError:  # not on Windows
    _resource = None

from zeef.domain.document import (
    _READ,
    BLANK,
    EMPTY,
    FAILED,
    OK,
    TIMEOUT,
    OcrPage,
    OcrResult,
    OcrWord,
    ReadDocument,
)
from zeef.domain.errors import OcrUnavailable, UnreadableDocument

log = logging.getLogger(__name__)

LANGUAGE = "nld"
MAX_IMAGE_PIXELS = 100_000_000
MAX_OCR_PIXELS = 16_000_000
TARGET_DPI = 300
MAX_OCR_PAGES = 300
PAGE_TIMEOUT = 120.0
DOCUMENT_TIMEOUT = 1800.0
UPRIGHT_CONFIDENCE = 60.0
CHILD_MEMORY_BYTES = 2 * 1024**3
PAGE_SEPARATOR = "\n\f\n"  # the same as pdf.PAGE_SEPARATOR

# A resolution stated in a file is believed only in this range (phone photos say 72).
_TRUSTED_DPI = (150.0, 1200.0)
# Pages whose gray values all lie within this range are blank: not sent to Tesseract.
_UNIFORM_SPREAD = 32
# A page where OCR found no text counts as blank (not as "unread") when fewer than this
# share of its pixels are dark.
_BLANK_INK = 0.0002
_MIN_SIDE = 16  # pixels; smaller images hold no readable text
_PROBE_TIMEOUT = 30.0

# Page status values.
# ---------------------------------------------------------------------------- engine


@dataclass(frozen=True)
class _Engine:
    executable: str
    osd: bool


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
    return _Engine(executable=executable, osd="osd" in languages)


def _over_cap() -> None:
    log.warning("a document has more than %d pages to OCR: not OCR'd, left for review",
                MAX_OCR_PAGES)  # fmt: skip


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


def _box_back(
    box: tuple[int, int, int, int], turn: int, size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """A box found on the page turned `turn` degrees counter-clockwise (PIL's
    ROTATE_90/180/270) back in the coordinates of the page of `size` as given."""
    left, top, width, height = box
    w, h = size
    if turn == 90:
        return w - top - height, left, height, width
    if turn == 180:
        return w - left - width, h - top - height, width, height
    if turn == 270:
        return top, h - left - width, height, width
    return box


_TURNS = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def _ocr_page(
    engine: _Engine,
    gray: Image.Image,
    index: int,
    dpi: float | None,
    scale: float,
    size: tuple[int, int],
    deadline: float,
) -> OcrPage:
    """OCR one page image (mode L). `scale` is how much `gray` was scaled from the page
    image of `size` that the boxes must refer to."""
    page = OcrPage(index=index, width=size[0], height=size[1], dpi=dpi)
    if gray.width < _MIN_SIDE or gray.height < _MIN_SIDE:
        return page  # BLANK
    low, high = gray.getextrema()
    if high - low < _UNIFORM_SPREAD:
        return page  # BLANK
    ocr_dpi = dpi * scale if dpi else None
    page_deadline = min(deadline, time.monotonic() + PAGE_TIMEOUT)

    def remaining() -> float:
        left = page_deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    best: _Reading | None = None
    best_turn = 0
    try:
        best = _tesseract(engine, gray, 3, ocr_dpi, remaining())
        page.passes += 1
        if best is not None and best.count and best.score < UPRIGHT_CONFIDENCE:
            if engine.osd:
                # OSD is unsure on short or noisy pages (a five-line note upside down):
                # when its reading is still poor, upside down is tried as well.
                tries = [(0, 1), (180, 3)]
            else:
                tries = [(turn, 3) for turn in (90, 180, 270)]
            for turn, psm in tries:
                image = gray.transpose(_TURNS[turn]) if turn else gray
                other = _tesseract(engine, image, psm, ocr_dpi, remaining())
                page.passes += 1
                if other is not None and other.score > best.score:
                    best, best_turn = other, turn
                if best.score >= UPRIGHT_CONFIDENCE:
                    break  # this way up reads well: no need to try the others
    except TimeoutError:
        if best is None or not best.count:
            page.status = TIMEOUT
            return page
        # Keep the first reading; the page still counts as read in part only.
        _fill(page, best, best_turn, gray.size, scale)
        page.status = TIMEOUT
        return page
    if best is None:
        page.status = FAILED
        return page
    _fill(page, best, best_turn, gray.size, scale)
    if page.text:
        page.status = OK
    else:
        dark = sum(gray.histogram()[:128])
        page.status = BLANK if dark < _BLANK_INK * gray.width * gray.height else EMPTY
    return page


def _fill(
    page: OcrPage, reading: _Reading, turn: int, ocr_size: tuple[int, int], scale: float
) -> None:
    """The page's text and words from a reading, boxes turned and scaled back."""
    page.turn = turn
    if not reading.count:  # punctuation and specks only: no text
        return
    parts: list[str] = []
    words: list[OcrWord] = []
    offset = 0
    previous: tuple[int, int, int] | None = None
    for block, par, row, text, left, top, width, height, conf in reading.words:
        if previous is None:
            gap = ""
        elif (block, par) != previous[:2]:
            gap = "\n\n"
        elif row != previous[2]:
            gap = "\n"
        else:
            gap = " "
        previous = (block, par, row)
        offset += len(gap)
        left, top, width, height = _box_back((left, top, width, height), turn, ocr_size)
        x0 = min(max(math.floor(left / scale), 0), page.width)
        y0 = min(max(math.floor(top / scale), 0), page.height)
        x1 = min(max(math.ceil((left + width) / scale), x0), page.width)
        y1 = min(max(math.ceil((top + height) / scale), y0), page.height)
        words.append(
            OcrWord(
                text=text,
                page=page.index,
                left=x0,
                top=y0,
                width=x1 - x0,
                height=y1 - y0,
                confidence=round(conf, 2),
                start=offset,
                end=offset + len(text),
            )
        )
        parts.append(gap + text)
        offset += len(text)
    page.text = "".join(parts)
    page.words = words


# ---------------------------------------------------------------------------- images


def _too_large() -> UnreadableDocument:
    return UnreadableDocument("image too large")


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise UnreadableDocument("corrupt image (no size)")
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_large()


def _open(data: bytes) -> Image.Image:
    if not data:
        raise UnreadableDocument("empty file")
    try:
        with warnings.catch_warnings():
            # Pillow warns from about 89 MP; MAX_IMAGE_PIXELS (checked below) decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _too_large() from None
    except UnidentifiedImageError:
        raise UnreadableDocument("corrupt image (not recognised)") from None
    except Exception as exc:
        raise UnreadableDocument(f"corrupt image ({type(exc).__name__})") from None
    _check_size(image)
    return image


def _frame_count(image: Image.Image) -> int:
    """Pages of a TIFF (counted up to MAX_OCR_PAGES + 1, each checked against the pixel
    cap before any is decoded); 1 for every other format (GIF and WebP animation frames,
    APNG and MPO extra images are not pages)."""
    if image.format != "TIFF":
        return 1
    count = 0
    try:
        while count <= MAX_OCR_PAGES:
            image.seek(count)
            _check_size(image)
            count += 1
    except EOFError:
        pass
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(f"corrupt image ({type(exc).__name__})") from None
    return max(count, 1)


def _stated_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) else float(dpi)
    except (TypeError, ValueError, IndexError):
        return None
    low, high = _TRUSTED_DPI
    return value if low <= value <= high else None


def _scale_for(width: int, height: int, dpi: float | None) -> float:
    scale = 1.0
    if dpi and dpi > TARGET_DPI * 1.25:
        scale = TARGET_DPI / dpi
    if width * height * scale * scale > MAX_OCR_PIXELS:
        scale = math.sqrt(MAX_OCR_PIXELS / (width * height))
    return scale


_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _to_gray(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode == "L":
        return image
    if mode == "P":
        image = image.convert("LA" if "transparency" in image.info else "L")
        if image.mode == "L":
            return image
        mode = image.mode
    if mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        # Text on a transparent background: put it on white, not on black.
        luminance, alpha = image.convert("LA").split()
        return Image.composite(luminance, Image.new("L", image.size, 255), alpha)
    if mode.startswith("I") or mode == "F":
        return _stretch(image)
    return image.convert("L")


def _stretch(image: Image.Image) -> Image.Image:
    """16-bit or float pixels to 8-bit gray, darkest to black and lightest to white
    (Pillow's own conversion clips everything above 255 to white). In bands of rows,
    so memory stays near one copy of the image."""
    import numpy as np

    values = np.asarray(image)
    low, high = float(values.min()), float(values.max())
    factor = 255.0 / (high - low) if high > low else 0.0
    out = np.empty(values.shape, dtype=np.uint8)
    for row in range(0, values.shape[0], 512):
        band = values[row : row + 512].astype(np.float32)
        out[row : row + 512] = ((band - low) * factor).astype(np.uint8)
    return Image.fromarray(out, mode="L")


def _page_image(
    image: Image.Image, release: bool
) -> tuple[Image.Image, float | None, float, tuple[int, int]]:
    """The current frame as gray pixels ready for OCR: (gray, dpi, scale, size) where
    `size` is the frame as displayed (EXIF orientation applied) at full resolution and
    `scale` how much `gray` is scaled from it.

    Memory: the decoded frame (its own bytes per pixel: 1 for gray and bilevel, 3 for
    RGB, 4 for RGBA and CMYK) is reduced by an integer factor first, while still in its
    own mode (with alpha: its gray and alpha channels, split first), and (when
    `release`) let go before the gray conversion; so the peak is about the decoded frame
    plus half of it or less. JPEGs are decoded already gray and reduced (Pillow's draft
    mode)."""
    dpi = _stated_dpi(image)
    width, height = image.size
    scale = _scale_for(width, height, dpi)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    orientation = 1
    try:
        orientation = int(image.getexif().get(0x0112, 1) or 1)
    except Exception:
        orientation = 1
    if image.format in ("JPEG", "MPO"):
        # Decoded gray and reduced by 1/2, 1/4 or 1/8 (never below the target).
        image.draft("L", target)
    image.load()
    work = image
    if work.mode in ("1", "P"):  # these cannot be reduced; gray costs no more memory
        work = _to_gray(work)
    if work.mode == "PA":
        work = work.convert("RGBA")
    factor = min(work.width // target[0], work.height // target[1])
    if work.mode in ("RGBA", "LA"):
        # Pillow reduces these through a premultiplied full-size copy: split them first.
        alpha, luminance = work.getchannel("A"), work.convert("L")
        if work is image and release:
            image.close()  # frees the decoded pixels
        del work
        if factor >= 2:
            alpha, luminance = alpha.reduce(factor), luminance.reduce(factor)
        # Text on a transparent background: put it on white, not on black.
        gray = Image.composite(luminance, Image.new("L", luminance.size, 255), alpha)
        del alpha, luminance
    else:
        if factor >= 2 and work.mode not in ("I;16", "I;16B", "I;16L", "I;16N"):
            reduced = work.reduce(factor)
            if work is image and release:
                image.close()  # frees the decoded pixels
            work = reduced
        gray = _to_gray(work)
        del work
    if gray.size != target:
        gray = gray.resize(target, Image.Resampling.LANCZOS)
    scale = gray.width / width
    method = _ORIENTATION.get(orientation)
    if method is not None:
        gray = gray.transpose(method)
        if orientation >= 5:
            width, height = height, width
    return gray, dpi, scale, (width, height)


def _decode_error(exc: Exception) -> UnreadableDocument:
    if isinstance(exc, Image.DecompressionBombError):
        return _too_large()
    if isinstance(exc, OSError) and "truncated" in str(exc):
        return UnreadableDocument("corrupt image (truncated)")
    return UnreadableDocument(f"corrupt image ({type(exc).__name__})")


def ocr_image(data: bytes) -> OcrResult:
    """OCR every page of an image file (PNG, JPEG, TIFF and multi-page TIFF, GIF, BMP,
    WebP, and what else Pillow opens). Raises UnreadableDocument for a file that cannot
    be decoded or is too large, OcrUnavailable when tesseract is not installed. A TIFF
    with more than MAX_OCR_PAGES pages is not OCR'd: the result has no text and one
    unread page (status FAILED), so `needs_ocr` is set."""
    engine = _probe()
    if engine is None:
        raise OcrUnavailable("tesseract with the Dutch model is not installed")
    image = _open(data)
    try:
        count = _frame_count(image)
        if count > MAX_OCR_PAGES:
            _over_cap()
            return _assemble([OcrPage(0, image.width, image.height, None, status=FAILED)])
        deadline = time.monotonic() + DOCUMENT_TIMEOUT
        pages = []
        for index in range(count):
            if time.monotonic() >= deadline:
                pages.append(OcrPage(index, 0, 0, None, status=TIMEOUT))
                continue
            try:
                if image.format == "TIFF":
                    image.seek(index)
                gray, dpi, scale, size = _page_image(image, release=count == 1)
            except UnreadableDocument:
                raise
            except Exception as exc:
                raise _decode_error(exc) from None
            pages.append(_ocr_page(engine, gray, index, dpi, scale, size, deadline))
            del gray
        return _assemble(pages)
    finally:
        image.close()


def _assemble(pages: list[OcrPage]) -> OcrResult:
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page.text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(page.text for page in pages)
    if not text.strip():
        text, starts = "", [0] * len(pages)
    words = [word for page in pages for word in page.words]
    return OcrResult(text=text, page_starts=starts, words=words, pages=pages)


# ------------------------------------------------------------------------------- PDF


def ocr_pdf_pages(data: bytes, indexes: Sequence[int], page_count: int) -> dict[int, OcrPage]:
    """OCR the pages `indexes` of a PDF (rendered with PyMuPDF in gray). Only pages that
    could be rendered are in the answer; raises OcrUnavailable when tesseract is not
    installed. Nothing is OCR'd when there are more than MAX_OCR_PAGES pages to do, or
    when PyMuPDF does not see the same `page_count` as the caller (its pages might then
    not be the caller's)."""
    engine = _probe()
    if engine is None:
        raise OcrUnavailable("tesseract with the Dutch model is not installed")
    if not indexes:
        return {}
    if len(indexes) > MAX_OCR_PAGES:
        _over_cap()
        return {}
    from zeef.pipeline.mupdf import pymupdf

    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return {}
    done: dict[int, OcrPage] = {}
    try:
        if document.needs_pass and not document.authenticate(""):
            return {}
        if document.page_count != page_count:
            return {}
        deadline = time.monotonic() + DOCUMENT_TIMEOUT
        for index in indexes:
            if time.monotonic() >= deadline:
                done[index] = OcrPage(index, 0, 0, None, status=TIMEOUT)
                continue
            try:
                gray, dpi = _render(document[index])
            except Exception:
                continue  # not rendered: the page stays unread
            finally:
                # MuPDF keeps decoded images in its store (up to 256 MB): let them go.
                pymupdf.TOOLS.store_shrink(100)
            done[index] = _ocr_page(engine, gray, index, dpi, 1.0, gray.size, deadline)
            del gray
    finally:
        document.close()
    return done


def _render(page) -> tuple[Image.Image, float]:
    from zeef.pipeline.mupdf import pymupdf

    rect = page.rect
    inches = max(rect.width, 1.0) * max(rect.height, 1.0) / (72.0 * 72.0)
    dpi = min(float(TARGET_DPI), math.sqrt(MAX_OCR_PIXELS / inches))
    dpi = max(dpi, 1.0)
    pix = page.get_pixmap(dpi=round(dpi), colorspace=pymupdf.csGRAY, alpha=False)
    gray = Image.frombuffer("L", (pix.width, pix.height), pix.samples, "raw", "L", pix.stride, 1)
    gray = gray.copy()  # own the pixels; the pixmap can go
    del pix
    return gray, float(round(dpi))


# ---------------------------------------------------------- machine-readable zones

# Only what a machine-readable zone (ICAO 9303) can hold.
_MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Second readings for a zone the first reading got wrong, cheapest first: Tesseract's
# English model limited to the zone's alphabet, as one block (psm 6) and as sparse text
# (psm 11), then the page enlarged twice (small print on a phone photo).
_MRZ_PASSES = ((6, 1.0), (11, 1.0), (6, 2.0))


def _page_images(document: ReadDocument, result: OcrResult) -> Iterator[Image.Image]:
    """The OCR'd pages' gray images again, turned as the first reading turned them."""
    if document.media_type == "application/pdf":
        from zeef.pipeline.mupdf import pymupdf

        with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
            for page in result.pages:
                if page.status in _READ and page.width:
                    gray, _ = _render(pdf[page.index])
                    yield gray.transpose(_TURNS[page.turn]) if page.turn else gray
        return
    image = _open(document.data)
    try:
        for page in result.pages:
            if page.status not in _READ or not page.width:
                continue
            if image.format == "TIFF":
                image.seek(page.index)
            gray, _, _, _ = _page_image(image, release=False)
            # (a copy: `gray` may be the decoded frame itself, closed below)
            yield gray.transpose(_TURNS[page.turn]) if page.turn else gray.copy()
    finally:
        image.close()


def _deskew(gray: Image.Image, limit: float = 5.0, step: float = 0.25) -> Image.Image:
    """The page turned straight when it lies askew by up to `limit` degrees: the angle
    whose rows of ink are sharpest (the variance of the dark pixels per row, on a copy
    about 800 pixels wide). A zone's long lines of small print defeat Tesseract's own
    line finding from about 2 degrees on."""
    import numpy as np

    small = gray.copy()
    small.thumbnail((800, 800))
    ink = small.point(lambda v: 255 if v < 128 else 0)
    best, best_score = 0.0, -1.0
    for k in range(round(-limit / step), round(limit / step) + 1):
        angle = k * step
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
        score = float(rows.var())
        if score > best_score:
            best, best_score = angle, score
    if abs(best) < 0.5:
        return gray
    return gray.rotate(best, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def mrz_readings(document: ReadDocument) -> Iterator[str]:
    """Further readings of a scanned ID document's pages, made to read a machine-readable
    zone (its alphabet only, in the ways `_MRZ_PASSES` lists), one text per pass, for a
    caller that stops as soon as a reading's check digits all pass. Nothing for a
    document not read by OCR or where OCR cannot run."""
    result = document.ocr
    engine = _probe()
    if result is None or engine is None:
        return
    try:
        pages = list(_page_images(document, result))
    except Exception:
        return
    deadline = time.monotonic() + PAGE_TIMEOUT
    upright = []
    for gray in pages:
        # The single-block passes below do not turn a page, and the first reading may
        # have been made sideways (Tesseract reads vertical lines, poorly) or turned by
        # Tesseract itself (psm 1): ask it which way is up (psm 0) and turn it here.
        turns = [0] + [t for t in _osd_turns(engine, gray, deadline) if t]
        upright += [_deskew(gray.transpose(_TURNS[t]) if t else gray) for t in turns]
    for psm, scale in _MRZ_PASSES:
        texts = []
        for gray in upright:
            if scale != 1.0:
                size = (round(gray.width * scale), round(gray.height * scale))
                if size[0] * size[1] > MAX_OCR_PIXELS * 2:
                    continue
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            try:
                reading = _tesseract(
                    engine, gray, psm, None, deadline - time.monotonic(), _MRZ_CONFIG
                )
            except TimeoutError:
                return
            if reading is not None:
                texts.append(_reading_text(reading))
        yield "\n\n".join(texts)


_ROTATE = re.compile(rb"Rotate: (\d+)")


def _osd_turns(engine: _Engine, gray: Image.Image, deadline: float) -> list[int]:
    """The turns (PIL's, counter-clockwise) that may put the page upright, from
    Tesseract's orientation detection: its "Rotate: 90" read both ways round for a
    quarter turn (it is often unsure on a card), [0] when it sees the page upright, is
    unsure (too little text) or has no orientation model."""
    if not engine.osd:
        return [0]
    try:
        out = _run(engine, gray, ["--psm", "0"], deadline - time.monotonic(), "")
    except TimeoutError:
        return [0]
    found = _ROTATE.search(out) if out is not None else None
    turn = int(found.group(1)) % 360 if found else 0
    if turn in (90, 270):
        return [turn, 360 - turn]
    return [turn] if turn in _TURNS else [0]


def _reading_text(reading: _Reading) -> str:
    lines: dict[tuple[int, int, int], list[str]] = {}
    for block, par, row, text, *_ in reading.words:
        lines.setdefault((block, par, row), []).append(text)
    return "\n".join(" ".join(words) for words in lines.values())


_MRZ_CONFIG = ("-l", "eng", "-c", f"tessedit_char_whitelist={_MRZ_ALPHABET}")
