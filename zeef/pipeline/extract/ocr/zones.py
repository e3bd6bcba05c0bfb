"""Second readings of a scanned ID document, made to read its machine-readable zone.

The first reading (`page.py`) reads a page as Dutch text; a zone (ICAO 9303: three or
two lines of ``A-Z0-9<``) on a card photographed askew or sideways often comes out
wrong there. `mrz_readings` reads the OCR'd pages again, for a caller
(`classify._read_zone_again`) that stops at the first reading whose check digits all
pass:
- the pages are decoded or rendered again as the first reading saw them, turned as it
  turned them;
- each is turned upright by Tesseract's orientation detection (``--psm 0``; a quarter
  turn is tried both ways round, as it is often unsure on a card) and straightened
  (`_deskew`: up to 5 degrees; a zone's long lines of small print defeat Tesseract's
  own line finding from about 2 degrees on);
- then read in the passes `_MRZ_PASSES` lists, cheapest first, with Tesseract's English
  model limited to the zone's alphabet: as one block (psm 6), as sparse text (psm 11),
  and enlarged twice (small print on a phone photo; pages that would then exceed twice
  `MAX_OCR_PIXELS` are skipped). One text per pass.

Time: ``settings.limits().ocr_page_seconds`` (120 s) for all the second readings of a
document together; a reading that runs out of it ends them (nothing more is yielded).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from PIL import Image

from zeef.domain import settings
from zeef.domain.document import _READ, OcrResult, ReadDocument
from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.engine import _Engine, _Reading
from zeef.pipeline.extract.ocr.images import _open, _page_image
from zeef.pipeline.extract.ocr.page import _TURNS
from zeef.pipeline.extract.ocr.pdf_pages import _render

# Only what a machine-readable zone (ICAO 9303) can hold.
_MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Second readings for a zone the first reading got wrong, cheapest first: Tesseract's
# English model limited to the zone's alphabet, as one block (psm 6) and as sparse text
# (psm 11), then the page enlarged twice (small print on a phone photo).
_MRZ_PASSES = ((6, 1.0), (11, 1.0), (6, 2.0))
_MRZ_CONFIG = ("-l", "eng", "-c", f"tessedit_char_whitelist={_MRZ_ALPHABET}")


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
    engine = _tess._probe()
    if result is None or engine is None:
        return
    try:
        pages = list(_page_images(document, result))
    except Exception:
        return
    deadline = time.monotonic() + settings.limits().ocr_page_seconds
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
                if size[0] * size[1] > _tess.MAX_OCR_PIXELS * 2:
                    continue
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            try:
                reading = _tess._tesseract(
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
        out = _tess._run(engine, gray, ["--psm", "0"], deadline - time.monotonic(), "")
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
