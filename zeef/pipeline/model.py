"""The words of the domain as data: categories, dispositions, documents as read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    MEDICAL = "medical"
    MEDICAL_ADVICE = "medical_advice"
    BANK_STATEMENT = "bank_statement"
    ID_COPY = "id_copy"
    THIRD_PARTY_TIP = "third_party_tip"
    APPLICATION = "application"
    PERSONAL_NOTE = "personal_note"
    OTHER = "other"


# For an e-mail the message takes the category of its most restrictive part, in this order.
RESTRICTIVENESS: tuple[Category, ...] = (
    Category.MEDICAL,
    Category.ID_COPY,
    Category.THIRD_PARTY_TIP,
    Category.BANK_STATEMENT,
    Category.MEDICAL_ADVICE,
    Category.APPLICATION,
    Category.PERSONAL_NOTE,
    Category.OTHER,
)


class Disposition(StrEnum):
    ARCHIVE = "archive"
    WORKING = "working"
    FORWARD_MEDICAL_ADVISER = "forward_medical_adviser"
    RETURN_TO_SENDER = "return_to_sender"
    DESTROY = "destroy"
    EXCLUDE = "exclude"
    REVIEW = "review"


class Role(StrEnum):
    SUBJECT = "subject"
    THIRD_PARTY = "third_party"
    PROFESSIONAL = "professional"
    UNKNOWN = "unknown"


class UnreadableDocument(Exception):
    """A document that cannot be read. The message is safe to print: it never holds
    document content or personal data, only what went wrong (e.g. "encrypted PDF")."""


@dataclass
class ReadDocument:
    """One document as read: its text and where its pages start.

    For an e-mail, `text` is the message's header block (Van:, Aan:, Onderwerp: ...), a
    blank line and its body, the same as its first part; `parts` holds one
    ReadDocument per body and attachment at any depth (forwarded messages flattened in
    order), each with `name` set to where it came from inside the message.
    """

    name: str
    media_type: str
    text: str = ""
    page_starts: list[int] = field(default_factory=lambda: [0])
    needs_ocr: bool = False
    error: str | None = None
    data: bytes = b""
    parts: list[ReadDocument] = field(default_factory=list)
