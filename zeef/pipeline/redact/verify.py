"""Proof that a redacted PDF no longer holds what was removed, and writing it only then.

`find_leaks` looks for every removed string in everything a reader of the file could
get at, through independent routes:
(a) the text of every page as pypdf extracts it, and the text of its annotations and
    form fields as the reader (`extract/pdf.py`) reads it: /Contents, rich text /RC
    (markup and entities decoded), authors, field values /V /DV, and the text of their
    appearance streams (whatever their fonts), with values of fields no page shows;
(b) the text of every page as PyMuPDF (MuPDF) extracts it, not clipped to the page, and
    per annotation its info, text and appearance text, per form field its value, label
    and choices; the outline (bookmarks), document info, XMP and embedded files' names;
(c) every object pypdf finds through the cross-reference table: each string and name
    (decoded: PDFDocEncoding, UTF-16 with BOM, hex), and each stream's data decoded
    through its filters (content streams, XMP, embedded files, fonts' ToUnicode maps ...);
(d) the raw file bytes outside streams, and every stream found by scanning them for
    ``stream``/``endstream``, inflated where it is Flate data (so objects no
    cross-reference table points to any more, such as those of an earlier revision,
    are searched too), each read as Latin-1, UTF-8, UTF-16 and as literal and hex PDF
    strings.
Matching: case- and accent-insensitive (NFKD, marks dropped, casefolded), the string's
whitespace and hyphens may be present, absent or different in the file (extractors drop
or add spaces in kerned text; "Gerrit de Wit" is found in "GerritdeWit", "Gerrit\\nde
Wit" and "G e r r i t"), and only as a whole: no letter or digit right before or after
("Jan" is not found in "januari"). It errs towards finding: a leak that is not there only
costs a refusal. (For speed, a string's regex runs only on texts that hold its characters
once whitespace and hyphens are removed from both, which every match does; a text that
comes twice is searched once.)

Fail closed: a file that pypdf or PyMuPDF cannot open or read (or any other failure
while searching) counts as leaking every removed string: nothing can be proved about it.

Limits: the output's content is measured first (`extract.pdf.check_content`): over
the reader's budget for text extraction, or over `MAX_CONTENT_BYTES` of content in all
(forms counted as often as they are drawn), it cannot be checked in bounded time and
counts as leaking. A stream is searched up to `MAX_STREAM_BYTES` of decoded data; image XObjects
are not searched (pixels, not text; this keeps a 20-page scan's check in seconds);
streams of unreachable objects are decoded only if they are Flate-compressed or not
compressed.

`write_verified` writes a file only after `find_leaks` found nothing, atomically (a
temporary file in the same folder, fsync, read back and compared, rename); on a leak no
file is left at the output path, nor a temporary one. Removed strings never appear in a
message or a log.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from zeef.domain.errors import LeakDetected, ZeefError
from zeef.pipeline.extract.pdf import annotation_texts, check_content
from zeef.pipeline.mupdf import pymupdf

MAX_STREAM_BYTES = 64 * 1024 * 1024
# All content of a document (forms as often as drawn) that redaction and the check parse.
MAX_CONTENT_BYTES = 256 * 1024 * 1024

_HYPHENS = "-\u00ad\u2010\u2011"
_SEPARATORS = "\\s\\-\u00ad\u2010\u2011"  # for a character class
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "`")  # each read as "'"
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}]+")
_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")
_LITERAL_STRING = re.compile(rb"\(((?:\\.|[^\\()])*)\)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)


class LeakError(LeakDetected):
    """Removed data were still found in the output; nothing was written."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} removed string(s) still found in the output; nothing written")
        self.count = count


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` (may change its length)."""
    if text.isascii():  # the same result, faster: NFKD and the marks leave ASCII alone
        return text.replace("`", "'").casefold()
    for quote in _APOSTROPHES:
        if quote in text:
            text = text.replace(quote, "'")
    text = unicodedata.normalize("NFKD", text)
    return _MARKS.sub("", text).casefold()


def _bare(folded: str) -> str:
    """Folded text without whitespace and hyphens: `pattern_for(s)` can only match in a
    text whose bare form holds `s`'s bare form (a quick test before the regex)."""
    return _SEPARATOR_RUN.sub("", folded)


@functools.lru_cache(maxsize=4096)
def _needle(s: str) -> tuple[str, re.Pattern[str]] | None:
    """The bare form of `s` and its pattern, or None when nothing can be searched."""
    pattern = pattern_for(s)
    return None if pattern is None else (_bare(fold(s)), pattern)


@functools.lru_cache(maxsize=4096)
def pattern_for(s: str) -> re.Pattern[str] | None:
    """The regex that finds `s` in folded text, as a whole, with any whitespace or
    hyphens (also none) between its characters. Redaction searches with it too, so that
    whatever this module would find, `pdf.py` removes."""
    chars = [c for c in fold(s) if not c.isspace() and c not in _HYPHENS]
    if not chars:
        return None
    first, rest = re.escape(chars[0]), [re.escape(c) for c in chars[1:]]
    # "No letter or digit right before" is checked just after the first character, as
    # (?<!\w.): the same matches as (?<!\w) before it, but the pattern then starts with
    # a literal, which the regex engine finds by a fast scan instead of trying the
    # look-behind at every position of the text.
    start = first + r"(?<!\w.)" if chars[0].isalnum() else first
    body = "".join(f"[{_SEPARATORS}]*{c}" for c in rest)
    end = r"(?!\w)" if chars[-1].isalnum() else ""
    return re.compile(start + body + end, re.DOTALL)


# --- decoding -----------------------------------------------------------------------------


def _unescape_literal(raw: bytes) -> bytes:
    def one(m: re.Match[bytes]) -> bytes:
        c = m.group(1)
        if c[:1] in b"01234567":
            return bytes([int(c, 8) & 0xFF])
        if c in (b"\n", b"\r", b"\r\n"):
            return b""  # a line continuation
        return _ESCAPES.get(c, c)

    return _ESCAPE.sub(one, raw)


def _string_text(raw: bytes) -> str:
    """A PDF string's bytes as text: UTF-16 with a BOM, UTF-8 with a BOM, else Latin-1
    (close enough to PDFDocEncoding for names)."""
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return raw.decode("utf-16", errors="ignore")
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", errors="ignore")
    return raw.decode("latin-1")


def _views(data: bytes) -> Iterator[str]:
    """Ways the bytes of a file or stream may hold text."""
    yield data.decode("latin-1")
    yield data.decode("utf-8", errors="ignore")
    if data.count(b"\x00") * 8 > len(data):  # maybe UTF-16 without a BOM
        yield data.decode("utf-16-be", errors="ignore")
        yield data[1:].decode("utf-16-be", errors="ignore")
    strings = [_string_text(_unescape_literal(m.group(1))) for m in _LITERAL_STRING.finditer(data)]
    for m in _HEX_STRING.finditer(data):
        hexa = re.sub(rb"\s", b"", m.group(1))
        if len(hexa) % 2:
            hexa += b"0"
        try:
            strings.append(_string_text(bytes.fromhex(hexa.decode("ascii"))))
        except ValueError:
            continue
    if strings:
        yield "\n".join(strings)


def _inflate(data: bytes) -> bytes | None:
    try:
        return zlib.decompressobj().decompress(data, MAX_STREAM_BYTES)
    except zlib.error:
        return None


def _raw_parts(data: bytes) -> tuple[bytes, list[tuple[bytes, bool]]]:
    """The file bytes split by scanning for ``stream``/``endstream`` (whether a
    cross-reference table points to a stream or not): the object syntax outside the
    streams, and each stream's data with whether its dictionary says it is an image."""
    outside: list[bytes] = []
    streams: list[tuple[bytes, bool]] = []
    pos = 0
    for m in _STREAM.finditer(data):
        if m.start() < pos:
            continue  # inside the previous stream, or its "endstream"
        end = data.find(_ENDSTREAM, m.end())
        if end < 0:
            end = len(data)
        head = data[max(pos, m.start() - 4096) : m.start()]
        head = head[head.rfind(b"obj") :]  # the stream's own dictionary
        streams.append((data[m.end() : end], bool(_IMAGE.search(head))))
        outside.append(data[pos : m.start()])
        pos = end + len(_ENDSTREAM)
    outside.append(data[pos:])
    return b"".join(outside), streams


# --- the parsers ----------------------------------------------------------------------------


class _Unreadable(ZeefError):
    pass


def _pypdf_texts(data: bytes) -> Iterator[str]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _Unreadable
        check_content(reader)  # what the text extraction below parses
        check_content(reader, MAX_CONTENT_BYTES, text_only=False)  # what MuPDF parses
        for page in reader.pages:
            yield page.extract_text()
        yield from annotation_texts(reader)
        yield from _pypdf_objects(reader)
    except _Unreadable:
        raise
    except Exception:
        raise _Unreadable from None


def _object_ids(reader: PdfReader) -> Iterator[tuple[int, int]]:
    for generation, table in reader.xref.items():
        for number in table:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def _pypdf_objects(reader: PdfReader) -> Iterator[str]:
    """Strings, names and decoded stream data of every object in the xref table."""
    strings: list[str] = []

    def walk(obj, depth: int = 0) -> Iterator[bytes]:
        if depth > 64 or isinstance(obj, IndirectObject):
            return  # indirect objects are visited on their own
        if isinstance(obj, TextStringObject):
            strings.append(str(obj))
        elif isinstance(obj, ByteStringObject):
            strings.append(_string_text(bytes(obj)))
        elif isinstance(obj, NameObject):
            strings.append(str(obj))
        elif isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                strings.append(str(key))
                yield from walk(value, depth + 1)
            if isinstance(obj, StreamObject) and obj.get("/Subtype") != "/Image":
                yield obj.get_data()[:MAX_STREAM_BYTES]  # (image pixels are not text)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                yield from walk(value, depth + 1)

    for number, generation in _object_ids(reader):
        obj = reader.get_object(IndirectObject(number, generation, reader))
        for stream in walk(obj):
            yield from _views(stream)
    yield "\n".join(strings)


def _mupdf_texts(data: bytes) -> Iterator[str]:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise _Unreadable from None
    try:
        if doc.needs_pass:
            raise _Unreadable
        flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
        for page in doc:
            yield page.get_text(flags=flags)
            for annot in page.annots():
                yield "\n".join(str(v) for v in annot.info.values())
                yield annot.get_text(flags=flags)
            for widget in page.widgets():
                yield str(widget.field_value or "")
                yield str(widget.field_label or "")
                yield "\n".join(str(v) for v in widget.choice_values or ())
        yield "\n".join(str(item[1]) for item in doc.get_toc(simple=True))
        yield "\n".join(str(v) for v in (doc.metadata or {}).values())
        yield doc.get_xml_metadata()
        yield "\n".join(doc.embfile_names())
    except _Unreadable:
        raise
    except Exception:
        raise _Unreadable from None
    finally:
        doc.close()


def _raw_texts(data: bytes) -> Iterator[str]:
    outside, streams = _raw_parts(data)
    yield from _views(outside)
    for chunk, is_image in streams:
        if is_image:
            continue  # pixels, not text
        inflated = _inflate(chunk)
        yield from _views(chunk if inflated is None else inflated)


# --- the checks -------------------------------------------------------------------------------


def find_leaks(pdf_bytes: bytes, removed: list[str]) -> list[str]:
    """The strings of `removed` that can still be found in the PDF (see the module doc),
    in the order given, without repeats. A PDF that cannot be read leaks them all."""
    needles: dict[str, tuple[str, re.Pattern[str]]] = {}
    for s in removed:
        needle = _needle(s)
        if needle is not None and s not in needles:
            needles[s] = needle
    if not needles:
        return []
    pypdf_log = logging.getLogger("pypdf")  # so may pypdf's warnings (raw bytes)
    pypdf_level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL + 1)
    found: set[str] = set()
    searched: set[bytes] = set()  # digests of the texts searched already
    try:
        for source in (_pypdf_texts, _mupdf_texts, _raw_texts):
            for text in source(pdf_bytes):
                # The same text comes more than once (a stream decoded by pypdf and again
                # from the raw bytes, Latin-1 and UTF-8 views of ASCII data): searching it
                # again would find the same.
                digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest()
                if digest in searched:
                    continue
                searched.add(digest)
                folded = fold(text)
                bare = _bare(folded)
                # The regex (whole word, any separators) only where the bare form stands:
                # the same finds, without running every pattern over every text.
                for s, (key, pattern) in needles.items():
                    if key in bare and s not in found and pattern.search(folded):
                        found.add(s)
                if len(found) == len(needles):
                    return list(needles)
    except Exception:  # unreadable, or anything unforeseen: nothing is proved
        return list(needles)
    finally:
        pymupdf.TOOLS.reset_mupdf_warnings()
        pypdf_log.setLevel(pypdf_level)
    return [s for s in needles if s in found]


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def write_verified(out_path: Path, pdf_bytes: bytes, removed: list[str]) -> None:
    """Write `pdf_bytes` to `out_path` only if `find_leaks` finds nothing; else raise
    LeakError and leave no file at `out_path` (an older one there is removed too)."""
    out_path = Path(out_path)
    leaks = find_leaks(pdf_bytes, removed)
    if leaks:
        _remove(out_path)
        raise LeakError(len(leaks))
    fd, tmp_name = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.",
                                    suffix=".tmp")  # fmt: skip
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf_bytes)
            fh.flush()
            os.fsync(fh.fileno())
        if tmp.read_bytes() != pdf_bytes:  # what is on disk is what was verified
            raise OSError("written file differs from the verified bytes")
        os.replace(tmp, out_path)
    except BaseException:
        _remove(tmp)
        raise
    dir_fd = os.open(out_path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
