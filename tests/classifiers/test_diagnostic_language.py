"""Diagnostic language in the municipality's own reports (`zeef.classifiers.
diagnostic_language`): diagnoses, medicines and ZRM scores are found with exact offsets;
limitations, care words and generic words are not (FAQ Q14, Q18, Q22)."""

from __future__ import annotations

import pytest

from zeef.classifiers import budget, lexicon
from zeef.classifiers.budget import TimeBudgetExceeded
from zeef.classifiers.diagnostic_language import (
    DIAGNOSIS,
    MEDICATION,
    ZRM_SCORE,
    DiagnosticSpan,
    find_diagnostic_language,
    lexicon_sizes,
)

D, M, Z = DIAGNOSIS, MEDICATION, ZRM_SCORE


def expected(text: str, parts: list[tuple[str, str]]) -> list[DiagnosticSpan]:
    """The spans of each (part, kind), each part searched after the previous one."""
    spans, position = [], 0
    for part, kind in parts:
        start = text.index(part, position)
        spans.append(DiagnosticSpan(start, start + len(part), kind))
        position = start + len(part)
    return spans


POSITIVES = [
    # diagnoses, multiword ones spanned whole
    ("Mevrouw is bekend met diabetes type 2 en gebruikt metformine.",
     [("diabetes type 2", D), ("metformine", M)]),
    ("Meneer heeft COPD en hartfalen; hij kan de trap niet meer op.",
     [("COPD", D), ("hartfalen", D)]),
    ("Volgens de huisarts is er sprake van een depressie.", [("depressie", D)]),
    ("Mevrouw heeft de ziekte van Parkinson en loopt met een rollator.",
     [("ziekte van Parkinson", D)]),
    ("Sinds het herseninfarct heeft meneer niet-aangeboren hersenletsel.",
     [("herseninfarct", D), ("niet-aangeboren hersenletsel", D)]),
    ("Er is bij mevrouw een bipolaire stoornis vastgesteld.", [("bipolaire stoornis", D)]),
    ("Hij heeft een hernia en reumatoïde artritis.",
     [("hernia", D), ("reumatoïde artritis", D)]),
    ("Mevrouw heeft een posttraumatische stressstoornis (PTSS).",
     [("posttraumatische stressstoornis", D), ("PTSS", D)]),
    ("Meneer heeft Lewy-body-dementie.", [("Lewy-body-dementie", D)]),
    ("Zij is bekend met diabetes\ntype 2 sinds 2019.", [("diabetes\ntype 2", D)]),
    ("Mevrouw is sinds 2023 met een burn-out thuis.", [("burn-out", D)]),
    ("Daan heeft autisme (ASS) en dyslexie.", [("autisme", D), ("ASS", D), ("dyslexie", D)]),
    ("Meneer heeft een licht verstandelijke beperking (LVB).",
     [("licht verstandelijke beperking", D), ("LVB", D)]),
    ("Meneer is bekend met een alcoholverslaving.", [("alcoholverslaving", D)]),
    # abbreviations that are also words count only in their own case
    ("Mevrouw heeft MS en is snel moe.", [("MS", D)]),
    ("Meneer heeft ALS en is bedlegerig.", [("ALS", D)]),
    ("Na een TIA in maart rijdt meneer geen auto meer.", [("TIA", D)]),
    # ordinary entries are found in any case, also in a heading
    ("DIAGNOSE: COPD", [("COPD", D)]),
    ("Zij heeft ptss.", [("ptss", D)]),
    # negation does not matter: the report still names the diagnosis
    ("Er is geen sprake van dementie.", [("dementie", D)]),
    # eponyms, and deduce's medical terms by suffix
    ("Hij is bekend met de ziekte van Lyme.", [("ziekte van Lyme", D)]),
    ("Mevrouw heeft het syndroom van Sjögren.", [("syndroom van Sjögren", D)]),
    ("Mevrouw heeft polyneuropathie in beide voeten.", [("polyneuropathie", D)]),
    ("Meneer heeft een chronische bronchitis.", [("bronchitis", D)]),
    # medicines, doses, brands before a dose
    ("Mevrouw gebruikt sertraline 50 mg, 1 dd 1.",
     [("sertraline 50 mg", M), ("1 dd 1", M)]),
    ("Medicatie: Xarelto 20 mg per dag.", [("Xarelto 20 mg", M)]),
    ("Hij slikt 2 tabletten per dag.", [("2 tabletten", M)]),
    ("Bij ADHD gebruikt Daan methylfenidaat.", [("ADHD", D), ("methylfenidaat", M)]),
    ("Mevrouw gebruikt oxazepam en antidepressiva.",
     [("oxazepam", M), ("antidepressiva", M)]),
    ("Hij gebruikt bloedverdunners.", [("bloedverdunners", M)]),
    # an over-the-counter medicine counts with a dose in the same sentence
    ("Zij neemt paracetamol 500 mg 3 dd 2.", [("paracetamol 500 mg 3 dd 2", M)]),
    ("Hij neemt 400 mg ibuprofen tegen de pijn.", [("400 mg ibuprofen", M)]),
    # ZRM scores near a mention of the ZRM
    ("ZRM afgenomen op 9 februari: Financiën: 2, Huisvesting: 4.",
     [("Financiën: 2", Z), ("Huisvesting: 4", Z)]),
    ("Op de Zelfredzaamheidsmatrix scoort mevrouw een 2 op financiën.",
     [("scoort mevrouw een 2", Z)]),
    ("Zelfredzaamheid-Matrix\nDomein          Score\nFinanciën        1\n"
     "Werk & opleiding 3\nVerslaving       5\nSociaal netwerk  2",
     [("Financiën        1", Z), ("Werk & opleiding 3", Z), ("Verslaving       5", Z),
      ("Sociaal netwerk  2", Z)]),
    ("Geestelijke gezondheid (score 2) volgens de ZRM.", [("Geestelijke gezondheid (score 2", Z)]),
    ("ZRM-score 3 op huisvesting.", [("ZRM-score 3", Z)]),
    ("Zelfredzaamheid-Matrix: Geestelijke gezondheid: 2 (depressie).",
     [("Geestelijke gezondheid: 2", Z), ("depressie", D)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parts"), POSITIVES)
def test_finds_diagnostic_language_with_exact_offsets(text, parts):
    assert find_diagnostic_language(text) == expected(text, parts)


NEGATIVES = [
    # limitations: what the report should write
    "Mevrouw heeft veel pijn en kan niet lang staan.",
    "Meneer loopt met een rollator en kan de trap niet meer op.",
    "Zij is snel vermoeid en heeft hulp nodig bij het huishouden.",
    "Douchen lukt alleen met een douchestoel; traplopen gaat niet meer.",
    "Mevrouw is slechtziend en heeft moeite met het lezen van brieven.",
    "Meneer heeft moeite met het overzicht over de post en de administratie.",
    "Mevrouw is somber en angstig, maar wil graag weer aan het werk.",
    "Hij is overspannen en heeft veel stress door de schulden.",
    "Mevrouw heeft een beperking en gebruikt een hulpmiddel bij het aankleden.",
    "Meneer zit in een rolstoel en heeft een aangepaste woning nodig.",
    # care words, generic words
    "Het advies van de medisch adviseur is opgevraagd.",
    "Mevrouw heeft een afspraak bij de huisarts en daarna in het ziekenhuis.",
    "Meneer heeft klachten aan zijn rug en is al lange tijd ziek.",
    "De ziekte van haar man vraagt veel van haar.",
    "De ziekte van Pieter heeft het gezin zwaar getroffen.",
    "Mevrouw gebruikt medicatie en soms pijnstillers.",
    "De diagnose is bekend bij de medisch adviseur.",
    "Mevrouw heeft hulp nodig bij ADL, zoals wassen en aankleden.",
    "Mevrouw is onder behandeling bij de GGZ.",
    # words that look like an abbreviation or a disease
    "Het gesprek vond plaats via MS Teams.",
    "ALS U HET NIET EENS BENT MET DIT BESLUIT, KUNT U BEZWAAR MAKEN.",
    "Als u vragen heeft, kunt u ons bellen.",
    "Zijn dochter Tia komt dagelijks langs.",
    "Mevrouw woont aan de Parkinsonlaan 12 in Utrecht.",
    "Voor lotgenotencontact verwijzen wij naar Alzheimer Nederland.",
    "De scootmobiel heeft een lithium-ion accu.",
    # an over-the-counter medicine without a dose; a dose-like date or frequency
    "Meneer heeft een doosje paracetamol in huis.",
    "Paracetamol in huis. Mevrouw vraagt om 500 euro voor een wasmachine.",
    "Uw brief d.d. 3 maart 2026 hebben wij ontvangen.",
    "De thuiszorg komt 2x daags; mevrouw werkt 3 dagen per week.",
    "De huur is 750 euro per maand en het leefgeld 50 euro per week.",
    "Adres: Markt 12, 4880 MG Breda.",
    "Nieuw adres:\nKerkstraat 3\n5734MG Helmond",
    # ZRM: scores without a mention, a mention without scores
    "Financiën: 2 schuldeisers, de huur is betaald.",
    "De ZRM is bij deze hulpvraag niet afgenomen.",
    "Huisvesting: 3 kamers, Financiën: 1 lening.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_limitations_and_ordinary_words_are_not_flagged(text):
    assert find_diagnostic_language(text) == []


def test_empty_text():
    assert find_diagnostic_language("") == []


def test_spans_are_in_text_order_and_do_not_overlap():
    text = (
        "Gespreksverslag. Mevrouw heeft COPD en diabetes type 2. Zij gebruikt salbutamol "
        "en metformine 500 mg 2 dd 1. ZRM: Financiën: 2, Lichamelijke gezondheid: 2."
    )
    spans = find_diagnostic_language(text)
    assert [s.kind for s in spans] == [D, D, M, M, Z, Z]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert text[spans[3].start : spans[3].end] == "metformine 500 mg 2 dd 1"


def test_a_span_holds_offsets_and_a_kind_only():
    span = find_diagnostic_language("Meneer heeft epilepsie.")[0]
    assert span == DiagnosticSpan(13, 22, D)
    assert "epilepsie" not in repr(span)
    with pytest.raises(AttributeError):
        span.start = 0  # frozen


def _entries(name: str, mark: str = "") -> list[str]:
    """The entries of a lexicon file with `mark` ("=", "?"; "" for plain ones)."""
    lines = lexicon.own_list(name)
    if mark:
        return [line[1:] for line in lines if line.startswith(mark)]
    return [
        line
        for line in lines
        if line[0] not in "!=?" and not line.startswith("deduce:") and "<" not in line
    ]


@pytest.mark.parametrize(("name", "kind"), [("diagnoses.txt", D), ("medications.txt", M)])
def test_every_lexicon_entry_is_found_whole_in_a_sentence(name, kind):
    for entry in _entries(name) + _entries(name, "="):
        text = f"Uit het gesprek: {entry}, zo vertelt mevrouw."
        assert find_diagnostic_language(text) == expected(text, [(entry, kind)]), entry


def test_an_over_the_counter_entry_is_found_with_a_dose():
    for entry in _entries("medications.txt", "?"):
        text = f"Mevrouw neemt {entry} 500 mg."
        assert find_diagnostic_language(text) == expected(text, [(f"{entry} 500 mg", M)])
        assert find_diagnostic_language(f"Mevrouw heeft {entry} in huis.") == []


def test_lexicons_are_large_enough():
    sizes = lexicon_sizes()
    assert len(_entries("diagnoses.txt")) >= 80
    assert len(_entries("medications.txt")) >= 80
    assert sizes[D] > len(_entries("diagnoses.txt"))  # deduce's -itis, -kanker, ...
    assert sizes[M] >= 80


HOSTILE = [
    "ZRM " * 200_000,
    "ZRM Financiën" + " " * 1_000_000,
    "zrm score " * 100_000,
    "MS ALS " * 150_000,
    "diabetes " * 110_000,
    "3 dd 3 dd " * 100_000,
    "ziekte van Xyz " * 70_000,
    "paracetamol " * 80_000,
    "paracetamol 5 mg " * 60_000,
    "Xarelto 5 mg, " * 70_000,
    "1" * 1_000_000,
    "a" * 1_000_000,
    "-/" * 500_000,
    " \n" * 500_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_input_of_a_megabyte_returns(text):
    spans = find_diagnostic_language(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


def test_a_spent_time_budget_stops_the_search(set_limits):
    set_limits(document_seconds=0.01)
    with budget.document(), pytest.raises(TimeBudgetExceeded):
        find_diagnostic_language("Mevrouw heeft diabetes. " * 100_000)
