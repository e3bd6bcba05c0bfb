"""NlBigRecognizer: 11 digits, scored high only with BIG context."""

import pytest
from recognizer_table import run, spans

from zeef.classifiers.recognizers.nl_big import NlBigRecognizer

ENTITY = "NL_BIG"
RECOGNIZER = NlBigRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score, max_score",
    [
        ("BIG-nummer 19012345601", ["19012345601"], 0.85, 1.0),
        ("BIG-registratie: 49012345630.", ["49012345630"], 0.85, 1.0),
        ("big nr 19012345601", ["19012345601"], 0.85, 1.0),
        ("arts (BIG 19012345601)", ["19012345601"], 0.85, 1.0),
        ("bignummer 19012345601", ["19012345601"], 0.85, 1.0),
        # without context: weak
        ("referentie 19012345601", ["19012345601"], 0.1, 0.1),
        ("bigamie is verboden: 19012345601", ["19012345601"], 0.1, 0.1),
        # negatives
        ("BIG-nummer 1901234560", [], 0, 0),  # ten digits
        ("BIG-nummer 190123456012", [], 0, 0),  # twelve digits
        ("BIG-nummer 11111111111", [], 0, 0),
        ("BIG-nummer 190.123.456.01", [], 0, 0),
        ("+31612345678", [], 0, 0),
        ("0031612345678", [], 0, 0),
        ("IBAN NL91ABNA0417164300", [], 0, 0),
        ("", [], 0, 0),
    ],
)
def test_big_table(text, expected, min_score, max_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and min_score <= r.score <= max_score for r in results)
