"""Recognizer for Dutch vehicle registration plates (kentekens)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer


def _sidecode_regex(layout: str) -> str:
    """'XX-99-99' -> '[A-Z]{2}-\\d{2}-\\d{2}'."""
    parts = []
    for group in layout.split("-"):
        cls = "[A-Z]" if group[0] == "X" else r"\d"
        parts.append(f"{cls}{{{len(group)}}}")
    return "-".join(parts)


# RDW sidecodes 1-14 (cars, vans, motorcycles, trailers, mopeds).
SIDECODES = (
    "XX-99-99",  # 1
    "99-99-XX",  # 2
    "99-XX-99",  # 3
    "XX-99-XX",  # 4
    "XX-XX-99",  # 5
    "99-XX-XX",  # 6
    "99-XXX-9",  # 7
    "9-XXX-99",  # 8
    "XX-999-X",  # 9
    "X-999-XX",  # 10
    "XXX-99-X",  # 11
    "X-99-XXX",  # 12
    "9-XX-999",  # 13
    "999-XX-9",  # 14
)
# The leading lookahead lets the regex engine skip positions cheaply.
_BEFORE = r"(?=[A-Z\d])(?<![\w-])"
_AFTER = r"(?![\w]|-\w)"


class NlLicencePlateRecognizer(PatternRecognizer):
    """
    Recognizes Dutch vehicle registration numbers (kentekens, NL_LICENCE_PLATE).

    A kenteken (Wegenverkeerswet 1994 art. 36 ff., registered by the RDW) is tied
    to the keeper of the vehicle in the Kentekenregister, so it identifies a person.

    Format: six letters and digits in three dash-separated groups, in one of the
    RDW sidecodes 1-14: XX-99-99, 99-99-XX, 99-XX-99, XX-99-XX, XX-XX-99, 99-XX-XX
    (sidecodes 1-6, two-character groups) and 99-XXX-9, 9-XXX-99, XX-999-X,
    X-999-XX, XXX-99-X, X-99-XXX, 9-XX-999, 999-XX-9 (sidecodes 7-14). Capitals
    and dashes as printed on the registration; without dashes a plate is
    indistinguishable from a reference code and is not recognised. No check digit.

    Scores: 0.5; context words (kenteken, auto) raise it.

    Example: 12-ABC-3, GB-123-X.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"

    PATTERNS = [
        Pattern(
            "Kenteken (sidecode 1-14)",
            rf"{_BEFORE}(?:{'|'.join(_sidecode_regex(s) for s in SIDECODES)}){_AFTER}",
            0.5,
        ),
    ]

    CONTEXT = [
        "kenteken",
        "kentekenbewijs",
        "kentekenplaat",
        "nummerplaat",
        "auto",
        "voertuig",
        "bestelbus",
        "motor",
        "scooter",
        "brommer",
        "rdw",
        "geparkeerd",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_LICENCE_PLATE",
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
