"""Recognizer for AGB codes (Algemeen GegevensBeheer zorgverleners, Vektis)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from ._context_before import ContextBeforeRecognizer

_CONTEXT_REGEX = re.compile(
    r"\b(?:agb|zorgverlenerscode|zorgverlenercode|zorgaanbiederscode|zorgaanbiedercode"
    r"|vektis)",
    re.IGNORECASE,
)


class NlAgbRecognizer(ContextBeforeRecognizer):
    """
    Recognizes AGB codes of Dutch care providers (NL_AGB).

    The AGB code (Algemeen GegevensBeheer zorgverleners) identifies a care provider
    (a person: huisarts, fysiotherapeut, psycholoog ...) or a practice or institution
    in declarations to health insurers; the register is kept by Vektis. In a social
    domain file it reveals which care provider someone sees, so it is medical data
    in context.

    Format: 8 digits; the first two give the type of care provider
    (zorgverlenerssoort, e.g. 01 huisartsen, 02 apothekers, 04 fysiotherapeuten).
    There is no check digit, so a bare 8-digit number is weak evidence (KvK numbers
    and BSNs written without leading zero have 8 digits too). Context decides:
    "AGB" (also AGB-code, agbcode) or zorgverlenerscode within 60 characters before
    the number, evaluated on the raw text by this recognizer.

    Scores: 0.85 with context, 0.1 without. Type 00 and numbers of one repeated
    digit are rejected.

    Example: AGB-code 01234567.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"
    CONTEXT_REGEX = _CONTEXT_REGEX

    PATTERNS = [
        Pattern("AGB-code (8 cijfers)", r"(?<![\w.,/-])\d{8}(?!\w|[.,/-]\d)", 0.1),
    ]

    CONTEXT = ["agb", "agb-code", "zorgverlenerscode", "zorgaanbiedercode", "vektis"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_AGB",
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
        """Type 00 does not exist; one repeated digit is a placeholder."""
        return pattern_text.startswith("00") or len(set(pattern_text)) == 1
