"""What may be kept of an ID copy: its type, number and valid-until date.

The holder's name and birth date, as the zone (or a driving licence's fields 1 and 3)
gives them, travel on the reading only so that `zeef.classifiers.id_holder` can tell
whether the document is the case subject's own: left out of ``repr``, of comparisons and
of ``to_json``, never logged, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOCUMENT_TYPES = ("passport", "id_card", "residence_document", "driving_licence")


@dataclass(frozen=True)
class Holder:
    """Whose document it is, as read from it (transient; never stored or logged).

    ``surname`` and ``given``: the name as written in the zone (``DE<VRIES``,
    ``ANNA<MARIA``) or a licence's field 1 and 2, upper-case ASCII with ``<`` between
    words; empty when not readable. ``birth``: YYMMDD, only when its check digit passed
    (a licence: field 3 read as a real date)."""

    surname: str = field(default="", repr=False)
    given: str = field(default="", repr=False)
    birth: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return "Holder(...)"


NO_HOLDER = Holder()


@dataclass(frozen=True)
class IdDocument:
    """What may be kept of an ID copy. ``repr`` leaves the number, date and holder out."""

    document_type: str  # passport | id_card | residence_document | driving_licence
    number: str = field(repr=False)  # as printed, without filler '<'
    valid_until: str | None = field(repr=False)  # ISO YYYY-MM-DD
    issuing_state: str | None  # e.g. "NLD"
    trusted: bool
    reasons: tuple[str, ...] = ()  # why not trusted; never personal data
    # Transient: whose document it is; never in to_json, repr or comparisons.
    holder: Holder = field(default=NO_HOLDER, repr=False, compare=False)

    def to_json(self) -> dict:
        """The contract's ``id_document``."""
        return {"number": self.number, "valid_until": self.valid_until}
