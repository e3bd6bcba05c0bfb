"""NlLicencePlateRecognizer: RDW sidecodes 1-14 with dashes."""

import pytest
from recognizer_table import run, spans

from zeef.classifiers.recognizers.nl_licence_plate import SIDECODES, NlLicencePlateRecognizer

ENTITY = "NL_LICENCE_PLATE"
RECOGNIZER = NlLicencePlateRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        ("kenteken 12-ABC-3", ["12-ABC-3"], 0.5),
        ("auto XX-99-99", ["XX-99-99"], 0.5),
        ("99-XX-99", ["99-XX-99"], 0.5),
        ("1-ABC-23", ["1-ABC-23"], 0.5),
        ("ABC-12-D", ["ABC-12-D"], 0.5),
        ("GB-123-X", ["GB-123-X"], 0.5),
        ("X-123-GB", ["X-123-GB"], 0.5),
        ("K-12-BBB en 1-KB-234 en 123-KB-1", ["K-12-BBB", "1-KB-234", "123-KB-1"], 0.5),
        ("(GB-123-X).", ["GB-123-X"], 0.5),
        # negatives
        ("12-ABC-34", [], 0),  # no such sidecode
        ("1-2-3", [], 0),
        ("12-03-1984", [], 0),  # a date
        ("12-03-84", [], 0),
        ("12abc3", [], 0),  # lower case, no dashes
        ("12ABC3", [], 0),  # without dashes indistinguishable from a code
        ("AB-12-CD-34", [], 0),
        ("X12-ABC-3", [], 0),
        ("3511-AB", [], 0),
        ("06-12345678", [], 0),
        ("", [], 0),
    ],
)
def test_plate_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


@pytest.mark.parametrize("layout", SIDECODES)
def test_every_sidecode(layout):
    letters, digits = iter("BDFGHJKLNPRSTVXZ"), iter("1234567890")
    plate = "".join(next(letters) if c == "X" else next(digits) if c == "9" else c for c in layout)
    text = f"Voertuig met kenteken {plate} geparkeerd."
    assert [text[r.start : r.end] for r in analyze(text)] == [plate]
