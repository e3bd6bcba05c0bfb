"""Roles: the subject is matched against the case file, professionals by their function,
everyone else is a third party, and other data belong to the person they stand with."""

import re
from datetime import date

import pytest
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


def _roles(case_data, text, extra=()):
    case = parse_case({"case_id": "x", "law": "wmo", "subject": case_data})
    results = NlPersonRecognizer().analyze(text, ["PERSON"]) + [_with(text, t, n) for t, n in extra]
    return {text[f.start : f.end]: f.role for f in assign_roles(text, results, case)}


def test_a_relative_is_no_professional_and_not_the_subject_by_surname():
    text = "Aanwezig: cliënt, dochter Femke Dijkhuis, casemanager dementie.\nVader Dijkhuis belde."
    roles = _roles({"name": "Wilma Dijkhuis-de Bruin"}, text)
    assert roles["Femke Dijkhuis"] == Role.THIRD_PARTY
    assert roles["Dijkhuis"] == Role.THIRD_PARTY  # "Vader Dijkhuis"


def test_a_function_on_the_next_line_is_no_function_of_the_name():
    text = "Ingediend door:  R. Dijkhuis, machtiging\nNamens:          W. Dijkhuis-de Bruin"
    roles = _roles({"name": "Wilma Dijkhuis-de Bruin"}, text)
    assert roles["R. Dijkhuis"] == Role.THIRD_PARTY
    assert roles["W. Dijkhuis-de Bruin"] == Role.SUBJECT


CHILD_BIRTH = date.today().replace(year=date.today().year - 9, day=1).isoformat()


def test_a_parent_in_a_childs_case():
    text = "Moeder (mevrouw Jonker) en vader (de heer Van Wijk) komen. Sem van Wijk is 9."
    roles = _roles({"name": "Sem van Wijk", "birth_date": CHILD_BIRTH}, text)
    assert roles["de heer Van Wijk"] == Role.THIRD_PARTY
    assert roles["Sem van Wijk"] == Role.SUBJECT
    # A child's noun may name the child who is the subject; in an adult's case a son.
    roles = _roles({"name": "Sem van Wijk", "birth_date": CHILD_BIRTH}, "Naam kind: Van Wijk")
    assert roles["Van Wijk"] == Role.SUBJECT
    roles = _roles({"name": "Sem van Wijk", "birth_date": "1970-04-02"}, "Haar zoon Van Wijk")
    assert roles["Van Wijk"] == Role.THIRD_PARTY
    # An adult subject is "de heer" himself.
    text = "Gesprek met de heer Van Wijk over zijn aanvraag."
    roles = _roles({"name": "Sem van Wijk", "birth_date": "1970-04-02"}, text)
    assert roles["de heer Van Wijk"] == Role.SUBJECT


@pytest.mark.parametrize(
    "text, name",
    [
        ("Naam: KOOIMAN\nVoornamen: GERARDA JOHANNA\n", "GERARDA JOHANNA"),
        ("Naam/Surname  KOO1MAN\n", "KOO1MAN"),  # OCR's 1 for an I
        ("Mw. G.J. Kooiman-van der Wal belde.", "Mw. G.J. Kooiman-van der Wal"),
        ("12-03  G KOOIMAN-VAN DER WAL  45,00", "G KOOIMAN-VAN DER WAL"),
        ("Lijst: Kooiman-van der Wal, G.", "Kooiman-van der Wal, G."),
        ("Rekeninghouder  Kooiman G.J.\n", "Kooiman G.J."),
        ("Cliënt: mevrouw Kooiman (roepnaam Greet)\n", "Greet"),
    ],
)
def test_the_subject_as_forms_and_documents_write_her(text, name):
    roles = _roles({"name": "Gerarda Johanna Kooiman-van der Wal"}, text)
    assert roles[name] == Role.SUBJECT


def test_official_initials_of_a_short_name():
    roles = _roles({"name": "Ria Kooiman"}, "Betreft uw patiënt M. Kooiman, geboren 1950.")
    assert roles["M. Kooiman"] == Role.SUBJECT


def test_a_relative_with_other_initials_on_a_bank_statement():
    text = "08-12  Kooiman S  NL12ABNA0123456789  25,00\n"
    roles = _roles({"name": "Gerarda Kooiman"}, text)
    assert roles["Kooiman S"] == Role.THIRD_PARTY


def test_the_contact_details_of_the_subjects_block():
    text = (
        "Naam: A. Kooiman\nAdres: Lindelaan 4, 3511 AB Utrecht\nTelefoon: 06-11122233\n"
        "E-mail: a.k@example.nl\nKinderen: Bram (4)\nTelefoon melder: 06-44455566\n"
    )
    roles = _roles(
        {"name": "Anna Kooiman", "address": "Lindelaan 4, 3511 AB Utrecht"},
        text,
        extra=[
            ("ADDRESS", "Lindelaan 4, 3511 AB Utrecht"),
            ("PHONE_NUMBER", "06-11122233"),
            ("EMAIL_ADDRESS", "a.k@example.nl"),
            ("PHONE_NUMBER", "06-44455566"),
        ],
    )
    assert roles["06-11122233"] == Role.SUBJECT
    assert roles["a.k@example.nl"] == Role.SUBJECT
    assert roles["06-44455566"] != Role.SUBJECT  # after a third party, and a reporter's


def test_the_number_of_the_subjects_own_id_document():
    from zeef.classifiers.analyzer import analyze

    zone = (
        "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\nSPECI20142NLD6503101F2401151999999990<<<<<82"
    )
    text = (
        "PASPOORT\nDocumentnummer  SPECI2014\nNaam  DE BRUIJN\n"
        "Voornamen  WILLEKE LISELOTTE\n\n" + zone + "\n"
    )
    subject = {"name": "Willeke Liselotte de Bruijn", "birth_date": "1965-03-10"}

    def roles(subject):
        case = parse_case({"case_id": "x", "law": "wmo", "subject": subject})
        return {text[f.start : f.end]: f.role for f in assign_roles(text, analyze(text), case)}

    assert roles(subject)["SPECI2014"] == Role.SUBJECT
    assert roles(subject)["WILLEKE LISELOTTE"] == Role.SUBJECT
    # Someone else's document: its number is not the subject's.
    other = {"name": "Anna Visser", "birth_date": "1980-01-01"}
    assert roles(other)["SPECI2014"] != Role.SUBJECT


def test_parse_dutch_date_of_a_travel_document():
    assert parse_dutch_date("04 JAN/JAN 1982") == "1982-01-04"
    assert parse_dutch_date("12 MAA/MAR 1990") == "1990-03-12"
