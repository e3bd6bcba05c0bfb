"""Whether a personal working note was passed on (`zeef.classifiers.shared_note`): an
addressee, "gedeeld met", "doorgestuurd naar", the dossier, the MDO make it dossier
material (FAQ Q28); a conversation with a colleague does not."""

from __future__ import annotations

import pytest

from zeef.classifiers.shared_note import shared_with_others

SHARED = [
    # an addressee
    ("Aan: teamleider wijkteam\nNotitie huisbezoek mw. De Vries", ["addressee_header"]),
    ("Werkaantekening 12-03\nCc: J. de Vries (handhaving)", ["addressee_header"]),
    ("- aan: collega Bakker\n- huis rommelig", ["addressee_header"]),
    ("Notitie huisbezoek, bcc: teamleider", ["addressee_header"]),
    ("Hoi Stefan,\n\nMijn punten van het huisbezoek:", ["addressee_header"]),
    ("Collega in cc gezet bij de mail over mevrouw.", ["addressee_header"]),
    # shared, forwarded, sent, mailed
    ("Gedeeld met collega P. de Vries (wijkteam).", ["shared_with"]),
    ("Deze aantekeningen heb ik vandaag met de jeugdarts gedeeld.", ["shared_with"]),
    ("Deze notitie heb ik doorgestuurd naar het wijkteam.", ["forwarded"]),
    ("doorgest. naar team handhaving (t.a.v. A. Özdemir)", ["forwarded"]),
    ("Doorgestuurd aan: sociaalteam@kapelle.nl", ["forwarded"]),
    ("Ter info aan teamleider, 12-03-2026.", ["for_information"]),
    ("Even ter info mijn notities over mw. Kok:", ["for_information"]),
    ("Notitie verstuurd naar Veilig Thuis.", ["sent"]),
    ("Besproken met collega Jansen en notitie gemaild.", ["mailed"]),
    ("Gemaild naar de schuldhulpverlening.", ["mailed"]),
    # the dossier
    ("Notitie in het dossier gezet.", ["in_dossier"]),
    ("Heb deze aantekeningen in het digitale dossier opgenomen.", ["in_dossier"]),
    ("Kun jij de afspraak inplannen? Ik zet het ook in het dossier.", ["in_dossier"]),
    ("Aan het dossier toegevoegd op 3 maart.", ["in_dossier"]),
    # the case meeting
    ("Voor het MDO van dinsdag: stand van zaken.", ["for_mdo"]),
    ("Graag inbrengen in het MDO van 4/2.", ["for_mdo"]),
    # handed over
    ("Casus overgedragen aan collega Bakker i.v.m. verlof.", ["handed_over"]),
    ("Voor mijn vervanger tijdens de vakantie:", ["handed_over"]),
    ("Overdracht\nMw. Jansen - stand van zaken:", ["handed_over"]),
    # several cues, each named once, in text order
    (
        "Aan: teamleider\nCc: wijkteam\n\nNotitie gedeeld met de jeugdarts en in het dossier "
        "gezet. Gedeeld met handhaving.",
        ["addressee_header", "shared_with", "in_dossier"],
    ),
]


@pytest.mark.parametrize(("text", "cues"), SHARED)
def test_a_note_passed_on_names_its_cues(text, cues):
    assert shared_with_others(text) == cues


NOT_SHARED = [
    # a conversation about the case is not the note passed on
    "Gebeld met collega over de casus.",
    "Overleg met teamleider ivm handhaving.",
    "Besproken met collega Jansen, volgende week terugkoppelen.",
    "Voorleggen aan teamleider.",
    "Collega Sanne vragen over vergelijkbare casus.",
    "Bellen met wijkteam en huisarts.",
    "Voorbereiding casusoverleg (persoonlijke aantekeningen)",
    # the note is explicitly kept to oneself
    "Eigen aantekening, niet delen.",
    "Niet opnemen in het dossier!",
    "NIET VOOR DOSSIER",
    "Deze notitie wordt niet in het dossier opgenomen.",
    "Mijn aantekening heb ik niet gedeeld met anderen.",
    "Ter info voor mezelf: huurcontract navragen.",
    "Rapportage schrijven voor vrijdag (zonder deze notities).",
    # something else was sent or shared
    "Brief verstuurd naar mevrouw.",
    "Beschikking vandaag verstuurd naar meneer.",
    "7/1 melding zus binnen via info@ -> doorgezet naar handhaving.",
    "Hij heeft de kosten altijd gedeeld met zijn broer.",
    "Mevrouw heeft haar zorgen gedeeld met de buurvrouw.",
    "De aanvraag is doorgestuurd naar de afdeling Wmo.",
    # a person referred, not the note
    "Mevrouw doorgestuurd naar het Juridisch Loket.",
    # form fields and to-do lines that only look like an addressee
    "Aanwezig: mevrouw en dochter",
    "to do: bellen met wijkteam",
    "Denken aan: huurcontract en toeslagen",
    "Cliënt: R. el Ouardi\nDatum: 20-05-2026\nDoor: Ravi",
    "",
]


@pytest.mark.parametrize("text", NOT_SHARED)
def test_a_note_kept_to_oneself_has_no_cues(text):
    assert shared_with_others(text) == []


def test_cues_are_names_not_text():
    text = "Notitie over mw. El Amrani gedeeld met P. de Vries."
    cues = shared_with_others(text)
    assert cues == ["shared_with"]
    assert not any(word in cue for cue in cues for word in ("Amrani", "Vries", "gedeeld"))


HOSTILE = [
    "notitie " * 125_000,
    "notitie " + "x" * 1_000_000,
    "gedeeld " * 125_000,
    "brief gedeeld met " * 55_000,
    "in het " * 140_000,
    "\naan" * 250_000,
    "niet " * 200_000 + "gedeeld met collega",
    " \n" * 500_000,
    "a" * 1_000_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_input_of_a_megabyte_returns(text):
    assert isinstance(shared_with_others(text), list)


def test_a_cue_after_a_megabyte_is_still_found():
    assert shared_with_others("x " * 500_000 + "\nNotitie gedeeld met collega.") == ["shared_with"]
