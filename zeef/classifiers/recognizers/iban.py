"""Recognizer for International Bank Account Numbers (IBAN), every country."""

from __future__ import annotations

import functools

import regex as re
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import iban as stdnum_iban
from stdnum import numdb

from zeef.classifiers.recognizers._results import pattern_result

# Country code, check digits, then groups of four with an optional single space
# between them and a last group of one to three characters. Upper or lower case.
IBAN_REGEX_TEXT = (
    r"\b[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)
# Compiled once; also used by the phone recognizer to skip digits inside an IBAN.
IBAN_REGEX = re.compile(IBAN_REGEX_TEXT)

# Look-alike characters as OCR reads them on a scan or photo: letters in the places of
# digits (O or D for 0, I, l or | for 1, Z for 2, S for 5, G or b for 6, B for 8, g or q
# for 9) and digits in the places of letters (0 for O, 1 for I, 2 for Z, 5 for S, 6 for
# G, 8 for B). Which places hold digits and which letters is the country's BBAN
# structure (the SWIFT registry, via stdnum); read back, the number must still pass mod
# 97 and that structure, so a word that merely looks like an IBAN is not taken.
_TO_DIGIT = str.maketrans("OoDQIl|iZzSsGbBgq", "00001111225566899")
_TO_LETTER = str.maketrans("012568", "OIZSGB")
_DIGIT_LIKE = "0-9OoDQIl|iZzSsGbBgq"
# Where an IBAN may start: a country code (any case) and two check digits (or their
# look-alikes), not glued to a letter or digit before it.
_START = re.compile(rf"(?<![^\W_])[A-Za-z]{{2}}[{_DIGIT_LIKE}]{{2}}")
_IBAN_DB = numdb.get("iban")
_STRUCTURE = re.compile(r"([1-9][0-9]*)!([nac])")


@functools.cache
def _places(country: str) -> str | None:
    """The kind of each character after the check digits (n digit, a letter, c either)
    for a country code, or None for a country without IBAN."""
    info = _IBAN_DB.info(country)
    bban = info[0][1].get("bban") if info and len(info[0][0]) == 2 else None
    if not bban:
        return None
    return "".join(kind * int(count) for count, kind in _STRUCTURE.findall(bban))


def ocr_read_back(candidate: str) -> str:
    """An IBAN as written or as OCR read it (spaces anywhere, look-alike characters), with
    digits and letters put back where the country's structure has them: the compact form
    to validate (also used by roles.py to know the subject's own IBAN on a scan). Places
    that may hold either (a French account number) are taken as written, or, when that
    does not pass mod 97, with look-alikes read as digits. A candidate of no known
    country or of the wrong length comes back compact, upper case."""
    compact = "".join(candidate.split())
    places = _places(compact[:2].upper())
    if places is None or len(compact) != 4 + len(places):
        return compact.upper()
    head = compact[:2].translate(_TO_LETTER).upper() + compact[2:4].translate(_TO_DIGIT)
    readings = []
    for either in (str.upper, lambda c: c.translate(_TO_DIGIT).upper()):
        out = [head]
        for char, kind in zip(compact[4:], places, strict=True):
            if kind == "n":
                out.append(char.translate(_TO_DIGIT))
            elif kind == "a":
                out.append(char.translate(_TO_LETTER).upper())
            else:
                out.append(either(char))
        readings.append("".join(out))
        if "c" not in places or stdnum_iban.is_valid(readings[-1], check_country=False):
            return readings[-1]
    return readings[0]


def _is_char(char: str) -> bool:
    return (char.isascii() and char.isalnum()) or char == "|"


def _span_end(text: str, start: int, length: int) -> int | None:
    """Where an IBAN of `length` characters (white space not counted) that starts at
    `start` ends: its characters may be separated by single spaces (groups of four, or
    as OCR spaced them) or one line break (a wrapped line). None when the text holds
    fewer before something else, or goes on glued to it (a longer number)."""
    count, i, n = 0, start, len(text)
    while count < length:
        if i >= n:
            return None
        char = text[i]
        if _is_char(char):
            count += 1
            i += 1
        elif char in " \n" and count >= 4 and i + 1 < n and _is_char(text[i + 1]):
            i += 1
        else:
            return None
    if i < n and text[i].isalnum():
        return None
    return i


def _plausible(candidate: str, places: str) -> bool:
    """OCR misreads a few characters, not most: more true digits than look-alikes in the
    places of digits (a run of ordinary words never passes for an account number)."""
    compact = "".join(candidate.split())
    digits = [c for c, kind in zip(compact[2:], "nn" + places, strict=True) if kind == "n"]
    real = sum(c.isdigit() for c in digits)
    return real > len(digits) - real


def find_ibans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every valid IBAN in `text`, as written or as OCR read it."""
    found: list[tuple[int, int]] = []
    pos = 0
    while (match := _START.search(text, pos)) is not None:
        start = match.start()
        pos = start + 1
        places = _places(text[start : start + 2].upper())
        if places is None:
            continue
        end = _span_end(text, start, 4 + len(places))
        if end is None:
            continue
        if _plausible(text[start:end], places) and stdnum_iban.is_valid(
            ocr_read_back(text[start:end]), check_country=False
        ):
            found.append((start, end))
            pos = end
    return found


class IbanRecognizer(PatternRecognizer):
    """
    Recognizes International Bank Account Numbers (IBAN, ISO 13616) of every country.

    Presidio's own ``IbanRecognizer`` is registered for English only; this one is
    registered for Dutch and validates with python-stdnum.

    Format: two-letter country code, two check digits and a country-specific BBAN of
    up to 30 characters (Dutch: 4-letter bank code and 10 digits, 18 characters in
    all). Written as one block or in groups of four separated by spaces, in upper or
    lower case: NL91ABNA0417164300, NL91 ABNA 0417 1643 00, nl91abna0417164300.

    Check: ISO 7064 mod 97-10 plus the country's BBAN structure (SWIFT registry), via
    ``stdnum.iban``. stdnum's extra per-country checks are not applied: the Belgian
    one rejects bank codes missing from its (dated) bank list, and a missed IBAN is
    worse than a redacted random string that passes mod 97. The country code gives the
    length, so a number is taken exactly that long ("BE68 5390 0754 7034 en" yields the
    Belgian IBAN) and dropped when it goes on glued to more characters.

    OCR: spaces anywhere between its characters (not only between groups of four) or
    one line break (a wrapped line), and look-alike characters (NL9O RABO 0l23 ...,
    A8NA for ABNA) in any country's IBAN: found when, read back into digits and letters
    where the country's structure has them, it passes the same check, and more of its
    digit places hold digits than look-alikes.

    Scores: a valid IBAN scores 1.0; an invalid one is not reported.

    Example: NL91ABNA0417164300.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    PATTERNS = [Pattern("IBAN (alle landen)", IBAN_REGEX_TEXT, 0.5)]

    CONTEXT = [
        "iban",
        "rekeningnummer",
        "bankrekening",
        "bankrekeningnummer",
        "bank",
        "rekeninghouder",
        "tenaamstelling",
        "overmaken",
        "storten",
        "betaalrekening",
        "spaarrekening",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "IBAN_CODE",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=re.DOTALL | re.MULTILINE,
            name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Check digits (mod 97) and BBAN structure via ``stdnum.iban``."""
        return stdnum_iban.is_valid(pattern_text, check_country=False)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Every IBAN, as written or as OCR read it (`find_ibans`)."""
        pattern = self.patterns[0]
        results = [self._result(pattern, start, end) for start, end in find_ibans(text)]
        return EntityRecognizer.remove_duplicates(results)

    def _result(self, pattern: Pattern, start: int, end: int) -> RecognizerResult:
        return pattern_result(
            self, pattern, start, end, EntityRecognizer.MAX_SCORE, True, pattern.score
        )
