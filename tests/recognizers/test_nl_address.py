"""NlAddressRecognizer: street + number (+ postcode + city), postcode + city, Postbus."""

import random

import pytest
from faker import Faker
from recognizer_table import run, spans
from stdnum.nl import postcode

from zeef.classifiers.recognizers.nl_address import NlAddressRecognizer

ENTITY = "ADDRESS"
RECOGNIZER = NlAddressRecognizer()


def analyze(text: str):
    return run(RECOGNIZER, ENTITY, text)


@pytest.mark.parametrize(
    "text, expected, min_score",
    [
        # full addresses: 0.9
        ("Adres: Lindelaan 4, 3511 AB Utrecht.", ["Lindelaan 4, 3511 AB Utrecht"], 0.9),
        (
            "Mevrouw F. el Amrani\nLindelaan 4\n3511 AB Utrecht\n",
            ["Lindelaan 4\n3511 AB Utrecht"],
            0.9,
        ),
        ("Kerkstraat 12 A\n1234 AB  AMSTERDAM", ["Kerkstraat 12 A\n1234 AB  AMSTERDAM"], 0.9),
        (
            "Burgemeester de Withstraat 3, 3511 AB Utrecht",
            ["Burgemeester de Withstraat 3, 3511 AB Utrecht"],
            0.9,
        ),
        ("Rokin 12, 1012 KT Amsterdam", ["Rokin 12, 1012 KT Amsterdam"], 0.9),
        ("Lange Voorhout 34\n2514 EE Den Haag", ["Lange Voorhout 34\n2514 EE Den Haag"], 0.9),
        ("'s-Gravendijkwal 12, 3021 EK Rotterdam", ["'s-Gravendijkwal 12, 3021 EK Rotterdam"], 0.9),
        ("Markt 1, 5211 JX 's-Hertogenbosch", ["Markt 1, 5211 JX 's-Hertogenbosch"], 0.9),
        (
            "Dorpsstraat 4 hs, 2400 AA Alphen aan den Rijn",
            ["Dorpsstraat 4 hs, 2400 AA Alphen aan den Rijn"],
            0.9,
        ),
        (
            "Lindelaan 4, 3511 AB Utrecht, telefoon 06-12345678",
            ["Lindelaan 4, 3511 AB Utrecht"],
            0.9,
        ),
        ("Lindelaan 4 3511AB Utrecht", ["Lindelaan 4 3511AB Utrecht"], 0.9),
        ("Postbus 16200, 3500 CE Utrecht", ["Postbus 16200, 3500 CE Utrecht"], 0.9),
        ("Postbus 16200\n3500 CE  UTRECHT", ["Postbus 16200\n3500 CE  UTRECHT"], 0.9),
        # postcode and city: 0.7
        ("woonplaats: 3511 AB Utrecht", ["3511 AB Utrecht"], 0.7),
        ("9945 SE Lage Zwaluwe", ["9945 SE Lage Zwaluwe"], 0.7),
        ("1451 UZ Hengelo (Gld)", ["1451 UZ Hengelo (Gld)"], 0.7),
        # street and number: 0.5
        ("Oude Gracht 12", ["Oude Gracht 12"], 0.5),
        ("wonende Laan van Nieuw Oost-Indië 25.", ["Laan van Nieuw Oost-Indië 25"], 0.5),
        ("Kerkstraat 12a", ["Kerkstraat 12a"], 0.5),
        ("Kerkstraat 12-II", ["Kerkstraat 12-II"], 0.5),
        ("Kerkstraat 12 bis", ["Kerkstraat 12 bis"], 0.5),
        ("Dorpsstraat 4 hs", ["Dorpsstraat 4 hs"], 0.5),
        ("Kerkstraat 12-14", ["Kerkstraat 12-14"], 0.5),
        ("Dr. A. Schweitzerlaan 3", ["Dr. A. Schweitzerlaan 3"], 0.5),
        ("2e Hugo de Grootstraat 5", ["2e Hugo de Grootstraat 5"], 0.5),
        ("Oost-Indiëlaan 3", ["Oost-Indiëlaan 3"], 0.5),
        ("ik woon op de Kerkstraat 12 in Utrecht", ["Kerkstraat 12"], 0.5),
        ("Postbus 123", ["Postbus 123"], 0.5),
        # a street with an invalid postcode keeps the street part only
        ("Kerkstraat 5, 1234 SS Utrecht", ["Kerkstraat 5"], 0.5),
        # postcode alone: 0.4
        ("postcode 3511AB", ["3511AB"], 0.4),
        # negatives
        ("1234 SS Utrecht", [], 0),  # SS is never issued
        ("1234 SA Utrecht en 1234 SD Utrecht", [], 0),
        ("0123 AB Utrecht", [], 0),  # postcodes do not start with 0
        ("3511 ab Utrecht", [], 0),  # lower case
        ("Rokin 5, 1234 SS Utrecht", [], 0),
        ("Op 12 maart 2024 heeft u een aanvraag gedaan.", [], 0),
        ("Utrecht, 3 januari 2022", [], 0),
        ("Tilburg 12 maart 2024", [], 0),
        ("Artikel 12 van de Participatiewet", [], 0),
        ("In 2024 ontving u € 1.234,56.", [], 0),
        ("Hoofdstuk 3, Bijlage 2, Verklaring 2", [], 0),
        ("Amsterdam 12", [], 0),
        ("De Kerkstraat is afgesloten.", [], 0),
        ("Kerkstraat 0", [], 0),
        ("Kerkstraat 12,5 km", [], 0),
        ("Geachte mevrouw Jansen,", [], 0),
        ("", [], 0),
    ],
)
def test_address_table(text, expected, min_score):
    results = analyze(text)
    assert [(r.start, r.end) for r in results] == spans(text, expected)
    assert all(r.entity_type == ENTITY and r.score >= min_score for r in results)


def test_generated_addresses_on_one_line_and_on_two():
    fake = Faker("nl_NL")
    fake.seed_instance(11)
    rng = random.Random(3)
    checked = 0
    while checked < 100:
        # Faker writes house numbers like "014"; real ones do not start with 0.
        number = f"{rng.randint(1, 999)}{rng.choice(['', 'a', 'B', '-II', ' bis', ' hs'])}"
        street, code, city = f"{fake.street_name()} {number}", fake.postcode(), fake.city()
        if not postcode.is_valid(code) or " gem. " in city or "- en " in city:
            continue  # Faker also writes SS/SD/SA codes and a few exotic place names
        for text, address in (
            (f"Adres: {street}, {code} {city}.", f"{street}, {code} {city}"),
            (f"{street}\n{code} {city}\n", f"{street}\n{code} {city}"),
        ):
            results = analyze(text)
            assert [text[r.start : r.end] for r in results] == [address]
            assert results[0].score == 0.9
        checked += 1
