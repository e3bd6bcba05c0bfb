"""Roles: the subject is matched against the case file, professionals by their function,
everyone else is a third party, and other data belong to the person they stand with."""

import re

from presidio_analyzer import RecognizerResult

from zeef.classifiers.recognizers.nl_person import NlPersonRecognizer
from zeef.classifiers.roles import assign_roles, parse_dutch_date, split_name
from zeef.domain.case import parse_case
from zeef.domain.vocabulary import Role

CASE = parse_case(
    {
        "case_id": "2026-0042",
        "law": "participatiewet",
        "subject": {
            "name": "Fatima el Amrani",
            "bsn": "111222333",
            "birth_date": "1984-03-12",
            "address": "Lindelaan 4, 3511 AB Utrecht",
            "iban": "NL91ABNA0417164300",
        },
    }
)


def _with(text, entity_type, needle):
    start = text.index(needle)
    return RecognizerResult(entity_type, start, start + len(needle), 0.9)


def roles_of(text, extra=()):
    results = NlPersonRecognizer().analyze(text, ["PERSON"]) + [_with(text, t, n) for t, n in extra]
    return {text[f.start : f.end]: f.role for f in assign_roles(text, results, CASE)}


def test_subject_by_name_variants():
    text = (
        "Geachte mevrouw El Amrani,\n\nNaam: Fatima el Amrani\n"
        "Wij hebben F. el Amrani gesproken. Fatima gaf aan dat het goed gaat."
    )
    roles = roles_of(text)
    assert set(roles.values()) == {Role.SUBJECT}
    assert len(roles) == 4


def test_family_member_with_the_same_surname_is_a_third_party():
    text = "Haar zoon Youssef el Amrani woont sinds mei weer thuis."
    assert roles_of(text) == {"Youssef el Amrani": Role.THIRD_PARTY}


def test_professionals_by_title_and_function():
    text = (
        "Ik ben bij dr. P. Jansen geweest.\n\n"
        "Met vriendelijke groet,\n\nK. Visser\nconsulent Werk en Inkomen"
    )
    roles = roles_of(text)
    assert roles == {"dr. P. Jansen": Role.PROFESSIONAL, "K. Visser": Role.PROFESSIONAL}


def test_tipster_and_neighbour_are_third_parties_with_their_data():
    text = (
        "Melding van Lotte Bakker, telefoon 06-12345678.\n"
        "Mijn buurvrouw Fatima el Amrani woont samen met Gerrit de Wit, "
        "Lindelaan 6, 3511 AB Utrecht."
    )
    roles = roles_of(
        text,
        extra=[("PHONE_NUMBER", "06-12345678"), ("ADDRESS", "Lindelaan 6, 3511 AB Utrecht")],
    )
    assert roles["Lotte Bakker"] == Role.THIRD_PARTY
    assert roles["06-12345678"] == Role.THIRD_PARTY
    assert roles["Fatima el Amrani"] == Role.SUBJECT
    assert roles["Gerrit de Wit"] == Role.THIRD_PARTY
    # Same postcode, other house number: the neighbour's address, not the subject's.
    assert roles["Lindelaan 6, 3511 AB Utrecht"] == Role.THIRD_PARTY


def test_subject_identifiers_match_the_case_file():
    text = (
        "BSN 111.222.333, geboren 12 maart 1984, woont Lindelaan 4, 3511 AB Utrecht, "
        "rekening NL91 ABNA 0417 1643 00."
    )
    roles = roles_of(
        text,
        extra=[
            ("NL_BSN", "111.222.333"),
            ("DATE_TIME", "12 maart 1984"),
            ("ADDRESS", "Lindelaan 4, 3511 AB Utrecht"),
            ("IBAN_CODE", "NL91 ABNA 0417 1643 00"),
        ],
    )
    assert set(roles.values()) == {Role.SUBJECT}


def test_a_datum_with_no_person_near_it_is_unknown():
    text = "Utrecht, 3 januari 2024\n\nBetreft: uw aanvraag"
    assert roles_of(text, extra=[("DATE_TIME", "3 januari 2024")]) == {
        "3 januari 2024": Role.UNKNOWN
    }


def test_split_name_handles_particles_and_double_surnames():
    assert split_name("Fatima el Amrani") == (("fatima",), {"amrani"})
    given, forms = split_name("Anna Jansen-de Boer")
    assert given == ("anna",)
    assert {"jansen", "boer"} <= forms


def test_parse_dutch_date():
    assert parse_dutch_date("12 maart 1984") == "1984-03-12"
    assert parse_dutch_date("12-03-1984") == "1984-03-12"
    assert parse_dutch_date("12 mrt. '84") == "1984-03-12"
    assert parse_dutch_date("31-02-1984") is None


def test_findings_never_carry_text():
    text = "Mijn buurman Kees de Boer werkt zwart."
    results = NlPersonRecognizer().analyze(text, ["PERSON"])
    for f in assign_roles(text, results, CASE):
        dumped = repr(f.to_json())
        assert not re.search(r"Kees|Boer", dumped)


def test_data_next_to_an_unnamed_relative_are_a_third_partys():
    text = "Ik kan slecht schrijven. U kunt ook mijn zoon bellen op 06-57302198."
    roles = roles_of(text, extra=[("PHONE_NUMBER", "06-57302198")])
    assert roles["06-57302198"] == Role.THIRD_PARTY


def test_an_email_address_belongs_to_whom_it_spells():
    text = (
        "Mijn dochter Marieke Scholten komt mee. Bel mij of mail naar "
        "marieke.scholten@ziggo.nl of f.elamrani@example.nl.\n\nFatima el Amrani"
    )
    roles = roles_of(
        text,
        extra=[
            ("EMAIL_ADDRESS", "marieke.scholten@ziggo.nl"),
            ("EMAIL_ADDRESS", "f.elamrani@example.nl"),
        ],
    )
    assert roles["marieke.scholten@ziggo.nl"] == Role.THIRD_PARTY
    assert roles["f.elamrani@example.nl"] == Role.SUBJECT


def test_a_short_form_of_the_given_name_is_the_subject():
    case = parse_case({"case_id": "x", "law": "wmo", "subject": {"name": "Hendrik Jan ten Brink"}})
    text = "Mijn naam is Henk ten Brink en mijn buurman Smit helpt mij."
    results = NlPersonRecognizer().analyze(text, ["PERSON"])
    roles = {text[f.start : f.end]: f.role for f in assign_roles(text, results, case)}
    assert roles["Henk ten Brink"] == Role.SUBJECT
    assert roles["Smit"] == Role.THIRD_PARTY
