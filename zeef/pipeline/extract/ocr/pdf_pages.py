"""PDF pages without a text layer: rendered with PyMuPDF, read page by page.

- Pages are rendered in gray at `TARGET_DPI` (300; less for pages so large that 300 dpi
  would exceed `MAX_OCR_PIXELS`, 16 MP), /Rotate applied: word boxes are in pixels of
  the page as shown, rendered at `OcrPage.dpi`.
- At most ``settings.limits().max_ocr_pages`` (300) pages per document are OCR'd. A
  document with more pages to OCR is not OCR'd at all: it comes back as before OCR
  existed (``needs_ocr`` set, so review), quickly, rather than after minutes of OCR that
  would end in review.
- Time: ``settings.limits().ocr_document_seconds`` (1800 s) per document; pages left
  when it is up are not read (status TIMEOUT). A page that cannot be rendered is left
  out of the answer: it stays unread.
- Single-threaded use assumed: PyMuPDF's global store (decoded images, up to 256 MB) is
  emptied after each page.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PIL import Image

from zeef.domain import settings
from zeef.domain.document import TIMEOUT, OcrPage
from zeef.domain.errors import OcrUnavailable
from zeef.pipeline.extract.ocr import engine as _tess
from zeef.pipeline.extract.ocr.page import _ocr_page


def ocr_pdf_pages(data: bytes, indexes: Sequence[int], page_count: int) -> dict[int, OcrPage]:
    """OCR the pages `indexes` of a PDF (rendered with PyMuPDF in gray). Only pages that
    could be rendered are in the answer; raises OcrUnavailable when tesseract is not
    installed. Nothing is OCR'd when there are more than
    ``settings.limits().max_ocr_pages`` pages to do, or when PyMuPDF does not see the
    same `page_count` as the caller (its pages might then not be the caller's)."""
    engine = _tess._probe()
    if engine is None:
        raise OcrUnavailable("tesseract with the Dutch model is not installed")
    if not indexes:
        return {}
    limits = settings.limits()
    if len(indexes) > limits.max_ocr_pages:
        _tess._over_cap(limits.max_ocr_pages)
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
        deadline = time.monotonic() + limits.ocr_document_seconds
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
    dpi = min(float(_tess.TARGET_DPI), math.sqrt(_tess.MAX_OCR_PIXELS / inches))
    dpi = max(dpi, 1.0)
    pix = page.get_pixmap(dpi=round(dpi), colorspace=pymupdf.csGRAY, alpha=False)
    gray = Image.frombuffer("L", (pix.width, pix.height), pix.samples, "raw", "L", pix.stride, 1)
    gray = gray.copy()  # own the pixels; the pixmap can go
    del pix
    return gray, float(round(dpi))
