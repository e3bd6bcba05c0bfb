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
by a line break, blocks and pages too. A target matches
- case- and accent-insensitively (NFKD, combining marks dropped, casefolded);
- only as whole words (no letter or digit directly before or after);
- with any whitespace between its words, including none (kerned text whose spaces are
  only TJ offsets) and a line or page break ("Gerrit" at the end of one line, "de Wit" on
  the next): a name that wraps is found whole, never word by word;
- with a hyphen and line break inside a word ("Ger-" / "rit") and around a hyphen of
  the target ("Çelik-" / "Brouwer").
The matched characters are grouped per text line; each group's box is one redaction.

How it is removed. Per page, two passes of `apply_redactions`:
1. text: redaction boxes shrunk to the middle band of the line (across the text
   direction), so that characters of the lines above and below, whose font boxes overlap
   the line's box when the leading is tight, are not removed with it; images and line
   art are left alone;
2. looks: the line boxes (trimmed a little), filled black with the label in white
   small print where it fits on one line (horizontal text only; a name that wraps gets
   it on its first box); image pixels under the whole line boxes are blanked (a scan
   under an OCR layer shows the name in its pixels); text is left alone (pass 1 did
   that).

Sanitising (the issue's list), before and after:
- form fields and visible annotations (free text, stamps, markup) are baked into the
  page content first, so their text is redacted like any other; annotations that carry
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

Encryption: like the reader (`extract/pdf.py`), a PDF that opens with the empty user
password is redacted and written without encryption; one that needs a password is
refused. Corrupt input (MuPDF cannot open it, or it has no pages) is refused. Errors are
`RedactionError` with a one-line message that never holds document content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pymupdf

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

# Characters, not clipped to the media box (text outside it is still in the file), with
# ligatures expanded (no TEXT_PRESERVE_LIGATURES) and no dehyphenation (the pattern
# handles a hyphen at a line end itself).
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
# Keys removed from every object wherever they occur.
_STRIP_EVERYWHERE = ("Metadata", "PieceInfo")

_HYPHENS = "-\u00ad\u2010\u2011"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


class RedactionError(Exception):
    """The PDF cannot be redacted. The message is one line and holds no content."""


@dataclass(frozen=True)
class RedactionTarget:
    """`text`: the exact string to remove, as it appears in the extracted text (line
    breaks in it are treated as spaces); `label`: what the reader sees instead."""

    text: str
    label: str


# --- finding targets ---------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`; may change its length."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class _Char:
    page: int
    line: int  # document-wide line number
    bbox: tuple[float, float, float, float]


@dataclass
class _Line:
    page: int
    direction: tuple[float, float]


class _DocumentText:
    """The document's characters in reading order, folded, with where each came from."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.chars: list[_Char] = []
        self.lines: list[_Line] = []
        folded: list[str] = []
        self.origin: list[int] = []  # per folded character: index into chars, or -1

        def separator(c: str) -> None:
            folded.append(c)
            self.origin.append(-1)

        for page in doc:
            data = page.get_text("rawdict", flags=_TEXT_FLAGS)
            for block in data.get("blocks", ()):
                if block.get("type") != 0:
                    continue
                for line in block.get("lines", ()):
                    line_no = len(self.lines)
                    self.lines.append(_Line(page.number, tuple(line.get("dir", (1, 0)))))
                    for span in line.get("spans", ()):
                        for ch in span.get("chars", ()):
                            index = len(self.chars)
                            self.chars.append(_Char(page.number, line_no, tuple(ch["bbox"])))
                            for f in _fold(ch["c"]):
                                folded.append(f)
                                self.origin.append(index)
                    separator("\n")
            separator("\n")
        self.text = "".join(folded)


def _pattern(target: str) -> re.Pattern[str] | None:
    """Regex over the folded document text for `target` as whole words (see module doc)."""
    words = _fold(target).split()
    if not words:
        return None
    inside = f"(?:[{_HYPHENS}]?\\n)?"  # a word broken at a line end
    parts = []
    for word in words:
        piece = ""
        for i, c in enumerate(word):
            if c in _HYPHENS:
                piece += f"[{_HYPHENS}]\\s*"  # a hyphen of the name, maybe at a line end
                continue
            piece += re.escape(c)
            if i + 1 < len(word) and word[i + 1] not in _HYPHENS:
                piece += inside
        parts.append(piece)
    body = r"\s*".join(parts)
    start = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    end = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(start + body + end)


@dataclass
class _Hit:
    page: int
    rect: pymupdf.Rect
    direction: tuple[float, float]
    label: str | None  # on the first box of a match only


def _kept_spans(text: _DocumentText, keep: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for kept in keep:
        pattern = _pattern(kept)
        if pattern is not None:
            spans += [m.span() for m in pattern.finditer(text.text)]
    return spans


def _find(
    text: _DocumentText, targets: list[RedactionTarget], keep: Iterable[str] = ()
) -> list[_Hit]:
    hits: list[_Hit] = []
    seen: set[str] = set()
    kept = _kept_spans(text, keep)
    # Longest first, so that a label goes to the longest match at a place.
    for target in sorted(targets, key=lambda t: -len(t.text)):
        key = " ".join(_fold(target.text).split())
        if key in seen:
            continue
        seen.add(key)
        pattern = _pattern(target.text)
        if pattern is None:
            continue
        for match in pattern.finditer(text.text):
            if any(a <= match.start() and match.end() <= b for a, b in kept):
                continue  # part of a name that stays ("Gerrit" in the subject's name)
            indices = sorted({
                text.origin[i] for i in range(match.start(), match.end())
                if text.origin[i] >= 0
            })  # fmt: skip
            per_line: dict[int, pymupdf.Rect] = {}
            for i in indices:
                ch = text.chars[i]
                rect = pymupdf.Rect(ch.bbox)
                if ch.line in per_line:
                    per_line[ch.line] |= rect
                else:
                    per_line[ch.line] = rect
            for n, (line_no, rect) in enumerate(sorted(per_line.items())):
                line = text.lines[line_no]
                label = target.label if n == 0 else None
                hits.append(_Hit(line.page, rect, line.direction, label))
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
    if abs(direction[1]) >= 1e-3:
        return None  # not horizontal text: the box only
    size = min(_LABEL_MAX_SIZE, rect.height * 0.75)
    while size >= _LABEL_MIN_SIZE:
        if pymupdf.get_text_length(label, _LABEL_FONT, size) <= rect.width - 1:
            return size
        size -= 0.5
    return None


def _redact_page(page: pymupdf.Page, hits: list[_Hit]) -> None:
    # Pass 1: remove the text under the middle band of each line box.
    for hit in hits:
        page.add_redact_annot(_band(hit.rect, hit.direction), fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    # Pass 2: black boxes (line boxes trimmed a little) with labels; image pixels blanked.
    labelled: list[pymupdf.Rect] = []
    for hit in hits:
        box = _box(hit.rect, hit.direction)
        size = _label_size(hit.label, box, hit.direction) if hit.label else None
        if size and any(box.intersects(r) for r in labelled):
            size = None  # an overlapping match already carries a label here
        if size:
            labelled.append(box)
            page.add_redact_annot(
                box,
                text=hit.label,
                fontname=_LABEL_FONT,
                fontsize=size,
                fill=_BOX_COLOUR,
                text_color=_LABEL_COLOUR,
                cross_out=False,
            )
        else:
            page.add_redact_annot(box, fill=_BOX_COLOUR, cross_out=False)
        # Image pixels are blanked under the whole line box, not just the black box.
        page.add_redact_annot(hit.rect, fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_NONE,
    )


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


def redact_pdf(data: bytes, targets: list[RedactionTarget], keep: Iterable[str] = ()) -> bytes:
    """A copy of the PDF `data` with every occurrence of every target removed, black
    boxes (with the labels where they fit) in their place, and the document sanitised
    (see the module doc). An occurrence inside an occurrence of a `keep` string (a name
    that stays, such as the subject's) is left alone. Raises RedactionError."""
    pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's messages may quote content
    pymupdf.TOOLS.mupdf_display_warnings(False)
    doc = _open(data)
    try:
        _bake_or_delete_annotations(doc)
        hits = _find(_DocumentText(doc), targets, keep)
        by_page: dict[int, list[_Hit]] = {}
        for hit in hits:
            by_page.setdefault(hit.page, []).append(hit)
        for number, page_hits in sorted(by_page.items()):
            _redact_page(doc[number], page_hits)
        _sanitise(doc)
        return doc.tobytes(garbage=4, deflate=True, clean=True, incremental=False)
    except RedactionError:
        raise
    except Exception as exc:
        raise RedactionError(f"PDF redaction failed ({type(exc).__name__})") from None
    finally:
        doc.close()
        pymupdf.TOOLS.reset_mupdf_warnings()
