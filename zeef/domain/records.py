"""What zeef keeps about each document it took in: the records under
`cases/<case>/documents/<sha256>.json` and the ID-document notes under
`cases/<case>/id_documents/<sha256>.json`.

A record is the commit of a document's ingest (written last: a document with a record is
done). It holds ids, categories, decisions, reasons and the file's own name, never
document text or found data. One frozen dataclass per kind, with `to_json` and
`from_json`; `from_json` checks what it reads, so a damaged record is a `RecordError`,
not a KeyError three modules further.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zeef.domain.errors import ZeefError
from zeef.domain.vocabulary import Category, Disposition

DOCUMENT = "document"
MESSAGE = "message"


class RecordError(ZeefError):
    """A stored record that cannot be read (damaged, or of an unknown kind)."""


def _str(data: Mapping[str, Any], key: str, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise RecordError(f"record field {key}: missing or not a string")
    return value


def _enum(kind: type, data: Mapping[str, Any], key: str):
    try:
        return kind(data.get(key))
    except ValueError:
        raise RecordError(f"record field {key}: not a known value") from None


@dataclass(frozen=True)
class IdDocumentNote:
    """What is kept of an ID copy before it is destroyed (Pw art. 17 lid 3, Wmo 2015
    art. 2.3.4, Jeugdwet art. 7.2.2): its number and expiry, that identity was
    established, and when. Never the copy, the name or the birth date.

    A copy of someone else's document (not the case subject's) is destroyed too, but
    establishes nothing: no number, no expiry, ``identity_established`` false and a
    ``reason`` code (`id_document_not_subject`), never whose it was."""

    number: str | None
    valid_until: str | None  # YYYY-MM-DD
    type: str | None = None
    identity_established: bool = True
    recorded: str | None = None  # YYYY-MM-DD
    reason: str | None = None  # a code, when identity was not established; never a name

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "valid_until": self.valid_until,
            "type": self.type,
            "identity_established": self.identity_established,
            "recorded": self.recorded,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IdDocumentNote:
        if not isinstance(data, Mapping):
            raise RecordError("ID-document note: not an object")
        return cls(
            number=_str(data, "number", optional=True),
            valid_until=_str(data, "valid_until", optional=True),
            type=_str(data, "type", optional=True),
            identity_established=bool(data.get("identity_established", True)),
            recorded=_str(data, "recorded", optional=True),
            reason=_str(data, "reason", optional=True),
        )


@dataclass(frozen=True)
class DocumentRecord:
    """One document (a file, or a body or attachment of an e-mail) as it was routed."""

    sha256: str
    name: str  # the file's own name (an e-mail part: its place in the message)
    media_type: str
    category: Category
    confidence: float
    disposition: Disposition
    legal_basis: str
    received: str  # ISO 8601, seconds
    run: str
    reasons: tuple[str, ...] = ()
    error: str | None = None
    location: str | None = None  # the object's key; None where nothing is kept
    message: str | None = None  # the sha256 of the e-mail it came in
    part: str | None = None
    id_document: Mapping[str, Any] | None = None  # number and expiry, for an ID copy
    law: str | None = None  # the law the document was collected under (the case's)
    purpose: str | None = None  # what it is kept for under that law (the policy's row)
    source: str | None = None  # a segment: the sha256 of the glued file it was cut from
    pages: tuple[int, ...] = ()  # a segment: its pages in that file (1-based)
    review_deadline: str | None = None  # YYYY-MM-DD, for a document waiting in review
    # Offsets of diagnostic words in a case report (`diagnostic_language`): never the words.
    marks: tuple[Mapping[str, Any], ...] = ()
    # A person's decision after ingest (a reviewer's, the medical adviser's receipt): the
    # user id and when (ISO 8601, seconds); the reasons' codes are in the audit trail.
    decided_by: str | None = None
    decided_at: str | None = None
    kind: str = field(default=DOCUMENT, init=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "kind": self.kind,
            "name": self.name,
            "media_type": self.media_type,
            "category": self.category.value,
            "confidence": self.confidence,
            "disposition": self.disposition.value,
            "legal_basis": self.legal_basis,
            "reasons": list(self.reasons),
            "error": self.error,
            "location": self.location,
            "message": self.message,
            "part": self.part,
            "id_document": dict(self.id_document) if self.id_document else None,
            "received": self.received,
            "run": self.run,
            "law": self.law,
            "purpose": self.purpose,
            "source": self.source,
            "pages": list(self.pages),
            "review_deadline": self.review_deadline,
            "marks": [dict(m) for m in self.marks],
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocumentRecord:
        reasons = data.get("reasons") or []
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            raise RecordError("record field reasons: not a list of codes")
        id_document = data.get("id_document")
        if id_document is not None and not isinstance(id_document, Mapping):
            raise RecordError("record field id_document: not an object")
        return cls(
            sha256=_str(data, "sha256"),
            name=_str(data, "name", optional=True) or "document",
            media_type=_str(data, "media_type", optional=True) or "",
            category=_enum(Category, data, "category"),
            confidence=float(data.get("confidence") or 0.0),
            disposition=_enum(Disposition, data, "disposition"),
            legal_basis=_str(data, "legal_basis", optional=True) or "",
            received=_str(data, "received", optional=True) or "",
            run=_str(data, "run", optional=True) or "",
            reasons=tuple(reasons),
            error=_str(data, "error", optional=True),
            location=_str(data, "location", optional=True),
            message=_str(data, "message", optional=True),
            part=_str(data, "part", optional=True),
            id_document=id_document,
            law=_str(data, "law", optional=True),
            purpose=_str(data, "purpose", optional=True),
            source=_str(data, "source", optional=True),
            pages=_ints(data, "pages"),
            review_deadline=_str(data, "review_deadline", optional=True),
            marks=_marks(data),
            decided_by=_str(data, "decided_by", optional=True),
            decided_at=_str(data, "decided_at", optional=True),
        )


def _ints(data: Mapping[str, Any], key: str) -> tuple[int, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise RecordError(f"record field {key}: not a list of numbers")
    return tuple(value)


def _marks(data: Mapping[str, Any]) -> tuple[Mapping[str, Any], ...]:
    value = data.get("marks") or []
    ok = isinstance(value, list) and all(
        isinstance(m, Mapping)
        and isinstance(m.get("start"), int)
        and isinstance(m.get("end"), int)
        and isinstance(m.get("kind"), str)
        for m in value
    )
    if not ok:
        raise RecordError("record field marks: not a list of {start, end, kind}")
    return tuple({"start": m["start"], "end": m["end"], "kind": m["kind"]} for m in value)


def _segments(data: Mapping[str, Any]) -> tuple[Mapping[str, Any], ...]:
    value = data.get("segments") or []
    ok = isinstance(value, list) and all(
        isinstance(s, Mapping)
        and isinstance(s.get("pages"), list)
        and all(isinstance(p, int) for p in s["pages"])
        and isinstance(s.get("sha256"), str)
        for s in value
    )
    if not ok:
        raise RecordError("record field segments: not a list of {pages, sha256}")
    return tuple({"pages": list(s["pages"]), "sha256": s["sha256"]} for s in value)


@dataclass(frozen=True)
class MessageRecord:
    """An e-mail: its own line (the category and disposition of its strictest part) and
    the sha256 of each part, each of which has a `DocumentRecord`. The message's own
    bytes are never kept: they hold every part."""

    sha256: str
    name: str
    category: Category
    confidence: float
    disposition: Disposition
    parts: tuple[str, ...]
    received: str
    run: str
    segments: tuple[Mapping[str, Any], ...] = ()
    kind: str = field(default=MESSAGE, init=False)

    def to_json(self) -> dict[str, Any]:
        out = {
            "sha256": self.sha256,
            "kind": self.kind,
            "name": self.name,
            "category": self.category.value,
            "confidence": self.confidence,
            "disposition": self.disposition.value,
            "parts": list(self.parts),
            "received": self.received,
            "run": self.run,
        }
        if self.segments:
            out["segments"] = [dict(s) for s in self.segments]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MessageRecord:
        parts = data.get("parts") or []
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            raise RecordError("record field parts: not a list of sha256")
        return cls(
            sha256=_str(data, "sha256"),
            name=_str(data, "name", optional=True) or "message",
            category=_enum(Category, data, "category"),
            confidence=float(data.get("confidence") or 0.0),
            disposition=_enum(Disposition, data, "disposition"),
            parts=tuple(parts),
            received=_str(data, "received", optional=True) or "",
            run=_str(data, "run", optional=True) or "",
            segments=_segments(data),
        )


Record = DocumentRecord | MessageRecord


def record_from_json(data: object) -> Record:
    """The record `data` (parsed JSON) holds, by its `kind`."""
    if not isinstance(data, Mapping):
        raise RecordError("record: not an object")
    kind = data.get("kind", DOCUMENT)
    if kind == DOCUMENT:
        return DocumentRecord.from_json(data)
    if kind == MESSAGE:
        return MessageRecord.from_json(data)
    raise RecordError("record field kind: not a known value")


def record_from_bytes(raw: bytes) -> Record:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RecordError("record: not valid JSON") from None
    return record_from_json(data)


def record_to_bytes(record: Record) -> bytes:
    return json.dumps(record.to_json(), ensure_ascii=False).encode("utf-8")
