"""Image files for OCR: decoded one page at a time, checked first, scaled, made gray.

- Every image or TIFF page is checked on its header, before anything is decoded,
  against ``settings.limits().max_image_pixels`` (100 MP); above it, or when Pillow
  itself calls it a decompression bomb, the document is refused:
  ``UnreadableDocument("image too large")``. Pillow's decompression-bomb warning is
  silenced around `Image.open` with `warnings.catch_warnings` (not thread-safe: single-
  threaded use is assumed); the settings' cap decides instead.
- Pages: a TIFF's pages (each checked before any is decoded); one page for every other
  format (GIF and WebP animation frames, APNG and MPO extra images are not pages). A
  TIFF with more than ``settings.limits().max_ocr_pages`` (300) pages is not OCR'd at
  all: it comes back with no text and one unread page (``needs_ocr`` set, so review),
  quickly, rather than after minutes of OCR that would end in review.
- Each page is scaled down to about `TARGET_DPI` (300; only when the file states a
  believable resolution, 150 to 1200 dpi: phone photos say 72) and to at most
  `MAX_OCR_PIXELS` (16 MP), and turned to 8-bit gray (see `_page_image`). Peak memory
  is about 1.5 times the decoded page: measured (VmHWM of the whole process, imports
  included) for 100 MP images: RGBA PNG 590 MB, RGB PNG 500 MB, RGB JPEG 80 MB
  (decoded already reduced).
- Word boxes are in pixels of the image as displayed (EXIF orientation applied) at its
  own resolution, whatever it was scaled to for OCR.
- Time: ``settings.limits().ocr_document_seconds`` (1800 s) per document; pages left
  when it is up are not read (status TIMEOUT).
- Truncated or corrupt image data: ``UnreadableDocument("corrupt image ...")``.
"""

from __future__ import annotations

import io
import math
import time
import warnings

from PIL import Image, UnidentifiedImageError

from zeef.domain import settings
from zeef.domain.document import FAILED, TIMEOUT, OcrPage, OcrResult
from zeef.domain.errors import OcrUnavailable, UnreadableDocument
from zeef.domain.settings import Limits
from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.page import _ocr_page

PAGE_SEPARATOR = "\n\f\n"  # the same as pdf.PAGE_SEPARATOR

# A resolution stated in a file is believed only in this range (phone photos say 72).
_TRUSTED_DPI = (150.0, 1200.0)


def _too_large() -> UnreadableDocument:
    return UnreadableDocument("image too large")


def _check_size(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise UnreadableDocument("corrupt image (no size)")
    if width * height > max_pixels:
        raise _too_large()


def _open(data: bytes, limits: Limits | None = None) -> Image.Image:
    if not data:
        raise UnreadableDocument("empty file")
    if limits is None:
        limits = settings.limits()
    try:
        with warnings.catch_warnings():
            # Pillow warns from about 89 MP; max_image_pixels (checked below) decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _too_large() from None
    except UnidentifiedImageError:
        raise UnreadableDocument("corrupt image (not recognised)") from None
    except Exception as exc:
        raise UnreadableDocument(f"corrupt image ({type(exc).__name__})") from None
    _check_size(image, limits.max_image_pixels)
    return image


def _frame_count(image: Image.Image, limits: Limits) -> int:
    """Pages of a TIFF (counted up to max_ocr_pages + 1, each checked against the pixel
    cap before any is decoded); 1 for every other format (GIF and WebP animation frames,
    APNG and MPO extra images are not pages)."""
    if image.format != "TIFF":
        return 1
    count = 0
    try:
        while count <= limits.max_ocr_pages:
            image.seek(count)
            _check_size(image, limits.max_image_pixels)
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
    target_dpi, max_pixels = _tess.TARGET_DPI, _tess.MAX_OCR_PIXELS
    scale = 1.0
    if dpi and dpi > target_dpi * 1.25:
        scale = target_dpi / dpi
    if width * height * scale * scale > max_pixels:
        scale = math.sqrt(max_pixels / (width * height))
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
    with more than ``settings.limits().max_ocr_pages`` pages is not OCR'd: the result
    has no text and one unread page (status FAILED), so `needs_ocr` is set."""
    engine = _tess._probe()
    if engine is None:
        raise OcrUnavailable("tesseract with the Dutch model is not installed")
    limits = settings.limits()
    image = _open(data, limits)
    try:
        count = _frame_count(image, limits)
        if count > limits.max_ocr_pages:
            _tess._over_cap(limits.max_ocr_pages)
            return _assemble([OcrPage(0, image.width, image.height, None, status=FAILED)])
        deadline = time.monotonic() + limits.ocr_document_seconds
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
