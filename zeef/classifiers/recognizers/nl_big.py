"""Recognizer for BIG numbers (Beroepen in de Individuele Gezondheidszorg)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from ._context_before import ContextBeforeRecognizer

_CONTEXT_REGEX = re.compile(
    r"\bbig(?![a-z])|\bbig-?(?:nummer|nr|registratie|register|code)", re.IGNORECASE
)


class NlBigRecognizer(ContextBeforeRecognizer):
    """
    Recognizes BIG registration numbers of Dutch health professionals (NL_BIG).

    The BIG register (Wet op de beroepen in de individuele gezondheidszorg, Wet BIG,
    art. 3) lists doctors, nurses, psychologists, pharmacists and other regulated
    professions; the CIBG issues an 11-digit BIG number per registration, of which
    the last two digits give the profession (01 arts, 30 verpleegkundige, ...).

    Format: 11 digits, no check digit. A bare 11-digit number is weak evidence, so
    context decides: "BIG" (also BIG-nummer, BIG-registratie, BIG-register) within
    60 characters before the number, evaluated on the raw text by this recognizer.

    Scores: 0.85 with context, 0.1 without. Numbers of one repeated digit are
    rejected.

    Example: BIG-nummer 19012345601.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"
    CONTEXT_REGEX = _CONTEXT_REGEX

    PATTERNS = [
        Pattern("BIG-nummer (11 cijfers)", r"(?<![\w.,/+-])\d{11}(?!\w|[.,/-]\d)", 0.1),
    ]

    CONTEXT = ["big", "big-nummer", "big-registratie", "big-register"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_BIG",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            name=name,
        )

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """One repeated digit is a placeholder."""
        return len(set(pattern_text)) == 1
