"""Reading the fields of one machine-readable zone (ICAO Doc 9303) and checking them.

Layouts: TD3 (passports, 2 lines of 44), TD1 (identity cards and residence documents,
3 lines of 30, of which the first two are read) and TD2 (2 lines of 36).

In fields that must be digits (dates, check digits) the classic confusions O/Q/D→0,
I/L→1, Z→2, S→5, G→6, B→8 are undone, in country codes and the document code 0→O, 1→I,
2→Z, 5→S, 6→G, 8→B, and a document code starting with 1, L or T is read as I. Each confusion
has one correction, so a reading is corrected in one way only, and the check digits then
decide. The document number and the optional data are never changed here: a misread there
fails its check digit and the zone goes to review, unless one of the look-alike repairs
(`repairs.py`, guarded by the visual zone) settles it. The issuing state and nationality
are not covered by any check digit.

A `Reading` records its failures by field name only, never the characters read. It
also carries, transiently, the holder's name field and birth date (the latter only when
its check digit passes) for `zeef.classifiers.id_holder`; nothing here logs them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from zeef.classifiers.id_document.check_digits import DIGITS, LETTERS, check_digit
from zeef.classifiers.id_document.document import Holder
from zeef.classifiers.id_document.repairs import repair_birth, repair_number
from zeef.classifiers.id_document.visual_zone import Hints

_TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6",
             "B": "8"}  # fmt: skip
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}
# No document code starts with 1, L or T: an I read as 1, l or (a serif I) T.
CODE_FIRST = {"1": "I", "L": "I", "T": "I"}
MAX_BAD_CHARACTERS = 2  # more unreadable digit/letter positions: not a zone at all

_DIGIT, _DIGIT_OR_FILLER, _ALPHA = "digit", "digit<", "alpha"


class Reading:
    """One reading of a zone: corrected fields, failures (field names only) and edits."""

    __slots__ = ("edits", "early", "loose", "bad", "passed", "failures", "doc_type",
                 "number", "expiry", "state", "nationality", "sex", "name",
                 "birth")  # fmt: skip

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
        self.name = ""  # the zone's name field (TD3/TD2 line 1), as read; never logged
        self.birth: str | None = None  # YYMMDD, only when its check digit passes

    def fix(self, s: str, kind: str) -> tuple[str, bool]:
        """Undo OCR confusions in a digit or letter field; False if something is left."""
        if kind == _ALPHA:
            allowed, table = LETTERS + "<", TO_LETTER
        else:
            allowed, table = (DIGITS if kind == _DIGIT else DIGITS + "<"), _TO_DIGIT
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
    if len(yymmdd) != 6 or any(ch not in DIGITS for ch in yymmdd):
        return None
    base = today.year - 50
    year = base + (int(yymmdd[:2]) - base) % 100
    try:
        return date(year, int(yymmdd[2:4]), int(yymmdd[4:6])).isoformat()
    except ValueError:
        return None


def holder_of(name: str, birth: str | None) -> Holder:
    """The holder as a zone's name field gives it: the primary identifier (surname)
    before the first '<<', the secondary (given names) after it, with the classic digit
    confusions read as letters (0→O, 1→I ...). A character that is no letter even then
    stays, so that its word cannot match a name. A name with no '<' between its words
    had its fillers misread (the first OCR reading often reads '<' as a letter): not
    read at all. Not covered by any check digit."""
    name = "".join(TO_LETTER.get(ch, ch) for ch in name.upper()).strip("<")
    if "<" not in name:
        return Holder(birth=birth)
    surname, _, given = name.partition("<<")
    return Holder(surname=surname.strip("<"), given=given.strip("<"), birth=birth)


def _known_date(yymmdd: str) -> str | None:
    """A birth date whose check digit passed as read (not repaired: a repair may pick a
    look-alike of a wrong digit), if it is a whole date (ICAO allows '<' for an unknown
    day or month)."""
    return yymmdd if len(yymmdd) == 6 and all(ch in DIGITS for ch in yymmdd) else None


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


def _read_header(r: Reading, line1: str, hints: Hints) -> str:
    first = CODE_FIRST.get(line1[0], line1[0])
    r.edits += first != line1[0]
    code, _ = r.fix(first + line1[1], _ALPHA)
    state, state_ok = r.fix(line1[2:5], _ALPHA)
    r.state = (state.replace("<", "") or None) if state_ok else None
    if not any(ch in LETTERS for ch in line1[2:5]):
        r.bad += MAX_BAD_CHARACTERS + 1  # no state is written without a letter
    r.doc_type = _document_type(code, hints.residence)
    return code + state


def _finish(r: Reading, number: str, expiry: str, expiry_ok: bool, today: date) -> Reading:
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


def _read_overflow(r: Reading, principal: str, optional: str) -> tuple[str, str]:
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


# A field as read: its value, whether it read cleanly, its check digit, whether that did.
Field = tuple[str, bool, str, bool]


def _check_dates(
    r: Reading,
    hints: Hints,
    birth: Field,
    expiry: Field,
    composite: tuple[str, bool],
    data_with: Callable[[str], str],
    number: str,
    today: date,
) -> Reading:
    """The end of every zone's reading: the birth date (repaired when one look-alike
    change passes both its check digit and the composite), the expiry date and the
    composite check digit over `data_with(birth)`."""
    value, value_ok, digit, digit_ok = birth
    total, total_ok = composite

    def passes(b: str) -> bool:
        return total_ok and check_digit(data_with(b)) == total

    repaired = repair_birth(value, value_ok, digit, digit_ok, passes, hints.dates)
    r.edits += repaired != value
    if r.check("birth date", repaired, value_ok, digit, digit_ok) and repaired == value:
        r.birth = _known_date(repaired)  # a repaired birth date never says whose it is
    r.check("expiry date", *expiry)
    if _composite_lost(total, number, expiry[0], hints):
        r.edits += 1  # ranks after a reading that has its composite
    else:
        r.check("composite", data_with(repaired), True, total, total_ok)
    return _finish(r, number, expiry[0], expiry[1], today)


def _composite_lost(total: str, number: str, expiry: str, hints: Hints) -> bool:
    """The composite check digit read as a filler: OCR drops a thin 1 at the end of a
    long run of '<'. It guards the number and the expiry date (and optional data that
    is not kept) against misreadings their own check digits miss; the visual zone
    printing both exactly as read does that instead. Their own check digits must still
    pass."""
    return total == "<" and number.rstrip("<") in hints.words and expiry in hints.dates


def read_td1(lines: tuple[str, ...], today: date, hints: Hints, edits: int) -> Reading:
    l1, l2 = lines[0], lines[1]
    r = Reading(edits)
    head = _read_header(r, l1, hints)
    principal, optional = l1[5:14], l1[15:30]
    if l1[14] == "<" and optional[:1] not in ("", "<"):
        number, optional = _read_overflow(r, principal, optional)
        digit = "<"
    else:
        digit, digit_ok = r.fix(l1[14], _DIGIT)
        repaired = repair_number(principal, digit, digit_ok, hints.words)
        r.edits += repaired != principal
        principal = repaired
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

    return _check_dates(
        r,
        hints,
        (birth, birth_ok, birth_cd, birth_cd_ok),
        (expiry, expiry_ok, expiry_cd, expiry_cd_ok),
        (composite, composite_ok),
        data_with,
        number,
        today,
    )


def read_two_line(
    lines: tuple[str, ...], width: int, today: date, hints: Hints, edits: int
) -> Reading:
    """TD3 (width 44) and TD2 (width 36); ``lines[0]`` is empty when only line 2 was found."""
    l1, l2 = lines
    r = Reading(edits)
    if l1:
        _read_header(r, l1, hints)
        r.name = l1[5:width]
    else:
        r.doc_type = "passport"
    principal = l2[0:9]
    optional = l2[28:42] if width == 44 else l2[28:35]
    if width == 36 and l2[9] == "<" and optional[:1] not in ("", "<"):
        number, optional = _read_overflow(r, principal, optional)
        digit = "<"
    else:
        digit, digit_ok = r.fix(l2[9], _DIGIT)
        repaired = repair_number(principal, digit, digit_ok, hints.words)
        r.edits += repaired != principal
        principal = repaired
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

    return _check_dates(
        r,
        hints,
        (birth, birth_ok, birth_cd, birth_cd_ok),
        (expiry, expiry_ok, expiry_cd, expiry_cd_ok),
        (composite, composite_ok),
        data_with,
        number,
        today,
    )
