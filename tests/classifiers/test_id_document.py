"""ID copies: MRZ (ICAO 9303 TD3/TD1/TD2) with check digits, and the Dutch driving licence.

The zones are the ICAO specimens, the Dutch specimen passport (SPECI2014) and zones built
here; every person and number in them is a specimen or invented.
"""

import random
import time
from datetime import date

import pytest

from zeef.classifiers.id_document import IdDocument, check_digit, read_id_document

TODAY = date(2026, 3, 1)

# ICAO Doc 9303 Part 4 (TD3) and Part 5 (TD1) specimens: Anna Maria Eriksson of Utopia.
ICAO_TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
ICAO_TD1 = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
]
# Part 6 (TD2) specimen.
ICAO_TD2 = [
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
]
# Part 5, long document number D23145890734: nine characters in the number field, '<' for
# its check digit, then "734" and the check digit 9 at the start of the optional data.
ICAO_TD1_LONG = [
    "I<UTOD23145890<7349<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
]
# The Dutch specimen passport (Willeke Liselotte de Bruijn, SPECI2014, BSN 999999990).
# Check digit of the document number by hand, weights 7 3 1 repeating, S=28 P=25 E=14
# C=12 I=18:  S 28*7=196  P 25*3=75  E 14*1=14  C 12*7=84  I 18*3=54  2 2*1=2  0 0*7=0
#             1 1*3=3  4 4*1=4;  sum 432, 432 mod 10 = 2  -> "SPECI2014" + "2".
NL_PASSPORT = [
    "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<",
    "SPECI20142NLD6503101F2401151999999990<<<<<82",
]
# A Dutch identity card built here (TD1): number XN84RT2K6, BSN 999999990 in the optional
# data of line 1 (with the Dutch check digit 8 after it), born 1985-07-23, valid until
# 2031-05-14.
NL_ID_CARD = [
    "I<NLDXN84RT2K66999999990<<<<<8",
    "8507239F3105146NLD<<<<<<<<<<<8",
    "DE<VRIES<<ANNA<<<<<<<<<<<<<<<<",
]
# A Dutch residence document (code IR) for a Moroccan national, built here.
NL_RESIDENCE = [
    "IRNLDKR6F1P3T97<<<<<<<<<<<<<<<",
    "9203011M2809300MAR<<<<<<<<<<<2",
    "EL<AMRANI<<YOUSSEF<<<<<<<<<<<<",
]

PERSONAL = ("999999990", "650310", "740812", "850723", "ERIKSSON", "BRUIJN", "VRIES")


def _text(lines, before="Kopie identiteitsbewijs\n\n", after="\n\nGezien origineel"):
    return before + "\n".join(lines) + after


def _set(line: str, pos: int, ch: str) -> str:
    return line[:pos] + ch + line[pos + 1 :]


def _check_zone(lines) -> bool:
    """All ICAO check digits of a TD3 or TD1 zone, with this module's check_digit."""
    if len(lines) == 2 and len(lines[1]) == 44:
        l2 = lines[1]
        fields = [(l2[0:9], l2[9]), (l2[13:19], l2[19]), (l2[21:27], l2[27]),
                  (l2[28:42], l2[42]), (l2[0:10] + l2[13:20] + l2[21:43], l2[43])]  # fmt: skip
    else:
        l1, l2 = lines[0], lines[1]
        fields = [(l1[5:14], l1[14]), (l2[0:6], l2[6]), (l2[8:14], l2[14]),
                  (l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29])]  # fmt: skip
    return all(check_digit(data) == digit for data, digit in fields)


# --- check digits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", "6"),  # Part 4 specimen document number
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("L898902C3674081221204159ZE184226B<<<<<1", "0"),  # composite
        ("D23145890", "7"),  # Part 5 specimen
        ("D23145890734", "9"),  # Part 5 long number
        ("SPECI2014", "2"),  # Dutch specimen, by hand above
        ("650310", "1"),
        ("240115", "1"),
        ("999999990<<<<<", "8"),
        ("<<<<<<<<<<<<<<", "0"),
        ("", "0"),
    ],
)
def test_check_digit(data, digit):
    assert check_digit(data) == digit


def test_check_digit_refuses_other_characters_without_showing_them():
    with pytest.raises(ValueError) as err:
        check_digit("AB«12")
    assert "«" not in str(err.value)


@pytest.mark.parametrize(
    "lines", [ICAO_TD3, ICAO_TD1, ICAO_TD1_LONG, NL_PASSPORT, NL_ID_CARD, NL_RESIDENCE]
)
def test_the_literals_are_valid_zones(lines):
    assert all(len(line) == len(lines[0]) for line in lines)
    if lines is not ICAO_TD1_LONG:
        assert _check_zone(lines)


# --- valid zones ------------------------------------------------------------------------

VALID = [
    # name, lines, type, number, valid_until, state
    ("ICAO TD3", ICAO_TD3, "passport", "L898902C3", "2012-04-15", "UTO"),
    ("ICAO TD1", ICAO_TD1, "id_card", "D23145890", "2012-04-15", "UTO"),
    ("ICAO TD2", ICAO_TD2, "id_card", "D23145890", "2012-04-15", "UTO"),
    ("ICAO TD1 long number", ICAO_TD1_LONG, "id_card", "D23145890734", "2012-04-15", "UTO"),
    ("NL passport", NL_PASSPORT, "passport", "SPECI2014", "2024-01-15", "NLD"),
    ("NL ID card", NL_ID_CARD, "id_card", "XN84RT2K6", "2031-05-14", "NLD"),
    ("NL ID card, no name line", NL_ID_CARD[:2], "id_card", "XN84RT2K6", "2031-05-14", "NLD"),
    ("NL residence", NL_RESIDENCE, "residence_document", "KR6F1P3T9", "2028-09-30", "NLD"),
]


@pytest.mark.parametrize(
    ("lines", "doc_type", "number", "valid_until", "state"),
    [v[1:] for v in VALID],
    ids=[v[0] for v in VALID],
)
def test_valid_zones_are_trusted(lines, doc_type, number, valid_until, state):
    doc = read_id_document(_text(lines), today=TODAY)
    assert doc == IdDocument(doc_type, number, valid_until, state, True, ())
    assert doc.to_json() == {"number": number, "valid_until": valid_until}


def test_residence_document_by_wording():
    # "IH": the second letter is the state's choice; the wording makes it a residence document
    l1 = "IHNLDKR6F1P3T97<<<<<<<<<<<<<<<"
    lines = [l1, NL_RESIDENCE[1], NL_RESIDENCE[2]]
    plain = read_id_document(_text(lines), today=TODAY)
    worded = read_id_document(_text(lines, before="VERBLIJFSDOCUMENT\n"), today=TODAY)
    assert plain.document_type == "id_card" and plain.trusted
    assert worded.document_type == "residence_document" and worded.trusted
    # "I<" stays an identity card, whatever the text says
    card = read_id_document(_text(NL_ID_CARD, before="residence permit\n"), today=TODAY)
    assert card.document_type == "id_card"


def test_passport_line_2_alone_is_read_when_everything_checks():
    doc = read_id_document("Paspoort\n" + NL_PASSPORT[1], today=TODAY)
    assert doc.trusted and doc.document_type == "passport"
    assert (doc.number, doc.valid_until, doc.issuing_state) == ("SPECI2014", "2024-01-15", None)


def test_expiry_century_window():
    assert read_id_document(_text(ICAO_TD3), today=date(2060, 1, 1)).valid_until == "2012-04-15"
    # 50 years on, 12 is read as 2112 (expiry dates lie within 50 years of today)
    assert read_id_document(_text(ICAO_TD3), today=date(2070, 1, 1)).valid_until == "2112-04-15"


# --- failing check digits ----------------------------------------------------------------

FLIPPED = [
    # name, lines, failing field
    ("TD1 number", [_set(NL_ID_CARD[0], 10, "3"), *NL_ID_CARD[1:]], "document number"),
    ("TD1 expiry", [NL_ID_CARD[0], _set(NL_ID_CARD[1], 13, "5"), NL_ID_CARD[2]], "expiry date"),
    ("TD1 birth", [NL_ID_CARD[0], _set(NL_ID_CARD[1], 5, "4"), NL_ID_CARD[2]], "birth date"),
    ("TD1 composite", [NL_ID_CARD[0], _set(NL_ID_CARD[1], 29, "1"), NL_ID_CARD[2]], "composite"),
    ("TD3 number", [NL_PASSPORT[0], _set(NL_PASSPORT[1], 7, "2")], "document number"),
    ("TD3 expiry", [NL_PASSPORT[0], _set(NL_PASSPORT[1], 26, "6")], "expiry date"),
    ("TD3 optional", [NL_PASSPORT[0], _set(NL_PASSPORT[1], 30, "8")], "optional data"),
    ("TD3 number cd", [ICAO_TD3[0], _set(ICAO_TD3[1], 9, "7")], "document number"),
]


@pytest.mark.parametrize(("lines", "field"), [f[1:] for f in FLIPPED], ids=[f[0] for f in FLIPPED])
def test_one_flipped_digit_is_not_trusted(lines, field):
    doc = read_id_document(_text(lines), today=TODAY)
    assert doc is not None and not doc.trusted
    assert f"check digit: {field}" in doc.reasons
    for reason in doc.reasons:
        assert not any(p in reason for p in PERSONAL)
        assert doc.number not in reason


def test_ocr_confusion_in_the_number_is_never_guessed():
    # an O read for the 0 of SPECI2014: O and 0 are a classic confusion, and guessing it
    # back would give a number that passes its check digit, so it must go to review
    lines = [NL_PASSPORT[0], NL_PASSPORT[1].replace("SPECI2014", "SPECI2O14")]
    assert check_digit("SPECI2014") == NL_PASSPORT[1][9]
    doc = read_id_document(_text(lines), today=TODAY)
    assert not doc.trusted
    assert doc.reasons[0] == "check digit: document number"
    assert doc.number == "SPECI2O14"  # as read: the caller sends it to review


def test_number_printed_differently_elsewhere():
    # S and 8 weigh the same in a check digit (28 and 8): the zone alone cannot tell them
    # apart, so a visual zone that disagrees sends the document to review
    assert check_digit("LS98902C3") == check_digit("L898902C3")
    same = read_id_document(_text(ICAO_TD3, before="Passport No. L898902C3\n"), today=TODAY)
    other = read_id_document(_text(ICAO_TD3, before="Passport No. LS98902C3\n"), today=TODAY)
    assert same.trusted
    assert not other.trusted
    assert other.reasons == ("document number: printed differently elsewhere in the text",)


def test_corrections_in_numeric_fields_are_accepted_when_the_digits_pass():
    line = NL_PASSPORT[1]
    line = _set(line, 23, "O")  # expiry 240115 read as 24O115
    line = _set(line, 42, "B")  # optional-data check digit 8 read as B
    doc = read_id_document(_text([NL_PASSPORT[0], line]), today=TODAY)
    assert doc.trusted and doc.valid_until == "2024-01-15" and doc.number == "SPECI2014"


def test_a_correction_that_does_not_pass_stays_untrusted():
    line = _set(NL_PASSPORT[1], 23, "S")  # the 0 of the expiry read as S: S means 5
    doc = read_id_document(_text([NL_PASSPORT[0], line]), today=TODAY)
    assert not doc.trusted
    assert "check digit: expiry date" in doc.reasons


def test_invalid_expiry_date_is_not_trusted_even_when_the_digits_pass():
    l2 = "L898902C36UTO7408122F1213407"  # expiry 121340: no 40th of December
    tail = "ZE184226B<<<<<1"
    comp = check_digit(l2[0:10] + l2[13:20] + l2[21:28] + tail)
    assert check_digit("121340") == l2[27]
    doc = read_id_document(_text([ICAO_TD3[0], l2 + tail + comp]), today=TODAY)
    assert not doc.trusted and doc.valid_until is None
    assert doc.reasons == ("not a date: expiry date",)


# --- OCR noise --------------------------------------------------------------------------


def _spaces(lines):
    return [" ".join(line[i : i + 5] for i in range(0, len(line), 5)) for line in lines]


def _wrap(lines, k, at):
    return lines[:k] + [lines[k][:at], lines[k][at:]] + lines[k + 1 :]


NOISE = [
    ("spaces", _spaces),
    ("guillemets for <<", lambda ls: [x.replace("<<", "«") for x in ls]),
    ("guillemets, mixed", lambda ls: [x.replace("<<<<", "«««") for x in ls]),
    ("parentheses", lambda ls: [x.replace("<", "(") for x in ls]),
    ("braces and spaces", lambda ls: [x.replace("<<", "{ {") for x in ls]),
    ("K in filler runs", lambda ls: [x.replace("<<<<", "<K<k") for x in ls]),
    ("lower case", lambda ls: [x.lower() for x in ls]),
    ("line 2 wrapped", lambda ls: _wrap(ls, 1, 17)),
    ("line 1 wrapped in three", lambda ls: _wrap(_wrap(ls, 0, 9), 1, 12)),
    ("lines joined", lambda ls: ["".join(ls)]),
    ("lines joined with a space", lambda ls: [" ".join(ls)]),
    ("blank lines between", lambda ls: ["\n".join(["", x, ""]) for x in ls]),
    ("a filler lost", lambda ls: [ls[0], ls[1].replace("<<<", "<<", 1), *ls[2:]]),
    ("a filler too many", lambda ls: [ls[0].replace("<<", "<<<", 1), *ls[1:]]),
    ("label before", lambda ls: ["MRZ: " + ls[0], *ls[1:]]),
    ("I read as 1", lambda ls: ["1" + ls[0][1:], *ls[1:]] if ls[0][0] == "I" else ls),
]


@pytest.mark.parametrize(("transform"), [n[1] for n in NOISE], ids=[n[0] for n in NOISE])
@pytest.mark.parametrize(
    ("lines", "number", "valid_until"),
    [
        (ICAO_TD3, "L898902C3", "2012-04-15"),
        (NL_PASSPORT, "SPECI2014", "2024-01-15"),
        (NL_ID_CARD, "XN84RT2K6", "2031-05-14"),
        (ICAO_TD1, "D23145890", "2012-04-15"),
    ],
    ids=["ICAO TD3", "NL passport", "NL ID card", "ICAO TD1"],
)
def test_ocr_noise_still_reads_the_right_number(transform, lines, number, valid_until):
    noisy = transform(list(lines))
    doc = read_id_document(_text(noisy), today=TODAY)
    assert doc is not None and doc.trusted, doc and doc.reasons
    assert doc.to_json() == {"number": number, "valid_until": valid_until}


@pytest.mark.parametrize(
    ("lines", "number"),
    [(NL_ID_CARD, "XN84RT2K6"), (ICAO_TD1, "D23145890")],
    ids=["NL ID card", "ICAO TD1"],
)
def test_a_filler_lost_before_the_expiry_is_read_but_not_trusted(lines, number):
    # "I<NLD" read as "INLD": putting the filler back re-aligns the number, but a lost
    # character there is guarded by the number's check digit alone (the composite repeats
    # its weights), so such a refit goes to review
    doc = read_id_document(_text([lines[0][0] + lines[0][2:], *lines[1:]]), today=TODAY)
    assert not doc.trusted and doc.number == number
    assert doc.reasons == ("refitted: a character lost or added before the expiry date",)


def test_a_lost_digit_in_the_number_is_not_guessed_back():
    # SPECI2014 with the 1 lost: the zone is one short; no filler put anywhere makes the
    # number pass, so nothing is trusted
    lines = [NL_PASSPORT[0], NL_PASSPORT[1].replace("SPECI2014", "SPECI204")]
    doc = read_id_document(_text(lines), today=TODAY)
    assert doc is None or not doc.trusted


def test_ambiguous_refit_is_not_trusted():
    # the filler of "I<" lost; putting it back gives number CS715162 (right), putting it
    # after the number gives S715162, and both pass every check digit
    lines = [
        "INLDCS715162<6127687402<<<<<<",
        "5110227F2804187NLD<<<<<<<<<<<3",
        "A<<B<<<<<<<<<<<<<<<<<<<<<<<<<<",
    ]
    doc = read_id_document(_text(lines), today=TODAY)
    assert not doc.trusted
    assert doc.reasons == ("ambiguous: several OCR corrections pass the check digits",)


def test_noise_on_a_bad_zone_does_not_make_it_trusted():
    bad = [NL_ID_CARD[0], _set(NL_ID_CARD[1], 13, "5"), NL_ID_CARD[2]]
    for _, transform in NOISE:
        doc = read_id_document(_text(transform(list(bad))), today=TODAY)
        assert doc is not None and not doc.trusted


# --- several zones, none, hostile input ---------------------------------------------------


def test_first_trusted_zone_wins_over_an_earlier_untrusted_one():
    bad = [NL_ID_CARD[0], _set(NL_ID_CARD[1], 13, "5"), NL_ID_CARD[2]]
    text = _text(bad) + "\n\nPaspoort\n\n" + "\n".join(NL_PASSPORT) + "\n\n" + "\n".join(ICAO_TD3)
    doc = read_id_document(text, today=TODAY)
    assert doc.trusted and doc.number == "SPECI2014"


def test_best_untrusted_zone_when_none_passes():
    worse = [NL_PASSPORT[0], _set(_set(NL_PASSPORT[1], 7, "2"), 17, "9")]
    bad = [NL_ID_CARD[0], _set(NL_ID_CARD[1], 13, "5"), NL_ID_CARD[2]]
    doc = read_id_document(_text(worse) + "\n\n" + _text(bad), today=TODAY)
    assert not doc.trusted
    assert doc.document_type == "id_card"
    assert doc.reasons == ("check digit: expiry date", "check digit: composite")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Geachte heer Jansen,\n\nHierbij stuur ik de gevraagde stukken.\nMet vriendelijke groet",
        "Persoonsnummer 999999990\nDocumentnummer SPECI2014\nGeldig tot 15.01.2024",
        "a < b << c <<< d\n" * 50,
        "<" * 44 + "\n" + "<" * 44,
        "0" * 30 + "\n" + "0" * 30 + "\n" + "0" * 30,
        "P<" + "0" * 42 + "\n" + "0" * 44,
        "1. Inkomen\n4b. Vermogen 12.03.2025\n5. 1234567890 euro",  # no licence
    ],
    ids=["empty", "letter", "no zone", "comparisons", "fillers", "zeros", "zero passport", "list"],
)
def test_no_zone(text):
    assert read_id_document(text, today=TODAY) is None


@pytest.mark.parametrize("width", [0, 30, 36, 42, 44, 7])
def test_hostile_input_returns_quickly(width):
    rng = random.Random(width)
    noise = "".join(rng.choice("<0123456789") for _ in range(100_000))
    if width:
        noise = "\n".join(noise[i : i + width] for i in range(0, len(noise), width))
    start = time.perf_counter()
    doc = read_id_document(noise, today=TODAY)
    assert time.perf_counter() - start < 5
    assert doc is None or not doc.trusted


def test_hostile_zone_lookalikes_return_quickly():
    text = "\n".join("I<NLD" + "7" * 25 for _ in range(5000))
    start = time.perf_counter()
    read_id_document(text, today=TODAY)
    assert time.perf_counter() - start < 5


def test_not_a_string():
    with pytest.raises(TypeError):
        read_id_document(b"P<UTO")  # type: ignore[arg-type]


def test_repr_holds_no_number_or_date():
    doc = read_id_document(_text(NL_PASSPORT), today=TODAY)
    assert "SPECI2014" not in repr(doc) and "2024" not in repr(doc)


# --- Dutch driving licence ----------------------------------------------------------------

LICENCE = """RIJBEWIJS
Koninkrijk der Nederlanden
1. DE VRIES
2. Anna
3. 23.07.1985 Utrecht
4a. 14.05.2021
4b. {valid}
4c. Burg. van Utrecht
4d. 999999990
5. {number}
9. AM/B
"""


def _licence(valid="14.05.2031", number="5123456789", extra=""):
    return LICENCE.format(valid=valid, number=number) + extra


LICENCES = [
    # name, text, number, valid_until, trusted, reason
    ("dots", _licence(), "5123456789", "2031-05-14", True, None),
    ("dashes", _licence(valid="14-05-2031"), "5123456789", "2031-05-14", True, None),
    ("number in groups", _licence(number="5123 456 789"), "5123456789", "2031-05-14", True, None),
    ("heading only", _licence().replace("RIJBEWIJS", ""), "5123456789", "2031-05-14", True, None),
    ("two numbers", _licence(extra="5. 5123456780\n"), "5123456789", "2031-05-14", False,
     "several different numbers (field 5)"),
    ("two dates", _licence(extra="4b. 14.05.2032\n"), "5123456789", "2031-05-14", False,
     "several different valid-until dates (field 4b)"),
    ("unreadable date", _licence(valid="14.O5.2031"), "5123456789", None, False,
     "valid-until date (field 4b) not read"),
    ("no such date", _licence(valid="31.02.2031"), "5123456789", None, False,
     "field 4b is not a date"),
    ("unreadable number", _licence(number="51234S6789"), "", "2031-05-14", False,
     "number (field 5) not read"),
    # as OCR reads a scan or photo: a 4 read as A, the label of field 5 lost
    ("4 read as A", _licence().replace("4b.", "Ab."), "5123456789", "2031-05-14", True, None),
    ("a comma in the date", _licence(valid="14,05.2031"), "5123456789", "2031-05-14", True,
     None),
    ("label 5 lost", _licence().replace("5. 5123456789", "„ 5123456789"), "5123456789",
     "2031-05-14", True, None),
    ("label 5 lost, two bare numbers",
     _licence(extra="0612345678\n").replace("5. 5123456789", "5123456789"), "", "2031-05-14",
     False, "number (field 5) not read"),
    ("a bare number in a sentence", _licence().replace("5. 5123456789", "nummer 5123456789"),
     "", "2031-05-14", False, "number (field 5) not read"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "number", "valid_until", "trusted", "reason"),
    [x[1:] for x in LICENCES],
    ids=[x[0] for x in LICENCES],
)
def test_driving_licence(text, number, valid_until, trusted, reason):
    doc = read_id_document(text, today=TODAY)
    assert doc.document_type == "driving_licence"
    assert doc.to_json() == {"number": number, "valid_until": valid_until}
    assert doc.trusted is trusted
    assert doc.issuing_state == "NLD"
    if reason:
        assert doc.reasons == (f"driving licence: {reason}",)


def test_driving_licence_same_number_twice_is_still_unambiguous():
    text = _licence(extra="\n5. 5123456789\n")
    assert read_id_document(text, today=TODAY).trusted


def test_a_trusted_zone_wins_over_a_licence():
    text = _licence(extra="\n" + "\n".join(NL_ID_CARD))
    doc = read_id_document(text, today=TODAY)
    assert doc.document_type == "id_card" and doc.trusted


# --- repairs of a scan's misreadings, guarded by what the text prints elsewhere ---------


def test_a_letter_read_as_a_digit_in_the_number_is_repaired_only_as_printed():
    """I read as 1 in the number (both may stand there): the one change that passes the
    check digit is taken only when the visual zone prints that number."""
    misread = [NL_PASSPORT[0], NL_PASSPORT[1].replace("SPECI2014", "SPEC12014")]
    printed = read_id_document(_text(misread, before="Documentnummer: SPECI2014\n"), today=TODAY)
    assert printed.trusted and printed.number == "SPECI2014"
    bare = read_id_document(_text(misread), today=TODAY)
    assert not bare.trusted and bare.number == "SPEC12014"
    elsewhere = read_id_document(_text(misread, before="Documentnummer: SPECI2O14\n"), today=TODAY)
    assert not elsewhere.trusted


def _td1(number: str) -> list[str]:
    """A Dutch identity card's zone for `number`, every check digit right."""
    line1 = f"I<NLD{number}{check_digit(number)}" + "<" * 15
    line2 = f"650310{check_digit('650310')}F330802{check_digit('330802')}NLD" + "<" * 11
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return [line1, line2, "DE<BRUIJN<<ELLEN<<<<<<<<<<<<<<"]


def test_a_t_read_as_a_one_in_the_number_is_repaired_only_as_printed():
    """A T small in a monospace font reads as a 1: weighs differently, so the number's
    check digit fails; the one change back that passes it is taken only when the visual
    zone prints that number, and the composite check digit must pass too."""
    right = _td1("YB3T28K71")
    misread = [right[0].replace("YB3T28K71", "YB3128K71"), right[1], right[2]]
    printed = read_id_document(_text(misread, before="Documentnummer YB3T28K71\n"), today=TODAY)
    assert printed.trusted and printed.number == "YB3T28K71"
    assert not read_id_document(_text(misread), today=TODAY).trusted


def test_a_composite_read_as_filler_is_trusted_only_as_printed():
    """OCR drops the thin 1 at the end of line 2's filler run: the composite check digit
    reads '<'. The number and expiry pass their own check digits; the visual zone
    printing both exactly so stands in for the composite. Printed otherwise, or not at
    all: review."""
    lines = _td1("IV7D2RP94")
    lost = [lines[0], lines[1][:-1] + "<", lines[2]]
    viz = "Documentnummer IV7D2RP94\nGeldig tot 02 08 2033\n"
    found = read_id_document(_text(lost, before=viz), today=TODAY)
    assert found.trusted and (found.number, found.valid_until) == ("IV7D2RP94", "2033-08-02")
    assert not read_id_document(_text(lost), today=TODAY).trusted
    other_date = viz.replace("02 08 2033", "02 08 2032")
    assert not read_id_document(_text(lost, before=other_date), today=TODAY).trusted
    other_number = viz.replace("IV7D2RP94", "IV7D2RP95")
    assert not read_id_document(_text(lost, before=other_number), today=TODAY).trusted


def test_a_misread_birth_digit_is_repaired_by_the_printed_date():
    """8 read as 3 in the birth date: check digits cannot tell which of two changes is
    right (3 and 8 are 5 apart); the date printed on the card can. The birth date is not
    kept; the number and expiry pass their own check digits."""
    misread = [NL_ID_CARD[0], "3" + NL_ID_CARD[1][1:], NL_ID_CARD[2]]
    bare = read_id_document(_text(misread), today=TODAY)
    assert not bare.trusted
    printed = read_id_document(_text(misread, before="Geboortedatum: 23-07-1985\n"), today=TODAY)
    assert printed.trusted
    assert (printed.number, printed.valid_until) == ("XN84RT2K6", "2031-05-14")
    other = read_id_document(_text(misread, before="Geboortedatum: 23-07-1935\n"), today=TODAY)
    assert not other.trusted  # the printed date is none of the changes: no guess


def test_a_serif_i_read_as_t_starts_an_identity_card_zone():
    lines = ["T" + NL_ID_CARD[0][1:], NL_ID_CARD[1], NL_ID_CARD[2]]
    doc = read_id_document(_text(lines), today=TODAY)
    assert doc.trusted and doc.document_type == "id_card" and doc.number == "XN84RT2K6"


def _td3(number: str) -> str:
    line2 = f"{number}{check_digit(number)}NLD6503101F3401158{'<' * 14}"
    line2 += check_digit(line2[28:42])
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\n" + line2 + check_digit(composite)


def test_a_number_no_dutch_document_can_have_is_not_trusted_though_its_digits_pass():
    # S for 5 and I for 1 in one number: their weights cancel and the check digit passes;
    # but a Dutch passport number ends in a digit.
    right, misread = "NW5K8C7R1", "NWSK8C7RI"
    assert check_digit(right) == check_digit(misread)
    good = read_id_document(_td3(right), today=date(2026, 12, 5))
    assert good.trusted and good.number == right
    bad = read_id_document(_td3(misread), today=date(2026, 12, 5))
    assert not bad.trusted and bad.reasons == ("document number: not in the Dutch format",)
