"""NlAgbRecognizer: 8 digits, scored high only with AGB context."""

import pytest
from recognizer_table import run, spans

from zeef.classifiers.recognizers.nl_agb import NlAgbRecognizer

ENTITY = "NL_AGB"
RECOGNIZER = NlAgbRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score, max_score",
    [
        ("AGB-code: 01234567", ["01234567"], 0.85, 1.0),
        ("agbcode huisarts 01012345", ["01012345"], 0.85, 1.0),
        ("AGB 04123456", ["04123456"], 0.85, 1.0),
        ("zorgverlenerscode (AGB) 02123456.", ["02123456"], 0.85, 1.0),
        ("Vektis-registratie 03123456", ["03123456"], 0.85, 1.0),
        # without context: reported, but weak
        ("nummer 01234567", ["01234567"], 0.1, 0.1),
        ("KvK 12345678", ["12345678"], 0.1, 0.1),
        # context too far away
        (
            "AGB-code van de praktijk staat onderaan deze lange brief vermeld, zie daar."
            " Uw dossier 01234567",
            ["01234567"],
            0.1,
            0.1,
        ),
        # negatives
        ("AGB-code: 00123456", [], 0, 0),  # type 00 does not exist
        ("AGB-code: 11111111", [], 0, 0),
        ("AGB-code: 0123456", [], 0, 0),  # seven digits
        ("AGB-code: 012345678", [], 0, 0),  # nine digits
        ("AGB-code: 01.234567", [], 0, 0),
        ("datum 12-03-1984", [], 0, 0),
        ("bel 0612345678", [], 0, 0),
        ("IBAN NL91ABNA0417164300", [], 0, 0),
        ("", [], 0, 0),
    ],
)
def test_agb_table(text, expected, min_score, max_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and min_score <= r.score <= max_score for r in results)
