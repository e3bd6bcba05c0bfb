"""Plain text in any common encoding.

Decoding order: a byte-order mark (UTF-8/16/32); UTF-16 without a mark (recognised by
its NUL bytes); strict UTF-8; otherwise charset-normalizer choosing among the legacy
code pages in `CANDIDATE_ENCODINGS`, preferring cp1252 (the Dutch/Windows default)
whenever it decodes about as cleanly as the best guess, because on short Dutch text
charset-normalizer's own first choice is often a Central-European, Mac or East-Asian
code page ("ruïne" would come out as "ruďne"). Newlines become ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import Reader

MEDIA_TYPE = "text/plain"

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that do not occur in text (everything below 0x20 but \t \n \f \r and
# ESC, plus DEL).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0c\r\x1b") + b"\x7f"
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_SNIFF_BYTES = 8192
# The legacy code pages considered for text that is not UTF-8 (UTF-16/32 are recognised
# by their byte-order mark or NUL pattern). East-Asian multi-byte code pages are left
# out on purpose: short Dutch text in cp1252 is often valid Big5 or Shift-JIS too.
CANDIDATE_ENCODINGS = (
    "cp1252", "iso8859_15", "cp1250", "cp1251", "cp1253", "cp1254", "cp1256", "cp1257",
    "koi8_r", "cp850", "cp437", "mac_roman",
)  # fmt: skip
# cp1252 is preferred over charset-normalizer's best guess when its "chaos" (mess
# ratio) is at most this much higher.
_CP1252_MARGIN = 0.1
# Letters that cp1252 and cp1254 (Turkish) map differently and that Dutch text never
# uses in cp1252 (Icelandic Ð Ý Þ ð ý þ; in cp1254 they are Ğ İ Ş ğ ı ş).
_TURKISH_HINT = re.compile("[ÐÝÞðýþ]")


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a mark: Latin text has a NUL in (nearly) every other byte."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff(data: bytes) -> str | None:
    """Text: a byte-order mark, or bytes without the control codes binary data has."""
    if _bom(data):
        return MEDIA_TYPE
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return MEDIA_TYPE if _utf16_without_bom(head) else None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return MEDIA_TYPE if controls <= len(head) // 100 else None


def _charset_normalizer(data: bytes) -> str | None:
    matches = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS))
    best = matches.best()
    by_encoding = {match.encoding: match for match in matches}
    western = by_encoding.get("cp1252")
    if western is None:  # charset-normalizer skips code pages close to one it tried
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is None:
        return best.encoding if best else None
    if best is not None and western.chaos > best.chaos + _CP1252_MARGIN:
        return best.encoding
    turkish = by_encoding.get("cp1254")
    if (
        turkish is not None
        and turkish.chaos <= western.chaos
        and _TURKISH_HINT.search(str(western))
    ):
        return "cp1254"
    return "cp1252"


def decode_text(data: bytes) -> str:
    """Bytes to str (see the module docstring), newlines normalised to ``\\n``. Never
    fails: undecodable bytes become U+FFFD."""
    found = _bom(data)
    head = data[:_SNIFF_BYTES]
    utf16 = None if found or b"\x00" not in head else _utf16_without_bom(head)
    if found:
        encoding, skip = found
        text = data[skip:].decode(encoding, errors="replace")
    elif utf16:
        text = data.decode(utf16, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # No clear answer (e.g. damaged text): the Dutch default, and let the
            # caller judge whether the result is text at all.
            encoding = _charset_normalizer(data) or "cp1252"
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                text = data.decode("cp1252", errors="replace")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    return len(_CONTROL_CHARS.findall(sample)) > len(sample) // 20


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    text = decode_text(data)
    if _is_binary(text):
        raise UnreadableDocument("not text (binary data)")
    return ReadDocument(name=name, media_type=MEDIA_TYPE, text=text)


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".txt": MEDIA_TYPE, ".text": MEDIA_TYPE, ".csv": MEDIA_TYPE, ".md": MEDIA_TYPE},
    strong=False,
    order=90,
)
