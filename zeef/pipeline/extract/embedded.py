"""Documents inside documents: files embedded in a PDF, pictures and objects in a Word file.

Not a reader (no ``READER``): `pdf.py` and `docx.py` call it at the end of their `read`.
An embedded file or a picture is a document of its own, like an e-mail attachment: it is
read with `read_bytes` (a picture is OCR'd by the image reader) and becomes a part of
the container (`ReadDocument.parts`), named ``embedded-N`` plus an extension from its
content (``embedded-1.png``), never its original file name. When a container has any
such part, its parts are, in order:

* ``body``: the container's own text as ``text/plain`` (its `data` is that text, UTF-8).
  Not the container's bytes: those still hold every embedded file, and a PDF or Word
  file can hide a file in more places than a cleaner can be sure to find (name trees,
  annotations, associated files, portfolios, unreferenced objects, older revisions,
  zip entries nothing refers to). What is stored is then exactly what was classified.
  One exception: a PDF body with pages left unread (`needs_ocr`) always goes to review,
  and the reviewer needs the pages: its `data` is then the PDF's pages copied into a new
  PDF without annotations, names or attachments, checked to hold no embedded file
  (`pdf_pages_only`); if that fails, the text. A container without text of its own and
  nothing unread has no body part;
* one part per embedded file or picture, in the container's order; a container part
  (a PDF in a Word file) has parts of its own.

Which pictures: in a Word file, every raster image in the package (``word/media/``, or
any other zip entry that is an image by its content) of at least `MIN_PICTURE` pixels
(either way round); smaller ones are logos and icons. The package thumbnail
(``docProps/``) is a rendering of the document by the program that saved it, not
content, and is skipped. Embedded objects (OLE objects, embedded packages, alternative
format chunks) are read when their content is a format zeef reads; otherwise they are a
part with `error` set ("embedded object of an unsupported kind"), so the container goes
to review. In a PDF: every file in the /EmbeddedFiles name tree (portfolios included),
in file-attachment annotations and in associated files (/AF) of the catalog and pages,
each once (by content); and pictures on pages that were read from their text layer (a
page without one was OCR'd whole: its pictures are not read twice), except a picture
drawn over half the page or more (a searchable scan: the page read through its layer).

Bounds, for the whole tree of one document read (a PDF in a Word file in a PDF ...):
containers nest at most `MAX_DEPTH` deep (deeper: that container is a part with `error`
set, its bytes kept for review), and at most `MAX_PARTS` embedded documents of at most
`MAX_TOTAL_BYTES` together are read; past that the whole document is refused as
unreadable (so the original goes to review whole, nothing is dropped unseen).

Errors are `UnreadableDocument` with a fixed English phrase, never a name or content.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import detect, read_bytes

MAX_DEPTH = 4
MAX_PARTS = 50
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MIN_PICTURE = (300, 200)  # pixels, long side x short side: big enough to hold a document
MAX_NAME_TREE_NODES = 10_000
BODY = "body"
UNSUPPORTED_OBJECT = "embedded object of an unsupported kind"

_SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "image/gif": ".gif",
    "image/bmp": ".bmp",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "image/heif": ".heif",
    "image/avif": ".avif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "message/rfc822": ".eml",
    "text/plain": ".txt",
    "text/html": ".html",
}
# Formats found by their signature (strong): anything else in a Word package is only
# read where a relationship says it is an embedded object.
_DOCUMENT_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "message/rfc822",
}


@dataclass
class Embedded:
    """One embedded file or picture as found: its bytes, and `error` when it is known
    not to be readable (it becomes a part with `error` set, its bytes kept)."""

    data: bytes
    error: str | None = None


@dataclass
class _Budget:
    depth: int = 0
    parts: int = 0
    total: int = 0
    exceeded: bool = False


class _OverBudget(UnreadableDocument):
    """More embedded documents (or bytes) than the bounds allow: the whole document."""


_budget: ContextVar[_Budget | None] = ContextVar("zeef_embedded_budget", default=None)


def attach(
    container: ReadDocument,
    found: Iterable[Embedded],
    pages_only: Callable[[], bytes] | None = None,
) -> ReadDocument:
    """Read what `found` yields as parts of `container` (see the module docstring);
    `pages_only` gives the container's bytes without embedded files (PDF), used for an
    unread body only. Returns `container`, with `parts` set when anything was found."""
    budget = _budget.get()
    token = None
    if budget is None:
        budget = _Budget()
        token = _budget.set(budget)
    budget.depth += 1
    try:
        parts = _read_all(iter(found), budget)
    finally:
        budget.depth -= 1
        if token is not None:
            _budget.reset(token)
    if parts:
        container.parts = [*_body(container, pages_only), *parts]
    return container


def _read_all(found: Iterator[Embedded], budget: _Budget) -> list[ReadDocument]:
    parts: list[ReadDocument] = []
    seen: set[bytes] = set()
    while True:
        try:
            item = next(found, None)
        except UnreadableDocument:
            raise
        except Exception as exc:  # a hostile structure: what was found so far stands
            reason = f"embedded files could not all be found ({type(exc).__name__})"
            parts.append(_error_part(f"embedded-{len(parts) + 1}", reason, b""))
            break
        if item is None:
            break
        digest = hashlib.sha256(item.data).digest()
        if not item.data or digest in seen:
            continue
        seen.add(digest)
        if budget.depth > MAX_DEPTH:
            raise UnreadableDocument("embedded documents nested too deeply")
        budget.parts += 1
        budget.total += len(item.data)
        if budget.parts > MAX_PARTS or budget.total > MAX_TOTAL_BYTES:
            budget.exceeded = True
            raise _OverBudget(f"more than {MAX_PARTS} embedded documents or too many bytes")
        media_type = detect(item.data, "")
        name = f"embedded-{len(parts) + 1}{_SUFFIXES.get(media_type or '', '')}"
        if item.error:
            parts.append(_error_part(name, item.error, item.data, media_type))
            continue
        try:
            document = read_bytes(item.data, name)
        except UnreadableDocument as exc:
            if budget.exceeded:
                raise
            parts.append(_error_part(name, str(exc), item.data, media_type))
            continue
        document.name = name
        parts.append(document)
    return parts


def _error_part(name: str, reason: str, data: bytes, media_type: str | None = None):
    media_type = media_type or "application/octet-stream"
    return ReadDocument(name=name, media_type=media_type, error=reason, data=data)


def _body(container: ReadDocument, pages_only: Callable[[], bytes] | None) -> list[ReadDocument]:
    text = container.text
    if not text.strip() and not container.needs_ocr:
        return []
    body = ReadDocument(
        name=BODY,
        media_type="text/plain",
        text=text,
        page_starts=list(container.page_starts),
        needs_ocr=container.needs_ocr,
        data=text.encode("utf-8"),
    )
    if container.needs_ocr and pages_only is not None:
        try:
            body.data = pages_only()
        except Exception:  # the text, then; the part goes to review either way
            pass
        else:
            body.media_type, body.ocr = container.media_type, container.ocr
    return [body]


# -- PDF -------------------------------------------------------------------------------


def pdf_files(reader) -> Iterator[Embedded]:
    """The files a PDF carries (pypdf `PdfReader`): its /EmbeddedFiles name tree,
    file-attachment annotations and associated files (/AF), each file's bytes decoded
    under pypdf's stream limits."""
    root = reader.trailer["/Root"].get_object()
    names = _resolve(root.get("/Names"))
    if isinstance(names, dict):
        for spec in _name_tree_values(_resolve(names.get("/EmbeddedFiles"))):
            yield from _spec_file(spec)
    for spec in _array(root.get("/AF")):
        yield from _spec_file(spec)
    for page in reader.pages:
        for spec in _array(page.get("/AF")):
            yield from _spec_file(spec)
        for annot in _array(page.get("/Annots")):
            annot = _resolve(annot)
            if isinstance(annot, dict) and annot.get("/Subtype") == "/FileAttachment":
                yield from _spec_file(annot.get("/FS"))


def _resolve(value):
    return value.get_object() if value is not None and hasattr(value, "get_object") else value


def _array(value) -> list:
    value = _resolve(value)
    return list(value) if isinstance(value, list) else []


def _name_tree_values(node) -> Iterator:
    """The values of a name tree, depth first, each node once (a hostile tree may loop)."""
    stack, visited = [node], 0
    while stack:
        node = _resolve(stack.pop())
        visited += 1
        if not isinstance(node, dict) or visited > MAX_NAME_TREE_NODES:
            continue
        pairs = _array(node.get("/Names"))
        yield from pairs[1::2]
        stack.extend(reversed(_array(node.get("/Kids"))))


def _spec_file(spec) -> Iterator[Embedded]:
    spec = _resolve(spec)
    if not isinstance(spec, dict):
        return
    streams = _resolve(spec.get("/EF"))
    if not isinstance(streams, dict):
        return
    for key in ("/UF", "/F"):  # one file, under either key
        stream = _resolve(streams.get(key))
        if stream is not None and hasattr(stream, "get_data"):
            yield Embedded(stream.get_data())
            return


def pdf_pictures(data: bytes, pages: Iterable[int]) -> Iterator[Embedded]:
    """Pictures of at least `MIN_PICTURE` pixels on `pages` (those read from their text
    layer), as image files (PyMuPDF), each once."""
    from zeef.pipeline.mupdf import pymupdf

    wanted = list(pages)
    if not wanted:
        return
    document = pymupdf.open(stream=data, filetype="pdf")
    try:
        done: set[int] = set()
        for index in wanted:
            if index >= document.page_count:
                continue
            page = document[index]
            for image in page.get_images(full=True):
                xref, width, height = image[0], image[2], image[3]
                if xref in done or not _big_enough(width, height) or _covers(page, xref):
                    continue
                done.add(xref)
                found = document.extract_image(xref)
                if found and found.get("image"):
                    yield Embedded(_as_image_file(found))
    finally:
        document.close()
        pymupdf.TOOLS.store_shrink(100)


def _covers(page, xref: int) -> bool:
    """Whether the picture is drawn over half the page or more: a scanned page with a
    text layer of its own (a searchable scan), read through that layer."""
    area = abs(page.rect)
    try:
        rects = page.get_image_rects(xref)
    except Exception:
        return False
    return any(area and abs(rect & page.rect) >= area / 2 for rect in rects)


def _as_image_file(found: dict) -> bytes:
    """PyMuPDF's extracted image; formats the image reader does not know become PNG."""
    data = found["image"]
    if detect(data, "") in _SUFFIXES and not found.get("smask"):
        return data
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image = Image.open(io.BytesIO(data))
        image.load()
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    return out.getvalue()


def pdf_pages_only(data: bytes) -> bytes:
    """The PDF's pages in a new PDF: no annotations, links, names tree or attachments;
    checked to hold no embedded file, else ValueError."""
    from zeef.pipeline.mupdf import pymupdf

    source = pymupdf.open(stream=data, filetype="pdf")
    target = pymupdf.open()
    try:
        target.insert_pdf(source, annots=False, links=False, widgets=False)
        for xref in range(1, target.xref_length()):
            entry = target.xref_object(xref, compressed=True)
            if any(key in entry for key in ("/EmbeddedFile", "/EF", "/AF", "/RichMedia")):
                raise ValueError("embedded file left in the pages")
        if target.embfile_count():
            raise ValueError("embedded file left in the pages")
        return target.tobytes(garbage=4, deflate=True)
    finally:
        target.close()
        source.close()


# -- Word ------------------------------------------------------------------------------


def docx_items(archive: zipfile.ZipFile, objects: set[str]) -> Iterator[Embedded]:
    """Pictures and embedded documents of a Word package, in zip order. `objects`: the
    zip names that relationships call embedded objects (OLE objects, packages,
    alternative format chunks): read whatever their format, or a part with `error`."""
    for info in archive.infolist():
        name = info.filename
        if info.is_dir() or name.lower().endswith((".xml", ".rels")):
            continue
        if name.startswith("docProps/") or "/fonts/" in name:
            continue  # the thumbnail; obfuscated fonts
        data = archive.read(info)
        media_type = detect(data, "")
        if media_type and media_type.startswith("image/"):
            if _picture_big_enough(data):
                yield Embedded(data)
        elif media_type in _DOCUMENT_TYPES:
            yield Embedded(data)
        elif name in objects:
            yield Embedded(data, None if media_type else UNSUPPORTED_OBJECT)


def _big_enough(width: int, height: int) -> bool:
    return max(width, height) >= MIN_PICTURE[0] and min(width, height) >= MIN_PICTURE[1]


def _picture_big_enough(data: bytes) -> bool:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:  # the header only
                width, height = image.size
    except Exception:
        return True  # not decodable here (HEIC, damaged): the image reader decides
    return _big_enough(width, height)
