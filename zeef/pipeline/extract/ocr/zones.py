"""Second readings of a scanned ID document, made to read its machine-readable zone.

The first reading (`page.py`) reads a page as Dutch text; a zone (ICAO 9303: three or
two lines of ``A-Z0-9<``) on a card photographed askew, sideways or on a busy background
often comes out wrong there. `mrz_readings` reads the OCR'd pages again, for a caller
(`classify._read_zone_again`) that stops at the first reading whose check digits all
pass:
- the pages are decoded or rendered again as the first reading saw them, turned as it
  turned them (pages where it found no text at all included: the zone may be all
  there is);
- the zones are found by their shape and read one by one in several ways
  (`mrz_locate`: crop, level; `mrz_read`: binarise, scale, Tesseract limited to
  the zone's alphabet);
- the check digits judge every reading (`_Judge`): a reading the classifier would
  trust is given only once the next reading has not contradicted it, and nothing is
  given once two readings disagree on the number or the expiry (each passing its own
  check digit), or when the first reading passed a different one.

Time: `ZONE_SECONDS` (12 s), and never more than ``settings.limits().ocr_page_seconds``,
for all the second readings of a document together; when it runs out nothing more is
read (a reading waiting for its confirmation is then given if nothing contradicted it).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

from PIL import Image

from zeef.classifiers.id_document import IdDocument, number_possible, read_id_document
from zeef.domain import settings
from zeef.domain.document import EMPTY, OK, OcrResult, ReadDocument
from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.images import _open, _page_image
from zeef.pipeline.extract.ocr.page import _TURNS
from zeef.pipeline.extract.ocr.pdf_pages import _render

# Pages read for a zone: those with text, and those with ink where no text was found.
_ZONE_PAGES = (OK, EMPTY)


def _page_images(document: ReadDocument, result: OcrResult) -> Iterator[Image.Image]:
    """The OCR'd pages' gray images again, turned as the first reading turned them."""
    if document.media_type == "application/pdf":
        from zeef.pipeline.mupdf import pymupdf

        with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
            for page in result.pages:
                if page.status in _ZONE_PAGES and page.width:
                    gray, _ = _render(pdf[page.index])
                    yield gray.transpose(_TURNS[page.turn]) if page.turn else gray
        return
    image = _open(document.data)
    try:
        for page in result.pages:
            if page.status not in _ZONE_PAGES or not page.width:
                continue
            if image.format == "TIFF":
                image.seek(page.index)
            gray, _, _, _ = _page_image(image, release=False)
            # (a copy: `gray` may be the decoded frame itself, closed below)
            yield gray.transpose(_TURNS[page.turn]) if page.turn else gray.copy()
    finally:
        image.close()


# Every second reading of a document together stops after this many seconds (and never
# later than ``settings.limits().ocr_page_seconds``).
ZONE_SECONDS = 12.0


class _Judge:
    """Which readings of one document may be trusted: the check digits decide, and
    readings that disagree are not trusted.

    A reading is trusted when the classifier trusts it with the first reading's text
    before it (as `classify._read_zone_again` reads it: every check digit passing,
    composite included). Every reading also leaves the document number and the expiry
    date it read where their own check digit passed. Check digits do not see every
    error (two misread characters whose weights cancel; a G read for a 6), so:
    - two trusted readings that disagree, or two second readings whose number or
      expiry (each passing its own check digit) disagree, are a conflict: nothing is
      trusted;
    - when the first reading (the page read as Dutch text) passed a different number or
      expiry, the trusted one is not trusted either: the check digits cannot tell
      which of the two is right."""

    def __init__(self, first_text: str) -> None:
        self.first_text = first_text
        self.first_numbers, self.first_expiries = _fields(read_id_document(first_text))
        self.numbers: Counter[str] = Counter()
        self.expiries: Counter[str] = Counter()
        self.trusted: set[tuple[str, str | None]] = set()

    def add(self, text: str) -> tuple[str, str | None] | None:
        """Notes a reading; its (number, expiry) when the classifier will trust it."""
        numbers, expiries = _fields(read_id_document(text))
        found = read_id_document("\n\n".join((self.first_text, text)))
        key = None
        if found is not None and found.trusted:
            key = (found.number, found.valid_until)
            self.trusted.add(key)
            numbers.add(found.number)
            if found.valid_until:
                expiries.add(found.valid_until)
        self.numbers.update(numbers)
        self.expiries.update(expiries)
        return key

    @property
    def conflict(self) -> bool:
        return len(self.trusted) > 1 or len(self.numbers) > 1 or len(self.expiries) > 1

    def confirmed(self, key: tuple[str, str | None]) -> bool:
        """Whether the first reading agrees, or passed neither field's check digit."""
        number, expiry = key
        return not (self.first_numbers - {number} or self.first_expiries - {expiry})


_NUMBER_FAILURES = {
    "check digit: document number",
    "empty: document number",
    "filler inside: document number",
}


def _fields(found: IdDocument | None) -> tuple[set[str], set[str]]:
    """The number and the expiry a reading gives where their own check digit passed."""
    if found is None or found.document_type == "driving_licence":
        return set(), set()
    reasons = set(found.reasons)
    # A number no document of its type can have is no reading of the number: it neither
    # counts nor contradicts. Two misread characters whose weights cancel pass the check
    # digit (an S for a 5 and an I for a 1), but a Dutch number never ends in a letter.
    read = found.number and not reasons & _NUMBER_FAILURES and number_possible(found)
    numbers = {found.number} if read else set()
    ok = found.valid_until and "check digit: expiry date" not in reasons
    return numbers, {found.valid_until} if ok else set()


def mrz_readings(document: ReadDocument) -> Iterator[str]:
    """Further readings of a scanned ID document's pages, made to read a machine-readable
    zone, for a caller that stops at the first reading whose check digits all pass.
    The zones found by their shape (`mrz_locate`), read in several ways (`mrz_read`); a
    reading the classifier would trust is given only after the next reading (a
    confirmation) does not contradict it, and none at all once two readings disagree
    (`_Judge`).
    Nothing for a document not read by OCR or where OCR cannot run."""
    result = document.ocr
    engine = _tess._probe()
    if result is None or engine is None:
        return
    # (here, not at the top: scipy takes 0.4 s to import, and most runs read no ID copy)
    from zeef.pipeline.extract.ocr import mrz_read

    try:
        pages = list(_page_images(document, result))
    except Exception:
        return
    deadline = time.monotonic() + min(ZONE_SECONDS, settings.limits().ocr_page_seconds)
    judge = _Judge(document.text)
    pending: tuple[str, tuple[str, str | None]] | None = None
    for gray in pages:
        for text in mrz_read.readings(engine, gray, deadline):
            key = judge.add(text)
            if judge.conflict:
                return  # readings disagree: nothing is trusted
            if pending is not None and judge.confirmed(pending[1]):
                yield pending[0]
                pending = None
            elif pending is None and key is not None:
                pending = (text, key)  # given after the next reading, if that agrees
    if pending is not None and judge.confirmed(pending[1]):
        yield pending[0]
