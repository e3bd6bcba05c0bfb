"""Dutch person names: what a careful reader of a Dutch letter recognises as a name."""

import pytest

from zeef.classifiers.person_names import find_person_mentions


def spans(text):
    return [text[m.start : m.end] for m in find_person_mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # titles and forms of address
        ("Geachte mevrouw El Amrani,", ["mevrouw El Amrani"]),
        ("Wij spraken met de heer Smit over de aanvraag.", ["de heer Smit"]),
        ("Dhr. J.H. de Vries woont hier.", ["Dhr. J.H. de Vries"]),
        ("Ik was bij dr. P. Jansen op het spreekuur.", ["dr. P. Jansen"]),
        ("Namens mevr. Yılmaz-de Boer schrijf ik u.", ["mevr. Yılmaz-de Boer"]),
        # initials, first names, particles
        ("Het rapport van J. van der Berg is binnen.", ["J. van der Berg"]),
        ("Gisteren belde Ayşe Yılmaz nog.", ["Ayşe Yılmaz"]),
        ("Ook Wojciech Kowalski was aanwezig.", ["Wojciech Kowalski"]),
        (
            "Radjesh Ramdin en Fatima el Amrani kwamen samen.",
            ["Radjesh Ramdin", "Fatima el Amrani"],
        ),
        # names that are also words, after a particle inside a sentence
        ("Volgens de Wit klopt het niet.", ["de Wit"]),
        ("Ik sprak met van Dijk en de Groot.", ["van Dijk", "de Groot"]),
        # relations
        ("Haar vriend Gerrit slaapt er elke nacht.", ["Gerrit"]),
        ("Mijn buurman Kees de Boer heeft een bus.", ["Kees de Boer"]),
        # form fields and signatures
        ("Naam: Fatima el Amrani\nBSN: 111222333", ["Fatima el Amrani"]),
        ("Met vriendelijke groet,\n\nK. Visser\nconsulent", ["K. Visser"]),
        ("Naam kind\tElif Şahin\nGeboortedatum\t20 augustus 2022", ["Elif Şahin"]),
        # as banks, registers and lists print names
        ("26-07-2025 B VOS-VAN DER WAL Af 522,60", ["B VOS-VAN DER WAL"]),
        ("07-06\tMW D POLAT oppas\t312,94", ["MW D POLAT"]),
        ("Deelnemers: Vries, J.H. de en Bakker, P.", ["Vries, J.H. de", "Bakker, P."]),
        # inside brackets, after a colon, with an Arabic article
        ("Melding buurvrouw (De Wit) ontvangen.", ["De Wit"]),
        ("Het lijkt over dezelfde man te gaan: Youssef, met de auto.", ["Youssef"]),
        ("Op de brievenbus stond een andere naam: El Idrissi.", ["El Idrissi"]),
    ],
)
def test_finds_names(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente Utrecht heeft uw aanvraag ontvangen.",
        "Zij woont in de Bilt en werkt in Den Haag.",
        "Betreft: aanvraag bijstandsuitkering per 1 maart.",
        "Het saldo op 12 mei was negatief.",
        "Uw huisarts heeft een verwijzing gestuurd.",
        "Geachte heer/mevrouw,",
        "Boodschappen bij Albert Heijn en de Jumbo.",
        "Zij woont aan de Tjerk Hiddesstraat 21.",
        "Betaling BEA NR 12 aan A BV.",
        "A. Gegevens aanvrager",
    ],
)
def test_no_names_in_ordinary_text(text):
    assert spans(text) == []


def test_later_mentions_join_the_person_first_named():
    text = (
        "Lotte Bakker meldt dat haar buurman Gerrit Jansen zwart werkt. "
        "Volgens Lotte rijdt Jansen elke ochtend weg. Gerrit ontkent."
    )
    mentions = find_person_mentions(text)
    by_text = {text[m.start : m.end]: m.key for m in mentions}
    assert by_text["Lotte"] == by_text["Lotte Bakker"]
    assert by_text["Jansen"] == by_text["Gerrit Jansen"] == by_text["Gerrit"]
    assert by_text["Lotte Bakker"] != by_text["Gerrit Jansen"]


def test_name_parts_are_folded_for_matching():
    (m,) = find_person_mentions("Dhr. J.H. de Vries")
    assert (m.initials, m.particle, m.surname) == ("JH", "de", "vries")
    (m,) = find_person_mentions("Geachte mevrouw Öztürk,")
    assert m.surname == "ozturk"
