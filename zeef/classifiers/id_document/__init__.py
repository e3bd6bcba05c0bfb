"""ID copies: the document number and valid-until date, and whether they can be trusted.

A municipality may note the number and expiry date of an identity document, never keep
the copy (issue 4). `read_id_document` says what an ID copy's OCR'd or typed text holds:

- **MRZ** (ICAO Doc 9303): TD3 (passports), TD1 (identity cards and residence documents)
  and TD2. The package's modules, one job each:
  - `zones.py` finds zones in the text, tolerant of OCR (split, joined and miscounted
    lines), and gives every plausible reading of each;
  - `fields.py` reads one reading's fields, undoes the classic OCR confusions where a
    field must be digits or letters, and checks the ICAO check digits
    (`check_digits.py`);
  - `repairs.py` repairs one look-alike character in the birth date or the document
    number, guarded by what the visual zone prints (`visual_zone.py`).
- **Dutch driving licences** have no MRZ: fields 4b and 5 (`driving_licence.py`).

The reading also carries, transiently (`IdDocument.holder`: not in ``repr``, comparisons
or ``to_json``), the holder's name and birth date (the zone's birth date only when its
check digit passes; a licence's fields 1, 2 and 3), so that `zeef.classifiers.id_holder`
can tell whether the document is the case subject's own. They are never logged or stored.

``trusted`` is True only when every check digit (composite included) passes on the
reading, the document number is not empty and has no filler inside, and the expiry is a
real date; if more than one reading of the same zone passes with a different number or
expiry, nothing is trusted. ICAO check digits cannot see every OCR error: characters
whose values differ by a multiple of 10 weigh the same, so when the text prints the
number elsewhere (the visual zone) differing only in such characters, the zone is not
trusted either. The issuing state and nationality are not covered by any check digit.

Nothing here logs, and reasons and exception messages never hold personal data.
"""

from __future__ import annotations

import re
from datetime import date

from zeef.classifiers.id_document.check_digits import check_digit
from zeef.classifiers.id_document.document import DOCUMENT_TYPES, IdDocument
from zeef.classifiers.id_document.driving_licence import read_driving_licence
from zeef.classifiers.id_document.fields import holder_of
from zeef.classifiers.id_document.visual_zone import Tokens, printed_differently, read_hints
from zeef.classifiers.id_document.zones import Zone, find_zones

__all__ = ["DOCUMENT_TYPES", "IdDocument", "check_digit", "number_possible", "read_id_document"]


def read_id_document(text: str, *, today: date | None = None) -> IdDocument | None:
    """Number and valid-until date of the identity document in ``text``, or None.

    The first zone whose check digits all pass wins; then a driving licence read
    unambiguously; otherwise the best untrusted reading, with its reasons (the caller
    sends it to review and must never store its number as fact).
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    today = today or date.today()
    hints = read_hints(text)
    tokens = Tokens(text)
    best: tuple[IdDocument, tuple[int, int]] | None = None
    for zone in find_zones(text, today, hints):
        doc, rank = _judge(zone, tokens)
        if doc.trusted:
            return doc
        if best is None or rank < best[1]:
            best = (doc, rank)
    licence = read_driving_licence(text, today)
    if licence is not None and licence.trusted:
        return licence
    return best[0] if best is not None else licence


# A Dutch passport's or identity card's number (since 2014; older ones have expired):
# two letters, six letters or digits, a digit; never the letter O. Check digits cannot
# see two misreadings whose weights cancel (S for 5 and I for 1 in one number): a
# reading that passes them with a number no Dutch document can have is not trusted.
_DUTCH_NUMBER = re.compile(r"[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9]")
_DUTCH_TYPES = ("passport", "id_card")
NOT_A_DUTCH_NUMBER = "document number: not in the Dutch format"


def _possible(state: str | None, doc_type: str | None, number: str) -> bool:
    if state != "NLD" or doc_type not in _DUTCH_TYPES:
        return True
    return bool(_DUTCH_NUMBER.fullmatch(number))


def _number_possible(r) -> bool:
    return _possible(r.state, r.doc_type, r.number)


def number_possible(found: IdDocument) -> bool:
    """Whether a document of this type and state can have this number (a Dutch passport
    or identity card: see `_DUTCH_NUMBER`; any number for the others)."""
    return _possible(found.issuing_state, found.document_type, found.number)


def _judge(zone: Zone, tokens: Tokens) -> tuple[IdDocument, tuple[int, int]]:
    """The zone's document and a rank (lower is better) for choosing among untrusted ones."""
    passing = [r for r in zone.readings if not r.failures and _number_possible(r)]
    impossible = [r for r in zone.readings if not r.failures and not _number_possible(r)]
    if impossible and not passing:
        best = min(impossible, key=lambda r: r.edits)
        reasons = (NOT_A_DUTCH_NUMBER,)
        rank = (1, best.edits)
    elif passing:
        # fewest changes; among name-line refits, the one whose state is the nationality
        best = min(passing, key=lambda r: (r.early, r.loose, r.edits, r.state != r.nationality))
        distinct = {(r.doc_type, r.number, r.expiry) for r in passing}
        reasons: tuple[str, ...] = ()
        if len(distinct) > 1:
            reasons = ("ambiguous: several OCR corrections pass the check digits",)
        elif zone.incomplete:
            reasons = ("ambiguous: too many possible readings to try",)
        elif best.early:
            reasons = ("refitted: a character lost or added before the expiry date",)
        elif best.loose:
            reasons = ("refitted: a character lost or added outside a filler run",)
        elif printed_differently(best.number, tokens):
            reasons = ("document number: printed differently elsewhere in the text",)
        rank = (len(reasons), best.edits)
    else:
        best = min(zone.readings, key=lambda r: (len(r.failures), r.bad, r.edits))
        reasons = tuple(dict.fromkeys(best.failures))
        rank = (len(reasons), best.edits)
    # Whose document: the best reading's name; its birth date only when every passing
    # reading agrees on it (never logged, never stored; see `zeef.classifiers.id_holder`).
    births = {r.birth for r in passing} or {best.birth}
    holder = holder_of(best.name, best.birth if len(births) == 1 else None)
    doc = IdDocument(
        document_type=best.doc_type or "passport",
        number=best.number,
        valid_until=best.expiry,
        issuing_state=best.state,
        trusted=not reasons,
        reasons=reasons,
        holder=holder,
    )
    return doc, rank
