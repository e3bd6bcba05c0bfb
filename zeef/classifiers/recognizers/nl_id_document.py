"""Recognizers for Dutch identity document numbers: passport, identity card, driving licence.

Scheme for passport versus identity card. Since 2014 both carry a document number of
the same format, so the number alone cannot tell them apart. Both recognizers run the
same pattern and look at the words just before the number (80 characters; if there
are none, 30 characters after it):

- the nearest context word is a passport word (paspoort, reisdocument, passport):
  only ``NlPassportRecognizer`` reports it, as NL_PASSPORT, score 0.85;
- the nearest is an identity-card word (identiteitskaart, ID-kaart, NIK, identity
  card): only ``NlIdCardRecognizer`` reports it, as NL_ID_CARD, score 0.85;
- a word for "some ID document" (documentnummer, identiteitsbewijs, legitimatie):
  ``NlIdCardRecognizer`` reports NL_ID_CARD, score 0.85 (surely an ID document);
- no context word: ``NlIdCardRecognizer`` reports NL_ID_CARD with the bare pattern
  score 0.3 (the identity card is the more common document in a municipal file).

So every number is reported exactly once, with one of the two types. Both recognizers
evaluate context themselves on the raw text (no Dutch lemmatizer is needed) and mark
the result as context-enhanced so Presidio's context enhancer does not add to it.
"""

from __future__ import annotations

import phonenumbers
import regex as re
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.nl import identiteitskaartnummer

from zeef.classifiers.recognizers._context_before import mark_context

_BEFORE_WINDOW = 80
_AFTER_WINDOW = 30

_PASSPORT_WORDS = r"paspoort|reisdocument|passport|passeport"
_ID_CARD_WORDS = r"identiteitskaart|id[- ]?kaart|nik\b|identity[- ]card|id[- ]?card|carte d'identit"
_GENERIC_WORDS = (
    r"documentnummer|document[- ]?(?:nr|no)\b|identiteitsbewijs|id[- ]bewijs|legitimatie"
    r"|identificatiebewijs"
)
_DOCUMENT_CONTEXT = re.compile(
    rf"\b(?:(?P<passport>{_PASSPORT_WORDS})|(?P<idcard>{_ID_CARD_WORDS})"
    rf"|(?P<generic>{_GENERIC_WORDS}))",
    re.IGNORECASE,
)

# 2 letters, 6 letters or digits, 1 digit; capitals only; the letter O is never used.
_DOCUMENT_NUMBER = r"(?=[A-Z])(?<![\w-])[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9](?![\w-])"
_DOCUMENT_PATTERNS = [Pattern("Documentnummer (sinds 2014)", _DOCUMENT_NUMBER, 0.3)]


def _document_context_kind(text: str, start: int, end: int) -> str | None:
    """Kind of the context word nearest to a number: passport, idcard, generic or None."""
    kind = None
    for match in _DOCUMENT_CONTEXT.finditer(text, max(0, start - _BEFORE_WINDOW), start):
        kind = match.lastgroup  # the last one before the number is the nearest
    if kind is None:
        match = _DOCUMENT_CONTEXT.search(text, end, end + _AFTER_WINDOW)
        kind = match.lastgroup if match else None
    return kind


class _NlDocumentNumberRecognizer(PatternRecognizer):
    """Shared logic of the passport and identity card recognizers (see module doc)."""

    PATTERNS = _DOCUMENT_PATTERNS
    CONTEXT: list[str] = []
    CONTEXT_SCORE = 0.85
    #: context kinds for which this recognizer reports the number
    KINDS: frozenset[str | None] = frozenset()

    def __init__(
        self,
        supported_entity: str,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
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
        """
        Check the format with ``stdnum.nl.identiteitskaartnummer``.

        :return: False if invalid, else None: the number has no check digit of its
            own, so the score comes from the pattern and the context.
        """
        return None if identiteitskaartnummer.is_valid(pattern_text) else False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Report the numbers whose nearest context word belongs to this document type."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            kind = _document_context_kind(text, result.start, result.end)
            if kind not in self.KINDS:
                continue
            if kind is not None:
                mark_context(result, self.CONTEXT_SCORE, kind)
            kept.append(result)
        return kept


class NlPassportRecognizer(_NlDocumentNumberRecognizer):
    """
    Recognizes Dutch passport numbers (paspoortnummer) when the text says passport.

    Dutch passports (Paspoortwet; issued by the municipality) carry a document number
    of 9 characters: 2 letters, 6 letters or digits and 1 digit. The letter O is
    never used; zeros are not used in numbers issued after December 2019. Checked
    with ``stdnum.nl.identiteitskaartnummer`` (format only: no check digit). The
    identity card uses the same format, so this recognizer only reports a number
    whose nearest context word is a passport word (see the module docstring).

    Scores: 0.85 with passport context; never reported without it.

    Example: SPECI2014 (the specimen number), XR1001R58.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"
    CONTEXT = ["paspoort", "paspoortnummer", "reisdocument", "passport"]
    KINDS = frozenset({"passport"})

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_PASSPORT",
        name: str | None = None,
    ):
        super().__init__(supported_entity, patterns, context, supported_language, name)


class NlIdCardRecognizer(_NlDocumentNumberRecognizer):
    """
    Recognizes Dutch identity card numbers (Nederlandse identiteitskaart, NIK).

    The identity card (Paspoortwet; issued by the municipality) carries a document
    number of 9 characters: 2 letters, 6 letters or digits and 1 digit, no letter O,
    the same format as the passport. Checked with
    ``stdnum.nl.identiteitskaartnummer`` (format only: no check digit). This
    recognizer reports every such number except those whose nearest context word is
    a passport word (see the module docstring).

    Scores: 0.85 with identity-card or generic ID-document context, 0.3 without.

    Example: SPECI2014 (the specimen number), XR1001R58.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"
    CONTEXT = [
        "identiteitskaart",
        "id-kaart",
        "idkaart",
        "nik",
        "identiteitsbewijs",
        "documentnummer",
        "legitimatie",
    ]
    KINDS = frozenset({"idcard", "generic", None})

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_ID_CARD",
        name: str | None = None,
    ):
        super().__init__(supported_entity, patterns, context, supported_language, name)


_LICENCE_CONTEXT = re.compile(
    r"\b(?:rijbewijs|driving licen[cs]e|permis de conduire|führerschein)"
    r"|(?:^|[ \t])5\.[ \t]*\Z",  # field 5 of the EU card model, right before the number
    re.IGNORECASE | re.MULTILINE,
)


def _is_phone_number(digits: str) -> bool:
    if not digits.startswith("0"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "NL"))
    except phonenumbers.NumberParseException:
        return False


class NlDrivingLicenceRecognizer(PatternRecognizer):
    """
    Recognizes Dutch driving licence numbers (rijbewijsnummer).

    The Dutch driving licence (Wegenverkeerswet 1994; issued by the RDW through the
    municipality) is an EU card; field 5 holds the document number: 10 digits, no
    public check digit. A bare 10-digit number is weak evidence (order numbers,
    old bank account numbers), so context decides: "rijbewijs" (also in
    rijbewijsnummer) within 80 characters before the number, or the field label
    "5." right before it, evaluated on the raw text by this recognizer.

    Scores: 0.85 with context, 0.1 without. A number that is a valid Dutch phone
    number (0612345678, 0201234567) is never reported, context or not.

    Example: rijbewijsnummer 5123456789.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"
    CONTEXT_SCORE = 0.85

    PATTERNS = [
        Pattern(
            "Rijbewijsnummer (10 cijfers)",
            r"(?<![\w.,/-])\d{10}(?!\w|[.,/-]\d)",
            0.1,
        ),
    ]

    CONTEXT = ["rijbewijs", "rijbewijsnummer", "driving licence"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_DRIVING_LICENCE",
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
        """All digits equal (0000000000, 9999999999) is a placeholder."""
        return len(set(pattern_text)) == 1

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Score by the context on the raw text before the number."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            if _is_phone_number(text[result.start : result.end]):
                continue
            match = _LICENCE_CONTEXT.search(
                text, max(0, result.start - _BEFORE_WINDOW), result.start
            )
            if match:
                mark_context(result, self.CONTEXT_SCORE, match.group().strip())
            kept.append(result)
        return kept
