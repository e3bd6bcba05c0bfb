"""Redaction of scans and photos: the third parties' words painted out of the pixels.

A document read by OCR (`extract/ocr/`) keeps a box per word. The plan's replacements
are offsets in the OCR text; every word that overlaps one is painted black (a little
larger than its box, so no stroke of a letter sticks out), with the label in white
where it fits. So is every other place where OCR read a removed string otherwise
(spaced or glued, split, in capitals, punctuation attached, a character misread: see
`_Words`), outside the names that stay. What comes out has no text layer at all:
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

import bisect
import dataclasses
import functools
import io
import re
import unicodedata
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
    """The areas to paint: every OCR word that overlaps a replacement, and every other
    place where OCR read a removed string differently (`_Words.variants`). The label goes
    on the first word of each."""
    words = _Words(doc)
    chosen: dict[int, str | None] = {}  # word index: label (on a string's first word)
    for r in plan.replacements:
        for n, k in enumerate(words.overlapping(r.start, r.end)):
            chosen.setdefault(k, r.label if n == 0 else None)
    for indexes, label in words.variants(doc.text, plan):
        if any(k in chosen for k in indexes):
            for k in indexes:
                chosen.setdefault(k, None)
            continue
        for n, k in enumerate(indexes):
            chosen[k] = label if n == 0 else None
    areas: list[Area] = []
    for k in sorted(chosen):
        word = words.words[k]
        pad = max(_MIN_PAD, round(word.height * _PAD))
        areas.append(
            Area(
                word.page,
                word.left - pad,
                word.top - pad,
                word.left + word.width + pad,
                word.top + word.height + pad,
                chosen[k],
            )
        )
    return areas


# -- finding a removed string where OCR read it differently ----------------------------
#
# The plan removes every whole-word occurrence of a removed string in the text OCR read
# (any case, any white space). OCR reads the same name or number differently in
# different places, though, and reads the painted copy differently again: a name read
# "Sietsko" once and "Sietske" elsewhere, an IBAN "NL91 ABNA 0417 1643 00" in one place and
# "NL91ABNA O417164300" in another, a name split in two words or glued to the next one.
# Such a place is painted too (and the check of the copy, which reads it again, then
# finds nothing). Words are compared as their letters and digits only, case and accents
# folded, look-alike characters (0 and O, 1, l, I and |, 5 and S, 8 and B, 2 and Z, 6
# and G, rn and m, vv and w) made the same:
# - the string's characters equal to those of consecutive words, whatever the spaces
#   and punctuation between and around them (hyphens, brackets, dots of initials), the
#   first word whole, the last one whole (so "Bos" never paints "Bosweg"); strings of
#   under five characters word by word;
# - one character misread: in words of at least five letters of a string without
#   digits, word by word, one letter read as another (two in strings of twelve letters
#   or more; never one more or one less, so "Hofstedes" stays when "Hofstede" goes),
#   each word of up to four letters (initials, "van", "de") exactly; in an account
#   number (IBAN, twelve characters or more) one character changed, added or lost,
#   wherever its spaces are;
# - a word of a removed name (three letters or more, not a particle such as "van" nor
#   a month's abbreviation)
#   standing alone, when OCR read it capitalised or in capitals: "KLAVER" on a bank
#   line when "Maarten Klaver" was removed, as the plan removes "Klaver" written so.
# Never painted this way: a word that is part of a name that stays (the subject, a
# professional kept: `plan.kept_names`), nor, by a misread character or as a removed
# name's word, a word that is one of the words of such a name ("Hendriks" stays when
# "Hendrikse" is removed).

_TOKEN = re.compile(r"[^\W_]+")
_LOOK_ALIKE = str.maketrans("01|5826ı", "ollszbgi")
_SHORT = 5  # characters: shorter strings are matched word by word
_FUZZY_WORD = 5  # letters: shorter words must match exactly
_LONG_NUMBER = 12  # characters: an account number this long may have one misread
_LONG_NAME = 12  # letters: a name this long may have two misread
_NAME_WORD = 3  # letters: a removed name's shorter words are not painted on their own
# Short words that stand on bank statements and in dates in capitals: a removed "name"
# holding one (a bank line "T. KLAVER NOV" taken for a name) must not paint every month.
_NOT_NAME_WORDS = frozenset("jan feb mrt apr mei jun jul aug sep sept okt nov dec".split())


@functools.cache
def _particles() -> frozenset[str]:
    """Name particles ("van", "de", "ter"): never removed as a name's word of their own."""
    from zeef.classifiers.person_names import PARTICLE_WORDS

    return frozenset(p.casefold() for p in PARTICLE_WORDS)


def _fold(text: str) -> str:
    """Lower case, no accents, look-alikes made the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_LOOK_ALIKE).replace("i", "l").replace("rn", "m").replace("vv", "w")


def _tokens(text: str) -> list[str]:
    return [t for t in (_fold(m) for m in _TOKEN.findall(text.replace("|", "l"))) if t]


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by at most one inserted, deleted or changed character."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def _misread_as(got: str, want: str, protected: set[str]) -> bool:
    """Whether OCR may have read the word `want` as `got`: one letter read as another in
    a word of five letters or more, and `got` no word of a name that stays."""
    return (
        len(want) >= _FUZZY_WORD
        and len(got) == len(want)
        and got not in protected
        and _one_edit(got, want)
    )


class _Page:
    """One page's folded pieces in reading order, with where each piece stands."""

    def __init__(self) -> None:
        self.stream: list[tuple[str, int]] = []  # (folded piece, word index)
        self.at: dict[str, list[int]] = {}  # piece: its positions in the stream
        self.by_first: dict[str, list[int]] = {}  # first character: positions

    def add(self, piece: str, word: int) -> None:
        self.at.setdefault(piece, []).append(len(self.stream))
        self.by_first.setdefault(piece[0], []).append(len(self.stream))
        self.stream.append((piece, word))

    def words(self, p: int, q: int) -> list[int]:
        """The words of the pieces p..q (q included)."""
        return sorted({k for _, k in self.stream[p : q + 1]})


class _Words:
    """A document's OCR words in reading order, and their folded pieces per page."""

    def __init__(self, doc: ReadDocument) -> None:
        rows = sorted(doc.ocr_words(), key=lambda w: w[0])
        self.starts = [start for start, _, _ in rows]
        self.ends = [end for _, end, _ in rows]
        self.words = [word for _, _, word in rows]
        self.pages: dict[int, _Page] = {}
        for k, word in enumerate(self.words):
            page = self.pages.setdefault(word.page, _Page())
            for piece in _tokens(word.text):
                page.add(piece, k)

    def overlapping(self, start: int, end: int) -> list[int]:
        """The words that overlap text[start:end], in order."""
        found = []
        for k in range(bisect.bisect_left(self.ends, start + 1), len(self.words)):
            if self.starts[k] >= end:
                break
            if self.ends[k] > start:
                found.append(k)
        return found

    def _exact(self, needle: list[str], edits: int = 0) -> Iterable[list[int]]:
        """Places whose pieces, joined, equal the needle's joined (or differ by `edits`
        characters at most, 0 or 1), starting and ending on a piece's bounds."""
        joined = "".join(needle)
        for page in self.pages.values():
            stream = page.stream
            if len(joined) < _SHORT:
                for p in page.at.get(needle[0], ()):
                    if [t for t, _ in stream[p : p + len(needle)]] == needle:
                        yield page.words(p, p + len(needle) - 1)
                continue
            if edits:
                starts = page.by_first.get(joined[0], [])
            else:  # the first piece is a beginning of the needle
                starts = sorted(p for i in range(1, len(joined) + 1)
                                for p in page.at.get(joined[:i], ()))  # fmt: skip
            for p in starts:
                text, end = "", None
                for q in range(p, len(stream)):
                    text += stream[q][0]
                    if len(text) > len(joined) + edits:
                        break
                    if edits == 0:
                        if text == joined:
                            end = q
                        if not joined.startswith(text):
                            break
                    elif len(text) >= len(joined) - edits and _one_edit(text, joined):
                        end = q  # the longest that fits
                if end is not None:
                    yield page.words(p, end)

    def _misread(self, needle: list[str], protected: set[str]) -> Iterable[list[int]]:
        """Places that read the needle's words, word by word, with misread letters."""
        allowed = 1 if len("".join(needle)) < _LONG_NAME else 2
        first = needle[0]
        for page in self.pages.values():
            stream = page.stream
            starts = sorted(
                p
                for piece, positions in page.at.items()
                if piece == first or _misread_as(piece, first, protected)
                for p in positions
            )
            for p in starts:
                if p + len(needle) > len(stream):
                    continue
                edits = 0
                for want, (got, _) in zip(needle, stream[p : p + len(needle)], strict=True):
                    if got == want:
                        continue
                    if not _misread_as(got, want, protected):
                        break
                    edits += 1
                    if edits > allowed:
                        break
                else:
                    if edits:
                        yield page.words(p, p + len(needle) - 1)

    def variants(self, text: str, plan: RedactionPlan) -> list[tuple[list[int], str]]:
        """Every place (its words) where OCR read a removed string, as read there or
        otherwise, outside the names that stay; with the removed string's label."""
        kept = [_tokens(name) for name in plan.kept_names]
        kept_words: set[int] = set()
        for needle in kept:
            if len("".join(needle)) >= 3:
                for place in self._exact(needle):
                    kept_words.update(place)
        protected = {t for needle in kept for t in needle}
        needles: dict[tuple[str, ...], tuple[str, str]] = {}  # label, how to match
        name_words: dict[str, str] = {}  # a word of a removed name: its label
        for r in plan.replacements:
            removed = text[r.start : r.end]
            needle = tuple(_tokens(removed))
            if len("".join(needle)) >= 3:
                if r.entity_type == "IBAN_CODE" and len("".join(needle)) >= _LONG_NUMBER:
                    how = "number"
                elif any(c.isdigit() for c in removed):
                    how = "exact"
                else:
                    how = "words"
                needles.setdefault(needle, (r.label, how))
            if r.entity_type == "PERSON":
                for word in _TOKEN.findall(removed):
                    folded = _fold(word)
                    if (
                        len(word) >= _NAME_WORD
                        and word[0].isupper()
                        and word.casefold() not in _particles()
                        and word.casefold() not in _NOT_NAME_WORDS
                        and folded not in protected
                    ):
                        name_words.setdefault(folded, r.label)
        found: list[tuple[list[int], str]] = []
        for needle, (label, how) in needles.items():
            places = list(self._exact(list(needle)))
            if how == "number":
                places += self._exact(list(needle), edits=1)
            elif how == "words":
                places += self._misread(list(needle), protected)
            found += [(p, label) for p in places if not kept_words.intersection(p)]
        # A removed name's own words standing alone, capitalised or in capitals ("Wit",
        # "KLAVER"), as the plan removes them where they are written as in the name.
        for word, label in name_words.items():
            for place in self._exact([word]):
                first = self.words[place[0]].text
                letter = next((c for c in first if c.isalpha()), "")
                if letter.isupper() and not kept_words.intersection(place):
                    found.append((place, label))
        return found


# -- the OCR text laid out as the page shows it ----------------------------------------
#
# Tesseract reads a page block by block (`--psm 3`): a form's labels and its answers, a
# bank statement's names and amounts, an app's payee and amount, come out as separate
# blocks, so "Naam ....... Wouter de Ruiter" or "Tikkie  M. Klaver  - 15,00" reach
# the analyzer as a column of labels and, far below, a column of values: the context
# the text path has (what stands on the same line) is gone. `relaid` puts the lines back
# side by side: a line of one block and a line of another that continue each other (the
# second starts to the right of where the first ends, at the same height there, within
# half a line's height) become one row, three spaces between them (one when they are
# only a space apart, none when they touch: a word Tesseract cut in two); rows go top
# to bottom, a blank line where the gap above is larger than about two lines. Words
# keep their boxes; only their offsets change. `redact` does not call it yet (see
# docs/redaction.md, "Scans and photos").

_COLUMN_GAP = "   "
_SAME_ROW = 0.5  # of a line's height: how far apart two lines' ends may be in height
_PARAGRAPH = 2.2  # line heights between two rows: a blank line between them
_TOUCH = 0.15  # of a line's height: lines of a row closer than this are one word
_WORD_SPACE = 1.0  # of a line's height: lines of a row closer than this, one space


@dataclass
class _Line:
    words: list[ocr.OcrWord]

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return self.words[-1].left + self.words[-1].width

    @property
    def height(self) -> float:
        return float(sorted(w.height for w in self.words)[len(self.words) // 2])

    @property
    def y_left(self) -> float:
        return self.words[0].top + self.words[0].height / 2

    @property
    def y_right(self) -> float:
        return self.words[-1].top + self.words[-1].height / 2


def _lines(page: ocr.OcrPage) -> list[_Line]:
    """The page's lines as Tesseract read them: words one space apart in its text."""
    lines: list[_Line] = []
    previous: ocr.OcrWord | None = None
    for word in page.words:
        if previous is not None and page.text[previous.end : word.start] == " ":
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
        previous = word
    return lines


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines that continue each other side by side chained into rows, top to bottom."""
    by_left = sorted(range(len(lines)), key=lambda i: lines[i].left)
    after: dict[int, int] = {}
    before: dict[int, int] = {}
    for i in by_left:
        a = lines[i]
        for j in by_left:  # the nearest line to the right at the same height
            b = lines[j]
            if j == i or j in before or b.left <= a.right:
                continue
            if abs(b.y_left - a.y_right) <= _SAME_ROW * max(a.height, b.height):
                after[i], before[j] = j, i
                break
    rows = []
    for i in range(len(lines)):
        if i in before:
            continue
        row = [lines[i]]
        while i in after:
            i = after[i]
            row.append(lines[i])
        rows.append(row)
    rows.sort(key=lambda row: (row[0].y_left, row[0].left))
    return rows


def _between(a: _Line, b: _Line) -> str:
    """What stands between two lines of a row: nothing when they touch (one word that
    Tesseract cut in two: "HOF" "STEDE"), a space when they are a word's space apart,
    else a column's gap."""
    gap = b.left - a.right
    height = max(a.height, b.height)
    if gap < _TOUCH * height:
        return ""
    return " " if gap < _WORD_SPACE * height else _COLUMN_GAP


def _relaid_page(page: ocr.OcrPage) -> ocr.OcrPage:
    parts: list[str] = []
    words: list[ocr.OcrWord] = []
    offset = 0
    previous: list[_Line] | None = None
    for row in _rows(_lines(page)):
        gaps: list[str] = []
        if previous is not None:
            height = max(previous[0].height, row[0].height)
            far = row[0].y_left - previous[0].y_left > _PARAGRAPH * height
            gaps.append("\n\n" if far else "\n")
        for n, line in enumerate(row):
            for m, word in enumerate(line.words):
                if n and not m:
                    gaps.append(_between(row[n - 1], line))
                elif m:
                    gaps.append(" ")
                gap = "".join(gaps)
                gaps = []
                parts += [gap, word.text]
                offset += len(gap)
                words.append(dataclasses.replace(word, start=offset, end=offset + len(word.text)))
                offset += len(word.text)
        previous = row
    return dataclasses.replace(page, text="".join(parts), words=words)


def relaid(doc: ReadDocument) -> ReadDocument:
    """`doc` with the text of its OCR'd pages laid out in rows as the page shows them
    (see above), every word's offsets moved with it; pages with a text layer as they
    were. A document without OCR comes back as it is."""
    if doc.ocr is None or not doc.ocr.pages:
        return doc
    count = len(doc.page_starts)
    texts = []
    for i in range(count):
        end = doc.page_starts[i + 1] - len(ocr.PAGE_SEPARATOR) if i + 1 < count else None
        texts.append(doc.text[doc.page_starts[i] : end])
    pages = {}
    for page in doc.ocr.pages:
        pages[page.index] = page
        if 0 <= page.index < count and texts[page.index].startswith(page.text):
            # (what follows the OCR text on the page, a PDF's annotations, stays after it)
            pages[page.index] = _relaid_page(page)
            texts[page.index] = pages[page.index].text + texts[page.index][len(page.text) :]
    ordered = [pages[page.index] for page in doc.ocr.pages]
    result = ocr.OcrResult(
        text=ocr.PAGE_SEPARATOR.join(page.text for page in ordered),
        page_starts=_starts([page.text for page in ordered]),
        words=[word for page in ordered for word in page.words],
        pages=ordered,
    )
    return dataclasses.replace(
        doc, text=ocr.PAGE_SEPARATOR.join(texts), page_starts=_starts(texts), ocr=result
    )


def _starts(texts: list[str]) -> list[int]:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(ocr.PAGE_SEPARATOR)
    return starts


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
