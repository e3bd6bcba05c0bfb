"""Recognizer for the Dutch citizen service number (burgerservicenummer, BSN)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer
from stdnum.nl import bsn as stdnum_bsn

# Not glued to a word, a longer number or an amount ("€ 123.456.789", "123.456.789,00").
_BEFORE = r"(?=\d)(?<![\w.,/€-])(?<!(?:€|eur|euro)[ \u00a0])"
_AFTER = r"(?!\w|[.,/-]\d|,-)"
_NON_DIGITS = re.compile(r"\D")


class NlBsnRecognizer(PatternRecognizer):
    """
    Recognizes the Dutch citizen service number (burgerservicenummer, BSN).

    Every resident of the Netherlands has a BSN, issued by the Basisregistratie
    Personen. It replaced the sofinummer in 2007 (same number). Municipalities may
    process it only on a legal basis: Wet algemene bepalingen burgerservicenummer
    (Wabb), Participatiewet art. 64, AVG art. 87 (national identification number).

    Format: 9 digits, written as one block (123456782) or grouped with dots or
    spaces (123.456.782, 1234.56.782, 1234 56 782). Numbers issued with a leading
    zero are sometimes written with 8 digits (12345672 = 012345672).

    Check: the 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11
    (via ``stdnum.nl.bsn``). A number failing it is not a BSN and is dropped.

    Scores: a 9-digit number passing the 11-proef scores 1.0. An 8-digit number
    keeps the pattern score (0.4) even when it passes, because one in eleven of all
    8-digit numbers (KvK numbers, AGB codes, dates written as 12031984) does; the
    context words raise it.

    Example: 111222333, 123.456.782.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"

    PATTERNS = [
        Pattern(
            "BSN (8 of 9 cijfers, ook gegroepeerd)",
            rf"{_BEFORE}(?:\d{{8,9}}|\d{{3}}(?P<s1>[. ])\d{{3}}(?P=s1)\d{{3}}"
            rf"|\d{{4}}(?P<s2>[. ])\d{{2}}(?P=s2)\d{{3}}){_AFTER}",
            0.4,
        ),
    ]

    CONTEXT = [
        "bsn",
        "burgerservicenummer",
        "burgerservice",
        "sofinummer",
        "sofi-nummer",
        "persoonsnummer",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_BSN",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """
        Apply the 11-proef.

        :return: False if the number fails it, True for a 9-digit number that passes,
            None (keep the pattern score) for an 8-digit number that passes.
        """
        digits = _NON_DIGITS.sub("", pattern_text)
        if not stdnum_bsn.is_valid(digits):
            return False
        return True if len(digits) == 9 else None

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """Reject placeholders such as 111111110 and 999999990 (first 8 digits equal)."""
        digits = _NON_DIGITS.sub("", pattern_text).zfill(9)
        return len(set(digits[:8])) == 1
