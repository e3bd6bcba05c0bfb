"""PDF: the text layer, page by page, with pypdf (one pass: open, then each page once).

`text` is the pages' texts joined with `PAGE_SEPARATOR` ("\\n\\f\\n"); `page_starts[i]`
is the offset in `text` where page i begins (so page i is
``text[page_starts[i]:page_starts[i + 1] - len(PAGE_SEPARATOR)]``).

Pages without a text layer (extraction worked but found nothing) are OCR'd (`ocr/`:
rendered with PyMuPDF, read by Tesseract in Dutch), only those pages; their OCR text
takes their place, so `page_starts` stays one entry per page. Word boxes of the OCR'd
pages: `doc.ocr` (`doc.ocr_words()`). `needs_ocr` is set when a page is still unread:
its extraction failed (it may well have a text layer, so it is not OCR'd), OCR found no
text though the page is not blank, OCR failed or ran out of time, the document has more
than ``settings.limits().max_ocr_pages`` pages to OCR, or OCR cannot run here
(tesseract or its Dutch model not installed: a warning is logged once). Blank pages
leave `needs_ocr` alone once OCR has looked at them. A PDF where still no page has text
gives ``text == ""`` and ``page_starts == [0] * pages`` with `needs_ocr` set: nothing is
guessed.

Encryption: a PDF that opens with the empty user password (an "owner password" only
restricts printing or copying) is read normally; one that needs a user password is
refused as "encrypted PDF".

Hostile input: pypdf's own resource limits apply (stream sizes, decompression); on top
of that the page count and the total text are capped (``settings.limits().max_pdf_pages``,
read at call time, and `MAX_TEXT_CHARS`; beyond them the document is refused rather
than read in part), a page whose extraction fails counts as a page without text, and
only UnreadableDocument leaves this module.
"""

from __future__ import annotations

import io
import logging

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from zeef.domain import settings
from zeef.domain.document import OcrResult, ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import Reader, ocr

# pypdf's warnings quote bytes of the file ("invalid pdf header: b'...'"): document
# content must not reach the logs. Its errors become our own one-line reasons anyway.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

MEDIA_TYPE = "application/pdf"
PAGE_SEPARATOR = "\n\f\n"
MAX_TEXT_CHARS = 50_000_000
_HEADER = b"%PDF-"
_HEADER_WINDOW = 1024  # readers accept some junk before the header (e.g. a MacBinary prefix)


def sniff(data: bytes) -> str | None:
    at = data.find(_HEADER, 0, _HEADER_WINDOW)
    if at == 0:
        return MEDIA_TYPE
    if at > 0:
        before = data[:at]
        # Only whitespace, or binary junk; not a text that happens to mention "%PDF-".
        if not before.strip() or any(b < 9 for b in before):
            return MEDIA_TYPE
    return None


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt PDF ({type(exc).__name__})") from None
    try:
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise UnreadableDocument(f"corrupt PDF ({type(exc).__name__})") from None
    if encrypted:
        # pypdf has already tried the empty password while opening; asking again is cheap
        # and tells us whether it worked.
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError):
            raise UnreadableDocument("encrypted PDF (unsupported encryption)") from None
        except Exception as exc:
            raise UnreadableDocument(f"encrypted PDF ({type(exc).__name__})") from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise UnreadableDocument("encrypted PDF")
    return reader


def _valid_unicode(text: str) -> str:
    """A broken ToUnicode map can yield lone surrogates, which no UTF-8 writer accepts."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace").decode("utf-8")


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    reader = _open(data)
    try:
        pages = reader.pages
        count = len(pages)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt PDF ({type(exc).__name__})") from None
    if count == 0:
        raise UnreadableDocument("corrupt PDF (no pages)")
    max_pages = settings.limits().max_pdf_pages
    if count > max_pages:
        raise UnreadableDocument(f"PDF has too many pages (over {max_pages})")

    texts: list[str] = []
    total = 0
    failed: set[int] = set()
    for index in range(count):
        try:
            text = pages[index].extract_text() or ""
        except Exception:  # one bad page must not cost the others
            text = ""
            failed.add(index)
        if not text.strip():
            text = ""
        else:
            text = _valid_unicode(text)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise UnreadableDocument("PDF text too large")
        texts.append(text)
    if len(failed) == count:
        raise UnreadableDocument("corrupt PDF (no page could be read)")

    unread = {index for index, text in enumerate(texts) if not text}
    scanned = sorted(unread - failed)
    result = None
    if scanned and ocr.available():
        try:
            done = ocr.ocr_pdf_pages(data, scanned, count)
        except ocr.OcrUnavailable:
            done = {}
        for index, page in done.items():
            if page.text:
                total += len(page.text)
                if total > MAX_TEXT_CHARS:
                    raise UnreadableDocument("PDF text too large")
                texts[index] = page.text
            if page.read:
                unread.discard(index)
        if done:
            result = OcrResult(
                text="",
                page_starts=[],
                words=[word for page in done.values() for word in page.words],
                pages=list(done.values()),
            )

    if not any(texts):
        return ReadDocument(
            name=name, media_type=MEDIA_TYPE, text="", page_starts=[0] * count, needs_ocr=True
        )
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    document = ReadDocument(
        name=name,
        media_type=MEDIA_TYPE,
        text=PAGE_SEPARATOR.join(texts),
        page_starts=starts,
        needs_ocr=bool(unread),
        ocr=result,
    )
    return document


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".pdf": MEDIA_TYPE},
    order=10,
)
