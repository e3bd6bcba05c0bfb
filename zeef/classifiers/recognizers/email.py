"""Recognizer for e-mail addresses, without tldextract (no network access)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,63})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TLD = r"[A-Za-z]{2,24}"
_EMAIL = rf"(?<![\w.%+-]){_LOCAL}@(?:{_LABEL}\.){{1,8}}{_TLD}(?![\w-]|\.[A-Za-z0-9])"
# File extensions that turn up after an "@" in Outlook content ids and similar.
_NOT_TLDS = frozenset({"png", "jpg", "jpeg", "gif", "pdf", "doc", "docx", "xls", "xlsx", "txt"})


class EmailRecognizer(PatternRecognizer):
    """
    Recognizes e-mail addresses (EMAIL_ADDRESS) in Dutch text.

    Presidio's ``EmailRecognizer`` validates the top-level domain with tldextract,
    which downloads the public suffix list on first use; this one is offline.

    Format (RFC 5322, the common subset): a local part of letters, digits and
    ``. _ % + ' -`` (at most 64 characters, not starting with a dot), "@", one to
    eight domain labels (letters, digits, hyphens not at either end) and an
    alphabetic top-level domain of 2 to 24 letters. A sentence-final dot is not
    part of the address.

    Check: no ".." in the local part, not ending with a dot, at most 254 characters,
    top-level domain not a file extension (image001.png@01D9A2B3.4C5D6E70).

    Scores: a sane address scores 1.0 (as Presidio's after its TLD check).

    Example: f.elamrani@example.nl.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    PATTERNS = [Pattern("E-mailadres", _EMAIL, 0.5)]

    CONTEXT = ["e-mail", "email", "mail", "e-mailadres", "emailadres", "mailadres", "mailen"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "EMAIL_ADDRESS",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=re.MULTILINE,
            name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Sanity checks that the regex cannot express cheaply."""
        local, _, domain = pattern_text.rpartition("@")
        if len(pattern_text) > 254 or ".." in local or local.endswith("."):
            return False
        return domain.rsplit(".", 1)[-1].lower() not in _NOT_TLDS
