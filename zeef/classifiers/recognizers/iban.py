"""Recognizer for International Bank Account Numbers (IBAN), every country."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import iban as stdnum_iban

from zeef.classifiers.recognizers._results import compiled, pattern_result

# Country code, check digits, then groups of four with an optional single space
# between them and a last group of one to three characters. Upper or lower case.
IBAN_REGEX_TEXT = (
    r"\b[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)
# Compiled once; also used by the phone recognizer to skip digits inside an IBAN.
IBAN_REGEX = re.compile(IBAN_REGEX_TEXT)

_MIN_IBAN_LENGTH = 15  # Norway

# A Dutch IBAN as OCR misreads it on a scan or photo: letters in the digit places (O
# for 0, I or l for 1, S for 5, B for 8, Z for 2, G for 6) and digits in the bank code
# (0 for O, 1 for I, 5 for S, 8 for B). Read back into digits and letters, it must still
# pass mod 97 and the Dutch structure, so a word that merely looks like one is not taken.
_OCR_DIGIT = "0-9OoIlSBZG"
_OCR_NL_IBAN = re.compile(
    rf"\b[Nn][Ll][{_OCR_DIGIT}]{{2}}[ ]?[A-Za-z0158]{{4}}"
    rf"(?:[ ]?[{_OCR_DIGIT}]{{4}}){{2}}[ ]?[{_OCR_DIGIT}]{{2}}(?![A-Za-z0-9])"
)
_TO_DIGIT = str.maketrans("OoIlSBZG", "00115826")
_TO_LETTER = str.maketrans("0158", "OISB")


def ocr_read_back(candidate: str) -> str:
    """A Dutch IBAN as OCR read it, with digits and letters put back where they belong
    (also used by roles.py to know the subject's own IBAN on a scan)."""
    compact = candidate.replace(" ", "")
    return (
        compact[:2].upper()
        + compact[2:4].translate(_TO_DIGIT)
        + compact[4:8].translate(_TO_LETTER).upper()
        + compact[8:].translate(_TO_DIGIT)
    )


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
    worse than a redacted random string that passes mod 97. A candidate that fails is
    retried without its trailing groups (so "BE68 5390 0754 7034 en" yields the
    Belgian IBAN), and dropped when no prefix is valid.

    OCR: a Dutch IBAN read from a scan with look-alike characters (NL9O RABO 0l23 ...)
    is found when, read back into digits and letters, it passes the same check.

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
        """Find IBAN candidates, trying shorter prefixes when the whole one is invalid."""
        flags = regex_flags if regex_flags else self.global_regex_flags
        results = []
        for pattern in self.patterns:
            for match in compiled(pattern, flags).finditer(text):
                start = match.start()
                candidate = match.group()
                # The whole match first, then each prefix ending before a space.
                ends = [len(candidate)] + [
                    i for i in range(len(candidate) - 1, 0, -1) if candidate[i] == " "
                ]
                for end in ends:
                    if end - candidate.count(" ", 0, end) < _MIN_IBAN_LENGTH:
                        break
                    if self.validate_result(candidate[:end]):
                        results.append(self._result(pattern, start, start + end))
                        break
            for match in _OCR_NL_IBAN.finditer(text):
                read_back = ocr_read_back(match.group())
                if read_back != match.group().replace(" ", "").upper() and self.validate_result(
                    read_back
                ):
                    results.append(self._result(pattern, match.start(), match.end()))
        return EntityRecognizer.remove_duplicates(results)

    def _result(self, pattern: Pattern, start: int, end: int) -> RecognizerResult:
        return pattern_result(
            self, pattern, start, end, EntityRecognizer.MAX_SCORE, True, pattern.score
        )
