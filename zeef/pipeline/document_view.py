"""A document waiting in review as the reviewers' web app shows it: its pages with every
finding drawn over them, its text with the findings' spans, its segments.

`build_view` reads and classifies the document, then places each finding (and each span
of diagnostic language, role ``diagnostic``) on the page its offset falls on
(`ReadDocument.page_starts`): on a PDF page with a text layer by PyMuPDF's `search_for`
(of several places, the same occurrence as in the read text when both readings count as
many, else all); on a scanned PDF page or an image (PNG, JPEG, TIFF pages ...) by the
boxes of the OCR words it overlaps, one box a line. Text, e-mail and Word files have no
pages (`page_count` 0, marks on page 0 without boxes). Every mark has `start`/`end` in
`DocumentView.text`; the text of a part not the document's own (an e-mail's attachment, a
file embedded in a PDF) is appended after `PART_SEPARATOR`, its marks on page 0.

Coordinates: boxes are (x0, y0, x1, y1) in pixels of the page as displayed (/Rotate, EXIF
orientation applied) rendered `REFERENCE_WIDTH` (1000) pixels wide, origin top left;
`DocumentView.page_sizes` gives each page in those pixels. `render_page(..., width=w)`
scales them by ``w / REFERENCE_WIDTH``, as an app drawing its own overlay would. It draws
a semi-transparent fill in the role's colour (`ROLE_COLOURS`, colour-blind-safe) and an
outline style per role (`ROLE_OUTLINES`), so colour is not the only cue.

Guards: images are opened with the OCR reader's (`ocr.images`: every page's size checked
on its header against the pixel cap before anything is decoded, Pillow's bomb error
refused); a PDF's content is measured before MuPDF opens it (`check_content`, as
redaction does). Nothing found is logged or put in an error: errors are `ViewError` (a
`ValueError`) with a fixed phrase; a document that cannot be read gives a view with
`error` set, never an exception. `Mark.text` and `DocumentView.text` stay out of reprs.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from zeef.domain import settings
from zeef.domain.case import Case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument, ZeefError
from zeef.pipeline.classify import Classification, classify_document
from zeef.pipeline.extract import detect, read_bytes
from zeef.pipeline.extract.ocr import images as _images
from zeef.pipeline.extract.pdf import MAX_CONTENT_BYTES, check_content
from zeef.pipeline.mupdf import pymupdf

log = logging.getLogger(__name__)

REFERENCE_WIDTH = 1000  # pixels: the page width marks' boxes are given for
MAX_WIDTH = 4000  # the widest page `render_page` draws
MAX_RENDER_PIXELS = 40_000_000  # and the most pixels
PART_SEPARATOR = "\n\n\f\n\n"  # before the text of each part not the document's own
PDF = "application/pdf"
DIAGNOSTIC = "diagnostic"

# Okabe-Ito blue, vermillion and bluish green, a dark grey, Tol's purple: each 3:1 or more
# against white; blue, orange and green stay apart for the common colour-vision deficiencies.
ROLE_COLOURS: dict[str, tuple[int, int, int]] = {"subject": (0, 114, 178),
                                                  "third_party": (213, 94, 0),
                                                  "professional": (0, 158, 115),
                                                  "unknown": (110, 110, 110),
                                                  DIAGNOSTIC: (170, 51, 119)}  # fmt: skip
ROLE_OUTLINES: dict[str, str] = {"subject": "solid", "third_party": "dashed",
                                 "professional": "dotted", "unknown": "dashdot",
                                 DIAGNOSTIC: "double"}  # fmt: skip
_PATTERNS = {"dashed": (4, 2), "dotted": (1, 1.5), "dashdot": (4, 1.5, 1, 1.5)}  # line widths
FILL_ALPHA = 70  # of 255
_LINE = 3  # outline width at the reference width
_WORD_PAD = 0.15  # of a word's height, around OCR word boxes
_PAD = 3.0  # reference pixels around a text layer's boxes

CANNOT_READ = "document could not be read"
CANNOT_SHOW = "document could not be shown"
_NO_PDF = "PDF cannot be shown"
_NO_IMAGE = "image cannot be shown"

Box = tuple[float, float, float, float]
Size = tuple[float, float]


class ViewError(ZeefError, ValueError):
    """A page that cannot be drawn. The message is a fixed phrase."""


@dataclass(frozen=True)
class Mark:
    """One finding, for the page's legend and list."""

    page: int  # 1-based; 0: on no page (a document without pages, a further part)
    entity_type: str  # Presidio's type (PERSON ...); DIAGNOSIS, MEDICATION, ZRM_SCORE
    role: str  # subject | third_party | professional | unknown | diagnostic
    text: str = field(repr=False)  # for an authorised reviewer only; never logged
    boxes: tuple[Box, ...] = ()  # reference pixels (module docstring); () not placed
    start: int = 0  # offsets in DocumentView.text
    end: int = 0


@dataclass(frozen=True)
class Segment:
    pages: tuple[int, ...]
    category: str
    confidence: float
    disposition: str


@dataclass
class DocumentView:
    sha256: str
    media_type: str
    category: str
    confidence: float
    disposition: str
    reasons: list[str]
    page_count: int  # 0 for a document without pages
    text: str = field(repr=False)
    marks: list[Mark]
    segments: list[Segment]
    error: str | None  # a fixed phrase when the document could not be read
    page_sizes: list[Size] = field(default_factory=list)  # per page, reference pixels


def _failed(sha: str, data: bytes, name: str, error: str) -> DocumentView:
    try:
        media_type = detect(data, name) or ""
    except Exception:
        media_type = ""
    return DocumentView(sha, media_type, "other", 0.0, "review", ["unreadable"], 0, "", [],
                        [], error)  # fmt: skip


def build_view(data: bytes, name: str, case: Case | None) -> DocumentView:
    """The view of one document; one that cannot be read has `error` set (bad input never
    raises)."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = read_bytes(data, name)
    except UnreadableDocument as exc:  # its message is a fixed phrase without content
        return _failed(sha, data, name, str(exc))
    except Exception as exc:
        log.warning("document view: not read sha256=%s error=%s", sha[:12], type(exc).__name__)
        return _failed(sha, data, name, CANNOT_READ)
    try:
        view = _view(doc, classify_document(doc, case), sha)
    except Exception as exc:
        log.warning("document view failed sha256=%s error=%s", sha[:12], type(exc).__name__)
        return _failed(sha, data, name, CANNOT_SHOW)
    log.info("document view sha256=%s pages=%d marks=%d", sha[:12], view.page_count,
             len(view.marks))  # fmt: skip
    return view


def _view(doc: ReadDocument, result: Classification, sha: str) -> DocumentView:
    pieces = [doc.text]
    raw: list[tuple[str, str, int, int]] = []  # (type, role, start, end) in the view's text
    _collect(doc, result, 0, pieces, raw)
    text = "".join(pieces)
    keys = sorted(set(raw), key=lambda k: (k[2], k[3], k[0], k[1]))
    segments = [Segment(tuple(s.pages), s.category.value, s.confidence, s.disposition.value)
                for s in result.segments]  # fmt: skip
    marks = [Mark(0, t, r, text[a:b], (), a, b) for t, r, a, b in keys if 0 <= a < b <= len(text)]
    view = DocumentView(sha, doc.media_type, result.category.value, result.confidence,
                        result.disposition.value, list(result.reasons), 0, text, marks,
                        segments, result.error)  # fmt: skip
    if doc.media_type == PDF:
        _place_pdf(doc, view)
    elif doc.media_type.startswith("image/"):
        _place_image(doc, view)
    return view


def _collect(doc: ReadDocument, result: Classification, base: int, pieces: list[str],
             raw: list) -> None:  # fmt: skip
    """Every finding and diagnostic span of `result`, its segments and its parts, with
    offsets in the view's text; the text of a part not the document's own is appended."""
    for f in result.findings:
        raw.append((f.type, f.role.value, base + f.start, base + f.end))
    spans = [(base, m) for m in result.marks]
    for seg in result.segments:  # a segment's offsets are in its pages' text
        if seg.pages and 0 < seg.pages[0] <= len(doc.page_starts):
            spans += [(base + doc.page_starts[seg.pages[0] - 1], m) for m in seg.marks]
    for at, m in spans:
        raw.append((m["kind"].upper(), DIAGNOSTIC, at + m["start"], at + m["end"]))
    for part, part_result in zip(doc.parts, result.parts, strict=False):
        if part.text == doc.text:  # an e-mail's body, a container's own text
            _collect(part, part_result, base, pieces, raw)
        elif part.text:
            pieces.append(PART_SEPARATOR)
            at = sum(len(p) for p in pieces)
            pieces.append(part.text)
            _collect(part, part_result, at, pieces, raw)


def _place(doc: ReadDocument, view: DocumentView,
           boxes_of: Callable[[Mark, int], list[Box | None]]) -> None:  # fmt: skip
    """Each mark in the document's own text on its page, with `boxes_of(mark, index)`."""
    placed = []
    for mark in view.marks:
        index = bisect.bisect_right(doc.page_starts, mark.start) - 1
        if mark.end <= len(doc.text) and 0 <= index < view.page_count:
            boxes = tuple(b for b in boxes_of(mark, index) if b is not None)
            mark = dataclasses.replace(mark, page=index + 1, boxes=boxes)
        placed.append(mark)
    view.marks = placed


def _clamp(x0: float, y0: float, x1: float, y1: float, size: Size) -> Box | None:
    box = (max(0.0, x0), max(0.0, y0), min(size[0], x1), min(size[1], y1))
    return box if box[2] > box[0] and box[3] > box[1] else None


class _Words:
    """A document's OCR words in text order, to find those overlapping a mark."""

    def __init__(self, doc: ReadDocument) -> None:
        self.rows = sorted(doc.ocr_words(), key=lambda r: r[0])
        self.ends = [end for _, end, _ in self.rows]

    def boxes(self, mark: Mark, page: int, scale: Size, size: Size) -> list[Box | None]:
        """The words of `page` overlapping the mark, words of one line joined, in reference
        pixels (`scale`: reference pixels per pixel of the OCR image)."""
        lines: list[list[float]] = []
        for start, _, w in self.rows[bisect.bisect_right(self.ends, mark.start) :]:
            if start >= mark.end:
                break
            if w.page != page:
                continue
            pad = max(1.0, w.height * _WORD_PAD)
            box = [w.left - pad, w.top - pad, w.left + w.width + pad, w.top + w.height + pad]
            last = lines[-1] if lines else None
            if (last and box[0] >= last[0] and box[0] - last[2] < 1.5 * w.height
                    and abs(box[1] + box[3] - last[1] - last[3]) < w.height):  # fmt: skip
                last[1:] = [min(last[1], box[1]), box[2], max(last[3], box[3])]
            else:
                lines.append(box)
        sx, sy = scale
        return [_clamp(b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy, size) for b in lines]


# --- PDF --------------------------------------------------------------------------------


def _open_pdf(data: bytes):
    """The PDF opened by MuPDF once its content was measured; ViewError if it cannot be."""
    try:
        check_content(data, MAX_CONTENT_BYTES, text_only=False)
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise ViewError(_NO_PDF) from None
    if (document.needs_pass and not document.authenticate("")) or document.page_count < 1:
        document.close()
        raise ViewError(_NO_PDF)
    return document


def _place_pdf(doc: ReadDocument, view: DocumentView) -> None:
    try:
        document = _open_pdf(doc.data)
    except ViewError:
        return  # no pages to show: the app shows the text
    pages: dict[int, tuple] = {}  # index: (page, its text page), kept while searching
    try:
        rects = [document[i].rect for i in range(document.page_count)]
        if any(r.is_empty for r in rects):
            return
        view.page_count = document.page_count
        view.page_sizes = [(REFERENCE_WIDTH, REFERENCE_WIDTH * r.height / r.width) for r in rects]
        if document.page_count != len(doc.page_starts):
            return  # MuPDF and the reader disagree on the pages: nothing placed
        ocr_pages = {p.index: p for p in doc.ocr.pages} if doc.ocr else {}
        words = _Words(doc)

        def boxes_of(mark: Mark, index: int) -> list[Box | None]:
            size, zoom = view.page_sizes[index], REFERENCE_WIDTH / rects[index].width
            if index in ocr_pages:  # OCR'd: its image was the page at `dpi`
                k = 72.0 / (ocr_pages[index].dpi or 72.0) * zoom
                return words.boxes(mark, index, (k, k), size)
            if index not in pages:
                page = document[index]
                pages[index] = (page, page.get_textpage())
            page, textpage = pages[index]
            turn = page.rotation_matrix * pymupdf.Matrix(zoom, zoom)
            rects_found = [r * turn for r in _search(doc, page, textpage, mark, index)]
            return [_clamp(r.x0 - _PAD, r.y0 - _PAD, r.x1 + _PAD, r.y1 + _PAD, size)
                    for r in rects_found]  # fmt: skip

        _place(doc, view, boxes_of)
    finally:
        pages.clear()
        document.close()
        pymupdf.TOOLS.store_shrink(100)


def _search(doc: ReadDocument, page, textpage, mark: Mark, index: int) -> list:
    """Where the mark's text stands on a text-layer page: the same occurrence as in the
    read text when both readings find it as often, else every place."""
    needle = " ".join(mark.text.split())
    if not needle:
        return []
    hits = page.search_for(needle, textpage=textpage)
    start = doc.page_starts[index]
    stop = doc.page_starts[index + 1] if index + 1 < len(doc.page_starts) else len(doc.text)
    pattern = r"\s+".join(map(re.escape, needle.split()))
    found = [m.start() + start for m in re.finditer(pattern, doc.text[start:stop], re.I)]
    if len(found) == len(hits) and mark.start in found:
        return [hits[found.index(mark.start)]]
    return hits


# --- images -----------------------------------------------------------------------------


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1) or 1)
    except Exception:
        return 1


def _displayed_sizes(image: Image.Image) -> list[tuple[int, int]]:
    """Each page's size as displayed (EXIF orientation applied), from its header; the
    pages are counted and checked against the pixel cap by the OCR reader's guard."""
    sizes = []
    for index in range(_images._frame_count(image, settings.limits())):
        if image.format == "TIFF":
            image.seek(index)
        w, h = image.size
        sizes.append((h, w) if _orientation(image) >= 5 else (w, h))
    return sizes


def _place_image(doc: ReadDocument, view: DocumentView) -> None:
    try:
        with _images._open(doc.data) as image:
            sizes = _displayed_sizes(image)
    except Exception:
        return  # an image Pillow does not decode here, or one the guards refuse
    view.page_count = len(sizes)
    view.page_sizes = [(REFERENCE_WIDTH, REFERENCE_WIDTH * h / w) for w, h in sizes]
    ocr_pages = {p.index: p for p in doc.ocr.pages if p.width and p.height} if doc.ocr else {}
    words = _Words(doc)

    def boxes_of(mark: Mark, index: int) -> list[Box | None]:
        if index not in ocr_pages:
            return []
        size, page = view.page_sizes[index], ocr_pages[index]
        return words.boxes(mark, index, (size[0] / page.width, size[1] / page.height), size)

    _place(doc, view, boxes_of)


def _image_page(data: bytes, index: int, width: int) -> Image.Image:
    """Page `index` of an image file as displayed, in RGB, `width` pixels wide."""
    try:
        with _images._open(data) as image:
            sizes = _displayed_sizes(image)
            if index >= len(sizes):
                raise ViewError("no such page")
            if image.format == "TIFF":
                image.seek(index)
            w, h = sizes[index]
            height = max(1, round(width * h / w))
            _check_pixels(width, height)
            if image.format in ("JPEG", "MPO"):  # decoded already reduced
                turned = _orientation(image) >= 5
                image.draft("RGB", (height, width) if turned else (width, height))
            image.load()
            method = _images._ORIENTATION.get(_orientation(image))
            frame = image.transpose(method) if method is not None else image.copy()
            if frame.mode.startswith("I") or frame.mode == "F":
                frame = _images._to_gray(frame)  # 16-bit or float: stretched to 8 bits
            if frame.mode in ("RGBA", "LA", "PA", "P", "RGBa", "La"):
                frame = frame.convert("RGBA")  # transparency on white
                white = Image.new("RGB", frame.size, (255, 255, 255))
                white.paste(frame, mask=frame.getchannel("A"))
                frame = white
            return frame.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    except ViewError:
        raise
    except Exception:
        raise ViewError(_NO_IMAGE) from None


# --- drawing ----------------------------------------------------------------------------


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_RENDER_PIXELS:
        raise ViewError("page too large to show")


def _pdf_page(data: bytes, index: int, width: int) -> Image.Image:
    document = _open_pdf(data)
    try:
        if index >= document.page_count:
            raise ViewError("no such page")
        page = document[index]
        if page.rect.is_empty:
            raise ViewError(_NO_PDF)
        zoom = width / page.rect.width
        height = max(1, round(page.rect.height * zoom))
        _check_pixels(width, height)
        matrix = pymupdf.Matrix(zoom, zoom)
        try:
            pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csRGB, alpha=False)
        except Exception:
            raise ViewError(_NO_PDF) from None
        size = (pix.width, pix.height)
        image = Image.frombuffer("RGB", size, pix.samples, "raw", "RGB", pix.stride, 1).copy()
        del pix, page
    finally:
        document.close()
        pymupdf.TOOLS.store_shrink(100)
    return image if image.size == (width, height) else image.resize((width, height))


def _outline(draw: ImageDraw.ImageDraw, box: Box, style: str, colour: tuple, line: int) -> None:
    x0, y0, x1, y1 = box
    if style == "double":  # two thin lines, the second outside the first
        thin = max(1, line // 2)
        for grow in (0, 2 * thin):
            draw.rectangle((x0 - grow, y0 - grow, x1 + grow, y1 + grow), outline=colour,
                           width=thin)  # fmt: skip
        return
    pattern = _PATTERNS.get(style)
    if pattern is None:
        draw.rectangle(box, outline=colour, width=line)
        return
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    for (ax, ay), (bx, by) in zip(corners, corners[1:], strict=False):
        length = abs(bx - ax) + abs(by - ay)  # the sides are level or upright
        at, n = 0.0, 0
        while at < length:
            step = pattern[n % len(pattern)] * line
            if n % 2 == 0:  # a dash; odd steps are gaps
                p, q = at / length, min(length, at + step) / length
                ends = [(ax + (bx - ax) * t, ay + (by - ay) * t) for t in (p, q)]
                draw.line(ends, fill=colour, width=line)
            at, n = at + step, n + 1


def render_page(data: bytes, name: str, view: DocumentView, page: int, width: int = 1000) -> bytes:
    """PNG of page `page` (1-based) of the document `view` was built from, `width` pixels
    wide, with the page's marks drawn over it. `ViewError` (a ValueError, a fixed phrase)
    for a page or width out of range, data that is not the view's, or a page that cannot
    be drawn. (`name` is not needed: the view knows the media type.)"""
    if not isinstance(page, int) or not 1 <= page <= view.page_count:
        raise ViewError("no such page")
    if not isinstance(width, int) or not 16 <= width <= MAX_WIDTH:
        raise ViewError("width out of range")
    if hashlib.sha256(data).hexdigest() != view.sha256:
        raise ViewError("document does not match its view")
    if view.media_type == PDF:
        image = _pdf_page(data, page - 1, width)
    else:
        image = _image_page(data, page - 1, width)
    scale = width / REFERENCE_WIDTH
    line = max(2, round(_LINE * scale))
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for mark in (m for m in view.marks if m.page == page):
        colour = ROLE_COLOURS.get(mark.role, ROLE_COLOURS["unknown"])
        for x0, y0, x1, y1 in mark.boxes:
            box = (x0 * scale, y0 * scale, x1 * scale, y1 * scale)
            draw.rectangle(box, fill=(*colour, FILL_ALPHA))
            _outline(draw, box, ROLE_OUTLINES.get(mark.role, "solid"), (*colour, 255), line)
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
