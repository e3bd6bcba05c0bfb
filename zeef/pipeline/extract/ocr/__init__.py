"""OCR with Tesseract (Dutch), for images and for PDF pages without a text layer.

Not a reader (no ``READER``): `image.py` and `pdf.py` call it. The whole story, with
measured figures, is in docs/ocr.md; each module's docstring has its part:

- `engine.py`: finding and probing tesseract and its models; running it (memory cap,
  timeout, the page in a memfd); parsing its TSV.
- `page.py`: reading one page image: blank pages skipped, upright first, OSD or turning
  when it reads poorly, text and boxes rebuilt.
- `images.py`: image files: header checks against bombs, pages (TIFF), stated dpi,
  scaling, to gray; `ocr_image`.
- `pdf_pages.py`: PDF pages rendered with PyMuPDF; `ocr_pdf_pages`.
- `zones.py`: second readings of an ID document's machine-readable zone: `mrz_readings`,
  and the judge that lets only readings whose check digits pass, and that no other
  reading contradicts, through.
- `mrz_locate.py`: finding a zone by its shape (morphology, no OCR), cutting it out level.
- `mrz_read.py`: reading only the zone, in several binarisations, scales and alphabets.

Bounds from the settings (``settings.limits()``, read at call time, so a change with
``settings.use`` holds from the next call): ``max_image_pixels`` per image or TIFF page
(checked on the header: "image too large"), ``max_ocr_pages`` per document (more: not
OCR'd at all, left for review), ``ocr_page_seconds`` per page and
``ocr_document_seconds`` per document (a page out of time is left unread: ``needs_ocr``
stays set). Internal bounds stay module constants: `MAX_OCR_PIXELS` and `TARGET_DPI`
(engine.py) for the image Tesseract gets, `CHILD_MEMORY_BYTES` for its address space.

Single-threaded use assumed: Pillow's decompression-bomb warning is silenced around
`Image.open` with `warnings.catch_warnings` (not thread-safe), and `ocr_pdf_pages`
empties PyMuPDF's global store after each page.

Nothing here logs or raises document content or file names: messages name only what
went wrong.

Word boxes: `OcrResult.pages[i].words` (also `OcrResult.words`): text, page index (the
document's page), box in pixels of the page image (see `OcrPage`), confidence, and the
word's offsets in the page's text. The readers put the result on the document they
return (`ReadDocument.ocr`; `ReadDocument.ocr_words()` gives offsets in its text).
"""

from __future__ import annotations

from zeef.domain.document import (
    BLANK,
    EMPTY,
    FAILED,
    OK,
    TIMEOUT,
    OcrPage,
    OcrResult,
    OcrWord,
)
from zeef.domain.errors import OcrUnavailable
from zeef.pipeline.extract.ocr.engine import LANGUAGE, available
from zeef.pipeline.extract.ocr.images import PAGE_SEPARATOR, ocr_image
from zeef.pipeline.extract.ocr.pdf_pages import ocr_pdf_pages
from zeef.pipeline.extract.ocr.zones import mrz_readings

__all__ = [
    "BLANK",
    "EMPTY",
    "FAILED",
    "LANGUAGE",
    "OK",
    "PAGE_SEPARATOR",
    "TIMEOUT",
    "OcrPage",
    "OcrResult",
    "OcrUnavailable",
    "OcrWord",
    "available",
    "mrz_readings",
    "ocr_image",
    "ocr_pdf_pages",
]
