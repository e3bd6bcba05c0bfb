"""What the rest of an ID copy's text (the visual zone) tells about its machine-readable zone.

The zone's check digits guard most of what it says, not all: a birth date with two
look-alike digits that both pass, or a document number whose misread character weighs
the same as the true one. The text around the zone prints the same data once more, and
these helpers read it: whether it speaks of a residence document, the dates it prints,
its words of letters and digits, and whether it prints the document number differently
only in characters the check digit cannot tell apart (then the zone is not trusted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zeef.classifiers.id_document.check_digits import VALUES

_RESIDENCE_WORDS = re.compile(
    r"verblijfs(?:document|vergunning|kaart)|vreemdelingendocument|residence\s*"
    r"(?:permit|document|card)|titre\s+de\s+s[ée]jour|aufenthalts(?:titel|karte|erlaubnis)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hints:
    """What the rest of the text tells about the zone."""

    residence: bool  # it speaks of a residence document (verblijfsdocument)
    dates: frozenset[str]  # dates printed in it (the visual zone), as YYMMDD
    words: frozenset[str] = frozenset()  # its words of letters and digits, upper case


_PRINTED_DATE = re.compile(
    r"\b(\d{1,2})[-./ ](\d{1,2}|[A-Za-z]{3})(?:/[A-Za-z]{3})?[-./ ](\d{4})\b"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_MONTHS |= {"MRT": 3, "MEI": 5, "OKT": 10}  # fmt: skip


def printed_dates(text: str) -> frozenset[str]:
    out = set()
    for day, month, year in _PRINTED_DATE.findall(text):
        number = int(month) if month.isdigit() else _MONTHS.get(month.upper())
        if number and 1 <= number <= 12 and 1 <= int(day) <= 31:
            out.add(f"{year[2:]}{number:02d}{int(day):02d}")
    return frozenset(out)


def read_hints(text: str) -> Hints:
    """The visual zone's hints for reading the machine-readable zone in `text`."""
    return Hints(
        bool(_RESIDENCE_WORDS.search(text)),
        printed_dates(text),
        frozenset(re.findall(r"[A-Z0-9]{6,}", text.upper())),
    )


class Tokens:
    """The text's words of letters and digits, by length; built on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: list[str] | None = None
        self._by_length: dict[int, set[str]] = {}

    def of_length(self, n: int) -> set[str]:
        if self._words is None:
            self._words = re.findall(r"[A-Z0-9]+", self._text.upper())
        if n not in self._by_length:
            self._by_length[n] = {w for w in self._words if len(w) == n}
        return self._by_length[n]


def printed_differently(number: str, tokens: Tokens) -> bool:
    """Whether the text prints the number elsewhere with characters the check digit cannot
    tell apart (S and 8, G and 6, L and 1 ... weigh the same): then one of them is a misread."""
    if not number:
        return False
    for other in tokens.of_length(len(number)):
        if other != number and all(
            a == b or VALUES[a] % 10 == VALUES[b] % 10 for a, b in zip(number, other, strict=True)
        ):
            return True
    return False
