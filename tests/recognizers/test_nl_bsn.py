"""NlBsnRecognizer: 8/9 digits, grouped or not, decided by the 11-proef."""

import pytest
from faker import Faker
from recognizer_table import run, spans
from stdnum.nl import bsn

from zeef.classifiers.recognizers.nl_bsn import NlBsnRecognizer

ENTITY = "NL_BSN"
RECOGNIZER = NlBsnRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        # positives: 9 digits passing the 11-proef score 1.0
        ("BSN: 111222333", ["111222333"], 1.0),
        ("burgerservicenummer 123456782.", ["123456782"], 1.0),
        ("BSN 123.456.782 van aanvrager", ["123.456.782"], 1.0),
        ("sofinummer 1234 56 782", ["1234 56 782"], 1.0),
        ("BSN 1234.56.782", ["1234.56.782"], 1.0),
        ("BSN 123 456 782", ["123 456 782"], 1.0),
        ("(123456782)", ["123456782"], 1.0),
        ("Partner: 111222333, kind: 123456782", ["111222333", "123456782"], 1.0),
        # 8 digits (leading zero left out) pass but keep the pattern score
        ("BSN 12345672", ["12345672"], 0.4),
        # negatives
        ("BSN 123456789", [], 0),  # fails the 11-proef
        ("BSN 111222334", [], 0),  # one digit off
        ("BSN 111111110", [], 0),  # passes, but a placeholder
        ("BSN 000000000", [], 0),
        ("bel 0612345678", [], 0),  # ten digits: a phone number
        ("€ 123.456.782", [], 0),  # an amount
        ("EUR 123456782", [], 0),
        ("123.456.782,00", [], 0),
        ("123.456.782,-", [], 0),
        ("IBAN NL91ABNA0417164300", [], 0),
        ("geboren 12-03-1984", [], 0),
        ("1234567820", [], 0),  # ten digits
        ("12345678201", [], 0),  # eleven digits
        ("A123456782", [], 0),  # glued to a letter
        ("123456782B", [], 0),
        ("1.123456782", [], 0),  # part of a longer number
        ("123 456 78 2", [], 0),  # not a BSN grouping
        ("123.456 782", [], 0),  # mixed separators
        ("", [], 0),
    ],
)
def test_bsn_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_generated_bsns_are_found_with_full_score():
    fake = Faker("nl_NL")
    fake.seed_instance(1984)
    for _ in range(50):
        number = fake.ssn()
        assert bsn.is_valid(number)
        text = f"Het BSN van de aanvrager is {number}."
        results = analyze(text)
        assert [(text[r.start : r.end], r.score) for r in results] == [(number, 1.0)]


def test_generated_bsns_with_a_wrong_check_digit_are_ignored():
    fake = Faker("nl_NL")
    fake.seed_instance(7)
    for _ in range(50):
        number = fake.ssn()
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert not bsn.is_valid(wrong)
        assert analyze(f"BSN {wrong}") == []


def test_recognizer_metadata():
    assert RECOGNIZER.supported_language == "nl"
    assert RECOGNIZER.supported_entities == [ENTITY]
    assert "burgerservicenummer" in RECOGNIZER.context
