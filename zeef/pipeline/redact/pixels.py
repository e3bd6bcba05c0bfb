"""Redaction of scans and photos: the third parties' words painted out of the pixels.

A document read by OCR (`extract/ocr/`) keeps a box per word. The plan's replacements
are offsets in the OCR text; every word that overlaps one is painted black (a little
larger than its box, so no stroke of a letter sticks out), with the label in white
where it fits. What comes out has no text layer at all:
- an image in gives an image out (PNG, or a multi-page TIFF for a multi-page TIFF; the
  `--out` suffix may ask for PDF, TIFF, PNG or JPEG instead), decoded pixels only: EXIF
  (GPS position, camera owner, a description), ICC comments and every other chunk of the
  original are not copied;
- a scanned PDF page gets the same boxes through PyMuPDF (`redact_pdf`'s `areas`), which
  blanks the image pixels under them; the page gains no text layer.

Verification (fail closed): the output is read again with the same OCR and searched for
every removed string. This proves that what OCR found is gone from what OCR can read; it
cannot prove that OCR found every name on a page it read badly, which is why a page
left partly unread (`needs_ocr`) is refused rather than redacted.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, ImageOps

from zeef.domain.document import ReadDocument
from zeef.domain.errors import RedactError
from zeef.pipeline.extract import ocr
from zeef.pipeline.redact.plan import RedactionPlan

# The box is the word's box grown by this share of its height on every side.
_PAD = 0.2
_MIN_PAD = 2  # pixels
_LABEL_MIN_PX = 9


class OutputError(RedactError, ValueError):
    """The copy cannot be written as asked. The message is safe to print."""


# The media type of each format an image copy can be written in.
MEDIA_TYPES = {"PDF": "application/pdf", "PNG": "image/png", "TIFF": "image/tiff",
               "JPEG": "image/jpeg"}  # fmt: skip
OUTPUT_FORMATS = {".pdf": "PDF", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF", ".jpg": "JPEG",
                  ".jpeg": "JPEG"}  # fmt: skip


@dataclass(frozen=True)
class Area:
    """A box to paint on one page, in pixels of that page's OCR image (`ocr.OcrPage`)."""

    page: int
    left: int
    top: int
    right: int
    bottom: int
    label: str | None


def areas_for(doc: ReadDocument, plan: RedactionPlan) -> list[Area]:
    """One area per OCR word that overlaps a replacement (the label on a replacement's
    first word only)."""
    words = sorted(doc.ocr_words(), key=lambda w: w[0])
    areas: list[Area] = []
    for r in plan.replacements:
        first = True
        for start, end, word in words:
            if start >= r.end:
                break
            if end <= r.start:
                continue
            pad = max(_MIN_PAD, round(word.height * _PAD))
            areas.append(
                Area(
                    word.page,
                    word.left - pad,
                    word.top - pad,
                    word.left + word.width + pad,
                    word.top + word.height + pad,
                    r.label if first else None,
                )
            )
            first = False
    return areas


def _font(size: int) -> ImageFont.FreeTypeFont | None:
    """Pillow's built-in scalable font at `size` pixels; None where Pillow was built
    without FreeType (then the boxes carry no labels)."""
    font = ImageFont.load_default(size=size)
    return font if isinstance(font, ImageFont.FreeTypeFont) else None


def paint(image: Image.Image, areas: Iterable[Area]) -> Image.Image:
    """`image` (RGB or L) with black boxes over `areas`, labels in white where they fit."""
    draw = ImageDraw.Draw(image)
    black = 0 if image.mode == "L" else (0, 0, 0)
    white = 255 if image.mode == "L" else (255, 255, 255)
    for area in areas:
        box = (max(0, area.left), max(0, area.top), area.right, area.bottom)
        draw.rectangle(box, fill=black)
        if not area.label:
            continue
        size = int((area.bottom - area.top) * 0.6)
        while size >= _LABEL_MIN_PX:
            font = _font(size)
            if font is None:
                break
            if draw.textlength(area.label, font=font) <= area.right - area.left - 2:
                draw.text((box[0] + 1, (box[1] + box[3]) / 2), area.label, fill=white,
                          font=font, anchor="lm")  # fmt: skip
                break
            size -= 2
    return image


def _frames(data: bytes) -> list[Image.Image]:
    """Every page of the image as displayed (EXIF orientation applied), in RGB or L, with
    nothing of the original file but its pixels."""
    pages = []
    with Image.open(io.BytesIO(data)) as image:
        count = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
        for index in range(count):
            if index:
                image.seek(index)
            # (exif_transpose returns a new image, turned or not)
            frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
            if frame.mode in ("RGBA", "LA", "PA", "P"):
                frame = frame.convert("RGBA")
                white = Image.new("RGB", frame.size, (255, 255, 255))
                white.paste(frame, mask=frame.getchannel("A"))
                frame = white
            elif frame.mode not in ("RGB", "L"):
                frame = frame.convert("RGB")
            pages.append(Image.frombytes(frame.mode, frame.size, frame.tobytes()))
    return pages


def redact_image(data: bytes, areas: list[Area], pages: list[ocr.OcrPage], fmt: str) -> bytes:
    """The image file `data` with `areas` painted out, saved as `fmt` (PNG, TIFF, JPEG or
    PDF), its pixels only. `pages` are the OCR pages the areas refer to (their sizes)."""
    frames = _frames(data)
    for index, frame in enumerate(frames):
        own = [a for a in areas if a.page == index]
        if not own:
            continue
        page = next((p for p in pages if p.index == index), None)
        if page and page.width and (page.width, page.height) != frame.size:
            raise OutputError("OCR page size does not match the image")
        paint(frame, own)
    out = io.BytesIO()
    first, rest = frames[0], frames[1:]
    if fmt in ("PNG", "JPEG") and rest:
        raise OutputError(f"{fmt} holds one page: write a multi-page image as .tif or .pdf")
    if fmt == "JPEG":
        first.save(out, "JPEG", quality=92)
    elif fmt == "TIFF":
        first.save(out, "TIFF", compression="tiff_deflate", save_all=True, append_images=rest)
    elif fmt == "PDF":
        first.save(out, "PDF", save_all=True, append_images=rest, resolution=150.0)
    else:
        first.save(out, "PNG", optimize=False)
    return out.getvalue()


def pdf_areas(areas: list[Area], pages: list[ocr.OcrPage]) -> dict[int, list[tuple]]:
    """The areas of a scanned PDF in points of the displayed page (the OCR images were the
    pages rendered at `OcrPage.dpi`): page → [(x0, y0, x1, y1, label)]."""
    dpi = {p.index: p.dpi for p in pages}
    out: dict[int, list[tuple]] = {}
    for a in areas:
        k = 72.0 / (dpi.get(a.page) or 72.0)
        out.setdefault(a.page, []).append(
            (a.left * k, a.top * k, a.right * k, a.bottom * k, a.label)
        )
    return out


def ocr_texts(data: bytes, media_type: str, pdf_pages: Iterable[int] = ()) -> list[str]:
    """What OCR reads in an output: every page of an image, or the given PDF pages."""
    if media_type == "application/pdf":
        from zeef.pipeline.mupdf import pymupdf

        with pymupdf.open(stream=data, filetype="pdf") as document:
            count = document.page_count
        done = ocr.ocr_pdf_pages(data, sorted(pdf_pages), count)
        return [page.text for page in done.values()]
    return [ocr.ocr_image(data).text]
