"""Each person-name rule on its own: what it finds (positives) and what it must not
(negatives). A token rule is run alone through the driver, so a case shows what that
rule finds without the others; `at` asks one rule at one word."""

import pytest

from zeef.classifiers.person_names import find_person_mentions, token_mentions
from zeef.classifiers.person_names.cluster import cluster
from zeef.classifiers.person_names.context import Context
from zeef.classifiers.person_names.rules import (
    TOKEN_RULES,
    Found,
    Verdict,
    arabic_article,
    field_or_signature,
    first_name,
    given_before_initials,
    initials,
    organisation,
    particle,
    relation,
    surname,
    title,
    upper,
)
from zeef.classifiers.person_names.text_rules import TEXT_RULES


def alone(rule, text):
    """What one token rule finds in `text` when it is the only rule."""
    return [text[m.start : m.end] for m in token_mentions(text, rules=(rule,))]


def at(rule, text, word):
    """One rule's answer at the first token that is `word`."""
    ctx = Context(text)
    i = next(k for k, t in enumerate(ctx.toks) if t.text == word)
    return rule.find(ctx, i)


def test_the_rules_are_named_documented_and_in_order():
    assert [r.name for r in TOKEN_RULES] == [
        "title",
        "field_or_signature",
        "organisation",
        "relation",
        "initials",
        "first_name",
        "given_before_initials",
        "arabic_article",
        "particle",
        "surname",
        "upper",
    ]
    assert [r.name for r in TEXT_RULES] == ["surname_first", "bank", "surname_initials", "bank_row"]
    for rule in (*TOKEN_RULES, *TEXT_RULES):
        assert len(rule.doc) > 80, rule.name


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wij spraken met de heer Smit over de aanvraag.", ["de heer Smit"]),
        ("Dhr. J.H. de Vries woont hier.", ["Dhr. J.H. de Vries"]),
        ("Ik was bij dr. P. Jansen op het spreekuur.", ["dr. P. Jansen"]),
        ("Geachte mevrouw El Amrani,", ["mevrouw El Amrani"]),
        ("Namens mevr. Yılmaz-de Boer schrijf ik u.", ["mevr. Yılmaz-de Boer"]),
        # a capitalised two-letter title is a title, not an initial
        ("Patiënt: Mw. T. Brouwer-van Dijk", ["Mw. T. Brouwer-van Dijk"]),
        ("Dr. K. Mulder, internist", ["Dr. K. Mulder"]),
        # negatives: a title without a name
        ("Geachte heer/mevrouw,", []),
        ("De dokter zei dat het goed gaat.", []),
    ],
)
def test_title(text, expected):
    assert alone(title, text) == expected


def test_a_capitalised_title_is_no_initial():
    (m,) = token_mentions("Patiënt: Mw. T. Brouwer-van Dijk", rules=(title,))
    assert (m.title, m.initials, m.surname) == ("mw.", "T", "brouwer-van dijk")
    (m,) = token_mentions("Dr. K. Mulder, internist", rules=(title,))
    assert m.professional_title and m.initials == "K"


def test_title_keeps_the_title_and_reads_a_lone_first_name_as_given():
    (m,) = token_mentions("Ik sprak mevrouw Fatima gisteren.", rules=(title,))
    assert (m.title, m.given, m.surname, m.rule) == ("mevrouw", ("fatima",), "", "title")
    (m,) = token_mentions("Ik was bij dr. P. Jansen.", rules=(title,))
    assert m.professional_title


@pytest.mark.parametrize(
    "text, expected, rule_label",
    [
        ("Naam: Fatima el Amrani\nBSN: 111222333", ["Fatima el Amrani"], "field"),
        ("Naam kind\tElif Şahin\nGeboortedatum\t20 augustus 2022", ["Elif Şahin"], "field"),
        ("Met vriendelijke groet,\n\nK. Visser\nconsulent", ["K. Visser"], "signature"),
        ("Hoogachtend,\nPieter Bakker", ["Pieter Bakker"], "signature"),
        # a given-names field: every word a given name; an unknown one before initials
        ("Voornamen/Given names  WILLEMIJN JOHANNA\n", ["WILLEMIJN JOHANNA"], "field"),
        ("Naam: Quintella R. Feddema\n", ["Quintella R. Feddema"], "field"),
        # negatives: a label whose value is no name, a name not after a label
        ("Naam: 12345\n", [], None),
        ("Betreft: aanvraag bijstandsuitkering per 1 maart.", [], None),
        ("Gisteren belde Ayşe Yılmaz nog.", [], None),
    ],
)
def test_field_or_signature(text, expected, rule_label):
    found = token_mentions(text, rules=(field_or_signature,))
    assert [text[m.start : m.end] for m in found] == expected
    assert all(m.rule == rule_label for m in found)


def test_a_given_names_field_holds_given_names_only():
    (m,) = token_mentions("Voornamen: Willemijn Johanna\n", rules=(field_or_signature,))
    assert (m.given, m.surname) == (("willemijn", "johanna"), "")


def test_a_relative_is_called_by_another_name():
    text = "Cliënt: mevrouw J. Brouwer-Smit (roepnaam Jopie)\nTelefoon 0113-123456"
    keys = {text[m.start : m.end]: m.key for m in find_person_mentions(text)}
    assert keys["Jopie"] == keys["mevrouw J. Brouwer-Smit"]


@pytest.mark.parametrize(
    "text, word, skips",
    [
        ("Boodschappen bij Albert Heijn en de Jumbo.", "Albert", True),
        ("Boodschappen bij Albert Heijn en de Jumbo.", "Jumbo", True),
        ("Gisteren belde Gerrit Jansen nog.", "Gerrit", False),
    ],
)
def test_organisation(text, word, skips):
    assert (at(organisation, text, word) is Verdict.SKIP_RUN) is skips


def test_an_organisation_hides_its_words_from_later_rules():
    text = "Boodschappen bij Albert Heijn."
    assert alone(first_name, text) == ["Albert Heijn"]
    assert [text[m.start : m.end] for m in token_mentions(text)] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Haar vriend Gerrit slaapt er elke nacht.", ["Gerrit"]),
        ("Mijn buurman Kees de Boer heeft een bus.", ["Kees de Boer"]),
        ("Een man genaamd Youssef kwam langs.", ["Youssef"]),
        ("Neef in Zwolle? achternaam Okafor. Nagaan.", ["Okafor"]),
        # negatives: no relation word before, a place or a known non-name after it
        ("Gisteren kwam Gerrit langs.", []),
        ("Haar vader Utrecht is ver weg.", []),
        ("Mijn partner Bank gaf geen antwoord.", []),
    ],
)
def test_relation(text, expected):
    assert alone(relation, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Het rapport van J. van der Berg is binnen.", ["J. van der Berg"]),
        ("Getekend door J.H. Vries op 1 mei.", ["J.H. Vries"]),
        ("Hij belde K. Visser.", ["K. Visser"]),
        # negatives: an enumerated heading; initials without a surname
        ("A. Gegevens aanvrager", []),
        ("Zie bijlage B. 12 van het rapport.", []),
    ],
)
def test_initials(text, expected):
    assert alone(initials, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gisteren belde Ayşe Yılmaz nog.", ["Ayşe Yılmaz"]),
        ("Radjesh Ramdin en Fatima el Amrani kwamen.", ["Radjesh Ramdin", "Fatima el Amrani"]),
        ("Dat zei Lotte gisteren.", ["Lotte"]),
        ("Esther wil graag verhuizen.", ["Esther"]),
        ("Gisteren belde Wobbe E. Hoogland nog.", ["Wobbe E. Hoogland"]),  # middle initial
        # a lone first name that starts a list item with an age, or a table's row
        ("Kinderen: Esther (6), Bram (2 jaar)", ["Esther", "Bram"]),
        ("Naam kind\tGeboortedatum\nEsther\t12-03-2015\n", ["Esther"]),
        ("Naam kind Geboortedatum\nEsther 3 mei 2015 ja\n", ["Esther"]),
        # negatives: a street named after a person, a place, no known first name
        ("Zij woont aan de Tjerk Hiddesstraat 21.", []),
        ("Het saldo op 12 mei was negatief.", []),
        ("Uw huisarts heeft een verwijzing gestuurd.", []),
    ],
)
def test_first_name(text, expected):
    assert alone(first_name, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quintella R. Feddema\nDorpsstraat 4", ["Quintella R. Feddema"]),  # an address block
        ("Gisteren belde Quintella R. Feddema nog.", ["Quintella R. Feddema"]),
        # negatives: a word, a place, a sentence's first word inside a line
        ("Bijlage A. Jansen", []),
        ("Utrecht J. Smit", []),
        ("Zie A. Jansen voor de rest.", []),
    ],
)
def test_given_before_initials(text, expected):
    assert alone(given_before_initials, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Op de brievenbus stond een andere naam: El Idrissi.", ["El Idrissi"]),
        ("Volgens Al Khatib klopt het.", ["Al Khatib"]),
        # negatives: not before a known non-name; lower case is the particle rule's
        ("Volgens el Idrissi klopt het.", []),
        ("Volgens El Bank klopt het.", []),
    ],
)
def test_arabic_article(text, expected):
    assert alone(arabic_article, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Volgens de Wit klopt het niet.", ["de Wit"]),
        ("Ik sprak met van Dijk en de Groot.", ["van Dijk", "de Groot"]),
        # negatives: places, a sentence's start, a given name after the particle
        ("Zij woont in de Bilt en werkt in Den Haag.", []),
        ("De Wit klopt het niet.", []),
        ("Het rapport van Lotte Bakker is binnen.", []),
    ],
)
def test_particle(text, expected):
    assert alone(particle, text) == expected


def test_particle_stops_before_a_given_name():
    assert at(particle, "Het rapport van Lotte Bakker.", "van") is Verdict.NOT_A_NAME


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Melding buurvrouw (Bakker) ontvangen.", ["Bakker"]),
        ("Dat zei Visser gisteren.", ["Visser"]),
        # negatives: a sentence's start, a place, a word, a first name
        ("Visser zei het gisteren.", []),
        ("Zij werkt in Utrecht.", []),
        ("Het saldo op de Bank was negatief.", []),
        ("Dat zei Lotte gisteren.", []),
    ],
)
def test_surname(text, expected):
    assert alone(surname, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ten name van A NOWAK\n", ["A NOWAK"]),
        ("Rekeninghouder: NOWAK A\n", ["NOWAK"]),
        # negatives: words, organisations, places; a lone upper-case first name
        ("BETALING AAN GEMEENTE UTRECHT", []),
        ("Overboeking naar JAN", []),
    ],
)
def test_upper(text, expected):
    assert alone(upper, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deelnemers: Vries, J.H. de en Bakker, P.", ["Vries, J.H. de", "Bakker, P."]),
        ("Lijst: YILDIZ, A.", ["YILDIZ, A."]),
        # negatives: a known non-name or a street before the comma, no initials after
        ("Bank, J. zie boven", []),
        ("Dorpsstraat, A. blok", []),
        # a particle before the surname
        ("Betrokkenen: De Graaf, M. en Van der Meer, K.", ["De Graaf, M.", "Van der Meer, K."]),
        ("Utrecht, 12 mei 2025", []),
    ],
)
def test_surname_first(text, expected):
    (rule,) = [r for r in TEXT_RULES if r.name == "surname_first"]
    assert [text[m.start : m.end] for m in rule.find(text, [])] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("26-07-2025 B VOS-VAN DER WAL Af 522,60", ["B VOS-VAN DER WAL"]),
        ("07-06\tMW D POLAT oppas\t312,94", ["MW D POLAT"]),
        ("HR J H DE VRIES", ["HR J H DE VRIES"]),
        # negatives: a company form, a common word
        ("Betaling BEA NR 12 aan A BV.", []),
        ("Incasso A DE", []),
    ],
)
def test_bank(text, expected):
    (rule,) = [r for r in TEXT_RULES if r.name == "bank"]
    assert [text[m.start : m.end] for m in rule.find(text, [])] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12-03  Terpstra S  NL12ABNA0123456789  50,00", ["Terpstra S"]),
        ("08-12 DE GRAAF M 12,00", ["DE GRAAF M"]),
        ("Rekeninghouder\tde Graaf M.J.\n", ["de Graaf M.J."]),
        # negatives: a company form, a word, a place, not in a column
        ("Visser B.V.  12,00", []),
        ("Groep A  12", []),
        ("DEN HAAG A  12,00", []),
        ("Zij noemde Visser A als bron.", []),
    ],
)
def test_surname_initials(text, expected):
    (rule,) = [r for r in TEXT_RULES if r.name == "surname_initials"]
    assert [text[m.start : m.end] for m in rule.find(text, [])] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("   Jonas Okafor  NL12ABNA0123456789    + 60,00\n", ["Jonas Okafor"]),
        ("Transfer  Amani Odhiambo KEN       - 150,00\n", ["Amani Odhiambo KEN"]),
        # negatives: the municipality, a shop and a place, a payment service, bank words
        ("   Gemeente Groningen     + 1.145,20\n", []),
        ("   Aldi Meppel Centrum     - 31,07\n", []),
        ("   Apple Pay   - 12,00\n", []),
        ("   Betaalautomaat Centrum  - 40,00\n", []),
        ("Zij kocht een fiets  - 45,00\n", []),
    ],
)
def test_bank_row(text, expected):
    (rule,) = [r for r in TEXT_RULES if r.name == "bank_row"]
    assert [text[m.start : m.end] for m in rule.find(text, [])] == expected


def test_a_text_rule_finds_nothing_that_overlaps_what_was_found():
    text = "Deelnemers: Vries, J.H. de"
    (rule,) = [r for r in TEXT_RULES if r.name == "surname_first"]
    (found,) = rule.find(text, [])
    assert rule.find(text, [found]) == []


def test_cluster_joins_bare_later_mentions():
    text = "Lotte Bakker belde. Volgens Lotte klopt het, zei Bakker."
    found = token_mentions(text, rules=(first_name,))
    assert [text[m.start : m.end] for m in found] == ["Lotte Bakker", "Lotte"]
    joined = cluster(found, text)
    by_text = {text[m.start : m.end]: (m.key, m.rule) for m in joined}
    assert by_text["Bakker"] == (by_text["Lotte Bakker"][0], "coreference")
    assert by_text["Lotte"][0] == by_text["Lotte Bakker"][0]


def test_cluster_keeps_two_people_with_one_surname_apart():
    text = "Jakub Mazur en J. Mazur kwamen. Mazur belde."
    keys = {text[m.start : m.end]: m.key for m in find_person_mentions(text)}
    assert keys["Jakub Mazur"] != keys["J. Mazur"]
    assert "Mazur" not in keys  # a bare "Mazur" names neither for certain


def test_a_rule_that_answers_decides():
    # The initials rule stops at initials that start no name: no later rule is asked.
    assert at(initials, "Zie bijlage B. 12.", "B. ") is Verdict.NOT_A_NAME
    assert isinstance(at(title, "Wij spraken met de heer Smit.", "de"), Found)
    assert at(title, "Wij spraken met Smit.", "Smit") is None
