"""Whose ID copy: the holder the zone (or a driving licence) names against the case
subject (`zeef.classifiers.id_holder`), and the holder as the readings carry it
(transiently: never in repr, comparisons or to_json)."""

from __future__ import annotations

import datetime as dt

import pytest

from zeef.classifiers.id_document import read_id_document
from zeef.classifiers.id_document.document import Holder
from zeef.classifiers.id_document.fields import holder_of
from zeef.classifiers.id_holder import HolderMatch, holder_match, name_words
from zeef.domain.case import Subject
from zeef_corpus import mrz

SUBJECT, OTHER, UNKNOWN = HolderMatch.SUBJECT, HolderMatch.OTHER, HolderMatch.UNKNOWN

# (zone surname, zone given names, zone birth YYMMDD or None, case name, case birth, expected)
TABLE = [
    # the same person: particles, accents, hyphenated and married names
    ("DE<VRIES", "ANNA", None, "Anna de Vries", None, SUBJECT),
    ("DE<VRIES", "ANNA<MARIA", None, "A.M. de Vries", None, SUBJECT),
    ("VRIES", "ANNA", None, "Anna de Vries", None, SUBJECT),
    ("VAN<T<HOF", "DAAN", None, "Daan van 't Hof", None, SUBJECT),
    ("VAN<DER<BERG", "PIETER", None, "Pieter van den Berg-van der Berg", None, SUBJECT),
    ("TEN<BRINK", "HENDRIK<JAN", None, "Henk ten Brink", None, SUBJECT),
    ("EL<AMRANI", "FATIMA", None, "Fatima el Amrani", None, SUBJECT),
    ("ELAMRANI", "FATIMA", None, "Fatima El Amrani", None, SUBJECT),
    ("OZTURK", "ALI", None, "Ali Öztürk", None, SUBJECT),
    ("MUELLER", "HANS", None, "Hans Müller", None, SUBJECT),
    ("MULLER", "HANS", None, "Hans Müller", None, SUBJECT),
    ("YILDIZ", "AYSE", None, "Ayşe Yıldız", None, SUBJECT),
    ("KOWALCZYK", "WOJCIECH", None, "Wojciech Kowałczyk", None, SUBJECT),
    ("MARTINA", "SHURMAINE<ELISA", None, "Shurmaine Martina", None, SUBJECT),
    ("DE<BOER", "ANNA", None, "Anna Jansen-de Boer", None, SUBJECT),  # married, own name last
    ("JANSEN<DE<BOER", "ANNA", None, "Anna de Boer", None, SUBJECT),
    ("KOSTER<KUIJPERS", "GERARDA", None, "Gerda Koster-Kuijpers", None, SUBJECT),
    # someone else
    ("BAKKER", "KEES", None, "Anna de Vries", None, OTHER),
    ("DE<JONG", "PIETER", None, "Anna de Vries", None, OTHER),  # a particle alone is nothing
    ("VAN<DER<BERG", "KEES", None, "Jan van Dam", None, OTHER),
    # cannot tell: a person looks
    ("", "", None, "Anna de Vries", None, UNKNOWN),  # nothing readable
    ("DE<VRLES", "ANNA", None, "Anna de Vries", None, UNKNOWN),  # one letter off: OCR?
    ("DE<VR1ES", "ANNA", None, "Anna de Vries", None, UNKNOWN),  # unreadable word
    ("DE<BOER", "ANNA", None, "Anna Jansen", None, UNKNOWN),  # married name in the case file
    ("VAN<DER<BERG", "JAN", None, "Jan van Dam", None, UNKNOWN),  # the same given name
    ("JANSEN", "PIETER", None, "Anna Jansen", None, UNKNOWN),  # a relative's surname
    ("NG", "WEI", None, "Wei Ng", None, UNKNOWN),  # no word of three letters
    # the birth date decides when both are known
    ("DE<VRIES", "ANNA", "850723", "Anna de Vries", "1985-07-23", SUBJECT),
    ("DE<VRIES", "ANNA", "850724", "Anna de Vries", "1985-07-23", OTHER),  # same name
    ("DE<BOER", "ANNA", "850723", "Anna Jansen", "1985-07-23", SUBJECT),  # married name
    ("BAKKER", "KEES", "850723", "Anna de Vries", "1985-07-23", SUBJECT),
    ("", "", "121212", "Anna de Vries", "1985-07-23", OTHER),
    ("DE<VRIES", "ANNA", None, "Anna de Vries", "1985-07-23", SUBJECT),  # zone's unknown
    ("BAKKER", "KEES", "850723", "Anna de Vries", None, OTHER),  # the case's unknown
]


@pytest.mark.parametrize(("surname", "given", "birth", "name", "case_birth", "expected"), TABLE)
def test_holder_against_the_subject(surname, given, birth, name, case_birth, expected):
    holder = Holder(surname=surname, given=given, birth=birth)
    assert holder_match(holder, Subject(name=name, birth_date=case_birth)) is expected


def test_name_words_fold_to_ascii_with_the_icao_two_letter_forms():
    assert name_words("Jürgen Groß-Øberg") == [
        ["JUERGEN", "JURGEN"],
        ["GROSS"],
        ["OBERG", "OEBERG"],
    ]
    assert name_words("Daan van 't Hof") == [["DAAN"], ["VAN"], ["T"], ["HOF"]]


def test_holder_of_a_name_field():
    assert holder_of("DE<VRIES<<ANNA<MARIA<<<<<", "850723") == Holder("DE<VRIES", "ANNA<MARIA",
                                                                    "850723")  # fmt: skip
    assert holder_of("0UALI<<KHAD1JA<<<", None) == Holder("OUALI", "KHADIJA", None)
    # fillers read as letters (a first OCR reading): not read at all
    assert holder_of("OUALISSKHADIJASSSSS<<<<", None) == Holder("", "", None)


BIRTH = dt.date(1985, 7, 23)
EXPIRY = dt.date(2031, 5, 14)


def card(name: str = "DE<VRIES<<ANNA", birth: dt.date = BIRTH) -> list[str]:
    return mrz.td1(doc_type="I", issuing="NLD", name=name, number="XN84RT2K6",
                   nationality="NLD", birth=birth, sex="F", expiry=EXPIRY)  # fmt: skip


def passport(name: str = "DE<VRIES<<ANNA", birth: dt.date = BIRTH) -> list[str]:
    return mrz.td3(doc_type="P", issuing="NLD", name=name, number="SPECI2014",
                   nationality="NLD", birth=birth, sex="F", expiry=EXPIRY)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(card()),
        "\n".join(passport()),
        "".join(card()),  # the three lines run together
        "IDENTITEITSKAART\n" + "\n".join(card()) + "\nafgegeven te Utrecht",
    ],
    ids=["td1", "td3", "td1-one-line", "td1-in-text"],
)
def test_a_trusted_zone_carries_its_holder_transiently(text):
    doc = read_id_document(text)
    assert doc is not None and doc.trusted
    assert doc.holder == Holder("DE<VRIES", "ANNA", "850723")
    shown = repr(doc) + repr(doc.holder) + str(doc.to_json())
    assert "VRIES" not in shown and "ANNA" not in shown and "850723" not in shown
    assert set(doc.to_json()) == {"number", "valid_until"}
    # the holder takes no part in comparisons
    other = read_id_document(text.replace("DE<VRIES<<ANNA", "BAKKER<<KEES<<"))
    assert other == doc and other.holder.surname == "BAKKER"


def test_a_birth_date_with_a_failing_check_digit_is_not_the_holders():
    lines = card()
    broken = lines[1][:6] + str((int(lines[1][6]) + 1) % 10) + lines[1][7:]
    doc = read_id_document("\n".join([lines[0], broken, lines[2]]))
    assert doc is not None and not doc.trusted and doc.holder.birth is None


def test_a_driving_licence_gives_fields_1_2_and_3():
    text = (
        "RIJBEWIJS  Koninkrijk der Nederlanden\n1. TEN BRINK\n2. HENDRIK JAN\n"
        "3. 02.11.1946 Deventer\n4a. 09.01.2024\n4b. 09.01.2029\n5. 5238471920\n"
    )
    doc = read_id_document(text)
    assert doc is not None and doc.trusted and doc.document_type == "driving_licence"
    assert doc.holder == Holder("TEN<BRINK", "HENDRIK<JAN", "461102")
    assert "BRINK" not in repr(doc)
    ten_brink = Subject(name="Hendrik Jan ten Brink", birth_date="1946-11-02")
    assert holder_match(doc.holder, ten_brink) is SUBJECT
    someone = Subject(name="Hendrik Jan ten Brink", birth_date="1975-03-01")
    assert holder_match(doc.holder, someone) is OTHER
    # field 3 is not a date: the name decides
    odd = read_id_document(text.replace("3. 02.11.1946", "3. 31.02.1946"))
    assert odd.holder.birth is None and holder_match(odd.holder, someone) is SUBJECT


def test_a_scanned_licence_whose_labels_ocr_lost_still_gives_the_birth_date():
    """OCR of a scan drops the small labels: field 3 is then the one line that starts
    with a date and a place; two such lines that differ give no birth date."""
    text = (
        "RIJBEWIJS Koninkrijk der Nederlanden\n\nTEN BRINK\n\nHENDRIK JAN\n\n"
        "02.11.1946 Deventer\n\n„ 09.01.2024 4b. 09.01.2029\n. Burg. v. Deventer\n\n"
        "5238471920\n\nAM 09.01.2024 09.01.2029\n"
    )
    doc = read_id_document(text)
    assert doc is not None and doc.trusted and doc.number == "5238471920"
    assert doc.holder.birth == "461102" and doc.holder.surname == ""
    assert holder_match(doc.holder, Subject(name="H.J. ten Brink", birth_date="1946-11-02")) \
        is SUBJECT  # fmt: skip
    assert holder_match(doc.holder, Subject(name="A. Jansen", birth_date="1980-01-01")) is OTHER
    two = read_id_document(text + "03.04.1950 Zwolle\n")
    assert two.holder.birth is None
    # the label's dot lost
    dotless = read_id_document(text.replace("02.11.1946 Deventer", "3 02.11.1946 Deventer"))
    assert dotless.holder.birth == "461102"
