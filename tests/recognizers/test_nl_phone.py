"""NlPhoneRecognizer: Dutch formats, validated with phonenumbers (region NL)."""

import phonenumbers
import pytest
from faker import Faker
from recognizer_table import run, spans

from zeef.classifiers.recognizers.nl_phone import NlPhoneRecognizer

ENTITY = "PHONE_NUMBER"
RECOGNIZER = NlPhoneRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        # mobile
        ("bel 06-12345678", ["06-12345678"], 0.7),
        ("mobiel: 06 1234 5678.", ["06 1234 5678"], 0.7),
        ("0612345678", ["0612345678"], 0.7),
        ("06 12 34 56 78", ["06 12 34 56 78"], 0.7),
        ("06.12.34.56.78", ["06.12.34.56.78"], 0.7),
        ("(06) 12345678", ["(06) 12345678"], 0.7),
        ("tel.0612345678", ["0612345678"], 0.7),
        # international
        ("+31 6 12345678", ["+31 6 12345678"], 0.7),
        ("+31612345678", ["+31612345678"], 0.7),
        ("0031 6 12345678", ["0031 6 12345678"], 0.7),
        ("+31 (0)20 123 4567", ["+31 (0)20 123 4567"], 0.7),
        ("+31(0)6-12345678", ["+31(0)6-12345678"], 0.7),
        ("+31 (0) 6 12345678", ["+31 (0) 6 12345678"], 0.7),
        # area codes
        ("020-1234567", ["020-1234567"], 0.7),
        ("030 - 123 45 67", ["030 - 123 45 67"], 0.7),
        ("(020) 123 4567", ["(020) 123 4567"], 0.7),
        ("(0181) 123456", ["(0181) 123456"], 0.7),
        ("020/1234567", ["020/1234567"], 0.7),
        ("0909-123456", ["0909-123456"], 0.7),
        ("088-1234567 (werkdagen)", ["088-1234567"], 0.7),
        # service numbers
        ("0800-1234", ["0800-1234"], 0.7),
        ("0900-1234567", ["0900-1234567"], 0.7),
        ("0800 0123", ["0800 0123"], 0.7),
        # foreign with +
        ("+32 470 12 34 56", ["+32 470 12 34 56"], 0.6),
        ("+49 30 1234567", ["+49 30 1234567"], 0.6),
        # two numbers, trailing digits cut off
        ("010-1234567 / 06-12345678", ["010-1234567", "06-12345678"], 0.7),
        ("+31 6 12345678 12 keer", ["+31 6 12345678"], 0.7),
        ("Tel: 06-12345678.", ["06-12345678"], 0.7),
        # negatives: wrong length
        ("06-1234567", [], 0),
        ("06-123456789", [], 0),
        ("06-12345678-9", [], 0),
        ("020-123456", [], 0),
        ("0800-12345", [], 0),
        # negatives: not phone numbers
        ("BSN 111222333", [], 0),
        ("BSN 012345672", [], 0),
        ("IBAN NL91 ABNA 0417 1643 00", [], 0),
        ("IBAN NL02 ABNA 0123 4567 89", [], 0),
        ("IBAN NL91ABNA0417164300", [], 0),
        ("31-02-2020", [], 0),
        ("12-03-1984", [], 0),
        ("01-02-2020 10:00", [], 0),
        ("3511 AB Utrecht", [], 0),
        ("€ 0,50 en € 1.234.567", [], 0),
        ("0,0612345678", [], 0),
        ("x0612345678", [], 0),
        ("j.jansen06@x.nl", [], 0),
        ("", [], 0),
    ],
)
def test_phone_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_generated_dutch_phone_numbers():
    """Faker's nl_NL formats; it also makes impossible numbers (area code 00x): skip those."""
    fake = Faker("nl_NL")
    fake.seed_instance(5)
    checked = 0
    for _ in range(80):
        number = fake.phone_number()
        if not phonenumbers.is_valid_number(phonenumbers.parse(number, "NL")):
            continue
        text = f"U kunt mij bereiken op {number}, ook 's avonds."
        assert [text[r.start : r.end] for r in analyze(text)] == [number], number
        checked += 1
    assert checked >= 30


def test_invalid_number_ranges_are_rejected():
    assert analyze("+31(0)003 322453") == []
    assert analyze("0001-234567") == []
