"""Look-alike repairs of a zone whose check digit fails on one misread character.

Two repairs, each trusted only where the check digits and the rest of the text agree:

- the birth date: one digit a scan's noise turned into a look-alike (3 and 8, 5 and 6
  ...), the change that passes the birth date's own and the composite check digit; when
  several do, the one printed in the visual zone;
- the document number: a letter read as a digit or the other way round (I and 1, O and
  0 ...), the change that passes the check digit and is printed as such in the visual
  zone.

Each returns the repaired field, or the field itself when no single repair is certain.
"""

from __future__ import annotations

from collections.abc import Callable

from zeef.classifiers.id_document.check_digits import check_digit

# Digits a scan's noise turns into one another (round shapes, a broken stroke).
_DIGIT_LOOKALIKES = {"0": "86", "1": "7", "3": "8", "5": "6", "6": "58", "7": "1",
                     "8": "3609", "9": "8"}  # fmt: skip


def repair_birth(
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
    kept, and the number and expiry must still pass their own check digits. Returns the
    repaired birth date, or `birth` itself."""
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
        return candidates.pop()
    return birth


# Letters and digits a scan turns into one another in a field that holds both.
# (a T in a monospace font small on a scan reads as a 1: its bar as the 1's flag)
_ALNUM_LOOKALIKES = {"I": "1", "1": "IT", "T": "1", "O": "0", "0": "O", "S": "5", "5": "S",
                     "Z": "2", "2": "Z", "B": "8", "8": "B", "G": "6", "6": "G"}  # fmt: skip


def repair_number(number: str, digit: str, digit_ok: bool, printed: frozenset[str]) -> str:
    """A document number whose check digit fails after one letter was read as a digit or
    the other way round (I and 1, O and 0 ...): the one change that passes the check digit
    AND is printed as such elsewhere in the text (the visual zone), if exactly one is.
    The number is kept, so both must agree; the zone's composite check digit still has
    to pass too. `printed`: the text's words of letters and digits, upper case."""
    if not digit_ok or check_digit(number) == digit:
        return number
    candidates = {
        candidate
        for i, ch in enumerate(number)
        for other in _ALNUM_LOOKALIKES.get(ch, "")
        if check_digit(candidate := number[:i] + other + number[i + 1 :]) == digit
        and candidate.rstrip("<") in printed
    }
    if len(candidates) == 1:
        return candidates.pop()
    return number
