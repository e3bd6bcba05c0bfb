"""Identifying details: what identifies a third party without their name (FAQ Q12)."""

import pytest

from zeef.classifiers.identifying_details import (
    HOUSE_NUMBER,
    KINDS,
    PLACE,
    RELATION,
    SIGNATURE,
    Detail,
    find_identifying_details,
)


def details(text, writer_is_third_party=True):
    return [
        (text[d.start : d.end], d.kind)
        for d in find_identifying_details(text, writer_is_third_party)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the writer's relation to the subject, in the first person
        ("Ik ben de ex-partner van mevrouw Dijkhuis.", [("de ex-partner", RELATION)]),
        ("Ik ben zijn zwager en weet het zeker.", [("zijn zwager", RELATION)]),
        ("Wij zijn de bovenburen van meneer.", [("de bovenburen", RELATION)]),
        ("Als buurvrouw zie ik alles.", [("buurvrouw", RELATION)]),
        ("Als zijn oud-collega weet ik dat.", [("zijn oud-collega", RELATION)]),
        ("Mijn zus woont bij hem.", [("Mijn zus", RELATION)]),
        ("Ik woon er direct\nnaast en hoor alles.", [("direct\nnaast", RELATION)]),
        ("Wij wonen tegenover haar.", [("tegenover haar", RELATION)]),
        # house numbers next door
        ("De buurman van nummer 94 zag het ook.", [("nummer 94", HOUSE_NUMBER)]),
        ("De buren op 96 weten het.", [("96", HOUSE_NUMBER)]),
        ("Het gebeurt op nr. 12a.", [("nr. 12a", HOUSE_NUMBER)]),
        # a signature after a closing
        (
            "Met vriendelijke groet,\n\nEen bezorgde buurvrouw\n",
            [("Een bezorgde buurvrouw", SIGNATURE)],
        ),
        ("Groet, Tineke\nKastanjelaan 3\n\nPS: bel niet", [("Tineke\nKastanjelaan 3", SIGNATURE)]),
        # a town where the writer or a relative lives
        ("Ik woon in Zwolle en werk in Deventer.", [("Zwolle", PLACE), ("Deventer", PLACE)]),
        ("Zijn moeder woont in Alphen aan den Rijn.", [("Alphen aan den Rijn", PLACE)]),
        ("Haar vriend komt uit Herat in Afghanistan.", [("Herat", PLACE), ("Afghanistan", PLACE)]),
        (
            "Mijn broer zit in 's-Hertogenbosch.",
            [("Mijn broer", RELATION), ("'s-Hertogenbosch", PLACE)],
        ),
        # negatives: a phone number, an organisation, a country that identifies no one,
        # a house in general, an item on an agenda list without a preposition
        ("Bel nummer 0800-1234 of 06-12345678.", []),
        ("Zij belde de Gemeente Groningen.", []),
        ("Ik ging met mijn auto naar Albert Heijn.", []),
        ("Het huis van 3 verdiepingen staat leeg.", []),
        ("Bijlage nr. 2 en afschriftnummer 14.", []),
    ],
)
def test_a_tip_by_a_third_party(text, expected):
    assert details(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # in anyone's text: a house number next door, a relative's town
        ("De buurman van nummer 94 belt vaak aan.", [("nummer 94", HOUSE_NUMBER)]),
        ("Mantelzorg: de dochter woont in Kapelle.", [("Kapelle", PLACE)]),
        ("Sociaal netwerk: dochter (Tholen, werkt) en buurman.", [("Tholen", PLACE)]),
        ("Jan is een goede vriend. Hij woont in Sneek.", [("Sneek", PLACE)]),
        # negatives: the writer's own relations and town are theirs to read (the subject's
        # letter), a town said of no relative, a town in an organisation's name
        ("Ik ben de moeder van twee kinderen.", []),
        ("Mijn zus helpt mij met de boodschappen.", []),
        ("Ik woon in Zwolle.", []),
        ("Mevrouw woont in Utrecht.", []),
        ("Haar zoon belde met Wijkteam Deventer.", []),
    ],
)
def test_any_text(text, expected):
    assert details(text, writer_is_third_party=False) == expected


def test_details_are_offsets_in_order_without_overlaps():
    text = "Ik ben de buurvrouw van nummer 12. Mijn man woont ook op nummer 12.\n\nGroet,\nA."
    found = find_identifying_details(text, True)
    assert all(isinstance(d, Detail) and d.kind in KINDS for d in found)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert [d.kind for d in found] == [RELATION, HOUSE_NUMBER, RELATION, HOUSE_NUMBER, SIGNATURE]


def test_a_detail_carries_no_text():
    (d,) = find_identifying_details("Als buurvrouw zie ik alles.", True)
    assert "buurvrouw" not in repr(d)


def test_nothing_in_an_empty_text():
    assert find_identifying_details("", True) == []
