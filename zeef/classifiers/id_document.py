"""ID copies: the document number and valid-until date, read from the machine-readable zone.

A municipality may note the number and expiry date of an identity document, never keep
the copy (issue 4). This module reads them from OCR'd or typed text:

- **MRZ** (ICAO Doc 9303): TD3 (passports, 2 lines of 44), TD1 (identity cards and
  residence documents, 3 lines of 30) and TD2 (2 lines of 36). Check digits use the
  weights 7, 3, 1 over the values 0-9, A-Z = 10-35 and '<' = 0, and are computed here:
  the PyPI ``mrz`` package is GPL-3.0 (zeef is EUPL-1.2) and passporteye pulls in
  scikit-image and an old ``pdfminer`` that overwrites pdfminer.six.
- **Dutch driving licences** have no MRZ: field 4b (valid until) and field 5 (the
  10-digit licence number), only when the text looks like a licence.

OCR tolerance. Each line is upper-cased, white space is dropped, and ``( { [ ‹`` count
as the filler '<'; a ``K`` counts as '<' only inside a run of fillers (or trailing one at
the end of a line), and ``«`` is read as '<<', as '<', or as many of each as make the
line's width. Lines split by the OCR are joined again (up to four pieces) and lines run
together are split at the zone width. TD3/TD2 name lines of the wrong length are padded or
cut at the end, as only their first five characters are read. Only when no zone read as
it stands passes, a line one or two characters too short or too long is refitted: fillers
are put in or taken out at every possible place (so that an ambiguity shows), and a
refitted reading is trusted only when it grew or shrank a filler run past the number,
the expiry and their check digits; anywhere else a lost or extra character would be
re-aligned under a single check digit (the composite repeats the number's weights), so
those readings go to review.

In fields that must be digits (dates, check digits) the classic confusions O/Q/D→0,
I/L→1, Z→2, S→5, G→6, B→8 are undone, in country codes and the document code 0→O, 1→I,
2→Z, 5→S, 6→G, 8→B, and a document code starting with 1, L or T is read as I. Each confusion
has one correction, so a reading is corrected in one way only, and the check digits then
decide. The document number and the optional data are never changed: a misread there
fails its check digit and the zone goes to review.

``trusted`` is True only when every check digit (composite included) passes on the
reading, the document number is not empty and has no filler inside, and the expiry is a
real date; if more than one reading of the same zone passes with a different number or
expiry, nothing is trusted. ICAO check digits cannot see every OCR error: characters
whose values differ by a multiple of 10 (0/A/K/U/'<', 1/B/L/V, 4/E/O/Y, 6/G/Q, 8/I/S ...)
weigh the same, so an 'S' read as '8' inside the document number still passes. When the
text prints the number elsewhere (the visual zone) differing only in such characters,
the zone is not trusted either. The issuing state and nationality are not covered by
any check digit.

Nothing here logs, and reasons and exception messages never hold personal data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations, combinations_with_replacement, islice, product
from typing import NamedTuple

__all__ = ["DOCUMENT_TYPES", "IdDocument", "check_digit", "read_id_document"]

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


# --- check digits -------------------------------------------------------------------------

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUES = {ch: i for i, ch in enumerate(_DIGITS + _LETTERS)} | {"<": 0}
_WEIGHTS = (7, 3, 1)


def check_digit(data: str) -> str:
    """ICAO 9303 check digit of an MRZ field: weights 7, 3, 1; A-Z = 10-35; '<' = 0."""
    total = 0
    for i, ch in enumerate(data):
        value = _VALUES.get(ch)
        if value is None:
            raise ValueError("not an MRZ character")  # the character itself is not shown
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)


# --- OCR normalisation --------------------------------------------------------------------

_TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6",
             "B": "8"}  # fmt: skip
_TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}
# No document code starts with 1, L or T: an I read as 1, l or (a serif I) T.
_CODE_FIRST = {"1": "I", "L": "I", "T": "I"}
_FILLER_LOOKALIKES = str.maketrans(dict.fromkeys("({[‹＜〈⟨", "<"))
_WHITESPACE = re.compile(r"\s+")
_K_IN_RUN = re.compile(r"[<«][<«K]*[<«]")
_K_AT_END = re.compile(r"[<«][<«K]*$")
_PIECE = re.compile(r"[A-Z0-9<«]+")
_NOT_ZONE = re.compile(r"[^A-Z0-9<«]+")
_DROP_DIGITS = str.maketrans("", "", _DIGITS)

_MAX_PIECES_JOINED = 4  # an OCR'd MRZ line split in at most four pieces
_MAX_LINES_JOINED = 4  # at most four MRZ lines run together on one OCR line
_SLACK = 2  # a line this many characters too short or too long is refitted
_MAX_READINGS_PER_WINDOW = 2_500  # more: the zone is not trusted (too many readings)
_MAX_READINGS = 25_000  # per text: bounds the work on hostile input (about a second)
_MAX_BAD_CHARACTERS = 2  # more unreadable digit/letter positions: not a zone at all


def _normalise(line: str) -> str:
    s = _WHITESPACE.sub("", line.upper().translate(_FILLER_LOOKALIKES))
    s = _K_IN_RUN.sub(lambda m: m.group().replace("K", "<"), s)
    return _K_AT_END.sub(lambda m: m.group().replace("K", "<"), s)


def _zone_like(s: str) -> bool:
    """A normalised line that may hold (part of) a zone: zone characters only and not
    longer than a passport line, or mostly zone characters with a filler or a good share
    of digits. Other lines break a zone apart."""
    if not s:
        return False
    good = len(_NOT_ZONE.sub("", s))
    if good * 10 < len(s) * 9:
        return False
    if good == len(s) and len(s) <= _TD3.width + _SLACK:
        return True  # may be a piece of a line the OCR split (and short prose: harmless)
    digits = len(s) - len(s.translate(_DROP_DIGITS))
    return "<" in s or "«" in s or digits * 4 >= len(s)


def _guillemets(s: str, width: int | None = None) -> tuple[str, ...]:
    """Readings of '«' (OCR for '<<', sometimes for '<'): all double, all single, and,
    for a line of known width, as many doubled as make the width (first ones, last ones)."""
    count = s.count("«")
    if not count:
        return (s,)
    out = [s.replace("«", "<<"), s.replace("«", "<")]
    doubled = (width or 0) - len(s)  # each «, read as one <, is already counted once
    if width and 0 < doubled < count:
        out.append(s.replace("«", "<<", doubled).replace("«", "<"))
        parts = s.rsplit("«", doubled)
        out.append("<<".join([parts[0].replace("«", "<"), *parts[1:]]))
    return tuple(dict.fromkeys(out))


# --- fields -------------------------------------------------------------------------------

_DIGIT, _DIGIT_OR_FILLER, _ALPHA = "digit", "digit<", "alpha"


class _Reading:
    """One reading of a zone: corrected fields, failures (field names only) and edits."""

    __slots__ = ("edits", "early", "loose", "bad", "passed", "failures", "doc_type",
                 "number", "expiry", "state", "nationality", "sex")  # fmt: skip

    def __init__(self, edits: int) -> None:
        self.edits = edits
        self.early = False  # refitted where the number or expiry sits
        self.loose = False  # refitted other than by growing or shrinking a filler run
        self.bad = 0
        self.passed = 0  # check digits that pass
        self.failures: list[str] = []
        self.doc_type: str | None = None
        self.number = ""
        self.expiry: str | None = None
        self.state: str | None = None
        self.nationality = ""
        self.sex = ""

    def fix(self, s: str, kind: str) -> tuple[str, bool]:
        """Undo OCR confusions in a digit or letter field; False if something is left."""
        if kind == _ALPHA:
            allowed, table = _LETTERS + "<", _TO_LETTER
        else:
            allowed, table = (_DIGITS if kind == _DIGIT else _DIGITS + "<"), _TO_DIGIT
        out, ok = [], True
        for ch in s:
            if ch in allowed:
                out.append(ch)
            elif ch in table:
                out.append(table[ch])
                self.edits += 1
            else:
                out.append(ch)
                ok = False
                self.bad += 1
        return "".join(out), ok

    def check(self, name: str, data: str, data_ok: bool, digit: str, digit_ok: bool) -> bool:
        if data_ok and digit_ok and check_digit(data) == digit:
            self.passed += 1
            return True
        self.failures.append(f"check digit: {name}")
        return False


def _expiry_iso(yymmdd: str, today: date) -> str | None:
    """YYMMDD to ISO; the century puts the year within 50 years of today."""
    if len(yymmdd) != 6 or any(ch not in _DIGITS for ch in yymmdd):
        return None
    base = today.year - 50
    year = base + (int(yymmdd[:2]) - base) % 100
    try:
        return date(year, int(yymmdd[2:4]), int(yymmdd[4:6])).isoformat()
    except ValueError:
        return None


def _document_type(code: str, residence: bool) -> str | None:
    first, second = code[0], code[1]
    if first == "P":
        return "passport"
    if first in "IAC":
        # ICAO leaves the second letter to the state; 'R' is the residence-permit letter
        # (IR, AR), and Dutch verblijfsdocumenten are told apart by their wording.
        if second == "R" or (second not in "<D" and residence):
            return "residence_document"
        return "id_card"
    return None  # visas and anything else: not an identity document


def _read_header(r: _Reading, line1: str, hints: _Hints) -> str:
    first = _CODE_FIRST.get(line1[0], line1[0])
    r.edits += first != line1[0]
    code, _ = r.fix(first + line1[1], _ALPHA)
    state, state_ok = r.fix(line1[2:5], _ALPHA)
    r.state = (state.replace("<", "") or None) if state_ok else None
    if not any(ch in _LETTERS for ch in line1[2:5]):
        r.bad += _MAX_BAD_CHARACTERS + 1  # no state is written without a letter
    r.doc_type = _document_type(code, hints.residence)
    return code + state


def _finish(r: _Reading, number: str, expiry: str, expiry_ok: bool, today: date) -> _Reading:
    r.number = number.rstrip("<")
    if not r.number:
        r.failures.append("empty: document number")
    elif "<" in r.number:  # fillers only pad a number at its end
        r.failures.append("filler inside: document number")
        r.number = r.number.replace("<", "")
    r.expiry = _expiry_iso(expiry, today) if expiry_ok else None
    if r.expiry is None:
        r.failures.append("not a date: expiry date")
    return r


def _read_overflow(r: _Reading, principal: str, optional: str) -> tuple[str, str]:
    """ICAO long document numbers (TD1/TD2): the first nine characters in the number field,
    '<' in place of its check digit, the rest and the check digit at the start of the
    optional data. Returns the number and the corrected optional data."""
    extension = optional.split("<", 1)[0]
    if len(extension) < 2:
        r.failures.append("check digit: document number")
        return principal, optional
    digit, digit_ok = r.fix(extension[-1], _DIGIT)
    full = principal + extension[:-1]
    ok = r.check("document number", full, True, digit, digit_ok)
    fixed_optional = extension[:-1] + digit + optional[len(extension) :]
    # a failed extension may be other optional data (a BSN): keep it out of the number
    return (full if ok else principal), fixed_optional


# Digits a scan's noise turns into one another (round shapes, a broken stroke).
_DIGIT_LOOKALIKES = {"0": "86", "1": "7", "3": "8", "5": "6", "6": "58", "7": "1",
                     "8": "3609", "9": "8"}  # fmt: skip


@dataclass(frozen=True)
class _Hints:
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


def _printed_dates(text: str) -> frozenset[str]:
    out = set()
    for day, month, year in _PRINTED_DATE.findall(text):
        number = int(month) if month.isdigit() else _MONTHS.get(month.upper())
        if number and 1 <= number <= 12 and 1 <= int(day) <= 31:
            out.add(f"{year[2:]}{number:02d}{int(day):02d}")
    return frozenset(out)


def _repair_birth(
    r: _Reading,
    birth: str,
    ok: bool,
    digit: str,
    digit_ok: bool,
    whole: Callable[[str], bool],
    printed: frozenset[str] = frozenset(),
) -> str:
    """A birth date whose check digit fails after one digit was misread: the one change
    among look-alike digits that makes both its own check digit and the zone's composite
    check digit pass (`whole`). Check digits cannot tell a 3 from an 8 (or any two
    digits 5 apart), so when more than one change passes, the one printed elsewhere in
    the text (the visual zone) is taken, if exactly one is. The birth date is never
    kept, and the number and expiry must still pass their own check digits."""
    if not (ok and digit_ok) or check_digit(birth) == digit:
        return birth
    candidates = {
        candidate
        for i, ch in enumerate(birth)
        for other in _DIGIT_LOOKALIKES.get(ch, "")
        if check_digit(candidate := birth[:i] + other + birth[i + 1 :]) == digit
        and whole(candidate)
    }
    if len(candidates) > 1:
        candidates &= printed
    if len(candidates) == 1:
        r.edits += 1
        return candidates.pop()
    return birth


# Letters and digits a scan turns into one another in a field that holds both.
_ALNUM_LOOKALIKES = {"I": "1", "1": "I", "O": "0", "0": "O", "S": "5", "5": "S", "Z": "2",
                     "2": "Z", "B": "8", "8": "B", "G": "6", "6": "G"}  # fmt: skip


def _repair_number(r: _Reading, number: str, digit: str, digit_ok: bool, hints: _Hints) -> str:
    """A document number whose check digit fails after one letter was read as a digit or
    the other way round (I and 1, O and 0 ...): the one change that passes the check digit
    AND is printed as such elsewhere in the text (the visual zone), if exactly one is.
    The number is kept, so both must agree; the zone's composite check digit still has
    to pass too."""
    if not digit_ok or check_digit(number) == digit:
        return number
    candidates = {
        candidate
        for i, ch in enumerate(number)
        if ch in _ALNUM_LOOKALIKES
        and check_digit(candidate := number[:i] + _ALNUM_LOOKALIKES[ch] + number[i + 1 :]) == digit
        and candidate.rstrip("<") in hints.words
    }
    if len(candidates) == 1:
        r.edits += 1
        return candidates.pop()
    return number


def _read_td1(lines: tuple[str, ...], today: date, hints: _Hints, edits: int) -> _Reading:
    l1, l2 = lines[0], lines[1]
    r = _Reading(edits)
    head = _read_header(r, l1, hints)
    principal, optional = l1[5:14], l1[15:30]
    if l1[14] == "<" and optional[:1] not in ("", "<"):
        number, optional = _read_overflow(r, principal, optional)
        digit = "<"
    else:
        digit, digit_ok = r.fix(l1[14], _DIGIT)
        principal = _repair_number(r, principal, digit, digit_ok, hints)
        r.check("document number", principal, True, digit, digit_ok)
        number = principal
    birth, birth_ok = r.fix(l2[0:6], _DIGIT_OR_FILLER)
    birth_cd, birth_cd_ok = r.fix(l2[6], _DIGIT)
    r.sex = l2[7]
    expiry, expiry_ok = r.fix(l2[8:14], _DIGIT)
    expiry_cd, expiry_cd_ok = r.fix(l2[14], _DIGIT)
    r.nationality, _ = r.fix(l2[15:18], _ALPHA)
    optional2 = l2[18:29]
    composite, composite_ok = r.fix(l2[29], _DIGIT)
    line1 = head + principal + digit + optional

    def data_with(birth: str) -> str:
        line2 = birth + birth_cd + r.sex + expiry + expiry_cd + r.nationality + optional2
        return line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]

    def passes(b: str) -> bool:
        return composite_ok and check_digit(data_with(b)) == composite

    birth = _repair_birth(r, birth, birth_ok, birth_cd, birth_cd_ok, passes, hints.dates)
    r.check("birth date", birth, birth_ok, birth_cd, birth_cd_ok)
    r.check("expiry date", expiry, expiry_ok, expiry_cd, expiry_cd_ok)
    r.check("composite", data_with(birth), True, composite, composite_ok)
    return _finish(r, number, expiry, expiry_ok, today)


def _read_two_line(
    lines: tuple[str, ...], width: int, today: date, hints: _Hints, edits: int
) -> _Reading:
    """TD3 (width 44) and TD2 (width 36); ``lines[0]`` is empty when only line 2 was found."""
    l1, l2 = lines
    r = _Reading(edits)
    if l1:
        _read_header(r, l1, hints)
    else:
        r.doc_type = "passport"
    principal = l2[0:9]
    optional = l2[28:42] if width == 44 else l2[28:35]
    if width == 36 and l2[9] == "<" and optional[:1] not in ("", "<"):
        number, optional = _read_overflow(r, principal, optional)
        digit = "<"
    else:
        digit, digit_ok = r.fix(l2[9], _DIGIT)
        principal = _repair_number(r, principal, digit, digit_ok, hints)
        r.check("document number", principal, True, digit, digit_ok)
        number = principal
    r.nationality, _ = r.fix(l2[10:13], _ALPHA)
    birth, birth_ok = r.fix(l2[13:19], _DIGIT_OR_FILLER)
    birth_cd, birth_cd_ok = r.fix(l2[19], _DIGIT)
    r.sex = l2[20]
    expiry, expiry_ok = r.fix(l2[21:27], _DIGIT)
    expiry_cd, expiry_cd_ok = r.fix(l2[27], _DIGIT)
    if width == 44:
        optional_cd, optional_cd_ok = r.fix(l2[42], _DIGIT_OR_FILLER)
        if optional_cd == "<":  # allowed only when there are no optional data
            if optional.strip("<"):
                r.failures.append("check digit: optional data")
        else:
            r.check("optional data", optional, True, optional_cd, optional_cd_ok)
        tail, end = optional + optional_cd, 43
    else:
        tail, end = optional, 35
    composite, composite_ok = r.fix(l2[width - 1], _DIGIT)

    def data_with(birth: str) -> str:
        line = principal + digit + r.nationality + birth + birth_cd + r.sex + expiry
        line += expiry_cd + tail
        return line[0:10] + line[13:20] + line[21:end]

    def passes(b: str) -> bool:
        return composite_ok and check_digit(data_with(b)) == composite

    birth = _repair_birth(r, birth, birth_ok, birth_cd, birth_cd_ok, passes, hints.dates)
    r.check("birth date", birth, birth_ok, birth_cd, birth_cd_ok)
    r.check("expiry date", expiry, expiry_ok, expiry_cd, expiry_cd_ok)
    r.check("composite", data_with(birth), True, composite, composite_ok)
    return _finish(r, number, expiry, expiry_ok, today)


# --- finding zones ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    name: str
    width: int
    first_letters: str  # allowed first characters of line 1 (the document code)
    header_free: bool  # line 1 beyond the first five characters is a name: not read
    late_from: tuple[int, int]  # per line: where the number, expiry and their digits end


_TD1 = _Format("TD1", 30, "IAC", False, (15, 15))
_TD2 = _Format("TD2", 36, "IACP", True, (0, 28))
_TD3 = _Format("TD3", 44, "P", True, (0, 28))
_FORMATS = (_TD3, _TD1, _TD2)

Position = tuple[int, ...]


@dataclass(frozen=True)
class _Segment:
    """A candidate MRZ line: pieces start..end of the zone-like text, joined or split."""

    start: Position
    end: Position
    text: str


def _pieces(text: str) -> list[str | None]:
    """Runs of zone characters from zone-like lines; None where prose breaks them."""
    out: list[str | None] = []
    for line in text.splitlines():
        s = _normalise(line)
        if not s:
            continue  # blank lines do not break a zone
        if _zone_like(s):
            out.extend(_PIECE.findall(s))
        elif out and out[-1] is not None:
            out.append(None)
    return out


def _segments(pieces: list[str | None], width: int) -> list[_Segment]:
    low, high = width - _SLACK, width + _SLACK
    seen: set[_Segment] = set()
    out: list[_Segment] = []

    def add(seg: _Segment) -> None:
        if seg not in seen:
            seen.add(seg)
            out.append(seg)

    for i, piece in enumerate(pieces):
        if piece is None:
            continue
        # lines run together: split at the width
        for v, variant in enumerate(_guillemets(piece)):
            n, rest = divmod(len(variant), width)
            if 2 <= n <= _MAX_LINES_JOINED and rest == 0:
                for c in range(n):
                    start = (i, 0) if c == 0 else (i, c, width, v)
                    end = (i + 1, 0) if c == n - 1 else (i, c + 1, width, v)
                    add(_Segment(start, end, variant[c * width : (c + 1) * width]))
        # a line as it stands, or split by the OCR: join consecutive pieces
        joined, shortest, longest = "", 0, 0  # lengths with every '«' read as '<', '<<'
        for j in range(i, min(i + _MAX_PIECES_JOINED, len(pieces))):
            part = pieces[j]
            if part is None:
                break
            joined += part
            shortest += len(part)
            longest += len(part) + part.count("«")
            if shortest > high:
                break
            if longest < low:
                continue
            for variant in _guillemets(joined, width):
                if low <= len(variant) <= high:
                    add(_Segment((i, 0), (j + 1, 0), variant))
    return out


class _Fit(NamedTuple):
    """A line brought to the zone width."""

    text: str
    edits: int  # characters put in or taken out
    early: bool  # changed before the end of the number, the expiry and their check digits
    loose: bool  # a filler put between two other characters, or a filler run removed


def _refits(line: str, width: int, free_tail: bool, late_from: int) -> list[_Fit]:
    """Readings of a line at the right width.

    A line too short gets fillers inserted at every possible place, a line too long loses
    fillers at every possible place, so the true reading is among them when the OCR only
    miscounted fillers, and an ambiguity shows. Only readings that grow or shrink a
    filler run after ``late_from`` (past the number, the expiry and their check digits)
    can be trusted: elsewhere a lost or extra character would be re-aligned and then be
    guarded by a single check digit (the composite repeats the number's weights).
    """
    d = width - len(line)
    if d == 0:
        return [_Fit(line, 0, False, False)]
    if free_tail:  # a name line: only the document code and the state are read
        out = [_Fit(line + "<" * d if d > 0 else line[:width], abs(d), False, False)]
        if d == 1 and line[1:2] != "<":  # or the filler after a one-letter document code
            out.append(_Fit(line[:1] + "<" + line[1:], 1, False, False))
        return out
    loose_of: dict[str, bool] = {}
    if d > 0:
        for combo in combinations_with_replacement(range(len(line) + 1), d):
            text = line
            for pos in reversed(combo):
                text = text[:pos] + "<" + text[pos:]
            loose = any("<" not in line[max(pos - 1, 0) : pos + 1] for pos in combo)
            loose_of[text] = loose_of.get(text, True) and loose
    else:
        run_length = {}
        for m in re.finditer(r"<+", line):
            for i in range(m.start(), m.end()):
                run_length[i] = (m.start(), m.end() - m.start())
        for combo in combinations(run_length, -d):
            taken: dict[int, int] = {}
            for i in combo:
                taken[run_length[i][0]] = taken.get(run_length[i][0], 0) + 1
            loose = any(n >= run_length[start][1] for start, n in taken.items())
            text = "".join(ch for i, ch in enumerate(line) if i not in combo)
            loose_of[text] = loose_of.get(text, True) and loose
    head = line[:late_from]
    return [
        _Fit(text, abs(d), text[:late_from] != head, loose)
        for text, loose in sorted(loose_of.items())
    ]


def _header_ok(line: str, fmt: _Format) -> bool:
    if not line or _CODE_FIRST.get(line[0], line[0]) not in fmt.first_letters:
        return False
    head = line[1:5]
    return all(ch in _LETTERS or ch == "<" or ch in _TO_LETTER for ch in head)


@dataclass
class _Zone:
    start: Position
    readings: list[_Reading]
    incomplete: bool = False  # not every reading could be tried


def _read_window(
    fmt: _Format, lines: tuple[str, ...], today: date, hints: _Hints, budget: list[int]
) -> tuple[list[_Reading], bool]:
    """The plausible readings of a window of lines, and whether some were not tried."""
    options = []
    for k, line in enumerate(lines):
        if not line:  # TD3 line 2 on its own
            options.append([_Fit("", 0, False, False)])
            continue
        free_tail = k == 0 and fmt.header_free
        options.append(_refits(line, fmt.width, free_tail, fmt.late_from[k]))
    total = 1
    for option in options:
        total *= len(option)
    limit = min(_MAX_READINGS_PER_WINDOW, budget[0])
    readings = []
    for combo in islice(product(*options), limit):
        budget[0] -= 1
        fitted = tuple(fit.text for fit in combo)
        if fitted[0] and not _header_ok(fitted[0], fmt):
            continue
        edits = sum(fit.edits for fit in combo)
        if fmt is _TD1:
            r = _read_td1(fitted, today, hints, edits)
        else:
            r = _read_two_line(fitted, fmt.width, today, hints, edits)
        r.early = any(fit.early for fit in combo)
        r.loose = any(fit.loose for fit in combo)
        # too many unreadable positions, or hardly a check digit passing: not a zone
        if r.doc_type is not None and r.bad <= _MAX_BAD_CHARACTERS and r.passed >= 2:
            readings.append(r)
    return readings, total > limit


def _windows(pieces: list[str | None]) -> dict[tuple[Position, int], list[tuple[str, ...]]]:
    """Candidate zones: (start, format index) -> the line windows that may read it. A
    passport's line 2 without a line 1 before it is a window with an empty line 1."""
    windows: dict[tuple[Position, int], list[tuple[str, ...]]] = {}
    for f, fmt in enumerate(_FORMATS):
        segments = _segments(pieces, fmt.width)
        by_start: dict[Position, list[_Segment]] = {}
        for seg in segments:
            by_start.setdefault(seg.start, []).append(seg)
        second_lines: set[Position] = set()
        for s1 in segments:
            if _header_ok(s1.text, fmt):
                for s2 in by_start.get(s1.end, ()):
                    second_lines.add(s2.start)
                    windows.setdefault((s1.start, f), []).append((s1.text, s2.text))
        if fmt is _TD3:
            for s2 in segments:
                if s2.start not in second_lines and (s2.start, f) not in windows:
                    windows.setdefault((s2.start, -1), []).append(("", s2.text))
    return windows


def _read_zone(
    fmt: _Format,
    windows: list[tuple[str, ...]],
    today: date,
    hints: _Hints,
    budget: list[int],
) -> _Zone:
    """Readings of one zone: first its lines as they stand; only when none of those passes
    every check digit, the refitted lines too (all of them, or the zone is incomplete)."""

    def as_is(window: tuple[str, ...]) -> bool:
        return all(
            not line or len(line) == fmt.width or (k == 0 and fmt.header_free)
            for k, line in enumerate(window)
        )

    zone = _Zone((), [])
    for window in sorted(windows, key=lambda w: not as_is(w)):
        if not as_is(window) and any(not r.failures for r in zone.readings):
            break
        readings, incomplete = _read_window(fmt, window, today, hints, budget)
        zone.readings.extend(readings)
        zone.incomplete |= incomplete
    return zone


def _zones(text: str, today: date, hints: _Hints) -> list[_Zone]:
    budget = [_MAX_READINGS]
    zones = []
    for (start, f), windows in sorted(_windows(_pieces(text)).items()):
        if budget[0] <= 0:
            break
        lone = f < 0  # line 2 of a passport whose line 1 was lost: only if it all checks
        zone = _read_zone(_TD3 if lone else _FORMATS[f], windows, today, hints, budget)
        zone.start = start
        if lone:
            zone.readings = [
                r
                for r in zone.readings
                if not r.failures
                and r.sex in ("M", "F", "X", "<")
                and all(ch in _LETTERS for ch in r.nationality)
            ]
        if zone.readings:
            zones.append(zone)
    return zones


class _Tokens:
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


def _printed_differently(number: str, tokens: _Tokens) -> bool:
    """Whether the text prints the number elsewhere with characters the check digit cannot
    tell apart (S and 8, G and 6, L and 1 ... weigh the same): then one of them is a misread."""
    if not number:
        return False
    for other in tokens.of_length(len(number)):
        if other != number and all(
            a == b or _VALUES[a] % 10 == _VALUES[b] % 10 for a, b in zip(number, other, strict=True)
        ):
            return True
    return False


def _judge(zone: _Zone, tokens: _Tokens) -> tuple[IdDocument, tuple[int, int]]:
    """The zone's document and a rank (lower is better) for choosing among untrusted ones."""
    passing = [r for r in zone.readings if not r.failures]
    if passing:
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
        elif _printed_differently(best.number, tokens):
            reasons = ("document number: printed differently elsewhere in the text",)
        rank = (len(reasons), best.edits)
    else:
        best = min(zone.readings, key=lambda r: (len(r.failures), r.bad, r.edits))
        reasons = tuple(dict.fromkeys(best.failures))
        rank = (len(reasons), best.edits)
    doc = IdDocument(
        document_type=best.doc_type or "passport",
        number=best.number,
        valid_until=best.expiry,
        issuing_state=best.state,
        trusted=not reasons,
        reasons=reasons,
    )
    return doc, rank


# --- Dutch driving licence ----------------------------------------------------------------

_LICENCE_WORDS = re.compile(
    r"r[i1l!|]jbew[i1l!|]js|driving\s*licen[cs]e|permis\s+de\s+conduire|f[üu]hrerschein",
    re.IGNORECASE,
)
_NL_HEADING = re.compile(r"k[o0]n[i1l]nkr[i1l]jk\s*der\s*neder\s*land", re.IGNORECASE)
_FIELD_4B = re.compile(
    r"(?<![\w.])4\s?b\s?[.,:]?\s*(\d{1,2})\s?[.\-/]\s?(\d{1,2})\s?[.\-/]\s?(\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
_LABEL_4B = re.compile(r"(?<![\w.])4\s?b\s?[.,:]", re.IGNORECASE)
_FIELD_5 = re.compile(r"(?<![\w.,])5\s?[.,:]\s*(\d(?:[ ]?\d){9})(?![ ]?\d)")
_LABEL_5 = re.compile(r"(?<![\w.,])5\s?[.,:]")
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


def _driving_licence(text: str, today: date) -> IdDocument | None:
    text = text[:_MAX_LICENCE_TEXT]
    has_labels = bool(_LABEL_4B.search(text)) and bool(_LABEL_5.search(text))
    looks_like = bool(_LICENCE_WORDS.search(text)) or (
        has_labels and (bool(_NL_HEADING.search(text)) or len(_OTHER_LABELS.findall(text)) >= 2)
    )
    if not looks_like:
        return None
    numbers = list(dict.fromkeys(m.group(1).replace(" ", "") for m in _FIELD_5.finditer(text)))
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
    )


# --- entry point ----------------------------------------------------------------------------

_RESIDENCE_WORDS = re.compile(
    r"verblijfs(?:document|vergunning|kaart)|vreemdelingendocument|residence\s*"
    r"(?:permit|document|card)|titre\s+de\s+s[ée]jour|aufenthalts(?:titel|karte|erlaubnis)",
    re.IGNORECASE,
)


def read_id_document(text: str, *, today: date | None = None) -> IdDocument | None:
    """Number and valid-until date of the identity document in ``text``, or None.

    The first zone whose check digits all pass wins; then a driving licence read
    unambiguously; otherwise the best untrusted reading, with its reasons (the caller
    sends it to review and must never store its number as fact).
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    today = today or date.today()
    hints = _Hints(
        bool(_RESIDENCE_WORDS.search(text)),
        _printed_dates(text),
        frozenset(re.findall(r"[A-Z0-9]{6,}", text.upper())),
    )
    tokens = _Tokens(text)
    best: tuple[IdDocument, tuple[int, int]] | None = None
    for zone in _zones(text, today, hints):
        doc, rank = _judge(zone, tokens)
        if doc.trusted:
            return doc
        if best is None or rank < best[1]:
            best = (doc, rank)
    licence = _driving_licence(text, today)
    if licence is not None and licence.trusted:
        return licence
    return best[0] if best is not None else licence
