"""Reading one page image: upright first, turned when it reads poorly; blank pages skipped.

- A page too small to hold text (`_MIN_SIDE`) or whose gray values all lie within
  `_UNIFORM_SPREAD` is blank: not sent to Tesseract.
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
- A page with ink where that finds no text at all (status `empty`) gets one more
  chance: when a machine-readable zone is found on it by its shape and reads as one
  (`mrz_read.zone_lines`), its lines are the page's text (one word per line, boxes from
  the zone's shape): an ID card scanned small on a busy background otherwise leaves
  the document unread, and with the zone the classifier sees an ID copy.
- The text is rebuilt from the TSV: words joined by spaces, lines by a line break,
  paragraphs by a blank line (`_fill`).
- Time: ``settings.limits().ocr_page_seconds`` (120 s) per page, every Tesseract call
  for it, and never past the document's deadline. A page that runs out of time keeps a
  first reading that found words, but its status is TIMEOUT either way (unread:
  ``needs_ocr`` stays set).
"""

from __future__ import annotations

import math
import time

from PIL import Image

from zeef.domain import settings
from zeef.domain.document import BLANK, EMPTY, FAILED, OK, TIMEOUT, OcrPage, OcrWord
from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.engine import _Engine, _Reading

UPRIGHT_CONFIDENCE = 60.0

# Pages whose gray values all lie within this range are blank: not sent to Tesseract.
_UNIFORM_SPREAD = 32
# A page where OCR found no text counts as blank (not as "unread") when fewer than this
# share of its pixels are dark.
_BLANK_INK = 0.0002
_MIN_SIDE = 16  # pixels; smaller images hold no readable text

_TURNS = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


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
    page_deadline = min(deadline, time.monotonic() + settings.limits().ocr_page_seconds)

    def remaining() -> float:
        left = page_deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    best: _Reading | None = None
    best_turn = 0
    try:
        best = _tess._tesseract(engine, gray, 3, ocr_dpi, remaining())
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
                other = _tess._tesseract(engine, image, psm, ocr_dpi, remaining())
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
        return page
    dark = sum(gray.histogram()[:128])
    page.status = BLANK if dark < _BLANK_INK * gray.width * gray.height else EMPTY
    if page.status == EMPTY:
        zone = _zone_only(engine, gray, page_deadline)
        if zone is not None:
            page.passes += 1
            _fill(page, zone, 0, gray.size, scale)
            page.status = OK
    return page


def _zone_only(engine: _Engine, gray: Image.Image, deadline: float) -> _Reading | None:
    """A page with ink where the reading found no text at all (an ID card on a busy
    background, scanned small, makes Tesseract's layout analysis see a picture): its
    machine-readable zone, when one is found by its shape and reads as one, as the
    page's text (one word per line, boxes from the zone's shape). Then the document is
    not left unread, and the classifier sees an ID copy and reads its zone again."""
    from zeef.pipeline.extract.ocr import mrz_read  # scipy: only when needed

    try:
        lines = mrz_read.zone_lines(engine, gray, deadline)
    except TimeoutError:
        return None
    if not lines:
        return None
    words = [(1, 1, row, text, *box, 50.0) for row, (text, box) in enumerate(lines, start=1)]
    return _Reading(words=words, score=50.0, count=len(words))


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
