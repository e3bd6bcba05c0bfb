"""E-mail (.eml, message/rfc822) with the stdlib ``email`` package.

The message's `ReadDocument` has ``media_type == "message/rfc822"`` and `parts`: a flat
list, in order, of

* ``body``: the message's header block (Dutch labels, see `HEADER_LABELS`; only the
  headers present, RFC 2047 words decoded, one line each) + a blank line + the body
  text (text/plain preferred, else the HTML body as text);
* each attachment, read with `read_bytes`, named by its file name (made safe: no
  folders, no control characters; a second "scan.pdf" becomes "scan (2).pdf"), or
  ``attachment-N`` (N counts this message's unnamed attachments) when it has none.
  Inline images and extra inline text parts are attachments too; the alternative
  renderings of the body (the HTML twin of a text/plain body) are not;
* each forwarded message (a message/rfc822 part, or an attachment that is itself an
  e-mail, e.g. ``.eml``), flattened in place: ``forwarded-N/body`` and then its own
  attachments as ``forwarded-N/<name>``, to any depth
  (``forwarded-1/forwarded-1/body``).

The message's own `text` is its body part's text (header block + body), so the message
can be treated as one text document. An attachment that cannot be read becomes a part
with `error` set (and its bytes in `data`); the message itself is still read.

Limits: forwarded messages nest at most `MAX_DEPTH` deep, MIME multiparts at most
`MAX_MIME_NESTING`, and a message yields at most `MAX_PARTS` parts. What lies beyond a
limit is not silently dropped: it becomes one part with `error` set. A message with
more than `MAX_BOUNDARY_LINES` MIME boundary lines is refused before parsing (the
stdlib parser is slow enough per part for that to be a denial of service).
"""

from __future__ import annotations

import email
import email.header
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

from zeef.domain.document import ReadDocument
from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import Reader, detect, read_bytes
from zeef.pipeline.extract.html import html_to_text
from zeef.pipeline.extract.text import decode_text, normalise_newlines

MEDIA_TYPE = "message/rfc822"
MAX_DEPTH = 10
MAX_MIME_NESTING = 50
MAX_PARTS = 200
# The stdlib parser needs about half a millisecond per MIME part; a message with more
# boundary lines than this is refused before parsing (real mail has a handful).
MAX_BOUNDARY_LINES = 5_000
MAX_HEADER_CHARS = 2_000
MAX_NAME_CHARS = 200

# (header, label) in the order the block shows them.
HEADER_LABELS = (
    ("From", "Van"),
    ("To", "Aan"),
    ("Cc", "Cc"),
    ("Bcc", "Bcc"),
    ("Reply-To", "Antwoord aan"),
    ("Date", "Datum"),
    ("Subject", "Onderwerp"),
)

_SNIFF_BYTES = 16_384
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+[ \t]*:")
_KNOWN_HEADERS = {
    b"from", b"to", b"cc", b"bcc", b"subject", b"date", b"message-id", b"received",
    b"mime-version", b"return-path", b"delivered-to", b"reply-to", b"content-type",
    b"x-mailer", b"user-agent", b"sender", b"in-reply-to", b"references",
}  # fmt: skip
_MAIL_ONLY_HEADERS = {
    b"from", b"received", b"message-id", b"mime-version", b"return-path", b"delivered-to",
}  # fmt: skip
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def sniff(data: bytes) -> str | None:
    """An RFC 822 header block: every line up to the first blank one is a header (or a
    continuation), at least two of them are well-known mail headers and one of those
    only occurs in mail (From, Received, Message-ID, MIME-Version, ...)."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    lines = head.splitlines()
    if len(data) > _SNIFF_BYTES and lines:
        lines.pop()  # possibly cut in the middle
    if lines and lines[0].startswith(b"From "):  # mbox separator line
        lines.pop(0)
    names: set[bytes] = set()
    for index, line in enumerate(lines):
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            if index == 0:
                return None
            continue
        if not _HEADER_LINE.match(line):
            return None
        names.add(line.split(b":", 1)[0].strip().lower())
    known = names & _KNOWN_HEADERS
    if len(known) >= 2 and known & _MAIL_ONLY_HEADERS:
        return MEDIA_TYPE
    return None


# -- headers -----------------------------------------------------------------------


def _fix_surrogates(text: str) -> str:
    """Raw 8-bit bytes in headers come through as surrogate escapes: decode them as
    UTF-8, else cp1252."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # surrogates that are not escapes
        return text.encode("utf-8", errors="replace").decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _one_line(text: str) -> str:
    text = _SPACES.sub(" ", _fix_surrogates(text)).strip()
    text = _UNSAFE_NAME_CHARS.sub("", text)
    if len(text) > MAX_HEADER_CHARS:
        text = text[:MAX_HEADER_CHARS] + " …"
    return text


def _decode_raw_header(value: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:
        return value


def _has_raw_8bit(value: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in value)


def _header(message: Message, name: str) -> str:
    try:
        raw = [str(value) for key, value in message.raw_items() if key.lower() == name.lower()]
    except Exception:
        raw = []
    if any(_has_raw_8bit(value) for value in raw):
        # Unencoded 8-bit bytes: the default policy would turn non-UTF-8 ones into U+FFFD;
        # decode them here (UTF-8, else cp1252), then any RFC 2047 words.
        values = [_decode_raw_header(_fix_surrogates(value)) for value in raw]
    else:
        try:
            values = [str(value) for value in message.get_all(name, [])]
        except Exception:  # the default policy's parser can fail on hostile headers
            values = [_decode_raw_header(value) for value in raw]
    return _one_line(", ".join(value for value in values if value and value.strip()))


def header_block(message: Message) -> str:
    lines = []
    for name, label in HEADER_LABELS:
        value = _header(message, name)
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


# -- structure ---------------------------------------------------------------------


@dataclass
class _Node:
    kind: str  # "leaf", "message" or "too-deep"
    part: Message
    ancestors: tuple[Message, ...]


def _walk(part: Message, ancestors: tuple[Message, ...] = ()) -> Iterator[_Node]:
    """Every leaf and every attached message, in order, with the multiparts above it."""
    if len(ancestors) > MAX_MIME_NESTING:
        yield _Node("too-deep", part, ancestors)
        return
    content_type = part.get_content_type()
    if content_type in ("message/rfc822", "message/global"):
        yield _Node("message", part, ancestors)
    elif part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), list):
        for child in part.get_payload():
            if isinstance(child, Message):
                yield from _walk(child, (*ancestors, part))
    else:
        yield _Node("leaf", part, ancestors)


def _find_body(message: Message) -> Message | None:
    try:
        return message.get_body(preferencelist=("plain", "html"))
    except Exception:
        return None


def _is_alternative_of_body(node: _Node, body: Message | None, body_path: tuple) -> bool:
    """The HTML twin of a text/plain body (or the reverse) inside the same
    multipart/alternative, which is the body again, not an attachment."""
    if body is None or node.part.get_content_maintype() != "text":
        return False
    if node.part.get_content_subtype() not in ("plain", "html"):
        return False
    if _is_named_attachment(node.part):
        return False
    alternative = next(
        (a for a in reversed(body_path) if a.get_content_type() == "multipart/alternative"),
        None,
    )
    return alternative is not None and any(a is alternative for a in node.ancestors)


def _is_named_attachment(part: Message) -> bool:
    try:
        return part.get_content_disposition() == "attachment" or bool(part.get_filename())
    except Exception:
        return False


def _payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    try:  # e.g. message/delivery-status: its blocks as they stand
        raw = part.as_bytes()
    except Exception:
        return b""
    _, _, content = raw.partition(b"\n\n")
    return content


def _body_text(part: Message | None) -> tuple[str, str, bytes]:
    """(text, media type, bytes) of the body part."""
    if part is None:
        return "", "text/plain", b""
    raw = _payload(part)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = None
    if charset and charset not in ("us-ascii", "ascii"):
        try:
            text = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):  # unknown or wrong label: detect
            text = None
    if text is None:
        text = decode_text(raw)
    text = normalise_newlines(text)
    subtype = part.get_content_subtype()
    if subtype == "html":
        return html_to_text(text), "text/html", raw
    return text, "text/plain", raw


def _safe_name(raw: str | None) -> str:
    if not raw:
        return ""
    name = _fix_surrogates(raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip().strip(".")
    if name in ("", ".", ".."):
        return ""
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        keep = suffix if dot and len(suffix) <= 10 else ""
        name = name[: MAX_NAME_CHARS - len(keep) - 1] + ("." + keep if keep else "")
    return name


def _filename(part: Message) -> str:
    try:
        return _safe_name(part.get_filename())
    except Exception:
        return ""


# -- flattening --------------------------------------------------------------------


@dataclass
class _Collector:
    parts: list[ReadDocument] = field(default_factory=list)
    truncated: bool = False

    def add(self, document: ReadDocument) -> None:
        if len(self.parts) < MAX_PARTS:
            self.parts.append(document)
        else:
            self.truncated = True

    @property
    def full(self) -> bool:
        return len(self.parts) >= MAX_PARTS


@dataclass
class _Names:
    """Names inside one message: unique, and counters for the unnamed ones."""

    prefix: str
    used: set[str] = field(default_factory=set)
    unnamed: int = 0
    forwarded: int = 0

    def attachment(self, filename: str) -> str:
        if not filename:
            self.unnamed += 1
            filename = f"attachment-{self.unnamed}"
        name, number = filename, 1
        while name in self.used:
            number += 1
            stem, dot, suffix = filename.rpartition(".")
            name = f"{stem} ({number}).{suffix}" if dot and stem else f"{filename} ({number})"
        self.used.add(name)
        return self.prefix + name

    def next_forwarded(self) -> str:
        self.forwarded += 1
        return f"{self.prefix}forwarded-{self.forwarded}/"


def _flatten(message: Message, prefix: str, depth: int, out: _Collector) -> str:
    """Add the message's body and attachments to `out`; return the body part's text."""
    head = header_block(message)
    body = _find_body(message)
    body_text, body_type, body_bytes = _body_text(body)
    text = f"{head}\n\n{body_text}" if head else body_text
    out.add(ReadDocument(name=prefix + "body", media_type=body_type, text=text, data=body_bytes))

    nodes = list(_walk(message))
    body_path = next((n.ancestors for n in nodes if n.part is body), ())
    names = _Names(prefix)
    for node in nodes:
        if out.full:
            out.truncated = True
            break
        if node.part is body or _is_alternative_of_body(node, body, body_path):
            continue
        try:
            if node.kind == "too-deep":
                reason = "MIME parts nested too deeply"
                media_type = node.part.get_content_type()
                out.add(_error_part(names.attachment(""), media_type, reason, b""))
            elif node.kind == "message":
                _forwarded(_attached_message(node.part), names, depth, out)
            else:
                _attachment(node.part, names, depth, out)
        except Exception as exc:  # one hostile part must not cost the rest of the message
            reason = f"unreadable MIME part ({type(exc).__name__})"
            out.add(_error_part(names.attachment(""), "application/octet-stream", reason, b""))
    return text


def _attached_message(part: Message) -> Message | bytes:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return payload[0]
    return _payload(part)  # e.g. a base64-encoded message/rfc822: parse the bytes


def _forwarded(inner: Message | bytes, names: _Names, depth: int, out: _Collector) -> None:
    prefix = names.next_forwarded()
    if depth + 1 > MAX_DEPTH:
        out.add(_error_part(prefix + "body", MEDIA_TYPE,
                            "forwarded messages nested too deeply", b""))  # fmt: skip
        return
    if isinstance(inner, bytes):
        inner = _parse(inner)
    _flatten(inner, prefix, depth + 1, out)


def _attachment(part: Message, names: _Names, depth: int, out: _Collector) -> None:
    data = _payload(part)
    filename = _filename(part)
    declared = part.get_content_type()
    detected = detect(data, filename, declared) if data else None
    if detected == MEDIA_TYPE:
        _forwarded(data, names, depth, out)
        return
    name = names.attachment(filename)
    try:
        document = read_bytes(data, filename, declared_type=declared)
    except UnreadableDocument as exc:
        out.add(_error_part(name, detected or declared, str(exc), data))
        return
    document.name = name
    out.add(document)


def _error_part(name: str, media_type: str, reason: str, data: bytes) -> ReadDocument:
    return ReadDocument(name=name, media_type=media_type, error=reason, data=data)


def _parse(data: bytes) -> Message:
    return email.message_from_bytes(data, policy=email.policy.default)


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    if data.count(b"\n--") > MAX_BOUNDARY_LINES:
        raise UnreadableDocument("e-mail has too many MIME parts")
    try:
        message = _parse(data)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt e-mail ({type(exc).__name__})") from None
    out = _Collector()
    text = _flatten(message, "", 0, out)
    parts = out.parts
    if out.truncated:
        reason = f"more than {MAX_PARTS} parts: the rest was not read"
        parts.append(_error_part("more-parts", "application/octet-stream", reason, b""))
    return ReadDocument(name=name, media_type=MEDIA_TYPE, text=text, parts=parts)


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".eml": MEDIA_TYPE},
    order=40,
)
