"""Recognizer for Dutch telephone numbers (and international ones written with +)."""

from __future__ import annotations

import phonenumbers
import regex as re
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from zeef.classifiers.recognizers._results import compiled, pattern_result

from .iban import IBAN_REGEX

_SPACE = r"[ \t\u00a0]"
# One separator between digits: "-", ".", "/" (optionally surrounded by a space) or a
# single space. Exactly one way to match any separator, so no backtracking blow-up.
_SEP = rf"(?:{_SPACE}?[-./]{_SPACE}?|{_SPACE})"
_DIGIT = rf"(?:{_SEP}?\d)"
# Not glued to a word, a "+", an e-mail, a path, a longer number or a decimal.
# The leading lookahead lets the regex engine skip positions cheaply.
_BEFORE = r"(?=[0+(])(?<![\w+@/-])(?<!\d[.,])"
_AFTER = r"(?!\d|[.,/-]\d)"
_INTL = rf"(?:\+|00){_SPACE}?"

# "01-02-2020 10:00" has ten digits and starts with 0: not a phone number.
_DATE_LIKE = re.compile(r"\d{1,2}([-./])\d{1,2}\1(?:\d{4}|\d\d)(?![-./]?\d)")
_SEPARATOR_CHARS = frozenset(" \t\u00a0-./")
_MIN_DIGITS = 7
_MAX_RETRIES = 4
_IBAN_MAX_PRINTED_LENGTH = 42  # 34 characters and 8 spaces


def _inside_iban(text: str, position: int) -> bool:
    """Whether ``position`` lies inside an IBAN (digits of NL91 ABNA 0417 1643 00)."""
    window_start = max(0, position - _IBAN_MAX_PRINTED_LENGTH)
    window_end = position + _IBAN_MAX_PRINTED_LENGTH
    return any(
        m.start() <= position < m.end() for m in IBAN_REGEX.finditer(text, window_start, window_end)
    )


class NlPhoneRecognizer(PatternRecognizer):
    """
    Recognizes Dutch telephone numbers, validated with ``phonenumbers`` (region NL).

    Formats: a national number is a trunk 0 plus nine digits: mobile 06 (06-12345678,
    06 1234 5678, 0612345678), geographic with a 2- or 3-digit area code
    (020-1234567, 030 - 123 45 67, (020) 123 4567, (06) 12345678, 0909-123456), and 085/088/091
    numbers. Service numbers 0800/0900/0906/0909 have four or seven digits after the
    prefix (0800-1234, 0900-1234567). Internationally: +31 or 0031, with or without
    "(0)" (+31 6 12345678, +31 (0)20 123 4567). Foreign numbers are recognised when
    written with "+" and a country code (+32 470 12 34 56). Separators: spaces,
    hyphens, dots, slashes; never a line break.

    Check: the candidate must be a valid number for ``phonenumbers`` (right length
    for its number range). It is also rejected when it lies inside an IBAN or has
    the shape of a date ("01-02-2020 10"). BSNs, postcodes and amounts never match
    the patterns (no trunk 0 or "+", or the wrong number of digits).

    Scores: a valid number keeps its pattern score (0.7, foreign 0.6); a valid
    numbering plan is not a checksum, so context words raise it further.

    Example: 06-12345678, +31 (0)20 123 4567.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"

    PATTERNS = [
        Pattern(
            "NL nummer (0 + 9 cijfers)",
            rf"{_BEFORE}0[1-9]{_DIGIT}{{8}}{_AFTER}",
            0.7,
        ),
        Pattern(
            "NL nummer met netnummer tussen haakjes",
            rf"{_BEFORE}\(0[1-9]\d{{0,2}}\){_SEP}?\d{_DIGIT}{{5,7}}{_AFTER}",
            0.7,
        ),
        Pattern(
            "NL servicenummer (0800, 090x)",
            rf"{_BEFORE}0(?:800|90[069]){_DIGIT}{{4}}(?:{_DIGIT}{{3}})?{_AFTER}",
            0.7,
        ),
        Pattern(
            "NL nummer internationaal (+31, 0031)",
            rf"{_BEFORE}{_INTL}31{_SEP}?(?:\(0\){_SEP}?)?[1-9]{_DIGIT}{{6,9}}{_AFTER}",
            0.7,
        ),
        Pattern(
            "Buitenlands nummer (+landcode)",
            rf"{_BEFORE}\+{_SPACE}?(?!31)[1-9]{_DIGIT}{{6,14}}{_AFTER}",
            0.6,
        ),
    ]

    # Presidio matches context words as substrings of nearby lemmas, so no short ones
    # ("tel" would match "stellen", "bel" "belangrijk").
    CONTEXT = [
        "telefoon",
        "telefonisch",
        "telnr",
        "mobiel",
        "gsm",
        "bellen",
        "gebeld",
        "whatsapp",
        "sms",
        "fax",
        "bereikbaar",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "PHONE_NUMBER",
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
        """Valid per ``phonenumbers`` (region NL): full score; possible: pattern score."""
        if _DATE_LIKE.match(pattern_text):
            return False
        try:
            number = phonenumbers.parse(pattern_text, "NL")
        except phonenumbers.NumberParseException:
            return False
        if phonenumbers.is_valid_number(number):
            return True
        # A number of the right length in a range not (yet) allocated, as people mistype
        # or invent them ("06-00 12 34 56"): still a phone number to protect, at the
        # pattern's own score.
        return None if phonenumbers.is_possible_number(number) else False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find and validate candidates; shorten a candidate at a separator if needed."""
        flags = regex_flags if regex_flags else self.global_regex_flags
        results = []
        for pattern in self.patterns:
            for match in compiled(pattern, flags).finditer(text):
                start = match.start()
                if _inside_iban(text, start):
                    continue
                found = self._valid_end(match.group())
                if found is not None:
                    end, in_use = found
                    result = self._result(pattern, start, start + end)
                    if in_use:
                        result.score = max(result.score, 0.85)  # a number in use
                    results.append(result)
        return EntityRecognizer.remove_duplicates(results)

    def _valid_end(self, candidate: str) -> tuple[int, bool] | None:
        """Length of the longest valid (or possible) prefix that ends before a separator,
        if any, and whether it is a number in use (valid, not just possible)."""
        ends = [len(candidate)]
        for i in range(len(candidate) - 1, 0, -1):
            if len(ends) > _MAX_RETRIES:
                break
            if candidate[i] in _SEPARATOR_CHARS and candidate[i - 1].isdigit():
                ends.append(i)
        for end in ends:
            prefix = candidate[:end]
            if sum(c.isdigit() for c in prefix) < _MIN_DIGITS:
                break
            verdict = self.validate_result(prefix)
            if verdict is not False:  # valid, or possible
                return end, bool(verdict)
        return None

    def _result(self, pattern: Pattern, start: int, end: int) -> RecognizerResult:
        return pattern_result(self, pattern, start, end, pattern.score, validated=True)
