"""Finding machine-readable zones in OCR'd or typed text, and all their plausible readings.

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

The work is bounded: at most 2,500 readings per window of lines and 25,000 per text.

A TD1 zone's third line (the holder's name) is not checked by any check digit and is not
read for the number; it travels with the window as read, after the two lines that are,
so that the reading can say whose document it is (`zeef.classifiers.id_holder`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations, combinations_with_replacement, islice, product
from typing import NamedTuple

from zeef.classifiers.id_document.check_digits import DIGITS, LETTERS
from zeef.classifiers.id_document.fields import (
    CODE_FIRST,
    MAX_BAD_CHARACTERS,
    TO_LETTER,
    Reading,
    read_td1,
    read_two_line,
)
from zeef.classifiers.id_document.visual_zone import Hints

_FILLER_LOOKALIKES = str.maketrans(dict.fromkeys("({[‹＜〈⟨", "<"))
_WHITESPACE = re.compile(r"\s+")
_K_IN_RUN = re.compile(r"[<«][<«K]*[<«]")
_K_AT_END = re.compile(r"[<«][<«K]*$")
_PIECE = re.compile(r"[A-Z0-9<«]+")
_NOT_ZONE = re.compile(r"[^A-Z0-9<«]+")
_DROP_DIGITS = str.maketrans("", "", DIGITS)

_MAX_PIECES_JOINED = 4  # an OCR'd MRZ line split in at most four pieces
_MAX_LINES_JOINED = 4  # at most four MRZ lines run together on one OCR line
_SLACK = 2  # a line this many characters too short or too long is refitted
_MAX_READINGS_PER_WINDOW = 2_500  # more: the zone is not trusted (too many readings)
_MAX_READINGS = 25_000  # per text: bounds the work on hostile input (about a second)


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
    if not line or CODE_FIRST.get(line[0], line[0]) not in fmt.first_letters:
        return False
    head = line[1:5]
    return all(ch in LETTERS or ch == "<" or ch in TO_LETTER for ch in head)


@dataclass
class Zone:
    start: Position
    readings: list[Reading]
    incomplete: bool = False  # not every reading could be tried


def _read_window(
    fmt: _Format, lines: tuple[str, ...], today: date, hints: Hints, budget: list[int]
) -> tuple[list[Reading], bool]:
    """The plausible readings of a window of lines, and whether some were not tried.
    A TD1 window's third item is its name line, as read (not refitted, not checked)."""
    name = lines[2] if len(lines) > 2 else ""
    lines = lines[:2]
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
            r = read_td1(fitted, today, hints, edits)
        else:
            r = read_two_line(fitted, fmt.width, today, hints, edits)
        if fmt is _TD1:
            r.name = name
        r.early = any(fit.early for fit in combo)
        r.loose = any(fit.loose for fit in combo)
        # too many unreadable positions, or hardly a check digit passing: not a zone
        if r.doc_type is not None and r.bad <= MAX_BAD_CHARACTERS and r.passed >= 2:
            readings.append(r)
    return readings, total > limit


def _name_line(pieces: list[str | None], end: Position, width: int) -> str:
    """The text right after a TD1 zone's second line (its third line: the name), as read;
    empty when prose or the end of the text follows."""
    if len(end) == 4:  # lines run together: the next chunk of the same piece
        i, c, _, v = end
        variant = _guillemets(pieces[i] or "")[v]
        return variant[c * width : (c + 1) * width]
    k = end[0]
    piece = pieces[k] if k < len(pieces) else None
    return (piece or "").replace("«", "<<")[:width]


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
                    window = (s1.text, s2.text)
                    if fmt is _TD1:
                        window += (_name_line(pieces, s2.end, fmt.width),)
                    windows.setdefault((s1.start, f), []).append(window)
        if fmt is _TD3:
            for s2 in segments:
                if s2.start not in second_lines and (s2.start, f) not in windows:
                    windows.setdefault((s2.start, -1), []).append(("", s2.text))
    return windows


def _read_zone(
    fmt: _Format,
    windows: list[tuple[str, ...]],
    today: date,
    hints: Hints,
    budget: list[int],
) -> Zone:
    """Readings of one zone: first its lines as they stand; only when none of those passes
    every check digit, the refitted lines too (all of them, or the zone is incomplete)."""

    def as_is(window: tuple[str, ...]) -> bool:
        return all(
            not line or len(line) == fmt.width or (k == 0 and fmt.header_free)
            for k, line in enumerate(window[:2])
        )

    zone = Zone((), [])
    for window in sorted(windows, key=lambda w: not as_is(w)):
        if not as_is(window) and any(not r.failures for r in zone.readings):
            break
        readings, incomplete = _read_window(fmt, window, today, hints, budget)
        zone.readings.extend(readings)
        zone.incomplete |= incomplete
    return zone


def find_zones(text: str, today: date, hints: Hints) -> list[Zone]:
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
                and all(ch in LETTERS for ch in r.nationality)
            ]
        if zone.readings:
            zones.append(zone)
    return zones
