"""Cutting a file into the documents it holds: a new file with only some of its pages.

`cut_pages(data, media_type, pages)` returns a new file holding the pages `pages`
(0-based, in the order given) of `data`, and its media type.

PDF (pypdf): built from scratch, not cloned. Each kept page gets a fresh page dictionary
with only what draws it: its boxes, /Rotate, /UserUnit, /Group, its content streams (the
encoded bytes as they were: lossless) and its resources, pruned to the names its content
(and the forms, tiling patterns and Type 3 glyphs it draws) uses, so images or fonts of
other pages in a shared resource dictionary stay behind. The object walker drops what
does not draw (/Metadata, /PieceInfo, structure links, actions and JavaScript, /P,
/Parent, /Dest, /Kids, embedded files); a page, catalog, annotation, action or file
specification reached from a resource becomes null. Of the document level only the
layers the kept pages use come along, with their default state (a layer hidden by
default stays hidden): no /Info, XMP, outlines, name trees, /OpenAction, AcroForm,
structure tree or page labels. Annotations: form fields are flattened (each visible
widget's appearance is drawn into the page, the field is gone); links and popups are
dropped; notes, free text, stamps and highlights are kept as new annotations with only
the keys that show them (no /P, /Popup, /IRT, /Parent, actions or dates). A field with a
value but no appearance stream is refused (`CannotCut`) rather than losing the value.
Deterministic: objects are written in the order first reached, no dates are set, and the
file identifier (/ID) is the sha256 of the input and the pages.

Multi-frame images (TIFF; also GIF, WebP, MPO and others Pillow opens with several
frames): a multi-page TIFF of those frames as decoded (lossless: CCITT Group 4 for
bilevel frames, Deflate otherwise) with their resolution, ICC profile and orientation and
no other tag (no description, artist, dates, software, XMP, IPTC, private tags).
Deterministic too. Extraction counts only a TIFF's frames as pages (other formats are
one page), so indices beyond 0 for other formats never come from there.

Anything else (a single image, a text, an e-mail, a DOCX) raises `CannotCut`; so do no
pages, a repeated page and a page out of range. A file that cannot be opened raises
`UnreadableDocument` as reading it would; the limits of reading apply (pages, decoded
content, pixels).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import re
import warnings
from collections.abc import Iterable

from PIL import Image, TiffImagePlugin
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    PdfObject,
    StreamObject,
)

from zeef.domain import settings
from zeef.domain.errors import CannotCut, UnreadableDocument
from zeef.pipeline.extract import pdf as _pdf

__all__ = ["PDF", "TIFF", "cut_pages"]

PDF = "application/pdf"
TIFF = "image/tiff"

# --- arguments ---------------------------------------------------------------------------


def _check_pages(pages: Iterable[int], count: int) -> list[int]:
    chosen = list(pages)
    if not chosen:
        raise CannotCut("no pages to cut")
    for page in chosen:
        if isinstance(page, bool) or not isinstance(page, int):
            raise CannotCut("page index is not an integer")
        if not 0 <= page < count:
            raise CannotCut(f"page index out of range (the file has {count} pages)")
    if len(set(chosen)) != len(chosen):
        raise CannotCut("page index given twice")
    return chosen


def cut_pages(data: bytes, media_type: str, pages: list[int]) -> tuple[bytes, str]:
    """A new file holding only `pages` (0-based, in that order) of `data`, and its media
    type: a PDF for a PDF, a multi-page TIFF for a multi-frame image. See the module
    docstring; raises `CannotCut` for other formats or bad page indices."""
    kind = (media_type or "").split(";")[0].strip().lower()
    if kind == PDF:
        return _cut_pdf(bytes(data), pages), PDF
    if kind.startswith("image/"):
        return _cut_frames(bytes(data), pages), TIFF
    raise CannotCut("this format has no pages to cut")


# --- PDF ---------------------------------------------------------------------------------

_PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_RESOURCE_KINDS = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading",
                   "/Properties")  # fmt: skip
# Keys never copied: metadata, structure, actions, links to pages and parents, files.
_DROPPED_KEYS = frozenset((
    "/Metadata", "/PieceInfo", "/LastModified", "/StructParent", "/StructParents", "/A",
    "/AA", "/JS", "/OpenAction", "/URI", "/P", "/Parent", "/Kids", "/Dest", "/Annots",
    "/Next", "/Prev", "/First", "/Last", "/Names", "/AcroForm", "/Root", "/Info", "/Thumb",
    "/B", "/EF", "/EmbeddedFiles", "/Ref", "/OPI", "/Length",
))  # fmt: skip
# Objects never copied (null instead), should a resource point at one.
_REFUSED_TYPES = frozenset((
    "/Page", "/Pages", "/Catalog", "/Annot", "/Action", "/Filespec", "/EmbeddedFile",
    "/Outlines", "/Sig", "/XRef", "/ObjStm", "/Metadata", "/StructTreeRoot", "/StructElem",
))  # fmt: skip
_SKIPPED_ANNOTATIONS = frozenset({"/Popup", "/Link"})
# What a kept annotation (not a form field, link or popup) keeps: what shows it.
_ANNOTATION_KEYS = (
    "/Subtype", "/Rect", "/Contents", "/F", "/C", "/CA", "/Border", "/BS", "/BE", "/Name",
    "/QuadPoints", "/InkList", "/L", "/LE", "/LL", "/LLE", "/LLO", "/Vertices", "/IC",
    "/DA", "/Q", "/DS", "/RC", "/T", "/Subj", "/CL", "/RD", "/IT", "/Cap", "/CP",
    "/State", "/StateModel", "/Rotate", "/OC", "/OverlayText", "/Repeat",
)  # fmt: skip
_HIDDEN = 2 | 32  # annotation flags Hidden and NoView
_MAX_DEPTH = 64
_MAX_OBJECTS = 500_000
_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_HEADER = re.compile(r"%PDF-[12]\.\d")


def _resolved(value):
    try:
        return value.get_object() if value is not None else None
    except Exception:
        return None


def _names_in(content: bytes) -> set[str]:
    """Every name in a content stream, "/F1" for ``/F1`` and ``/F#31``: resources are
    kept when their name appears (a name in a string keeps one too many, never one too
    few)."""
    return {
        "/" + _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")
        for raw in _NAME.findall(content)
    }


class _Copier:
    """Copies objects of one PDF into a writer, once each, pruning and dropping as the
    module docstring says."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.done: dict[tuple, IndirectObject] = {}
        self.objects = 0
        self.decoded = 0  # content bytes decoded to find the names they use

    # -- generic values --

    def value(self, obj, depth: int = 0) -> PdfObject:
        if depth > _MAX_DEPTH:
            raise CannotCut("PDF structure nested too deeply")
        if isinstance(obj, IndirectObject):
            key = ("obj", obj.idnum, obj.generation)
            if key in self.done:
                return self.done[key]
            target = _resolved(obj)
            if target is None or isinstance(target, NullObject):
                return NullObject()
            if isinstance(target, StreamObject) and target.get("/Subtype") == "/Form":
                return self.form(obj, None, depth)
            return self._indirect(key, target, depth)
        return self._direct(obj, depth)

    def _indirect(self, key: tuple, target, depth: int) -> PdfObject:
        if self._refused(target):
            return NullObject()
        shell = self._shell(target)
        ref = self._add(shell)
        self.done[key] = ref
        self._fill(shell, target, depth)
        return ref

    def _add(self, obj: PdfObject) -> IndirectObject:
        self.objects += 1
        if self.objects > _MAX_OBJECTS:
            raise CannotCut("PDF has too many objects to cut")
        return self.writer._add_object(obj)

    @staticmethod
    def _refused(obj) -> bool:
        return isinstance(obj, DictionaryObject) and obj.get("/Type") in _REFUSED_TYPES

    @staticmethod
    def _shell(obj) -> PdfObject:
        if isinstance(obj, StreamObject):
            return StreamObject()
        if isinstance(obj, DictionaryObject):
            return DictionaryObject()
        if isinstance(obj, ArrayObject):
            return ArrayObject()
        return copy.copy(obj)  # a number, name, string, boolean: a copy of its own

    def _fill(self, shell, source, depth: int) -> None:
        if isinstance(source, StreamObject):
            shell._data = source._data  # the encoded bytes, as they were
        if isinstance(source, DictionaryObject):
            for key, item in source.items():
                if key not in _DROPPED_KEYS:
                    shell[NameObject(key)] = self.value(item, depth + 1)
        elif isinstance(source, ArrayObject):
            shell.extend(self.value(item, depth + 1) for item in source)

    def _direct(self, obj, depth: int) -> PdfObject:
        if isinstance(obj, StreamObject):  # streams are indirect; a direct one is odd
            return NullObject()
        if isinstance(obj, (DictionaryObject, ArrayObject)):
            if self._refused(obj):
                return NullObject()
            shell = self._shell(obj)
            self._fill(shell, obj, depth)
            return shell
        return obj

    # -- what draws: forms, resources, patterns, Type 3 fonts --

    def _content(self, stream) -> bytes:
        try:
            data = stream.get_data()
        except Exception:
            raise CannotCut("PDF content stream cannot be decoded") from None
        self.decoded += len(data)
        if self.decoded > _pdf.MAX_CONTENT_BYTES:
            raise _pdf.ContentTooLarge
        return data

    def form(self, ref, fallback, depth: int) -> PdfObject:
        """A form XObject (or tiling pattern) with its resources pruned to what its
        content uses; one without resources of its own gets a pruned copy of
        `fallback` (the page's, or the form's that draws it)."""
        if depth > _MAX_DEPTH:
            raise CannotCut("PDF structure nested too deeply")
        source = _resolved(ref)
        if not isinstance(source, StreamObject):
            return NullObject()
        own = _resolved(source.get("/Resources"))
        resources = own if isinstance(own, DictionaryObject) else fallback
        key = ("form", id(source), None if resources is own else id(fallback))
        if key in self.done:
            return self.done[key]
        clone = StreamObject()
        result = self._add(clone)
        self.done[key] = result
        if isinstance(ref, IndirectObject) and resources is own:  # the same wherever drawn
            self.done[("obj", ref.idnum, ref.generation)] = result
        clone._data = source._data
        for name, item in source.items():
            if name not in _DROPPED_KEYS and name != "/Resources":
                clone[NameObject(name)] = self.value(item, depth + 1)
        if isinstance(resources, DictionaryObject):
            used = _names_in(self._content(source))
            clone[NameObject("/Resources")] = self.resources(resources, used, depth + 1)
        return result

    def resources(self, source: DictionaryObject, used: set[str], depth: int) -> DictionaryObject:
        """A copy of a resource dictionary holding only the entries named in `used`."""
        out = DictionaryObject()
        proc_set = source.get("/ProcSet")
        if proc_set is not None:
            out[NameObject("/ProcSet")] = self.value(proc_set, depth + 1)
        for kind in _RESOURCE_KINDS:
            entries = _resolved(source.get(kind))
            if not isinstance(entries, DictionaryObject):
                continue
            kept = DictionaryObject()
            for name, item in entries.items():
                if name in used:
                    kept[NameObject(name)] = self._resource(kind, item, source, depth + 1)
            if kept:
                out[NameObject(kind)] = kept
        return out

    def _resource(self, kind: str, item, owner: DictionaryObject, depth: int) -> PdfObject:
        target = _resolved(item)
        if kind == "/XObject" and isinstance(target, StreamObject):
            if target.get("/Subtype") == "/Form":
                return self.form(item, owner, depth)
        if kind == "/Pattern" and isinstance(target, StreamObject):
            if target.get("/PatternType") == 1:  # tiling: it draws content
                return self.form(item, owner, depth)
        if kind == "/Font" and isinstance(target, DictionaryObject):
            if target.get("/Subtype") == "/Type3":
                return self._type3(item, target, owner, depth)
        return self.value(item, depth)

    def _type3(self, item, font: DictionaryObject, owner: DictionaryObject, depth: int):
        key = ("obj", item.idnum, item.generation) if isinstance(item, IndirectObject) else None
        if key is not None and key in self.done:
            return self.done[key]
        clone = DictionaryObject()
        ref = self._add(clone)
        if key is not None:
            self.done[key] = ref
        for name, value in font.items():
            if name not in _DROPPED_KEYS and name != "/Resources":
                clone[NameObject(name)] = self.value(value, depth + 1)
        own = _resolved(font.get("/Resources"))
        resources = own if isinstance(own, DictionaryObject) else owner
        procs = _resolved(font.get("/CharProcs"))
        used: set[str] = set()
        if isinstance(procs, DictionaryObject):
            for proc in procs.values():
                proc = _resolved(proc)
                if isinstance(proc, StreamObject):
                    used |= _names_in(self._content(proc))
        clone[NameObject("/Resources")] = self.resources(resources, used, depth + 1)
        return ref

    # -- pages --

    def page(self, source: PageObject, acroform) -> PageObject:
        inherited = _inherited(source)
        page = PageObject()
        page[NameObject("/Type")] = NameObject("/Page")
        for key in _PAGE_BOXES:
            box = inherited.get(key)
            if box is not None:
                page[NameObject(key)] = self.value(box)
        if "/MediaBox" not in page:
            raise CannotCut("PDF page has no size")
        for key in ("/Rotate", "/UserUnit", "/Group"):
            if inherited.get(key) is not None:
                page[NameObject(key)] = self.value(inherited[key])
        streams = _content_streams(source)
        used: set[str] = set()
        for stream in streams:
            used |= _names_in(self._content(_resolved(stream)))
        resources = _resolved(inherited.get("/Resources"))
        resources = resources if isinstance(resources, DictionaryObject) else DictionaryObject()
        new_resources = self.resources(resources, used, 1)
        contents = [self._plain_stream(stream) for stream in streams]
        drawing, annotations = self._annotations(source, acroform, new_resources)
        if annotations:
            page[NameObject("/Annots")] = ArrayObject(annotations)
        if drawing:  # the page's content in q/Q, so the fields are drawn as at the start
            contents = [
                self._add(_stream(b"q\n")),
                *contents,
                self._add(_stream(b"\nQ\n" + drawing)),
            ]
        page[NameObject("/Resources")] = new_resources
        page[NameObject("/Contents")] = ArrayObject(contents)
        return page

    def _plain_stream(self, ref) -> PdfObject:
        """A content stream: its bytes and filters, nothing else."""
        key = ("content", ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else None
        if key is not None and key in self.done:
            return self.done[key]
        source = _resolved(ref)
        clone = StreamObject()
        clone._data = source._data
        for name in ("/Filter", "/DecodeParms"):
            if name in source:
                clone[NameObject(name)] = self.value(source[name])
        result = self._add(clone)
        if key is not None:
            self.done[key] = result
        return result

    def _annotations(
        self, source: PageObject, acroform, resources: DictionaryObject
    ) -> tuple[bytes, list[IndirectObject]]:
        """Form fields: each visible widget's appearance drawn into the page (added to
        `resources` as a form XObject); other annotations (notes, stamps, highlights,
        free text): copied as annotations of their own, with only the keys that show
        them. Links and popups are dropped. Returns the content that draws the widgets
        and the annotations kept."""
        drawing = b""
        kept: list[IndirectObject] = []
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, DictionaryObject):
            xobjects = DictionaryObject()
        defaults = (
            _resolved(acroform.get("/DR")) if isinstance(acroform, DictionaryObject) else None
        )
        fallback = defaults if isinstance(defaults, DictionaryObject) else None
        count = 0
        for annot in _pdf._annotations(source):
            subtype = annot.get("/Subtype")
            if subtype in _SKIPPED_ANNOTATIONS:
                continue
            if subtype != "/Widget":
                kept.append(self._annotation(annot))
                continue
            try:
                flags = int(_resolved(annot.get("/F")) or 0)
            except (TypeError, ValueError):
                flags = 0
            rect = _floats(annot.get("/Rect"), 4)
            if flags & _HIDDEN or rect is None or rect[0] == rect[2] or rect[1] == rect[3]:
                continue  # nothing shows (a hidden field, an invisible signature)
            appearance = _appearance(annot)
            if appearance is None:
                if _field_value(annot):
                    raise CannotCut("PDF form field has a value but no appearance")
                continue
            matrix = _placement(annot, _resolved(appearance))
            if matrix is None:
                continue
            name = _free_name(xobjects, count)
            count += 1
            xobjects[NameObject(name)] = self.form(appearance, fallback, 1)
            numbers = " ".join(_number(v) for v in matrix)
            drawing += f"q {numbers} cm {name} Do Q\n".encode()
        if drawing:
            resources[NameObject("/XObject")] = xobjects
        return drawing, kept

    def _annotation(self, annot: DictionaryObject) -> IndirectObject:
        """A note, stamp, highlight or free text: a new annotation with the keys that
        show it (its appearance with pruned resources), none that point elsewhere
        (/P, /Popup, /IRT, /Parent, actions) and no dates."""
        clone = DictionaryObject({NameObject("/Type"): NameObject("/Annot")})
        for key in _ANNOTATION_KEYS:
            if key in annot:
                clone[NameObject(key)] = self.value(annot[key], 1)
        appearance = _appearance(annot)
        if appearance is not None:
            normal = self.form(appearance, None, 1)  # the state shown, as the only one
            clone[NameObject("/AP")] = DictionaryObject({NameObject("/N"): normal})
        return self._add(clone)


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _free_name(xobjects: DictionaryObject, start: int) -> str:
    n = start
    while f"/ZeefAnnot{n}" in xobjects:
        n += 1
    return f"/ZeefAnnot{n}"


def _inherited(page: PageObject) -> dict:
    """The page's own entries, with /Resources, /MediaBox, /CropBox and /Rotate taken
    from its ancestors when it lacks them."""
    found = {key: page.get(key) for key in (*_PAGE_BOXES, "/Rotate", "/UserUnit", "/Group",
                                             "/Resources") if key in page}  # fmt: skip
    node, depth = _resolved(page.get("/Parent")), 0
    while isinstance(node, DictionaryObject) and depth < _MAX_DEPTH:
        for key in _INHERITED:
            if key not in found and key in node:
                found[key] = node[key]
        node, depth = _resolved(node.get("/Parent")), depth + 1
    return found


def _content_streams(page: PageObject) -> list:
    contents = page.get("/Contents")
    resolved = _resolved(contents)
    if isinstance(resolved, ArrayObject):
        items = list(resolved)
    elif resolved is None or isinstance(resolved, NullObject):
        items = []
    else:
        items = [contents]
    streams = [item for item in items if isinstance(_resolved(item), StreamObject)]
    if len(streams) != len(items):
        raise CannotCut("PDF page content is not a stream")
    return streams


def _appearance(annot: DictionaryObject):
    """The normal appearance stream shown for `annot` (the one its /AS picks when there
    are several states), as found (a reference), or None."""
    appearances = _resolved(annot.get("/AP"))
    if not isinstance(appearances, DictionaryObject):
        return None
    normal = appearances.get("/N")
    target = _resolved(normal)
    if isinstance(target, StreamObject):
        return normal
    if isinstance(target, DictionaryObject):
        state = _resolved(annot.get("/AS"))
        if isinstance(state, NameObject) and isinstance(_resolved(target.get(state)), StreamObject):
            return target[state]
    return None


def _field_value(annot: DictionaryObject) -> bool:
    """Whether the field of a widget (or a parent field) holds a value worth showing; a
    signature's value is no text on the page."""
    node, depth = annot, 0
    while isinstance(node, DictionaryObject) and depth < _MAX_DEPTH:
        if node.get("/FT") == "/Sig":
            return False
        value = _resolved(node.get("/V"))
        if value is not None and not isinstance(value, NullObject):
            if isinstance(value, NameObject):
                return value != "/Off"
            return bool(str(value).strip()) if not isinstance(value, ArrayObject) else bool(value)
        node, depth = _resolved(node.get("/Parent")), depth + 1
    return False


def _floats(value, size: int) -> list[float] | None:
    value = _resolved(value)
    if not isinstance(value, ArrayObject) or len(value) != size:
        return None
    try:
        return [float(_resolved(v)) for v in value]
    except (TypeError, ValueError):
        return None


def _placement(annot: DictionaryObject, form) -> list[float] | None:
    """The matrix that puts an appearance stream on its annotation's rectangle (PDF
    32000-1, 12.5.5): its bounding box, transformed by its matrix, is mapped onto /Rect."""
    rect = _floats(annot.get("/Rect"), 4)
    bbox = _floats(form.get("/BBox"), 4) if isinstance(form, StreamObject) else None
    if rect is None or bbox is None:
        return None
    a, b, c, d, e, f = _floats(form.get("/Matrix"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    corners = [(x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    rx0, rx1 = sorted((rect[0], rect[2]))
    ry0, ry1 = sorted((rect[1], rect[3]))
    sx = (rx1 - rx0) / (x1 - x0) if x1 > x0 else 1.0
    sy = (ry1 - ry0) / (y1 - y0) if y1 > y0 else 1.0
    return [sx, 0.0, 0.0, sy, rx0 - x0 * sx, ry0 - y0 * sy]


def _optional_content(reader: PdfReader, copier: _Copier) -> None:
    """The layers (optional content groups) the kept pages use, with their default
    state: without it a layer that is off (hidden) by default would show."""
    try:
        props = _resolved(reader.trailer["/Root"].get("/OCProperties"))
    except Exception:
        return
    if not isinstance(props, DictionaryObject):
        return

    def copied(refs) -> ArrayObject:
        refs = _resolved(refs)
        found = ArrayObject()
        if isinstance(refs, ArrayObject):
            for ref in refs:
                if isinstance(ref, IndirectObject):
                    done = copier.done.get(("obj", ref.idnum, ref.generation))
                    if done is not None and done not in found:
                        found.append(done)
        return found

    groups = copied(props.get("/OCGs"))
    if not groups:
        return
    config = _resolved(props.get("/D"))
    default = DictionaryObject()
    if isinstance(config, DictionaryObject):
        base = _resolved(config.get("/BaseState"))
        if base in ("/ON", "/OFF", "/Unchanged"):
            default[NameObject("/BaseState")] = NameObject(base)
        for key in ("/ON", "/OFF"):
            states = copied(config.get(key))
            if states:
                default[NameObject(key)] = states
    copier.writer.root_object[NameObject("/OCProperties")] = DictionaryObject(
        {NameObject("/OCGs"): groups, NameObject("/D"): default}
    )


def _cut_pdf(data: bytes, pages: list[int]) -> bytes:
    if _pdf.sniff(data) != PDF:
        raise UnreadableDocument("corrupt PDF (no PDF header)")
    reader: PdfReader = _pdf._open(data)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt PDF ({type(exc).__name__})") from None
    max_pages = settings.limits().max_pdf_pages
    if count > max_pages:
        raise UnreadableDocument(f"PDF has too many pages (over {max_pages})")
    chosen = _check_pages(pages, count)
    try:
        acroform = _resolved(reader.trailer["/Root"].get("/AcroForm"))
    except Exception:
        acroform = None
    writer = PdfWriter()
    writer._info = None  # no /Info at all, not even a /Producer
    copier = _Copier(writer)
    try:
        built = [copier.page(reader.pages[index], acroform) for index in chosen]
        for page in built:
            writer.add_page(page)
    except (CannotCut, UnreadableDocument):
        raise
    except RecursionError:
        raise CannotCut("PDF structure nested too deeply") from None
    except Exception as exc:  # hostile structure
        raise UnreadableDocument(f"corrupt PDF ({type(exc).__name__})") from None
    _optional_content(reader, copier)
    header = reader.pdf_header if _HEADER.fullmatch(reader.pdf_header or "") else "%PDF-1.7"
    writer.pdf_header = max(header, "%PDF-1.4")  # 1.4: transparency groups may be drawn
    digest = hashlib.sha256(data)
    digest.update(b"pages:" + ",".join(map(str, chosen)).encode())
    identifier = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- multi-frame images --------------------------------------------------------------------

_ORIENTATION = 274


def _cut_frames(data: bytes, pages: list[int]) -> bytes:
    limits = settings.limits()
    try:
        with warnings.catch_warnings():  # the pixel cap below decides, not Pillow's warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise UnreadableDocument("image too large") from None
    except Exception as exc:
        raise UnreadableDocument(f"corrupt image ({type(exc).__name__})") from None
    try:
        count = 0
        with contextlib.suppress(EOFError):
            while count <= limits.max_pdf_pages:
                image.seek(count)
                count += 1
        if count > limits.max_pdf_pages:
            raise UnreadableDocument(f"image has too many pages (over {limits.max_pdf_pages})")
        if count < 2:
            raise CannotCut("a single image has no pages to cut")
        out = io.BytesIO()
        with TiffImagePlugin.AppendingTiffWriter(out, new=True) as tiff:
            for index in _check_pages(pages, count):
                tiff.write(_frame_tiff(image, index, limits.max_image_pixels))
                tiff.newFrame()
        return out.getvalue()
    except (CannotCut, UnreadableDocument):
        raise
    except Image.DecompressionBombError:
        raise UnreadableDocument("image too large") from None
    except Exception as exc:
        raise UnreadableDocument(f"corrupt image ({type(exc).__name__})") from None
    finally:
        image.close()


def _frame_tiff(image: Image.Image, index: int, max_pixels: int) -> bytes:
    """One frame as a single-page TIFF: its pixels, resolution, ICC profile and
    orientation; none of the source's other tags."""
    image.seek(index)
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > max_pixels:
        raise UnreadableDocument("image too large")
    image.load()
    info = dict(image.info)
    tags = getattr(image, "tag_v2", None)
    orientation = (tags if tags is not None else image.getexif()).get(_ORIENTATION)
    frame = image.copy()  # a plain image: no tags of the source travel with it
    frame.info = {}
    params: dict = {"compression": "group4" if frame.mode == "1" else "tiff_adobe_deflate"}
    dpi = info.get("dpi")
    if isinstance(dpi, tuple) and len(dpi) == 2 and all(float(v) > 0 for v in dpi):
        params["dpi"] = (float(dpi[0]), float(dpi[1]))
    if info.get("icc_profile"):
        params["icc_profile"] = info["icc_profile"]
    if isinstance(orientation, int) and 2 <= orientation <= 8:
        params["tiffinfo"] = {_ORIENTATION: orientation}
    buffer = io.BytesIO()
    frame.save(buffer, format="TIFF", **params)
    return buffer.getvalue()
