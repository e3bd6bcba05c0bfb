"""Scanned pages of a PDF: the boxes OCR found painted into the page's pixels.

`redact_pdf(..., areas=...)` calls `paint_areas` per page before the text layer is
redacted: every image pixel (and any text) under an area is blanked by a MuPDF
redaction, then a black box is drawn, with its label as a small image, never as text:
the page had no text layer and gains none (a text layer would also keep readers from
OCR'ing the page again).
"""

from __future__ import annotations

from collections.abc import Iterable

from zeef.pipeline.mupdf import pymupdf

_BOX_COLOUR = (0.0, 0.0, 0.0)


def label_image(label: str, rect: pymupdf.Rect) -> bytes:
    """A black PNG the shape of `rect` (4 pixels a point) with `label` in white."""
    import io

    from PIL import Image

    from zeef.pipeline.redact.pixels import Area, paint

    size = (max(1, round(rect.width * 4)), max(1, round(rect.height * 4)))
    image = paint(Image.new("L", size, 0), [Area(0, 0, 0, size[0], size[1], label)])
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def paint_areas(page: pymupdf.Page, areas: Iterable[tuple]) -> None:
    """Blank the image pixels (and any text) under each area, given as (x0, y0, x1, y1,
    label) in points of the page as displayed, then draw the black boxes and labels."""
    derotate = page.derotation_matrix
    # The direction of displayed left-to-right text in the page's own coordinates.
    origin, unit = pymupdf.Point(0, 0) * derotate, pymupdf.Point(1, 0) * derotate
    direction = (unit.x - origin.x, unit.y - origin.y)
    boxes = [(pymupdf.Rect(x0, y0, x1, y1) * derotate, label) for x0, y0, x1, y1, label in areas]
    for rect, _ in boxes:
        page.add_redact_annot(rect, fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    shape = page.new_shape()
    for rect, _ in boxes:
        shape.draw_rect(rect)
    shape.finish(color=None, fill=_BOX_COLOUR, width=0)
    shape.commit()
    if abs(direction[1]) < 1e-3 and direction[0] > 0:  # labels only on upright pages
        for rect, label in boxes:
            if label:
                page.insert_image(rect, stream=label_image(label, rect))
