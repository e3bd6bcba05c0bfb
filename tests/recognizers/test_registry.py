"""The registry: all Dutch recognizers in one Presidio AnalyzerEngine, without a model."""

import time

import pytest
from presidio_analyzer import AnalyzerEngine

from zeef.classifiers.analyzer import analyzer
from zeef.classifiers.recognizers import ENTITY_TYPES, dutch_recognizers

LETTER = """Gemeente Utrecht
Utrecht, maandag 3 januari 2022

Mevrouw F. el Amrani
Lindelaan 4
3511 AB Utrecht

Betreft: uw aanvraag bijstand

Geachte mevrouw El Amrani,

Wij hebben uw aanvraag ontvangen. Uw BSN is 111222333 en uw IBAN NL91 ABNA 0417 1643 00.
U bent bereikbaar op 06-12345678 en via f.elamrani@example.nl.
Meer informatie vindt u op https://www.utrecht.nl/bijstand.
Bij de aanvraag zat een kopie van uw paspoort (SPECI2014), uw identiteitskaart XR1001R58
en uw rijbewijs, rijbewijsnummer 5123456789.
Uw huisarts (AGB-code 01234567, BIG-nummer 19012345601) heeft een verklaring gestuurd.
Uw auto met kenteken 12-ABC-3 staat op uw naam.

Met vriendelijke groet,
Team Werk en Inkomen
"""

EXPECTED = {
    "DATE_TIME": "maandag 3 januari 2022",
    "ADDRESS": "Lindelaan 4\n3511 AB Utrecht",
    "NL_BSN": "111222333",
    "IBAN_CODE": "NL91 ABNA 0417 1643 00",
    "PHONE_NUMBER": "06-12345678",
    "EMAIL_ADDRESS": "f.elamrani@example.nl",
    "URL": "https://www.utrecht.nl/bijstand",
    "NL_PASSPORT": "SPECI2014",
    "NL_ID_CARD": "XR1001R58",
    "NL_DRIVING_LICENCE": "5123456789",
    "NL_AGB": "01234567",
    "NL_BIG": "19012345601",
    "NL_LICENCE_PLATE": "12-ABC-3",
}

NO_ENTITIES = """Geachte heer,

Wij danken u voor uw brief. Wij nemen binnen acht weken een besluit over uw aanvraag
en laten u dat schriftelijk weten. Heeft u vragen? Neem dan contact op met uw
klantmanager.

Met vriendelijke groet,
Team Werk en Inkomen
"""


@pytest.fixture(scope="module")
def engine() -> AnalyzerEngine:
    """zeef's own analyzer: Presidio on the rule-only Dutch tokenizer, no model download."""
    return analyzer()


def test_registry_lists_every_entity_type_once():
    recognizers = dutch_recognizers()
    entities = [e for r in recognizers for e in r.supported_entities]
    assert sorted(entities) == sorted(ENTITY_TYPES)
    assert len(set(ENTITY_TYPES)) == len(ENTITY_TYPES) == len(EXPECTED) + 1  # + PERSON
    assert all(r.supported_language == "nl" for r in recognizers)


def test_registry_returns_fresh_instances():
    first, second = dutch_recognizers(), dutch_recognizers()
    assert all(a is not b for a, b in zip(first, second, strict=True))


def test_letter_yields_each_type_once_with_its_span(engine):
    results = engine.analyze(LETTER, language="nl", entities=list(EXPECTED))
    found = {}
    for result in results:
        assert result.entity_type not in found, f"{result.entity_type} found twice"
        found[result.entity_type] = LETTER[result.start : result.end]
    assert found == EXPECTED
    assert all(result.score >= 0.5 for result in results)


def test_entity_free_text_yields_nothing(engine):
    assert engine.analyze(NO_ENTITIES, language="nl") == []


def test_context_words_raise_the_score(engine):
    [bare] = engine.analyze("De code is 12-ABC-3.", language="nl")
    [with_context] = engine.analyze("Het kenteken is 12-ABC-3.", language="nl")
    assert bare.score == pytest.approx(0.5)
    assert with_context.score > 0.8

    [bsn8] = engine.analyze("Het BSN is 12345672.", language="nl", entities=["NL_BSN"])
    assert bsn8.score > 0.7


def test_recognizer_level_context_is_not_boosted_twice(engine):
    [result] = engine.analyze("AGB-code 01234567", language="nl", entities=["NL_AGB"])
    assert result.score == pytest.approx(0.85)


HOSTILE = {
    "digits": "1" * 50_000,
    "spaced digits": "12 " * 17_000,
    "dashed digits": "12-" * 17_000,
    "letters": "a" * 50_000,
    "capitals": "A" * 50_000,
    "capitalised words": "Kerkstraat Laan van " * 2_500,
    "street numbers": "Kerkstraat 12 " * 3_500,
    "at signs": "a@" * 25_000,
    "domain labels": "a@" + "b." * 25_000,
    "url path": "http://" + "a/" * 25_000,
    "nested urls": "(http://a/" * 5_000,
    "dots": "." * 50_000,
    "plus": "+31 6" * 10_000,
    "iban groups": "NL91 ABNA " * 5_000,
    "postcodes": "3511 AB " * 6_000,
    "long word": "K" + "a" * 50_000 + "laan 1",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_stays_linear(name):
    text = HOSTILE[name]
    for recognizer in dutch_recognizers():
        start = time.perf_counter()
        recognizer.analyze(text, recognizer.supported_entities)
        elapsed = time.perf_counter() - start
        # Not a speed test: backtracking that is not linear takes hours on 50,000
        # characters, so a generous bound tells the two apart on any machine.
        assert elapsed < 10.0, f"{recognizer.name} took {elapsed:.2f} s on {name}"
