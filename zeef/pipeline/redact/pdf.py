"""PDF redaction: the removed text leaves the file, it is not merely covered.

Why PyMuPDF (AGPL-3.0, pinned below 2): its `apply_redactions` (MuPDF's redaction
filter) rewrites the content streams glyph by glyph, so kerned text (TJ arrays), subset
and CID fonts, form XObjects (nested ones too, copied when shared) and marked content
(/ActualText) are handled by one well-tested engine. Editing content streams by hand
with pypdf or pikepdf breaks on exactly those; rendering pages to images loses the text
layer the citizen needs. Whatever this module misses, `verify.find_leaks` catches before
anything is written (fail closed).

How a target is found. PyMuPDF's `search_for` matches substrings ("Jan" inside
"januari") and stops at block boundaries, so the search is done here, on the characters
of the whole document in reading order (`rawdict`, ligatures expanded): lines are joined
by a line break, blocks and pages too. The pattern is `verify.pattern_for`, the one the
leak check uses, so whatever the check would find is removed. A target matches
- case- and accent-insensitively (NFKD, combining marks dropped, casefolded);
- only as a whole (no letter or digit directly before or after);
- with any whitespace or hyphens between its characters, also none: kerned text whose
  spaces are only TJ offsets, letter-spaced text, and a name that wraps ("Gerrit" at
  the end of one line, "de Wit" on the next, or on the next page; "Ger-" / "rit";
  "Çelik-" / "Brouwer") is found whole, never word by word.
The matched characters are grouped per text line; each group's box is one redaction.
While searching and redacting, every page's media box is made huge and every layer
(optional content group) is switched on, and both are restored after: MuPDF only sees
text within the page and in visible layers, but text outside the crop or media box (an
old way to "hide" a letterhead) or in a hidden layer is still in the file.

How it is removed, per page:
1. text: `apply_redactions` with the boxes shrunk to the middle band of the line
   (across the text direction), so that characters of the lines above and below, whose
   font boxes overlap the line's box when the leading is tight, are not removed with
   it; images and line art are left alone;
2. images (only on pages that show any): `apply_redactions` with the whole line boxes,
   blanking image pixels under them (a scan under an OCR layer shows the name in its
   pixels); text is left alone (pass 1 did that);
3. looks: the line boxes (trimmed a little) drawn black, with the label in white small
   print where it fits on one line (horizontal text only; a name that wraps gets it on
   its first box).
Passes 1 and 2 give MuPDF a page's boxes as the quads of one redaction annotation, which
removes the same as one annotation a box and is much faster (`_redactions`).

Sanitising (the issue's list), before and after:
- redaction annotations already in the file (marked, never applied) are applied, with
  MuPDF's defaults: someone meant that to go;
- form fields and visible annotations (free text, stamps, markup) are baked into the
  page content first, so their text is redacted like any other (the reader appends
  annotation and field text to its page's text, so the plan names what they hold; see
  `extract/pdf.py`); annotations that carry
  no page content (notes, links, attachments, pop-ups, sounds, movies) are deleted;
- the catalog and every page keep only what is needed to show the page (allow-lists
  below): this drops outlines, named destinations, the JavaScript and embedded-file name
  trees, OpenAction and AA, AcroForm, structure tree (tagging, /Alt, /ActualText),
  page labels, thumbnails, /PieceInfo and XMP (/Metadata) on catalog and pages;
- every object is then scanned: /Metadata and /PieceInfo keys anywhere are removed,
  JavaScript actions are emptied;
- document info is cleared and dropped from the trailer;
- written as one new file, `garbage=4` (unreferenced objects, so earlier revisions and
  everything cut loose above, are not written), compressed, content streams cleaned,
  never incremental: one revision, one xref.

Bounds: before MuPDF opens it, the PDF's content is measured (`extract.pdf.ContentBudget`,
all content, a form XObject counted each time a page draws it): over `MAX_CONTENT_BYTES`
(`verify.py`) it is refused as "PDF content too large" (MuPDF would parse it on every
page in several passes, and the verification again).

Encryption: like the reader (`extract/pdf.py`), a PDF that opens with the empty user
password is redacted and written without encryption; one that needs a password is
refused. Corrupt input (MuPDF cannot open it, or it has no pages) is refused. Errors are
`RedactionError` with a one-line message that never holds document content.
"""

from __future__ import annotations

import gc
import math
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

from zeef.domain.errors import RedactError, UnreadableDocument
from zeef.pipeline.extract.pdf import ContentTooLarge, check_content
from zeef.pipeline.mupdf import pymupdf
from zeef.pipeline.redact.scan_pages import paint_areas
from zeef.pipeline.redact.verify import MAX_CONTENT_BYTES, fold, pattern_for

MAX_PAGES = 2_000

# Pass 1 removes text under the middle of the line box: this share of the box height is
# cut off at the top and at the bottom.
_BAND_TRIM = 0.3
# The black box is the line box with this share trimmed at the top and at the bottom.
_BOX_TRIM = 0.1
_BOX_COLOUR = (0.0, 0.0, 0.0)
_LABEL_COLOUR = (1.0, 1.0, 1.0)
_LABEL_FONT = "helv"
_LABEL_MAX_SIZE = 8.0
_LABEL_MIN_SIZE = 4.0

# Characters with ligatures expanded (no TEXT_PRESERVE_LIGATURES), no dehyphenation (the
# pattern handles a hyphen at a line end itself), not clipped to the media box (which
# MuPDF does anyway: see `_widen_pages`).
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE

# Annotation types whose appearance is page content a reader should still see (their
# text is then redacted like the rest). All other annotations are deleted.
_BAKE_TYPES = {
    pymupdf.PDF_ANNOT_FREE_TEXT,
    pymupdf.PDF_ANNOT_LINE,
    pymupdf.PDF_ANNOT_SQUARE,
    pymupdf.PDF_ANNOT_CIRCLE,
    pymupdf.PDF_ANNOT_POLYGON,
    pymupdf.PDF_ANNOT_POLY_LINE,
    pymupdf.PDF_ANNOT_HIGHLIGHT,
    pymupdf.PDF_ANNOT_UNDERLINE,
    pymupdf.PDF_ANNOT_SQUIGGLY,
    pymupdf.PDF_ANNOT_STRIKE_OUT,
    pymupdf.PDF_ANNOT_STAMP,
    pymupdf.PDF_ANNOT_INK,
    pymupdf.PDF_ANNOT_WIDGET,
}

# What the catalog and a page may keep; everything else is dropped.
_CATALOG_KEEP = {
    "Type", "Pages", "Version", "Extensions", "Lang", "ViewerPreferences", "PageLayout",
    "OCProperties",
}  # fmt: skip
_PAGE_KEEP = {
    "Type", "Parent", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox",
    "Contents", "Rotate", "Group", "UserUnit",
}  # fmt: skip
_PAGE_BOXES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox", "Rotate")
# While searching and redacting, pages are this big (PDF's largest page is 14,400 pt).
_WIDE = pymupdf.Rect(-20_000, -20_000, 20_000, 20_000)
_WIDE_PDF = "[-20000 -20000 20000 20000]"
# Keys removed from every object wherever they occur.
_STRIP_EVERYWHERE = ("Metadata", "PieceInfo")


class RedactionError(RedactError):
    """The PDF cannot be redacted. The message is one line and holds no content."""


@dataclass(frozen=True)
class RedactionTarget:
    """`text`: the exact string to remove, as it appears in the extracted text (line
    breaks in it are treated as spaces); `label`: what the reader sees instead."""

    text: str
    label: str


# --- finding targets ---------------------------------------------------------------------


class _Folds(dict):
    """fold() of each character, computed once."""

    def __missing__(self, c: str) -> str:
        f = self[c] = fold(c)
        return f


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a short, bounded step (reference counting
    still frees everything at once); back on after it if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _Line:
    page: int
    direction: tuple[float, float]


class _DocumentText:
    """The document's characters in reading order, folded, with where each came from.

    Per character its line (`char_line`) and box (`boxes`, four numbers a character) are
    kept in flat arrays, and each page's character dictionary is read with the cyclic
    garbage collector paused and dropped before it resumes: tens of thousands of small
    objects a page would otherwise survive into the oldest generation and trigger a full
    collection, which in a process holding the language model costs more than the page."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.char_line = array("q")  # per character: its document-wide line number
        self.boxes = array("d")  # per character: x0, y0, x1, y1
        self.lines: list[_Line] = []
        self.origin = array("q")  # per folded character: index of its character, or -1
        folded: list[str] = []  # per character: its folded form (0, 1 or more characters)
        folds = _Folds()  # fold() per distinct character, once
        for page in doc:
            with _collector_paused():
                self._add_page(page, folded, folds)
        self.text = "".join(folded)

    def _add_page(self, page: pymupdf.Page, folded: list[str], folds: _Folds) -> None:
        char_line, boxes, origin = self.char_line, self.boxes, self.origin
        data = page.get_text("rawdict", flags=_TEXT_FLAGS)
        for block in data.get("blocks", ()):
            if block.get("type") != 0:
                continue
            for line in block.get("lines", ()):
                line_no = len(self.lines)
                self.lines.append(_Line(page.number, tuple(line.get("dir", (1, 0)))))
                for span in line.get("spans", ()):
                    chars = span.get("chars", ())
                    if not chars:
                        continue
                    first = len(char_line)
                    char_line.extend(repeat(line_no, len(chars)))
                    boxes.extend(chain.from_iterable([ch["bbox"] for ch in chars]))
                    forms = [folds[ch["c"]] for ch in chars]
                    folded += forms
                    if sum(map(len, forms)) == len(forms) and all(forms):  # one each
                        origin.extend(range(first, first + len(chars)))
                    else:
                        for index, f in enumerate(forms, first):
                            origin.extend(repeat(index, len(f)))
                folded.append("\n")
                origin.append(-1)
        folded.append("\n")
        origin.append(-1)

    def box(self, index: int) -> tuple[float, float, float, float]:
        b = self.boxes
        return b[4 * index], b[4 * index + 1], b[4 * index + 2], b[4 * index + 3]


@dataclass
class _Hit:
    page: int
    rect: pymupdf.Rect
    direction: tuple[float, float]
    label: str | None  # on the first box of a match only


def _kept_spans(text: _DocumentText, keep: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for kept in keep:
        pattern = pattern_for(kept)
        if pattern is not None:
            spans += [m.span() for m in pattern.finditer(text.text)]
    return spans


class _Within:
    """Whether a span lies inside any of the given spans (a <= start, end <= b), by
    bisection instead of comparing with every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to here
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __call__(self, start: int, end: int) -> bool:
        n = bisect_right(self.starts, start)  # the spans with a <= start
        return n > 0 and self.reach[n - 1] >= end


_INFINITE = (pymupdf.FZ_MIN_INF_RECT, pymupdf.FZ_MIN_INF_RECT,
             pymupdf.FZ_MAX_INF_RECT, pymupdf.FZ_MAX_INF_RECT)  # fmt: skip


def _include(a: tuple, b: tuple) -> tuple:
    """`Rect(a) | Rect(b)` as PyMuPDF computes it (an empty box adds nothing, an empty
    first box is replaced, an infinite one makes the result infinite), on plain tuples."""
    if a == _INFINITE or b == _INFINITE:
        return _INFINITE
    if b[0] >= b[2] or b[1] >= b[3]:
        return a
    if a[0] >= a[2] or a[1] >= a[3]:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _find(
    text: _DocumentText, targets: list[RedactionTarget], keep: Iterable[str] = ()
) -> list[_Hit]:
    hits: list[_Hit] = []
    seen: set[str] = set()
    inside_kept = _Within(_kept_spans(text, keep))
    origin, char_line = text.origin, text.char_line
    # Longest first, so that a label goes to the longest match at a place.
    for target in sorted(targets, key=lambda t: -len(t.text)):
        pattern = pattern_for(target.text)
        if pattern is None or pattern.pattern in seen:
            continue
        seen.add(pattern.pattern)
        for match in pattern.finditer(text.text):
            if inside_kept(match.start(), match.end()):
                continue  # part of a name that stays ("Gerrit" in the subject's name)
            indices = sorted({i for i in origin[match.start() : match.end()] if i >= 0})
            per_line: dict[int, tuple] = {}
            for i in indices:
                line_no = char_line[i]
                box = text.box(i)
                per_line[line_no] = _include(per_line[line_no], box) if line_no in per_line else box
            for n, (line_no, box) in enumerate(sorted(per_line.items())):
                line = text.lines[line_no]
                label = target.label if n == 0 else None
                hits.append(_Hit(line.page, pymupdf.Rect(box), line.direction, label))
    return hits


def _band(rect: pymupdf.Rect, direction: tuple[float, float]) -> pymupdf.Rect:
    """The middle band of a line box, across the text direction."""
    dx, dy = direction
    r = pymupdf.Rect(rect)
    if abs(dy) < 1e-3:  # horizontal text
        trim = r.height * _BAND_TRIM
        r.y0 += trim
        r.y1 -= trim
    elif abs(dx) < 1e-3:  # vertical text
        trim = r.width * _BAND_TRIM
        r.x0 += trim
        r.x1 -= trim
    return r  # slanted text: the whole box


# --- removing -----------------------------------------------------------------------------


def _open(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise RedactionError(f"corrupt PDF ({type(exc).__name__})") from None
    try:
        if doc.needs_pass:
            raise RedactionError("encrypted PDF")
        if not doc.is_pdf:
            raise RedactionError("not a PDF")
        if doc.page_count == 0:
            raise RedactionError("corrupt PDF (no pages)")
        if doc.page_count > MAX_PAGES:
            raise RedactionError(f"PDF has more than {MAX_PAGES} pages")
    except RedactionError:
        doc.close()
        raise
    except Exception as exc:
        doc.close()
        raise RedactionError(f"corrupt PDF ({type(exc).__name__})") from None
    return doc


def _bake_or_delete_annotations(doc: pymupdf.Document) -> None:
    for page in doc:
        for link in page.get_links():
            page.delete_link(link)
        if any(True for _ in page.annots(types=(pymupdf.PDF_ANNOT_REDACT,))):
            page.apply_redactions()  # marked for redaction but never applied: apply
        for annot in list(page.annots()):
            if annot.type[0] not in _BAKE_TYPES:
                page.delete_annot(annot)
    doc.bake(annots=True, widgets=True)
    for page in doc:  # anything bake left behind
        for annot in list(page.annots()):
            page.delete_annot(annot)
        for widget in list(page.widgets()):
            page.delete_widget(widget)


def _box(rect: pymupdf.Rect, direction: tuple[float, float]) -> pymupdf.Rect:
    """The black box: the line box a little trimmed across the text direction (font
    boxes are taller than the glyphs and overlap the next line when the leading is
    tight)."""
    dx, dy = direction
    r = pymupdf.Rect(rect)
    if abs(dy) < 1e-3:
        r.y0 += r.height * _BOX_TRIM
        r.y1 -= r.height * _BOX_TRIM
    elif abs(dx) < 1e-3:
        r.x0 += r.width * _BOX_TRIM
        r.x1 -= r.width * _BOX_TRIM
    return r


def _label_size(label: str, rect: pymupdf.Rect, direction: tuple[float, float]) -> float | None:
    """A font size at which `label` fits on one line in the box, or None."""
    if abs(direction[1]) >= 1e-3 or direction[0] <= 0:
        return None  # not left-to-right horizontal text: the box only
    size = min(_LABEL_MAX_SIZE, rect.height * 0.75)
    unit = _label_unit_length(label)
    while size >= _LABEL_MIN_SIZE:
        if unit * size <= rect.width - 1:  # = get_text_length(label, _LABEL_FONT, size)
            return size
        size -= 0.5
    return None


@lru_cache(maxsize=4096)
def _label_unit_length(label: str) -> float:
    """The label's length at font size 1 (PyMuPDF measures a size as this times it)."""
    return pymupdf.get_text_length(label, _LABEL_FONT, 1)


def _overlaps(a: pymupdf.Rect, b: pymupdf.Rect) -> bool:
    """`a.intersects(b)` (PyMuPDF's test: neither empty nor infinite, and overlapping),
    without building a Rect per test."""
    ax0, ay0, ax1, ay1 = a.x0, a.y0, a.x1, a.y1
    bx0, by0, bx1, by1 = b.x0, b.y0, b.x1, b.y1
    if ax0 >= ax1 or ay0 >= ay1 or bx0 >= bx1 or by0 >= by1:
        return False
    if (ax0, ay0, ax1, ay1) == _INFINITE or (bx0, by0, bx1, by1) == _INFINITE:
        return False
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


class _Placed:
    """The boxes that carry a label on a page. `overlaps(box)` is whether any of them
    overlaps `box` (`_overlaps`), found by comparing only with those in the same rows
    of the page (horizontal bands of `_ROW` points) rather than with every box: two
    boxes that overlap share a point, so both reach its row. A box without finite
    coordinates or spanning very many rows is compared with all, and all with it."""

    _ROW = 32.0
    _MAX_ROWS = 64

    def __init__(self) -> None:
        self.boxes: list[pymupdf.Rect] = []
        self.by_row: dict[int, list[pymupdf.Rect]] = {}
        self.wide: list[pymupdf.Rect] = []

    def _rows(self, box: pymupdf.Rect) -> range | None:
        y0, y1 = box.y0, box.y1
        if not (math.isfinite(y0) and math.isfinite(y1)) or y1 - y0 > self._ROW * self._MAX_ROWS:
            return None
        return range(math.floor(y0 / self._ROW), math.floor(y1 / self._ROW) + 1)

    def overlaps(self, box: pymupdf.Rect) -> bool:
        rows = self._rows(box)
        if rows is None:
            return any(_overlaps(box, r) for r in self.boxes)
        if any(_overlaps(box, r) for r in self.wide):
            return True
        return any(_overlaps(box, r) for row in rows for r in self.by_row.get(row, ()))

    def add(self, box: pymupdf.Rect) -> None:
        self.boxes.append(box)
        rows = self._rows(box)
        if rows is None:
            self.wide.append(box)
        else:
            for row in rows:
                self.by_row.setdefault(row, []).append(box)


def _redactions(page: pymupdf.Page, rects: list[pymupdf.Rect], images: int, graphics: int,
                text: int) -> None:  # fmt: skip
    """Remove what lies under `rects` (text, and per `images` image pixels), as
    `page.add_redact_annot(rect, fill=False, cross_out=False)` for every rect and then
    `page.apply_redactions(images, graphics, text)` would, in a fraction of the time.

    MuPDF removes a glyph when its box (shrunk by a tenth) meets the rectangle of any
    redaction annotation, or of any quad of one that has QuadPoints, and blanks image
    pixels under each of them the same way (`pdf_redact_text_filter` and
    `pdf_redact_image_filter_pixels`, pdf-clean.c): one annotation holding every rect as
    a quad removes exactly what one annotation per rect does. It is much cheaper, since
    MuPDF looks every annotation up again for every glyph of the page, and PyMuPDF scans
    all of a page's annotations for each one it adds or applies (quadratic on a page
    with hundreds of boxes). Used on unturned pages without other annotations (as
    `redact_pdf` makes them) in a document without a default appearance for form text
    (/AcroForm /DA: apply_redactions would draw an empty overlay text in it, which can
    fail); else PyMuPDF's own calls, one annotation a rect."""
    if not rects:
        return
    doc = page.parent
    if (
        page.rotation
        or page.first_annot is not None
        or doc.xref_get_key(doc.pdf_catalog(), "AcroForm/DA")[0] != "null"
    ):
        for rect in rects:
            page.add_redact_annot(rect, fill=False, cross_out=False)
        page.apply_redactions(images=images, graphics=graphics, text=text)
        return
    mupdf = pymupdf.mupdf
    pdf_page = page._pdf_page()
    annot = mupdf.pdf_create_annot(pdf_page, mupdf.PDF_ANNOT_REDACT)
    for rect in rects:  # each as add_redact_annot turns it into the annotation's box
        mupdf.pdf_add_annot_quad_point(
            annot, mupdf.fz_quad_from_rect(mupdf.fz_rect_from_quad(pymupdf.JM_quad_from_py(rect)))
        )
    mupdf.pdf_update_annot(annot)
    pdf_page.doc().m_internal.resynth_required = 0  # as PyMuPDF leaves it after adding one
    if not page._apply_redactions(text, images, graphics):  # MuPDF's pdf_redact_page
        raise ValueError("Error applying redactions.")


def _redact_page(page: pymupdf.Page, hits: list[_Hit]) -> None:
    # Pass 1: remove the text under the middle band of each line box.
    _redactions(
        page,
        [_band(hit.rect, hit.direction) for hit in hits],
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    # Pass 2, only where the page shows images: blank their pixels under the line boxes.
    if page.get_image_info():  # also inline images and images in form XObjects
        _redactions(
            page,
            [hit.rect for hit in hits],
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )
    # Then the black boxes (line boxes trimmed a little), and the labels in white.
    shape = page.new_shape()
    labels: list[tuple[pymupdf.Point, str, float]] = []
    labelled = _Placed()
    for hit in hits:
        box = _box(hit.rect, hit.direction)
        shape.draw_rect(box)
        size = _label_size(hit.label, box, hit.direction) if hit.label else None
        if size and not labelled.overlaps(box):
            labelled.add(box)  # (an overlapping match already carries a label here)
            baseline = pymupdf.Point(box.x0 + 0.5, (box.y0 + box.y1) / 2 + size * 0.35)
            labels.append((baseline, hit.label, size))
    shape.finish(color=None, fill=_BOX_COLOUR, width=0)
    for baseline, label, size in labels:
        shape.insert_text(baseline, label, fontname=_LABEL_FONT, fontsize=size, color=_LABEL_COLOUR)
    shape.commit()


def _widen_pages(doc: pymupdf.Document) -> list[dict[str, str | None]]:
    """Make every page's media box huge, so that text outside the visible page (beyond
    the crop or media box: invisible, but in the file) is found and removed too; MuPDF
    extracts and redacts only within the page. Pages are also unturned meanwhile (labels
    then run along the text). Returns the page boxes and rotation as they were."""
    saved = []
    for page in doc:
        boxes: dict[str, str | None] = {}
        for key in _PAGE_BOXES:
            kind, value = doc.xref_get_key(page.xref, key)
            boxes[key] = None if kind == "null" else value
        saved.append(boxes)
        page.set_rotation(0)  # PyMuPDF misplaces drawings on turned pages with such a box
        page.set_mediabox(_WIDE)
        # Set on the page itself, so that no crop box inherited from the page tree applies.
        doc.xref_set_key(page.xref, "CropBox", _WIDE_PDF)
    return saved


def _show_all_layers(doc: pymupdf.Document) -> str | None:
    """Switch every optional content group (layer) on: MuPDF neither extracts nor redacts
    text in a hidden layer, yet it is in the file (and one click away in a viewer).
    Returns the default configuration as it was (PDF source), or None."""
    catalog = doc.pdf_catalog()
    kind, value = doc.xref_get_key(catalog, "OCProperties/D")
    if kind == "null":
        return None
    doc.xref_set_key(catalog, "OCProperties/D", "<</BaseState/ON>>")
    return value


def _restore_layers(doc: pymupdf.Document, saved: str | None) -> None:
    if saved is not None:
        doc.xref_set_key(doc.pdf_catalog(), "OCProperties/D", saved)


def _restore_pages(doc: pymupdf.Document, saved: list[dict[str, str | None]]) -> None:
    for page, boxes in zip(doc, saved, strict=True):
        for key, value in boxes.items():
            if value is None:  # inherited from the page tree, or absent
                _delete_keys(doc, page.xref, [key])
            else:
                doc.xref_set_key(page.xref, key, value)


def _delete_keys(doc: pymupdf.Document, xref: int, keys: Iterable[str]) -> None:
    """Remove `keys` from the dictionary `xref` (PyMuPDF's `xref_set_key(..., "null")`
    would leave them in the file with a null value)."""
    obj = pymupdf.mupdf.pdf_load_object(pymupdf._as_pdf_document(doc), xref)
    for key in keys:
        pymupdf.mupdf.pdf_dict_dels(obj, key)


def _keep_only(doc: pymupdf.Document, xref: int, keep: set[str]) -> None:
    _delete_keys(doc, xref, [k for k in doc.xref_get_keys(xref) if k not in keep])


def _sanitise(doc: pymupdf.Document) -> None:
    doc.set_metadata({})
    doc.del_xml_metadata()
    for name in doc.embfile_names():
        doc.embfile_del(name)
    _keep_only(doc, doc.pdf_catalog(), _CATALOG_KEEP)
    for page in doc:
        _keep_only(doc, page.xref, _PAGE_KEEP)
    for xref in range(1, doc.xref_length()):
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:
            continue  # a free or broken entry; garbage collection drops it
        _delete_keys(doc, xref, [k for k in _STRIP_EVERYWHERE if k in keys])
        if "S" in keys and doc.xref_get_key(xref, "S")[1] == "/JavaScript":
            doc.update_object(xref, "<</S/JavaScript/JS()>>")
        if doc.xref_get_key(xref, "Type")[1] in ("/Metadata", "/EmbeddedFile", "/Filespec"):
            doc.update_object(xref, "<<>>")
            if doc.xref_is_stream(xref):
                doc.update_stream(xref, b"", new=True)
    doc.xref_set_key(-1, "Info", "null")  # the trailer: this does remove the key


def _measure(data: bytes) -> bool:
    """Refuse a PDF with more content than `MAX_CONTENT_BYTES` (every page's content,
    forms as often as drawn: MuPDF parses it in several passes, the check again).
    False if pypdf cannot open it to measure."""
    try:
        check_content(data, MAX_CONTENT_BYTES, text_only=False)
    except ContentTooLarge as exc:  # its message is safe
        raise RedactionError(str(exc)) from None
    except UnreadableDocument:
        return False
    return True


def redact_pdf(
    data: bytes,
    targets: list[RedactionTarget],
    keep: Iterable[str] = (),
    areas: Mapping[int, Iterable[tuple]] | None = None,
) -> bytes:
    """A copy of the PDF `data` with every occurrence of every target removed, black
    boxes (with the labels where they fit) in their place, and the document sanitised
    (see the module doc). An occurrence inside an occurrence of a `keep` string (a name
    that stays, such as the subject's) is left alone. `areas` (scanned pages, from OCR
    word boxes): page number → [(x0, y0, x1, y1, label or None)] in points of the page
    as displayed; their pixels are blanked. Raises RedactionError."""
    measured = _measure(data)
    doc = _open(data)
    try:
        if not measured:  # pypdf could not open it, MuPDF could: measure the repaired file
            if not _measure(doc.tobytes(garbage=0, clean=False)):
                raise RedactionError("corrupt PDF (cannot be measured)")
        _bake_or_delete_annotations(doc)
        for number, page_areas in sorted((areas or {}).items()):
            paint_areas(doc[number], page_areas)
        boxes = _widen_pages(doc)
        layers = _show_all_layers(doc)
        hits = _find(_DocumentText(doc), targets, keep)
        by_page: dict[int, list[_Hit]] = {}
        for hit in hits:
            by_page.setdefault(hit.page, []).append(hit)
        for number, page_hits in sorted(by_page.items()):
            _redact_page(doc[number], page_hits)
        _restore_layers(doc, layers)
        _restore_pages(doc, boxes)
        _sanitise(doc)
        return doc.tobytes(garbage=4, deflate=True, clean=True, incremental=False)
    except RedactionError:
        raise
    except Exception as exc:
        raise RedactionError(f"PDF redaction failed ({type(exc).__name__})") from None
    finally:
        doc.close()
        pymupdf.TOOLS.reset_mupdf_warnings()
