"""A document as read: its text, its pages, its parts and, for scans and photos, its OCR."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# How OCR ended on a page.
OK = "ok"  # OCR ran and found text
EMPTY = "empty"  # OCR ran and found no text, though the page has ink
BLANK = "blank"  # no ink (or too small to hold text): nothing to read
FAILED = "failed"  # tesseract failed on the page
TIMEOUT = "timeout"  # out of time (page or document)
_READ = (OK, BLANK)


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word as Tesseract read it.

    `page` is the document's page index; `left`, `top`, `width`, `height` are pixels of
    that page's image as described by its `OcrPage` (for an image file: the image as
    displayed, EXIF orientation applied, at its own resolution; for a PDF page: the page
    rendered at `OcrPage.dpi`, /Rotate applied). `start`/`end` are offsets in the page's
    text (`OcrPage.text`); in a `ReadDocument` add ``page_starts[page]``.
    """

    text: str
    page: int
    left: int
    top: int
    width: int
    height: int
    confidence: float
    start: int
    end: int


@dataclass
class OcrPage:
    index: int
    width: int  # pixels of the page image the boxes refer to
    height: int
    dpi: float | None  # of that image, when known
    text: str = ""
    words: list[OcrWord] = field(default_factory=list)
    status: str = BLANK
    passes: int = 0  # tesseract calls made for this page
    turn: int = 0  # degrees counter-clockwise the image was turned to read it upright

    @property
    def read(self) -> bool:
        """True when nothing on the page is left unread."""
        return self.status in _READ


@dataclass
class OcrResult:
    """The OCR of a whole image file (all its pages): `text` is the pages' texts joined
    with `PAGE_SEPARATOR`, `page_starts[i]` where page i begins in it."""

    text: str
    page_starts: list[int]
    words: list[OcrWord]
    pages: list[OcrPage]

    @property
    def needs_ocr(self) -> bool:
        """Whether something may be left unread: no text at all, or a page that failed,
        ran out of time or has ink but no text OCR could find."""
        return not self.text.strip() or not all(page.read for page in self.pages)


@dataclass
class ReadDocument:
    """One document as read: its text and where its pages start.

    For an e-mail, `text` is the message's header block (Van:, Aan:, Onderwerp: ...), a
    blank line and its body, the same as its first part; `parts` holds one
    ReadDocument per body and attachment at any depth (forwarded messages flattened in
    order), each with `name` set to where it came from inside the message.
    """

    name: str
    media_type: str
    text: str = ""
    page_starts: list[int] = field(default_factory=lambda: [0])
    needs_ocr: bool = False
    error: str | None = None
    data: bytes = b""
    parts: list[ReadDocument] = field(default_factory=list)
    # What OCR read, for an image or a PDF with pages without a text layer (only the
    # OCR'd pages: `ocr.pages[i].index` is the document's page). Word boxes drive the
    # redaction of scans; being a field, it travels with every copy and pickle.
    ocr: OcrResult | None = None

    def ocr_words(self) -> Iterator[tuple[int, int, OcrWord]]:
        """(start, end, word) with offsets in `text`, for every OCR'd word."""
        if self.ocr is None:
            return
        for word in self.ocr.words:
            base = self.page_starts[word.page]
            yield base + word.start, base + word.end, word
