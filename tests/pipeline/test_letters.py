"""The letter to the citizen: what was returned, forwarded or destroyed, why, and on what basis."""

import io
from datetime import date

import pymupdf
import pytest
from pypdf import PdfReader

from zeef.domain.case import parse_case
from zeef.domain.policy import rule_for
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.letters import (
    TEXT,
    LetterConfig,
    LetterItem,
    legal_reference,
    letter_blocks,
    render_pdf,
    render_text,
)

CASE = parse_case(
    {
        "case_id": "2026-0042",
        "law": "participatiewet",
        "subject": {"name": "Zoë Brontë-Ağaoğlu", "address": "Lindelaan 4, 3511 AB Utrecht"},
    }
)
ON = date(2026, 3, 2)
CONFIG = LetterConfig(municipality="Gemeente Utrecht")

MEDICAL_RETURNED = LetterItem(
    "huisartsbrief.pdf", date(2025, 11, 3), Disposition.RETURN_TO_SENDER, Category.MEDICAL
)
MEDICAL_FORWARDED = LetterItem(
    "bijlage bij uw e-mail van 3 november",
    None,
    Disposition.FORWARD_MEDICAL_ADVISER,
    Category.MEDICAL,
)
ID_DESTROYED = LetterItem(
    "paspoort.jpg",
    date(2025, 11, 3),
    Disposition.DESTROY,
    Category.ID_COPY,
    id_number="NXC4R7T12",
    id_valid_until=date(2031, 5, 12),
)
OTHER_RETURNED = LetterItem(
    "energierekening.pdf", date(2025, 11, 4), Disposition.RETURN_TO_SENDER, Category.OTHER
)
KEPT = [
    LetterItem("aanvraag.pdf", None, Disposition.ARCHIVE, Category.APPLICATION),
    LetterItem("afschrift_oktober.pdf", None, Disposition.WORKING, Category.BANK_STATEMENT),
    LetterItem("notitie.txt", None, Disposition.EXCLUDE, Category.PERSONAL_NOTE),
    LetterItem("onbekend.pdf", None, Disposition.REVIEW, Category.OTHER),
]
ALL = [MEDICAL_RETURNED, MEDICAL_FORWARDED, ID_DESTROYED, OTHER_RETURNED, *KEPT]


def text(items=ALL, **kw):
    return render_text(CASE, items, ON, CONFIG, **kw)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def words(s: str) -> str:
    return " ".join(s.split())


def test_no_letter_when_nothing_was_returned_forwarded_or_destroyed():
    assert render_text(CASE, KEPT, ON) is None
    assert render_pdf(CASE, KEPT, ON) is None
    assert render_text(CASE, [], ON) is None


def test_addressed_to_the_subject_with_date_and_case_number():
    t = text()
    assert t.startswith("Gemeente Utrecht\n\nZoë Brontë-Ağaoğlu\nLindelaan 4\n3511 AB Utrecht\n")
    assert "Datum: 2 maart 2026" in t
    assert "Zaaknummer: 2026-0042" in t
    assert "Beste Zoë Brontë-Ağaoğlu," in t
    assert "uw aanvraag (Participatiewet)" in t
    assert t.rstrip().endswith(".")  # the glossary closes the letter
    assert "Met vriendelijke groet,\nGemeente Utrecht" in t
    assert "[telefoonnummer]" in t  # the contact placeholder of the default config


def test_returned_items():
    t = text([MEDICAL_RETURNED, OTHER_RETURNED])
    assert TEXT["heading"][Disposition.RETURN_TO_SENDER] in t
    assert "- huisartsbrief.pdf (ontvangen op 3 november 2025)" in t
    assert "Dit document bevat medische gegevens." in t
    assert "Dan vraagt de adviseur het aan u." in t
    assert "- energierekening.pdf (ontvangen op 4 november 2025)" in t
    assert "We hebben dit document nu niet nodig." in t
    assert f"Wet en regels: {rule_for(Category.MEDICAL).legal_basis}" in t
    assert f"Wet en regels: {rule_for(Category.OTHER).legal_basis}" in t
    assert TEXT["heading"][Disposition.FORWARD_MEDICAL_ADVISER] not in t
    assert TEXT["heading"][Disposition.DESTROY] not in t


def test_forwarded_items():
    t = text([MEDICAL_FORWARDED])
    assert TEXT["heading"][Disposition.FORWARD_MEDICAL_ADVISER] in t
    assert "- bijlage bij uw e-mail van 3 november\n" in t  # no received date given
    assert "Alleen een arts mag die lezen." in t
    assert "Wij hebben geen kopie van het document gehouden." in t
    assert f"Wet en regels: {rule_for(Category.MEDICAL).legal_basis}" in t


def test_destroyed_id_copy_names_the_noted_number_and_expiry():
    t = text([ID_DESTROYED])
    assert TEXT["heading"][Disposition.DESTROY] in t
    assert "Dit is een kopie van een identiteitsbewijs." in t
    assert (
        "We hebben het documentnummer en de geldigheidsdatum genoteerd; "
        "de kopie zelf hebben we vernietigd."
    ) in t
    assert "documentnummer NXC4R7T12, geldig tot 12 mei 2031." in t
    assert f"Wet en regels: {rule_for(Category.ID_COPY).legal_basis}" in t
    assert "Participatiewet art. 17 lid 3" in t


def test_destroyed_id_copy_without_a_readable_number():
    unread = LetterItem("id.png", None, Disposition.DESTROY, Category.ID_COPY)
    t = text([unread])
    assert "We konden het documentnummer niet lezen." in t
    assert "genoteerd" not in t.lower()
    number_only = LetterItem("id.png", None, Disposition.DESTROY, Category.ID_COPY, "IR1234567")
    t = text([number_only])
    assert "We hebben het documentnummer genoteerd;" in t
    assert "Genoteerd: documentnummer IR1234567." in t


def test_destroyed_other_document():
    item = LetterItem("loonstrook_buurman.pdf", None, Disposition.DESTROY, Category.OTHER)
    t = text([item])
    assert "Daarom hebben we het vernietigd." in t
    assert f"Wet en regels: {rule_for(Category.OTHER).legal_basis}" in t


def test_kept_items_are_not_mentioned():
    t = text()
    for item in KEPT:
        assert item.description not in t
    assert rule_for(Category.APPLICATION).legal_basis not in t
    assert rule_for(Category.BANK_STATEMENT).legal_basis not in t


def test_sections_in_fixed_order_and_the_promise_to_ask_again():
    t = text([ID_DESTROYED, MEDICAL_FORWARDED, MEDICAL_RETURNED])
    heads = [t.index(TEXT["heading"][d]) for d in TEXT["heading"]]
    assert heads == sorted(heads)
    assert "Dan vragen we het opnieuw aan u." in t
    assert t.index("Dan vragen we het opnieuw aan u.") > heads[-1]


def test_legal_references_come_from_the_policy_table():
    for item in (MEDICAL_RETURNED, MEDICAL_FORWARDED, ID_DESTROYED):
        assert legal_reference(item) == rule_for(item.category).legal_basis
    # Handled otherwise than its category's rule (a reviewer's decision): the document was
    # not needed, so the basis is data minimisation, the `other` rule's.
    for category in (Category.OTHER, Category.BANK_STATEMENT, Category.APPLICATION):
        returned = LetterItem("x.pdf", None, Disposition.RETURN_TO_SENDER, category)
        assert legal_reference(returned) == rule_for(Category.OTHER).legal_basis


def test_glossary_explains_only_the_abbreviations_used():
    t = text([OTHER_RETURNED])
    assert "- AVG: Algemene verordening gegevensbescherming." in t
    assert "- FAQ: de vragen en antwoorden 'Privacy in het sociaal domein'" in t
    assert "UAVG:" not in t and "Wmo:" not in t


def test_descriptions_are_kept_on_one_line():
    item = LetterItem(
        "scan\nvan\tbrief\x00.pdf", None, Disposition.RETURN_TO_SENDER, Category.OTHER
    )
    assert "- scan van brief .pdf\n" in text([item])


def test_municipality_is_configurable():
    t = render_text(CASE, [ID_DESTROYED], ON, LetterConfig(municipality="Gemeente Súdwest-Fryslân"))
    assert t.startswith("Gemeente Súdwest-Fryslân\n")
    assert render_text(CASE, [ID_DESTROYED], ON).startswith("Gemeente\n")


def test_text_is_deterministic_for_a_fixed_date():
    assert text() == text()
    assert text() != render_text(CASE, ALL, date(2026, 3, 3), CONFIG)


# -- PDF -------------------------------------------------------------------------------


def test_pdf_is_a4_with_the_same_words_as_the_text():
    data = render_pdf(CASE, ALL, ON, CONFIG)
    assert data.startswith(b"%PDF-")
    doc = pymupdf.open("pdf", data)
    assert all(round(p.rect.width) == 595 and round(p.rect.height) == 842 for p in doc)
    assert words(pdf_text(data)) == words(text())


def test_pdf_keeps_diacritics():
    extracted = pdf_text(render_pdf(CASE, ALL, ON, LetterConfig("Gemeente Súdwest-Fryslân")))
    for word in ("Zoë", "Brontë-Ağaoğlu", "Súdwest-Fryslân"):
        assert word in extracted


def test_pdf_of_a_long_letter_runs_over_pages_without_losing_words():
    items = [
        LetterItem(f"bijlage {n} bij uw e-mail", None, Disposition.RETURN_TO_SENDER, Category.OTHER)
        for n in range(30)
    ]
    data = render_pdf(CASE, items, ON, CONFIG)
    assert len(PdfReader(io.BytesIO(data)).pages) > 2
    assert words(pdf_text(data)) == words(render_text(CASE, items, ON, CONFIG))


def test_pdf_bytes_are_deterministic_for_a_fixed_date():
    first = render_pdf(CASE, ALL, ON, CONFIG)
    assert render_pdf(CASE, ALL, ON, CONFIG) == first
    meta = pymupdf.open("pdf", first).metadata
    assert meta["creationDate"] == meta["modDate"] == "D:20260302000000Z"
    assert meta["title"] == "Brief zaak 2026-0042"


@pytest.mark.parametrize("items", [ALL, [ID_DESTROYED]])
def test_blocks_and_renderings_agree(items):
    blocks = letter_blocks(CASE, items, ON, CONFIG)
    joined = words(" ".join(t for block in blocks for _, t in block))
    assert joined == words(text(items))


def test_items_accept_plain_strings_for_the_closed_sets():
    item = LetterItem("id.png", None, "destroy", "id_copy", "IR1234567")
    assert item.disposition is Disposition.DESTROY and item.category is Category.ID_COPY
    assert "IR1234567" in text([item])
    with pytest.raises(ValueError):
        LetterItem("x.pdf", None, "keep", "other")
