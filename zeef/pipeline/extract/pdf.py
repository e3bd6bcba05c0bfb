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

import html
import io
import itertools
import logging
import re
import time

from pypdf import PageObject, PasswordType, PdfReader, get_configuration
from pypdf.errors import DependencyError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from zeef.domain import settings
from zeef.domain.document import OcrResult, ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import Reader, embedded, ocr

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


# --- bounds on the work of text extraction ------------------------------------------------
# pypdf parses every content stream that can show text, and a form XObject again each time
# a page draws it; it stops a stream after `stream_parsing_work_maximum_count` tokens and
# a page after `xform_maximum_invocations_per_extraction` forms, and for forms it does so
# silently (their text is simply missing). A PDF whose pages all draw one 74 MB stream
# costs seconds per page and a 2,000-page one hours. So, before any page is read, the
# decoded content pypdf would parse is measured (cheap: regular expressions over the
# decoded bytes, each stream decoded once and measured once, a form counted as often as
# it is drawn), and a document over one of the bounds is refused ("PDF content too
# large"): review, never a document read in part.

MAX_CONTENT_BYTES = 64 * 1024 * 1024  # decoded content parsed for text, per document
MAX_TEXT_SECONDS = 120.0  # text extraction of one document, all pages
_MAX_FORM_DEPTH = 32
_TOO_LARGE = "PDF content too large"
_REGULAR = rb"[^\s/\[\]()<>{}%]"
_DO = re.compile(rb"/(" + _REGULAR + rb"+)\s*Do(?!" + _REGULAR + rb")")
_TEXT_OPERATOR = re.compile(rb"T[jJ]|Do|['\"]")  # pypdf parses a stream only if it holds one
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\()])*\)|<<|>>|<[^<>]*>|/" + _REGULAR + rb"*|[\[\]{}]|" + _REGULAR + rb"+",
    re.DOTALL,
)
_INLINE_IMAGE = re.compile(rb"\bID\s.*?\bEI\b", re.DOTALL)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class ContentTooLarge(UnreadableDocument):
    """The PDF's content is beyond what may be parsed for one document."""

    def __init__(self) -> None:
        super().__init__(_TOO_LARGE)


def _resolved(value):
    try:
        return value.get_object() if value is not None else None
    except Exception:
        return None


def _stream_data(stream) -> bytes | None:
    try:
        return stream.get_data()  # pypdf keeps the decoded data: extraction reuses it
    except Exception:
        return None  # pypdf cannot decode it either: that page fails on its own


def _contents_data(page) -> bytes:
    contents = _resolved(page.get("/Contents"))
    if isinstance(contents, ArrayObject):
        parts = [_stream_data(_resolved(part)) for part in contents]
        return b"\n".join(part for part in parts if part)
    if isinstance(contents, StreamObject):
        return _stream_data(contents) or b""
    return b""


class ContentBudget:
    """The decoded content a document's pages make pypdf parse (`text_only`, as text
    extraction does) or a renderer such as MuPDF process (all content), summed over the
    pages, a form XObject counted each time it is drawn. `add_page` raises
    ContentTooLarge ("PDF content too large") once `limit` bytes are passed, or when a
    stream or page is beyond what pypdf parses whole (its token and form limits)."""

    def __init__(self, limit: int = MAX_CONTENT_BYTES, *, text_only: bool = True) -> None:
        config = get_configuration()
        self.limit = limit
        self.text_only = text_only
        self.used = 0
        # A little below pypdf's own limits: its count and this estimate differ slightly.
        self.max_tokens = int(config.stream_parsing_work_maximum_count * 0.9)
        self.max_forms = int(config.xform_maximum_invocations_per_extraction * 0.9)
        self._forms: dict[int, tuple[int, int]] = {}  # id(form) -> (bytes, forms drawn)

    def add_page(self, page) -> None:
        self.add_content(_contents_data(page), _resolved(page.get("/Resources")))

    def add_content(self, data: bytes, resources) -> None:
        size, forms = self._measure(data, resources, ())
        if forms > self.max_forms:
            raise ContentTooLarge
        self._spend(size)

    def _spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise ContentTooLarge

    def _measure(self, data: bytes, resources, stack: tuple[int, ...]) -> tuple[int, int]:
        if self.text_only and not _TEXT_OPERATOR.search(data):
            return 0, 0  # pypdf skips content that cannot show text
        if self.text_only and len(data) > self.max_tokens:
            # Each token takes at least a byte: only a stream this long can have too many.
            tokens = _TOKEN.subn(b"", _INLINE_IMAGE.sub(b"ID EI", data))[1]
            if tokens > self.max_tokens:
                raise ContentTooLarge
        size, forms = len(data), 0
        if self.used + size > self.limit:
            raise ContentTooLarge
        drawn: dict[bytes, int] = {}
        for m in _DO.finditer(data):
            drawn[m.group(1)] = drawn.get(m.group(1), 0) + 1
        if not drawn:
            return size, 0
        resources = resources if isinstance(resources, DictionaryObject) else {}
        xobjects = _resolved(resources.get("/XObject"))
        if not isinstance(xobjects, DictionaryObject):
            return size, 0
        for raw, times in drawn.items():
            name = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
            form = _resolved(xobjects.get("/" + name.decode("latin-1")))
            if not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form":
                continue
            form_size, form_forms = self._form(form, stack)
            size += times * form_size
            forms += times * (1 + form_forms)
            if self.used + size > self.limit:
                raise ContentTooLarge
            if forms > self.max_forms:
                raise ContentTooLarge
        return size, forms

    def _form(self, form: StreamObject, stack: tuple[int, ...]) -> tuple[int, int]:
        key = id(form)  # pypdf hands out one object per indirect reference
        if key in self._forms:
            return self._forms[key]
        if key in stack or len(stack) >= _MAX_FORM_DEPTH:
            return 0, 0  # a cycle: pypdf skips it too
        resources = _resolved(form.get("/Resources"))
        data = _stream_data(form)
        if data is None or (self.text_only and resources is None):
            result = (0, 0)  # pypdf reads no text from a form without resources
        else:
            result = self._measure(data, resources, (*stack, key))
        self._forms[key] = result
        return result


def check_content(pdf: PdfReader | bytes, limit: int = MAX_CONTENT_BYTES, *,
                  text_only: bool = True) -> None:  # fmt: skip
    """Raise ContentTooLarge ("PDF content too large") if the pages of `pdf` (a
    reader, or the file's bytes) and their annotations' appearances make more than
    `limit` bytes of content to parse; see `ContentBudget`. A file that cannot be opened
    raises UnreadableDocument as `read` would."""
    reader = _open(pdf) if isinstance(pdf, bytes) else pdf
    budget = ContentBudget(limit, text_only=text_only)
    for page in reader.pages:
        budget.add_page(page)
        forms = _appearance_forms(page)
        if forms:
            budget.add_content(*_forms_content(forms))


# --- annotations and form fields: text of their page -------------------------------------
# pypdf's page text is the page's content only; a comment box, a sticky note, a stamp or
# a filled-in form field is drawn by the viewer (and flattened into the page by printing
# or redacting) but is not in it. Their text is read here and appended to the text of
# their page: every string an annotation holds for a reader (its text /Contents, rich
# text /RC, author /T, subject /Subj; a field's value /V, default /DV, name /T, tooltip
# /TU and options /Opt, also inherited from parent fields; captions /MK; a link's URI; an
# attached file's name and description) and the text of its appearance streams (what is
# shown, which need not be /Contents). Fields with a value but no widget on any page go
# with the first page.

MAX_ANNOTATIONS = 10_000  # per document; more is refused
_ANNOT_KEYS = ("/Contents", "/RC", "/T", "/Subj", "/TU", "/V", "/DV", "/Opt")
_FIELD_KEYS = ("/T", "/TU", "/V", "/DV", "/Opt")  # inheritable through /Parent
_MK_KEYS = ("/CA", "/RC", "/AC")
_FILE_KEYS = ("/UF", "/F", "/Desc")
_MAX_FIELD_DEPTH = 32
_MAX_STRING_CHARS = 1_000_000  # one string, or one rich-text stream
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|tr|td|h\d|body)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_DEDUPE_CHARS = 200_000  # beyond this much annotation text a page keeps repeats


def _rich_text(text: str) -> str:
    """XHTML rich text (/RC) as plain text: block tags a line break, other tags nothing,
    entities decoded."""
    return html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", text)))


def _strings(value, out: list[str], depth: int = 0) -> None:
    """The text strings in `value` (a string, an array of them, a text stream)."""
    value = _resolved(value)
    if depth > 4 or value is None or isinstance(value, NameObject):
        return
    if isinstance(value, TextStringObject):
        out.append(str(value)[:_MAX_STRING_CHARS])
    elif isinstance(value, ByteStringObject):
        out.append(bytes(value)[:_MAX_STRING_CHARS].decode("latin-1"))
    elif isinstance(value, StreamObject):
        data = _stream_data(value) or b""
        out.append(data[:_MAX_STRING_CHARS].decode("utf-8", errors="replace"))
    elif isinstance(value, ArrayObject):
        for item in value:
            _strings(item, out, depth + 1)


def _appearance_forms(page) -> list[StreamObject]:
    """The appearance streams (normal, rollover, down; every state) of the page's
    annotations."""
    forms: list[StreamObject] = []
    for annot in _annotations(page):
        appearances = _resolved(annot.get("/AP"))
        if not isinstance(appearances, DictionaryObject):
            continue
        for kind in ("/N", "/R", "/D"):
            ap = _resolved(appearances.get(kind))
            states = ap.values() if isinstance(ap, DictionaryObject) and not isinstance(
                ap, StreamObject) else [ap]  # fmt: skip
            for state in states:
                state = _resolved(state)
                if isinstance(state, StreamObject) and all(state is not f for f in forms):
                    forms.append(state)
    return forms


def _forms_content(forms: list[StreamObject]) -> tuple[bytes, DictionaryObject]:
    """A content stream that draws each of `forms` once, and its resources: appearance
    streams need not say /Subtype /Form, so each is given as a form XObject."""
    xobjects = DictionaryObject()
    for n, ap in enumerate(forms):
        form = DecodedStreamObject()
        for key, value in ap.items():
            if key not in ("/Length", "/Filter", "/DecodeParms"):
                form[NameObject(key)] = value
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form.set_data(_stream_data(ap) or b"")
        xobjects[NameObject(f"/Zap{n}")] = form
    content = b"\n".join(b"q /Zap%d Do Q" % n for n in range(len(forms)))
    return content, DictionaryObject({NameObject("/XObject"): xobjects})


def _forms_text(forms: list[StreamObject]) -> str:
    content, resources = _forms_content(forms)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page = PageObject()
    page[NameObject("/Resources")] = resources
    page[NameObject("/Contents")] = stream
    page[NameObject("/MediaBox")] = ArrayObject([NumberObject(0)] * 2 + [NumberObject(1000)] * 2)
    try:
        return page.extract_text() or ""
    except Exception:
        return ""


def _annotations(page) -> list[DictionaryObject]:
    annots = _resolved(page.get("/Annots"))
    if not isinstance(annots, ArrayObject):
        return []
    found = []
    for ref in annots[: MAX_ANNOTATIONS + 1]:
        annot = _resolved(ref)
        if isinstance(annot, DictionaryObject):
            found.append(annot)
    return found


def _annotation_strings(annot: DictionaryObject, out: list[str], seen: set[int]) -> None:
    seen.add(id(annot))  # a widget that is its own field: not again as an orphan
    for key in _ANNOT_KEYS:
        if key in annot:
            before = len(out)
            _strings(annot.get(key), out)
            if key == "/RC":
                out[before:] = [_rich_text(s) for s in out[before:]]
    parent, depth = _resolved(annot.get("/Parent")), 0
    while isinstance(parent, DictionaryObject) and depth < _MAX_FIELD_DEPTH:
        if id(parent) not in seen:  # a field with many widgets: its value once
            seen.add(id(parent))
            for key in _FIELD_KEYS:
                _strings(parent.get(key), out)
        parent, depth = _resolved(parent.get("/Parent")), depth + 1
    mk = _resolved(annot.get("/MK"))
    if isinstance(mk, DictionaryObject):
        for key in _MK_KEYS:
            _strings(mk.get(key), out)
    action = _resolved(annot.get("/A"))
    if isinstance(action, DictionaryObject):
        _strings(action.get("/URI"), out)
    spec = _resolved(annot.get("/FS"))
    if isinstance(spec, DictionaryObject):
        for key in _FILE_KEYS:
            _strings(spec.get(key), out)


def _field_strings(reader: PdfReader, seen: set[int]) -> list[str]:
    """Values of form fields no page's widget led to (a field may have no widget)."""
    out: list[str] = []
    try:
        acroform = _resolved(reader.trailer["/Root"].get("/AcroForm"))
    except Exception:
        return out
    if not isinstance(acroform, DictionaryObject):
        return out
    todo = [(f, 0) for f in (_resolved(acroform.get("/Fields")) or [])][:MAX_ANNOTATIONS]
    visited = 0
    while todo and visited <= MAX_ANNOTATIONS:
        field, depth = todo.pop()
        field = _resolved(field)
        visited += 1
        if not isinstance(field, DictionaryObject) or id(field) in seen or depth > 32:
            continue
        seen.add(id(field))
        for key in _FIELD_KEYS:
            _strings(field.get(key), out)
        kids = _resolved(field.get("/Kids"))
        if isinstance(kids, ArrayObject):
            todo += [(kid, depth + 1) for kid in kids[:MAX_ANNOTATIONS]]
    return out


def _join_new(pieces: list[str]) -> str:
    """The lines of `pieces`, each only if it is not part of an earlier one (an
    appearance stream mostly repeats /Contents, wrapped)."""
    kept: list[str] = []
    so_far = ""
    for piece in pieces:
        for line in piece.splitlines():
            flat = " ".join(line.split())
            if not flat:
                continue
            if len(so_far) < _DEDUPE_CHARS and flat in so_far:  # as whole words only
                if re.search(rf"(?<!\w){re.escape(flat)}(?!\w)", so_far):
                    continue
            kept.append(flat)
            so_far += "\n" + flat
    return "\n".join(kept)


def annotation_texts(reader: PdfReader) -> list[str]:
    """Per page, the text its annotations and form fields hold ("" for none); see the
    section comment above. Raises UnreadableDocument when the document has more than
    `MAX_ANNOTATIONS` annotations."""
    texts: list[str] = []
    seen: set[int] = set()
    count = 0
    for page in reader.pages:
        annots = _annotations(page)
        count += len(annots)
        if count > MAX_ANNOTATIONS:
            raise UnreadableDocument(f"PDF has too many annotations (over {MAX_ANNOTATIONS})")
        pieces: list[str] = []
        for annot in annots:
            _annotation_strings(annot, pieces, seen)
        forms = _appearance_forms(page)
        if forms:
            pieces.append(_forms_text(forms))
        texts.append(_join_new([_valid_unicode(p) for p in pieces]))
    orphans = _join_new([_valid_unicode(p) for p in _field_strings(reader, seen)])
    if orphans and texts:
        texts[0] = f"{texts[0]}\n{orphans}" if texts[0] else orphans
    return texts


def _with_annotations(reader: PdfReader, texts: list[str], total: int) -> list[str]:
    """`texts` (one per page) with each page's annotation text appended on a line of its
    own, after what was read from the page itself (offsets in the page stay)."""
    extra = annotation_texts(reader)
    if total + sum(len(t) for t in extra) > MAX_TEXT_CHARS:
        raise UnreadableDocument("PDF text too large")
    return [
        f"{text}\n{more}" if text and more else (text or more)
        for text, more in zip(texts, extra, strict=True)
    ]


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
    check_content(reader)
    deadline = time.monotonic() + MAX_TEXT_SECONDS

    texts: list[str] = []
    total = 0
    failed: set[int] = set()
    for index in range(count):
        if time.monotonic() > deadline:
            raise UnreadableDocument("PDF text extraction took too long")
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

    texts = _with_annotations(reader, texts, total)
    if not any(texts):
        document = ReadDocument(
            name=name, media_type=MEDIA_TYPE, text="", page_starts=[0] * count, needs_ocr=True
        )
    else:
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
    # Embedded files and pictures on text-layer pages are documents of their own: parts
    # (embedded.py); pages that went to OCR are read already, their pictures not again.
    ocr_pages = {page.index for page in result.pages} if result else set()
    text_pages = [index for index, text in enumerate(texts) if text and index not in ocr_pages]
    return embedded.attach(
        document,
        itertools.chain(embedded.pdf_files(reader), embedded.pdf_pictures(data, text_pages)),
        pages_only=lambda: embedded.pdf_pages_only(data),
    )


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".pdf": MEDIA_TYPE},
    order=10,
)
