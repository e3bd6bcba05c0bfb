"""Recognizer for Dutch postal addresses: street and number, postcode and city, Postbus."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.nl import postcode as stdnum_postcode

from zeef.classifiers.recognizers._results import compiled, pattern_result

# Building blocks. Matching is case-sensitive: capitals carry the signal here.
# Possessive quantifiers (*+, ++) keep every word from being re-split on backtracking.
_CAPWORD = r"(?:IJ|\p{Lu})[\p{Ll}'’]*+(?:-(?:IJ|\p{Lu})?[\p{Ll}'’]++)*+"
_GENITIVE = r"['’]s-" + _CAPWORD  # 's-Gravenweg, 's-Hertogenbosch
# Abbreviations inside street names (Burg. de Withstraat, Mr. Treublaan, Ir. Lelylaan).
_TITLE = r"(?:Burg|Dr|Mr|Prof|St|Ir|Ing|Ds|Mgr|Gen|Kon|Pr|Past|Jhr)\."
_INITIAL = r"\p{Lu}\."
_ORDINAL = r"\d{1,2}e"
_PARTICLE = r"(?:van|de|der|den|het|['’]t|in|op|aan|bij|ter|te|ten|tot|voor|achter|la|le|du)"
# Words that start a sentence or a label, never a street name.
_NOT_FIRST = (
    r"(?!(?:Op|In|Aan|Naar|Bij|Uit|Via|Voor|Tot|Om|Met|Een|Ik|Wij|We|Hij|Zij|Ze|Mijn|Onze"
    r"|Uw|Zijn|Haar|Hun|Dit|Deze|Dat|Die|Wonende|Woonachtig|Adres|Woonadres|Postadres"
    r"|Bezoekadres|Correspondentieadres|Straat|Huisnummer|Postcode|Woonplaats|Plaats)\b)"
)
_FIRST = rf"{_NOT_FIRST}(?:{_TITLE}|{_CAPWORD})"
_FIRST_PREFIX = rf"(?:{_GENITIVE}|{_ORDINAL})"
_NEXT = rf"(?:{_TITLE}|{_INITIAL}|{_GENITIVE}|{_CAPWORD}|{_PARTICLE})"

# Street-type endings ("Lindelaan", "Withstraat") and the same words on their own
# ("Oude Gracht", "Laan van Nieuw Oost-Indië"). "dam", "burg", "wijk", "veld", "ring",
# "plaats" and "kant" are left out as endings: they end city names and common nouns
# (Amsterdam, Tilburg, Katwijk, vergadering, werkplaats, achterkant); "Dam" and "Ring" on
# their own are kept.
_STREET_ENDINGS = (
    r"straat|straatje|straatweg|laan|laantje|weg|plein|pleintje|gracht|kade|singel|dijk"
    r"|hof|hofje|dreef|pad|steeg|steegje|park|markt|plantsoen|boulevard|allee|wal|burgwal"
    r"|baan|haven|kwartier|promenade|kanaal|vliet|wetering|poort|oever|erf"
    r"|wei|weide|hoeve|kamp|akker|brink|hoven|tuin|tuinen|gaarde|werf"
)
_STREET_WORD_END = rf"(?i:{_STREET_ENDINGS})"
_STREET_WORD = rf"(?:{_CAPWORD}(?<={_STREET_WORD_END})|Dam|Ring)"
_TYPE_WORD = r"(?:Laan|Weg|Plein|Kade|Dijk|Singel|Gracht|Straat|Hof|Park|Markt|Dreef|Pad)"
_LINK = r"(?:van|der|de|den|het|naar|op|aan|bij|ter|ten|over)"
_STREET = (
    rf"(?:(?:(?:Oude|Nieuwe|Korte|Lange|Hoge|Lage|Grote|Kleine)[ ])?{_TYPE_WORD}"
    rf"(?:[ ]{_LINK}){{1,2}}(?:[ ]{_CAPWORD}){{1,3}}"
    rf"|(?:{_FIRST}[ ](?:{_NEXT}[ ]){{0,3}})?{_STREET_WORD})"
)
_STREET_PREFIX = (
    rf"(?:{_GENITIVE}(?<={_STREET_WORD_END})|{_FIRST_PREFIX}[ ](?:{_NEXT}[ ]){{0,3}}"
    rf"{_STREET_WORD})"
)
# Any capitalised name ("Rokin", "Lange Voorhout"): only trusted before a postcode.
_ANY_STREET = rf"{_FIRST}(?:[ ]{_NEXT}){{0,4}}"

_MONTH = r"(?i:jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec)"
# House number with an optional addition: 12a, 12-II, 12 bis, 4 hs, 12-14, 12 A.
_NUMBER = (
    rf"[1-9]\d{{0,4}}(?!\d|[.,:/]\d|[ ]?%|[ ]+{_MONTH})"
    r"(?:[a-zA-Z](?![\p{L}\d])"
    r"|[ ]?-[ ]?(?:\d{1,3}|[a-zA-Z]{1,3}|I{1,3}|IV|bis|hs)(?![\p{L}\d])"
    r"|[ ](?:bis|hs|huis|bg|bov|boven|rood|zwart|I{1,3}|IV|[A-Z])(?![\p{L}\d.]))?"
)
_NOT_GLUED = r"(?<![\p{L}\d'’.-])"
# The leading lookaheads let the regex engine skip positions cheaply: a street starts
# with a capital ('s- or 2e at most before it) and reaches a house number within 80
# letters, spaces, dots or dashes.
_BEFORE_STREET = (
    rf"(?=[\p{{Lu}}'’\d]){_NOT_GLUED}"
    rf"(?=(?:['’]s-|\d{{1,2}}e[ ])?[\p{{L}}'’. -]{{1,80}}+(?<=[ ])[1-9])"
)
_BEFORE_POSTBUS = rf"(?=[PA]){_NOT_GLUED}"
_BEFORE_PC = rf"(?=[1-9]){_NOT_GLUED}"
_POSTBUS = r"(?:Postbus|Antwoordnummer)[ ][1-9]\d{0,5}(?!\d)"
_PC = r"[1-9]\d{3}[ \u00a0]?[A-Z]{2}(?![\p{L}\d])"
_CITY_WORD = r"\p{Lu}[\p{L}'’]*+(?:-\p{L}[\p{L}'’]*+)*+"
# A city: one word, with a prefix (Den Haag, 's-Hertogenbosch, 't Goy, 2e Exloërmond), a
# link (Alphen aan den Rijn, Wijk en Aalburg, Hei- en Boeicop), or more capitalised
# words when they end the line or sentence (Lage Zwaluwe; not "Utrecht Telefoon 06-..");
# optionally a province in brackets (Hengelo (Gld)).
_CITY = (
    rf"(?:['’]s[- ]|['’]t[ ]|[1-9]e[ ])?"
    rf"(?:(?:[Dd]en|[Dd]e|[Hh]et|Sint|St\.|Nieuw|Oud|Oude|Groot|Klein|Ter|Ten)[ ]|St\.-)?"
    rf"{_CITY_WORD}(?:-?[ ](?:aan|op|bij|in|onder|over|ter|a/d|en|van|den)"
    rf"(?:[ ](?:de|den|het|['’]t))?"
    rf"[ ]{_CITY_WORD}|(?:[ ]{_CITY_WORD}){{1,2}}(?=[ \t]*(?:$|[,.;:)]))|)"
    r"(?:[ ]\(\p{Lu}[\p{L}.-]{0,4}\))?"
)
_PC_CITY = rf"{_PC}(?:[ \u00a0]{{1,2}}{_CITY})?"
# Between "street nr" and "postcode city": comma, spaces and/or one line break.
_GAP = r"(?:[ \t]{0,3},?[ \t]{0,3}(?:\r?\n[ \t]{0,3})?)(?<=[\s,])"

_POSTCODE_IN_TEXT = re.compile(r"(?<!\d)[1-9]\d{3}[ \u00a0]?[A-Z]{2}(?![\p{L}\d])")


class NlAddressRecognizer(PatternRecognizer):
    """
    Recognizes Dutch postal addresses (ADDRESS).

    Forms, from strongest to weakest:

    - street, house number (with an addition such as 12a, 12-II, 12 bis, 4 hs),
      postcode and city, on one line or with a line break between "street nr" and
      "postcode city" (Lindelaan 4, 3511 AB Utrecht). Before a postcode any
      capitalised street name counts (Rokin 12, 1012 KT Amsterdam);
    - Postbus with a number, postcode and city (Postbus 16200, 3500 CE Utrecht);
    - postcode and city (3511 AB Utrecht);
    - street and house number alone, when the street ends in a Dutch street word
      (straat, laan, weg, plein, gracht, kade, singel, dijk, hof, dreef, pad, steeg,
      park, ...) or is such a word with a name (Oude Gracht 12, Laan van Nieuw
      Oost-Indië 25, Burgemeester de Withstraat 3);
    - Postbus with a number; a postcode alone (3511AB).

    Postcode format (PostNL): four digits not starting with 0, an optional space and
    two capital letters; SA, SD and SS are never issued. Checked with
    ``stdnum.nl.postcode``; an address whose postcode fails is not reported in that
    form (the street part may still be).

    Limits: capitalised words directly before a street on the same line are taken
    as part of the street name ("Vries Lindelaan 4" in "P. de Vries Lindelaan 4").
    Streets without a street word and without postcode ("Rokin 12") are missed.

    Scores: with postcode 0.9, Postbus with postcode 0.9, postcode and city 0.7,
    street and number 0.5, Postbus 0.5, postcode alone 0.4.

    Example: Lindelaan 4, 3511 AB Utrecht.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "nl"

    # One regex per form; the score depends on which optional part matched
    # (``STRONG``), so the text is scanned three times instead of eight.
    PATTERNS = [
        Pattern(
            "Straat en huisnummer (met postcode en plaats)",
            rf"{_BEFORE_STREET}(?:(?:{_STREET}|{_STREET_PREFIX})[ ]{_NUMBER}"
            rf"(?P<pc>{_GAP}{_PC_CITY})?|{_ANY_STREET}[ ]{_NUMBER}(?P<pcx>{_GAP}{_PC_CITY}))",
            0.5,
        ),
        Pattern(
            "Postbus (met postcode en plaats)",
            rf"{_BEFORE_POSTBUS}{_POSTBUS}(?:(?P<pc>{_GAP}{_PC_CITY})|(?![.,]\d))",
            0.5,
        ),
        Pattern(
            "Postcode (en plaats)", rf"{_BEFORE_PC}{_PC}(?P<city>[ \u00a0]{{1,2}}{_CITY})?", 0.4
        ),
    ]
    #: pattern name -> (groups, score when one of those groups took part in the match).
    #: An optional group named "pc" is cut off again when its postcode is invalid.
    STRONG: dict[str, tuple[tuple[str, ...], float]] = {
        "Straat en huisnummer (met postcode en plaats)": (("pc", "pcx"), 0.9),
        "Postbus (met postcode en plaats)": (("pc",), 0.9),
        "Postcode (en plaats)": (("city",), 0.7),
    }

    CONTEXT = [
        "adres",
        "woonadres",
        "postadres",
        "verblijfadres",
        "briefadres",
        "correspondentieadres",
        "woonachtig",
        "wonende",
        "woont",
        "verhuisd",
        "postcode",
        "woonplaats",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "ADDRESS",
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
        Check the postcode in the match with ``stdnum.nl.postcode``.

        :return: False if a postcode is present and invalid (SA/SD/SS), else None:
            an address cannot be proven, so the pattern's score stands.
        """
        for match in _POSTCODE_IN_TEXT.finditer(pattern_text):
            if not stdnum_postcode.is_valid(match.group()):
                return False
        return None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Match each form once; score by the parts present; check the postcode."""
        flags = regex_flags if regex_flags else self.global_regex_flags
        results = []
        for pattern in self.patterns:
            regex = compiled(pattern, flags)
            groups, strong_score = self.STRONG.get(pattern.name, ((), pattern.score))
            cuttable = "pc" in regex.groupindex
            for match in regex.finditer(text):
                start, end = match.span()
                strong = any(match.start(group) >= 0 for group in groups)
                if self.validate_result(match.group()) is False:
                    cut = match.start("pc") if cuttable else -1
                    if cut < 0 or self.validate_result(text[start:cut]) is False:
                        continue
                    end, strong = cut, False
                score = strong_score if strong else pattern.score
                results.append(self._result(pattern, start, end, score))
        return EntityRecognizer.remove_duplicates(results)

    def _result(self, pattern: Pattern, start: int, end: int, score: float) -> RecognizerResult:
        return pattern_result(self, pattern, start, end, score)
