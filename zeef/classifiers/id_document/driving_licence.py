"""Dutch driving licences: they have no machine-readable zone, so their printed fields.

Field 4b (valid until) and field 5 (the 10-digit licence number) are read, only when the
text looks like a licence (its wording, or the labels 4b and 5 with the Dutch heading or
other numbered labels). The licence is trusted only when exactly one number and exactly
one real date are read.

OCR of a scan or photo loses or changes the small labels and dots: a 4 read as A
("Ab." for "4b."), a "5." dropped, a comma for a dot in a date. So a label 4b may start
with an A, a date may hold a comma, and when no labelled field 5 is read, a line that
holds nothing but one 10-digit number is the number (only one such number in the whole
text; a phone or account number is never on a line of its own in a licence's text, and
the BSN in field 4d has 9 digits).

Whose licence it is (transient, `IdDocument.holder`): field 1 (surname), field 2 (given
names) and the date in field 3 (birth date and place), each only when the text gives
exactly one; field 3 with its label lost is the one line that starts with a date
followed by a place. Never logged, never stored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from zeef.classifiers.id_document.document import Holder, IdDocument

_LICENCE_WORDS = re.compile(
    r"r[i1l!|]jbew[i1l!|]js|driving\s*licen[cs]e|permis\s+de\s+conduire|f[üu]hrerschein",
    re.IGNORECASE,
)
_NL_HEADING = re.compile(r"k[o0]n[i1l]nkr[i1l]jk\s*der\s*neder\s*land", re.IGNORECASE)
_FIELD_4B = re.compile(
    r"(?<![\w.])[4A]\s?b\s?[.,:]?\s*(\d{1,2})\s?[.,\-/]\s?(\d{1,2})\s?[.,\-/]\s?(\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
_LABEL_4B = re.compile(r"(?<![\w.])[4A]\s?b\s?[.,:]", re.IGNORECASE)
_FIELD_5 = re.compile(r"(?<![\w.,])5\s?[.,:]\s*(\d(?:[ ]?\d){9})(?![ ]?\d)")
# a line with only a 10-digit number (before it at most a stray mark OCR made of a label)
_BARE_NUMBER = re.compile(r"(?m)^[^\w\n]{0,3}(\d(?:[ ]?\d){9})[ \t]*$")
_LABEL_5 = re.compile(r"(?<![\w.,])5\s?[.,:]")
_FIELD_1 = re.compile(r"(?m)^[ \t]*1[ \t]?\.[ \t]*([^\d\n][^\n]*)$")
_FIELD_2 = re.compile(r"(?m)^[ \t]*2[ \t]?\.[ \t]*([^\d\n][^\n]*)$")
_FIELD_3 = re.compile(r"(?m)^[ \t]*3[ \t]?[.,][ \t]*(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})(?!\d)")
# field 3 with its label lost: a line that starts with a date and goes on with a place
_BARE_FIELD_3 = re.compile(
    r"(?m)^[^\w\n]{0,3}(?:3[ \t]+)?(\d{1,2})[.,\-/](\d{1,2})[.,\-/](\d{4})[ \t]+[^\W\d_]{3,}"
)
_OTHER_LABELS = re.compile(r"(?m)^\s*(?:1|2|3|4\s?[acd]|9)\s?\.\s")

_MAX_LICENCE_TEXT = 1_000_000


def _licence_date(day: str, month: str, year: str, today: date) -> str | None:
    y = int(year)
    if len(year) == 2:
        base = today.year - 50
        y = base + (y - base) % 100
    try:
        return date(y, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _zone_name(printed: str) -> str:
    """A printed name as a zone writes it: ASCII upper case, '<' between words."""
    decomposed = unicodedata.normalize("NFKD", printed.upper().replace("ß", "SS"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "<".join(re.findall(r"[A-Z]+", plain))


def _one(values: list[str]) -> str:
    distinct = list(dict.fromkeys(v for v in values if v))
    return distinct[0] if len(distinct) == 1 else ""


def _holder(text: str) -> Holder:
    """Fields 1, 2 and 3, each only when the text gives exactly one."""
    births = []
    # (when OCR lost the label "3.", the lines that read as a birth date and place)
    for day, month, year in _FIELD_3.findall(text) or _BARE_FIELD_3.findall(text):
        try:
            births.append(date(int(year), int(month), int(day)).strftime("%y%m%d"))
        except ValueError:
            births.append("?")  # a field 3 that is no date: the birth date is not known
    return Holder(
        surname=_one([_zone_name(m) for m in _FIELD_1.findall(text)]),
        given=_one([_zone_name(m) for m in _FIELD_2.findall(text)]),
        birth=(_one(births) or None) if "?" not in births else None,
    )


def read_driving_licence(text: str, today: date) -> IdDocument | None:
    text = text[:_MAX_LICENCE_TEXT]
    has_labels = bool(_LABEL_4B.search(text)) and bool(_LABEL_5.search(text))
    looks_like = bool(_LICENCE_WORDS.search(text)) or (
        has_labels and (bool(_NL_HEADING.search(text)) or len(_OTHER_LABELS.findall(text)) >= 2)
    )
    if not looks_like:
        return None
    numbers = list(dict.fromkeys(m.group(1).replace(" ", "") for m in _FIELD_5.finditer(text)))
    if not numbers:
        bare = {m.group(1).replace(" ", "") for m in _BARE_NUMBER.finditer(text)}
        if len(bare) == 1:
            numbers = list(bare)
    raw_dates = [m.groups() for m in _FIELD_4B.finditer(text)]
    dates = list(dict.fromkeys(_licence_date(d, m, y, today) for d, m, y in raw_dates))
    if not numbers and not dates:
        return None
    reasons = []
    if not numbers:
        reasons.append("driving licence: number (field 5) not read")
    elif len(numbers) > 1:
        reasons.append("driving licence: several different numbers (field 5)")
    if not dates:
        reasons.append("driving licence: valid-until date (field 4b) not read")
    elif len(dates) > 1:
        reasons.append("driving licence: several different valid-until dates (field 4b)")
    elif dates[0] is None:
        reasons.append("driving licence: field 4b is not a date")
    return IdDocument(
        document_type="driving_licence",
        number=numbers[0] if numbers else "",
        valid_until=next((d for d in dates if d), None),
        issuing_state="NLD" if _NL_HEADING.search(text) else None,
        trusted=not reasons,
        reasons=tuple(reasons),
        holder=_holder(text),
    )
