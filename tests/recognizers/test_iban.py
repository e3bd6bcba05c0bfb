"""IbanRecognizer: every country, spaced or not, any case; decided by mod 97."""

import pytest
from faker import Faker
from recognizer_table import run, spans
from stdnum import iban

from zeef.classifiers.recognizers.iban import IbanRecognizer, ocr_read_back

ENTITY = "IBAN_CODE"
RECOGNIZER = IbanRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        ("IBAN NL91ABNA0417164300", ["NL91ABNA0417164300"], 1.0),
        ("rekening NL91 ABNA 0417 1643 00.", ["NL91 ABNA 0417 1643 00"], 1.0),
        ("iban: nl91abna0417164300", ["nl91abna0417164300"], 1.0),
        ("iban nl91 abna 0417 1643 00", ["nl91 abna 0417 1643 00"], 1.0),
        ("Tenaamstelling (NL91ABNA0417164300)", ["NL91ABNA0417164300"], 1.0),
        ("DE89 3704 0044 0532 0130 00", ["DE89 3704 0044 0532 0130 00"], 1.0),
        ("GB82 WEST 1234 5698 7654 32", ["GB82 WEST 1234 5698 7654 32"], 1.0),
        ("BE68 5390 0754 7034", ["BE68 5390 0754 7034"], 1.0),
        ("FR14 2004 1010 0505 0001 3M02 606", ["FR14 2004 1010 0505 0001 3M02 606"], 1.0),
        ("NO93 8601 1117 947", ["NO93 8601 1117 947"], 1.0),  # shortest (15)
        # trailing words are cut off, not the IBAN dropped
        (
            "BE68 5390 0754 7034 en NL91 ABNA 0417 1643 00",
            ["BE68 5390 0754 7034", "NL91 ABNA 0417 1643 00"],
            1.0,
        ),
        ("BE68 5390 0754 7034 op", ["BE68 5390 0754 7034"], 1.0),
        # as OCR misreads it on a scan: letters for digits, digits for letters
        ("IBAN NL9I ABNA O417 l643 OO", ["NL9I ABNA O417 l643 OO"], 1.0),
        ("rekening NL91AB8A0417164300", [], 0),  # 8 for N: no such read-back
        ("rekening NL91A8NA04171643OO", ["NL91A8NA04171643OO"], 1.0),  # 8 for B
        ("IBAN NL9I ABNA O417 l643 O1", [], 0),  # read back, one digit off: mod 97 fails
        # spaced as OCR spaced it, not in groups of four
        ("IBAN NL91 ABNA 04171643 00", ["NL91 ABNA 04171643 00"], 1.0),
        ("IBAN NL91ABNA 0417 164300.", ["NL91ABNA 0417 164300"], 1.0),
        ("IBAN NL91 ABNA 0417 16 43 00", ["NL91 ABNA 0417 16 43 00"], 1.0),
        ("IBAN NL91 ABNA 0417\n1643 00 op", ["NL91 ABNA 0417\n1643 00"], 1.0),  # wrapped
        ("IBAN NL91 ABNA 0417\n\n1643 00", [], 0),  # a paragraph apart: not one number
        # other look-alikes, and in other countries' IBANs where their structure says so
        ("IBAN NL91 A8NA O4l7 l643 0D", ["NL91 A8NA O4l7 l643 0D"], 1.0),
        ("IBAN NL9l ABNA 04|7 1643 00", ["NL9l ABNA 04|7 1643 00"], 1.0),
        ("DE89 37O4 OO44 0532 0l30 00", ["DE89 37O4 OO44 0532 0l30 00"], 1.0),
        ("GB82 WE5T 1234 5698 7654 32", ["GB82 WE5T 1234 5698 7654 32"], 1.0),
        ("rekening NL91ABNA0417164300| 12,50", ["NL91ABNA0417164300"], 1.0),  # a table
        ("rekening NL91 ABNA 0417 1643 00 12,50", ["NL91 ABNA 0417 1643 00"], 1.0),
        # most digit places look-alikes: words, not an account number (mod 97 or not)
        ("NL91 ABNA OSlZ lSbB OO", [], 0),
        # negatives
        ("IBAN NL92ABNA0417164300", [], 0),  # wrong check digits
        ("IBAN NL91ABNA0417164301", [], 0),  # one digit off
        ("IBAN NL91 ABNA 0417 1643", [], 0),  # too short
        ("IBAN NL91ABNA04171643001", [], 0),  # too long, glued
        ("XNL91ABNA0417164300", [], 0),  # glued to a letter
        ("NL91ABNA0417164300X", [], 0),
        ("BSN 111222333", [], 0),
        ("kenmerk AB12 CDEF GHIJ", [], 0),
        ("", [], 0),
    ],
)
def test_iban_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_generated_ibans_compact_and_spaced():
    fake = Faker("nl_NL")
    fake.seed_instance(42)
    for _ in range(30):
        number = fake.iban()
        assert iban.is_valid(number)
        for written in (number, iban.format(number), number.lower()):
            text = f"Gelieve over te maken op {written} t.n.v. de gemeente."
            results = analyze(text)
            assert [(text[r.start : r.end], r.score) for r in results] == [(written, 1.0)]


def test_read_back_gives_the_compact_iban():
    """roles.py knows the subject's own IBAN on a scan by this read-back."""
    assert ocr_read_back("NL9I ABNA O417 l643 OO") == "NL91ABNA0417164300"
    assert ocr_read_back("nl91 a8na 0417\n1643 00") == "NL91ABNA0417164300"
    assert ocr_read_back("GB82 WE5T 1234 5698 7654 32") == "GB82WEST12345698765432"
    assert ocr_read_back("XX12 3456") == "XX123456"  # no such country: compact only
    assert ocr_read_back("NL91 ABNA 0417") == "NL91ABNA0417"  # too short: compact only


def test_ocr_look_alikes_of_generated_ibans():
    """Every 0 read as O and every 1 as l, in the Dutch and other structures."""
    for locale in ("nl_NL", "de_DE", "en_GB", "fr_FR"):
        fake = Faker(locale)
        fake.seed_instance(5)
        for _ in range(10):
            number = fake.iban()
            spaced = iban.format(number)
            misread = spaced[:4] + spaced[4:].replace("0", "O").replace("1", "l")
            text = f"Gelieve over te maken op {misread} t.n.v. de gemeente."
            found = [text[r.start : r.end] for r in analyze(text)]
            digits = [c for c in number[4:] if c.isdigit()]
            if sum(c in "01" for c in digits) * 2 >= len(digits) + 2:
                continue  # mostly look-alikes: not taken, by design
            assert found == [misread], locale
            assert ocr_read_back(misread) == number


def test_generated_ibans_of_other_countries():
    for locale in ("de_DE", "fr_FR", "en_GB", "es_ES", "it_IT", "pl_PL"):
        fake = Faker(locale)
        fake.seed_instance(3)
        number = fake.iban()
        text = f"rekening {iban.format(number)} bij een buitenlandse bank"
        assert [text[r.start : r.end] for r in analyze(text)] == [iban.format(number)]
