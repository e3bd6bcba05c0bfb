"""Word documents (.docx): python-docx opens the package, a small walk over its XML
gathers the text.

Order: the headers of every section (each definition once), the body, the footers,
then footnotes, endnotes and comments. Word has no fixed pages, so `page_starts` is
``[0]``.

Within the body, paragraphs and tables come in document order, one per line; a table is
one line per row with the cells joined by tabs (a cell's own paragraphs by newlines).
The walk goes further than python-docx's own ``.text`` so that nothing that is shown
(and may need redacting) is missed: text in content controls (``w:sdt``), tracked
insertions (``w:ins``), hyperlinks, fields' results and text boxes (each text box's
paragraphs follow the paragraph that anchors it; the VML copy in ``mc:Fallback`` is
skipped). Deleted text and field codes are left out.
"""

from __future__ import annotations

import io
import zipfile

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.package import Package

from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import Reader

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_ZIP_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TAB, _BR, _CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = _W + "noBreakHyphen", _W + "softHyphen"
_TXBX_CONTENT, _SDT_CONTENT = _W + "txbxContent", _W + "sdtContent"
# Containers whose children are read as if they stood in the parent.
_BLOCK_WRAPPERS = {_W + "sdt", _SDT_CONTENT, _W + "customXml", _W + "ins", _W + "moveTo"}
# Never read: deleted or moved-away text, field codes, properties.
_SKIP = {
    _MC_FALLBACK,
    _W + "del",
    _W + "moveFrom",
    _W + "instrText",
    _W + "delText",
    _W + "pPr",
    _W + "rPr",
    _W + "sdtPr",
    _W + "tblPr",
    _W + "trPr",
    _W + "tcPr",
}
_NOTE_RELATIONS = (RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS)
_NOTE_SEPARATOR_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


def sniff(data: bytes) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except Exception:
        return None  # a broken zip: left to the extension (".docx" gives "corrupt DOCX")
    if "word/document.xml" in names:
        return MEDIA_TYPE
    return None


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception:
        raise UnreadableDocument("corrupt DOCX (not a valid zip archive)") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UnreadableDocument("DOCX has too many parts")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise UnreadableDocument("DOCX too large when unpacked")


def _paragraph(p, out: list[str]) -> None:
    """Append the paragraph's line, then a line per paragraph of its text boxes."""
    pieces: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue  # comments, processing instructions, skipped subtrees
            if tag == _T:
                pieces.append(child.text or "")
            elif tag == _TAB:
                pieces.append("\t")
            elif tag in (_BR, _CR):
                pieces.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            elif tag == _TXBX_CONTENT:
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    out.append("".join(pieces))
    for box in boxes:
        _blocks(box, out)


def _table(tbl, out: list[str]) -> None:
    for row in _children(tbl, _TR):
        cells = []
        for cell in _children(row, _TC):
            lines: list[str] = []
            _blocks(cell, lines)
            cells.append("\n".join(lines))
        out.append("\t".join(cells))


def _children(element, tag: str):
    """Children with `tag`, looking through content controls and similar wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _blocks(container, out: list[str]) -> None:
    """Append the text of every paragraph and table in `container`, in order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            _paragraph(child, out)
        elif tag == _TBL:
            _table(child, out)
        elif tag in _BLOCK_WRAPPERS:
            _blocks(child, out)


def _header_footer_elements(document, footers: bool) -> list:
    elements, seen = [], set()
    for section in document.sections:
        if footers:
            kinds = (section.footer, section.first_page_footer, section.even_page_footer)
        else:
            kinds = (section.header, section.first_page_header, section.even_page_header)
        for item in kinds:
            if item.is_linked_to_previous:
                continue  # no definition of its own
            part = item.part
            if id(part) not in seen:
                seen.add(id(part))
                elements.append(part.element)
    return elements


def _note_elements(document) -> list:
    """Footnotes, endnotes and comments: each note (not the separator notes)."""
    elements = []
    for reltype in _NOTE_RELATIONS:
        for rel in document.part.rels.values():
            if rel.is_external or rel.reltype != reltype:
                continue
            part = rel.target_part
            root = getattr(part, "element", None)
            if root is None:
                root = parse_xml(part.blob)
            for note in root:
                if note.get(_W + "type") not in _NOTE_SEPARATOR_TYPES:
                    elements.append(note)
    return elements


def _describe(exc: Exception) -> str:
    kind = type(exc)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    _check_archive(data)
    try:  # docx.Document(), but telling a broken file from another kind of Word file
        main_part = Package.open(io.BytesIO(data)).main_document_part
        if main_part.content_type != CT.WML_DOCUMENT_MAIN:  # e.g. .docm, .dotx
            raise UnreadableDocument("unsupported kind of Word document")
        document = main_part.document
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(f"corrupt DOCX ({_describe(exc)})") from None
    lines: list[str] = []
    try:
        for element in _header_footer_elements(document, footers=False):
            _blocks(element, lines)
        _blocks(document.element.body, lines)
        for element in _header_footer_elements(document, footers=True):
            _blocks(element, lines)
        for element in _note_elements(document):
            _blocks(element, lines)
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(f"corrupt DOCX ({_describe(exc)})") from None
    return ReadDocument(name=name, media_type=MEDIA_TYPE, text="\n".join(lines))


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".docx": MEDIA_TYPE},
    order=30,
)
