"""What may be kept of an ID copy: its type, number and valid-until date."""

from __future__ import annotations

from dataclasses import dataclass, field

DOCUMENT_TYPES = ("passport", "id_card", "residence_document", "driving_licence")


@dataclass(frozen=True)
class IdDocument:
    """What may be kept of an ID copy. ``repr`` leaves the number and date out."""

    document_type: str  # passport | id_card | residence_document | driving_licence
    number: str = field(repr=False)  # as printed, without filler '<'
    valid_until: str | None = field(repr=False)  # ISO YYYY-MM-DD
    issuing_state: str | None  # e.g. "NLD"
    trusted: bool
    reasons: tuple[str, ...] = ()  # why not trusted; never personal data

    def to_json(self) -> dict:
        """The contract's ``id_document``."""
        return {"number": self.number, "valid_until": self.valid_until}
