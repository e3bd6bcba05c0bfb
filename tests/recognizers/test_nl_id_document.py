"""Passport, identity card and driving licence numbers; context decides the type."""

import pytest
from recognizer_table import spans

from zeef.classifiers.recognizers.nl_id_document import (
    NlDrivingLicenceRecognizer,
    NlIdCardRecognizer,
    NlPassportRecognizer,
)

PASSPORT = NlPassportRecognizer()
ID_CARD = NlIdCardRecognizer()
LICENCE = NlDrivingLicenceRecognizer()


def analyze(text: str):
    """All three recognizers, as (entity type, start, end, score) sorted by position."""
    results = []
    for recognizer in (PASSPORT, ID_CARD, LICENCE):
        results += recognizer.analyze(text, recognizer.supported_entities, nlp_artifacts=None)
    return sorted(results, key=lambda r: r.start)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        # passport context -> NL_PASSPORT only
        ("Paspoort: SPECI2014", [("NL_PASSPORT", "SPECI2014")], 0.85),
        ("paspoortnummer XR1001R58.", [("NL_PASSPORT", "XR1001R58")], 0.85),
        ("Reisdocument nr. NXC3F2PJ1", [("NL_PASSPORT", "NXC3F2PJ1")], 0.85),
        ("SPECI2014 (paspoort)", [("NL_PASSPORT", "SPECI2014")], 0.85),
        # identity card context -> NL_ID_CARD only
        ("Identiteitskaart XR1001R58", [("NL_ID_CARD", "XR1001R58")], 0.85),
        ("ID-kaart: SPECI2014", [("NL_ID_CARD", "SPECI2014")], 0.85),
        ("NIK IRF8P2K43", [("NL_ID_CARD", "IRF8P2K43")], 0.85),
        # generic ID-document context -> NL_ID_CARD, high
        ("Documentnummer SPECI2014", [("NL_ID_CARD", "SPECI2014")], 0.85),
        ("kopie identiteitsbewijs, nr XR1001R58", [("NL_ID_CARD", "XR1001R58")], 0.85),
        # the nearest context word decides
        ("Paspoort verlopen, nu identiteitskaart XR1001R58", [("NL_ID_CARD", "XR1001R58")], 0.85),
        ("Identiteitskaart kwijt; paspoort XR1001R58", [("NL_PASSPORT", "XR1001R58")], 0.85),
        (
            "Paspoort SPECI2014, ID-kaart XR1001R58",
            [("NL_PASSPORT", "SPECI2014"), ("NL_ID_CARD", "XR1001R58")],
            0.85,
        ),
        # no context -> NL_ID_CARD with the bare score
        ("nummer XR1001R58", [("NL_ID_CARD", "XR1001R58")], 0.3),
        # driving licence: 10 digits, context decides the score
        ("Rijbewijsnummer: 5123456789", [("NL_DRIVING_LICENCE", "5123456789")], 0.85),
        ("rijbewijs B, nummer 4012345678", [("NL_DRIVING_LICENCE", "4012345678")], 0.85),
        ("4c. RDW\n5. 5123456789", [("NL_DRIVING_LICENCE", "5123456789")], 0.85),
        ("klantnummer 5123456789", [("NL_DRIVING_LICENCE", "5123456789")], 0.1),
        # negatives
        ("Paspoort: XO1001R58", [], 0),  # the letter O is never used
        ("Paspoort: X11001R58", [], 0),  # second character must be a letter
        ("Paspoort: XR1001R5A", [], 0),  # last character must be a digit
        ("Paspoort: xr1001r58", [], 0),  # capitals only
        ("Paspoort: XR1001R589", [], 0),  # ten characters
        ("Paspoort: AXR1001R58", [], 0),
        ("rijbewijs: 0612345678", [], 0),  # a phone number, not a licence
        ("rijbewijs 512345678", [], 0),  # nine digits
        ("rijbewijs 51234567890", [], 0),  # eleven digits
        ("rijbewijs 0000000000", [], 0),
        ("IBAN NL91ABNA0417164300", [], 0),
        ("Geachte mevrouw, hierbij uw PASPOORT1 terug.", [], 0),
        ("", [], 0),
    ],
)
def test_id_document_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.entity_type, r.start, r.end) for r in results] == [
        (entity, *span)
        for (entity, _), span in zip(expected, spans(text, [p for _, p in expected]), strict=True)
    ]
    assert all(r.score >= min_score for r in results)


def test_context_is_marked_so_presidio_does_not_add_to_it():
    [result] = PASSPORT.analyze("Paspoort SPECI2014", ["NL_PASSPORT"])
    assert result.recognition_metadata["is_score_enhanced_by_context"] is True
    [result] = ID_CARD.analyze("nummer SPECI2014", ["NL_ID_CARD"])
    assert not result.recognition_metadata.get("is_score_enhanced_by_context")


def test_every_number_has_exactly_one_type():
    for text in ("Paspoort SPECI2014", "ID-kaart SPECI2014", "SPECI2014", "legitimatie SPECI2014"):
        assert (
            len(PASSPORT.analyze(text, ["NL_PASSPORT"]) + ID_CARD.analyze(text, ["NL_ID_CARD"]))
            == 1
        )
