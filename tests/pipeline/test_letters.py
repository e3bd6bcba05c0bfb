"""The letter to the citizen: what was returned, forwarded or destroyed, why, and on what basis."""

import io
import logging
import re
from dataclasses import replace
from datetime import date

import pymupdf
import pytest
from pypdf import PdfReader

from zeef.domain import settings as settings_module
from zeef.domain.case import parse_case
from zeef.domain.policy import POLICY, rule_for
from zeef.domain.settings import PLACEHOLDER, Municipality, Settings
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline import letters
from zeef.pipeline.letters import (
    TEXT,
    LetterItem,
    legal_reference,
    letter_blocks,
    render_pdf,
    render_text,
)

CASE_DATA = {
    "case_id": "2026-0042",
    "law": "participatiewet",
    "subject": {"name": "Zoë Brontë-Ağaoğlu", "address": "Lindelaan 4, 3511 AB Utrecht"},
}
CASE = parse_case(CASE_DATA)
ON = date(2026, 3, 2)
UTRECHT = Municipality(
    name="Gemeente Utrecht",
    postal_address="Postbus 16200, 3500 CE Utrecht",
    phone="14 030",
    email="sociaaldomein@utrecht.nl",
)
CONFIG = Settings(municipality=UTRECHT)
DRAFT = Settings()
FRYSLAN = Municipality(
    name="Gemeente Súdwest-Fryslân",
    postal_address="Postbus 10000, 8600 HA Sneek",
    phone="14 0515",
    email="info@sudwestfryslan.nl",
)

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
    assert t.startswith(
        "Gemeente Utrecht\nPostbus 16200\n3500 CE Utrecht\n\n"
        "Zoë Brontë-Ağaoğlu\nLindelaan 4\n3511 AB Utrecht\n"
    )
    assert "Datum: 2 maart 2026" in t
    assert "Zaaknummer: 2026-0042" in t
    assert "Beste Zoë Brontë-Ağaoğlu," in t
    assert "uw aanvraag (Participatiewet)" in t
    assert t.rstrip().endswith(".")  # the glossary closes the letter
    assert "Met vriendelijke groet,\nGemeente Utrecht" in t


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
    # Statutes only: the FAQ is explanation, never law.
    assert all("FAQ" not in rule.legal_basis for rule in POLICY)
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
    assert "FAQ" not in t
    assert "UAVG:" not in t and "Wmo:" not in t and "Wgs:" not in t
    wmo = parse_case({**CASE_DATA, "law": "wmo"})
    assert "- Wmo: Wet maatschappelijke ondersteuning." in render_text(
        wmo, [OTHER_RETURNED], ON, CONFIG
    )
    debts = parse_case({**CASE_DATA, "law": "schuldhulpverlening"})
    assert "- Wgs: Wet gemeentelijke schuldhulpverlening." in render_text(
        debts, [OTHER_RETURNED], ON, CONFIG
    )


def test_descriptions_are_kept_on_one_line():
    item = LetterItem(
        "scan\nvan\tbrief\x00.pdf", None, Disposition.RETURN_TO_SENDER, Category.OTHER
    )
    assert "- scan van brief .pdf\n" in text([item])


def test_municipality_is_configurable():
    fryslan = Settings(municipality=FRYSLAN)
    t = render_text(CASE, [ID_DESTROYED], ON, fryslan)
    assert t.startswith("Gemeente Súdwest-Fryslân\nPostbus 10000\n8600 HA Sneek\n\n")
    assert "Bel ons op 14 0515 of mail naar info@sudwestfryslan.nl." in t
    assert "Met vriendelijke groet,\nGemeente Súdwest-Fryslân" in t


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
    extracted = pdf_text(render_pdf(CASE, ALL, ON, Settings(municipality=FRYSLAN)))
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


# -- the municipality's settings, drafts, citations --------------------------------------


FAQ_WORDS = re.compile(r"\bFAQ\b|\bvra(ag|gen) \d|Privacy in het sociaal domein|\bQ\d")


def law_lines(t: str) -> list[str]:
    return [line.strip() for line in t.splitlines() if line.strip().startswith("Wet en regels")]


def test_wet_en_regels_cites_statutes_not_the_faq():
    t = text()
    lines = law_lines(t)
    assert lines
    for line in lines:
        assert not FAQ_WORDS.search(line)
    for item in (MEDICAL_RETURNED, ID_DESTROYED, OTHER_RETURNED):
        assert f"Wet en regels: {rule_for(item.category).legal_basis}" in t
    # The basis of the letter itself: minimisation, the duty to inform, the case's law.
    general = t[t.index(TEXT["basis"]) :].split("\n\n")[0]
    assert "- AVG art. 5 lid 1 sub c: " in general
    assert "- AVG art. 13 en art. 14: " in general
    assert "- Participatiewet art. 17 lid 1: " in general
    assert not FAQ_WORDS.search(general)
    # The FAQ is named as explanation only, after the law, by its full name.
    explanation = next(line for line in t.splitlines() if line.startswith("Meer uitleg: "))
    assert "'Privacy in het sociaal domein'" in explanation
    assert "vragen 1, 2, 3, 17, 22 en 29" in explanation
    assert t.index(explanation) > t.index(TEXT["basis"])


@pytest.mark.parametrize(
    "law, cited",
    [
        ("participatiewet", "Participatiewet art. 17 lid 1"),
        ("wmo", "Wmo 2015 art. 2.3.2 en art. 5.1.1"),
        ("jeugdwet", "Jeugdwet art. 7.4.0 lid 1"),
        ("schuldhulpverlening", "Wgs art. 5"),
    ],
)
def test_the_letter_cites_the_law_of_its_case(law, cited):
    case = parse_case({**CASE_DATA, "law": law})
    t = render_text(case, [MEDICAL_FORWARDED], ON, CONFIG)
    general = t[t.index(TEXT["basis"]) :].split("\n\n")[0]
    assert f"- {cited}: " in general
    assert "Meer uitleg: " in t and "vragen 3, 22 en 29" in t


def test_one_faq_question_is_named_in_the_singular():
    t = text([OTHER_RETURNED])
    assert "'Privacy in het sociaal domein' van VNG Realisatie, Divosa en NDSD, vraag 1." in t


def test_configured_letter_has_the_municipalitys_contact_data_and_no_placeholder():
    t = text()
    for value in (UTRECHT.name, "Postbus 16200", "3500 CE Utrecht", UTRECHT.phone, UTRECHT.email):
        assert value in t
    assert (
        "Hebt u vragen over deze brief? Bel ons op 14 030 of mail naar "
        "sociaaldomein@utrecht.nl." in t
    )
    assert TEXT["draft"] not in t and "CONCEPT" not in t
    assert not PLACEHOLDER.search(t)
    data = render_pdf(CASE, ALL, ON, CONFIG)
    for extracted in (pdf_text(data), "\n".join(p.get_text() for p in pymupdf.open("pdf", data))):
        assert not PLACEHOLDER.search(extracted)
        assert UTRECHT.phone in extracted and UTRECHT.email in extracted
        assert "CONCEPT" not in extracted
    assert pymupdf.open("pdf", data).metadata["author"] == "Gemeente Utrecht"


def test_brackets_in_given_text_are_no_placeholders():
    case = parse_case({**CASE_DATA, "subject": {"name": "Jan <Piet>", "address": "Laan {1}"}})
    item = LetterItem("scan [2].pdf", None, Disposition.RETURN_TO_SENDER, Category.OTHER)
    t = render_text(case, [item], ON, CONFIG)
    assert "- scan (2).pdf\n" in t and "Beste Jan (Piet)," in t and "Laan (1)" in t
    assert not PLACEHOLDER.search(t)
    assert not PLACEHOLDER.search(pdf_text(render_pdf(case, [item], ON, CONFIG)))


def test_draft_is_visibly_a_draft_without_contact_data():
    t = render_text(CASE, ALL, ON, DRAFT)
    assert t.startswith("CONCEPT — niet verzenden\n\nZoë Brontë-Ağaoğlu\n")
    assert TEXT["contact_draft"] in t
    assert "Bel ons" not in t and "@" not in t
    assert not PLACEHOLDER.search(t)
    assert "Met vriendelijke groet,\nDe gemeente" in t
    assert law_lines(t) and TEXT["basis"] in t  # the law is cited in a draft too


def test_draft_marker_is_on_every_pdf_page():
    items = [
        LetterItem(f"bijlage {n} bij uw e-mail", None, Disposition.RETURN_TO_SENDER, Category.OTHER)
        for n in range(30)
    ]
    data = render_pdf(CASE, items, ON, DRAFT)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 2
    for page in pages:
        assert page.extract_text().startswith("CONCEPT — niet verzenden\n")
    doc = pymupdf.open("pdf", data)
    for page in doc:
        first = page.get_text("dict")["blocks"][0]["lines"][0]["spans"][0]
        assert first["text"] == "CONCEPT — niet verzenden"
        assert first["color"] != 0  # red, not the black of the letter
        assert page.get_drawings()  # and the rule under it
    assert not PLACEHOLDER.search(pdf_text(data))
    assert doc.metadata["title"].startswith("CONCEPT")
    # The words of the text, with the marker once per page.
    body = words(pdf_text(data).replace("CONCEPT — niet verzenden", ""))
    assert f"CONCEPT — niet verzenden {body}" == words(render_text(CASE, items, ON, DRAFT))


def test_one_page_draft_pdf_has_the_words_of_the_text():
    data = render_pdf(CASE, [ID_DESTROYED], ON, DRAFT)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert words(pdf_text(data)) == words(render_text(CASE, [ID_DESTROYED], ON, DRAFT))


@pytest.fixture
def fresh_process(monkeypatch):
    """No settings in force, none in the environment, no draft warning given yet."""
    monkeypatch.delenv(settings_module.ENV_CONFIG, raising=False)
    settings_module.use(None)
    letters._warned.clear()
    yield
    settings_module.use(None)
    letters._warned.clear()


def test_draft_is_logged_once_per_process_without_personal_data(fresh_process, caplog):
    caplog.set_level(logging.WARNING, logger="zeef.pipeline.letters")
    for _ in range(3):
        render_text(CASE, ALL, ON)
        render_pdf(CASE, ALL, ON)
    warnings = [r for r in caplog.records if r.name == "zeef.pipeline.letters"]
    assert [r.getMessage() for r in warnings] == [
        "letters are drafts: no [municipality] in the settings (zeef --config or ZEEF_CONFIG)"
    ]
    assert "Zoë" not in caplog.text and "2026-0042" not in caplog.text


def test_no_settings_read_and_no_warning_when_there_is_no_letter(fresh_process, caplog):
    caplog.set_level(logging.WARNING)
    assert render_text(CASE, KEPT, ON) is None and render_pdf(CASE, KEPT, ON) is None
    assert not caplog.records


def test_settings_in_force_are_the_default(fresh_process):
    settings_module.use(CONFIG)
    assert render_text(CASE, ALL, ON) == text()
    assert render_pdf(CASE, ALL, ON) == render_pdf(CASE, ALL, ON, CONFIG)
    settings_module.use(DRAFT)
    assert render_text(CASE, ALL, ON).startswith("CONCEPT — niet verzenden\n")


def test_logo_at_the_top_of_the_pdf(tmp_path):
    from makers import png_bytes

    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes((200, 60)))
    settings = Settings(municipality=replace(UTRECHT, logo=logo))
    data = render_pdf(CASE, ALL, ON, settings)
    assert data == render_pdf(CASE, ALL, ON, settings)  # still deterministic
    doc = pymupdf.open("pdf", data)
    (info,) = doc[0].get_image_info()
    assert info["bbox"][1] < 130  # at the top, above the letterhead
    first_line = doc[0].get_text("dict")["blocks"][1]["lines"][0]["bbox"][1]
    assert info["bbox"][3] <= first_line
    assert all(not page.get_images() for page in list(doc)[1:])
    assert words(pdf_text(data)) == words(text())  # the logo adds no words
    # A logo that went missing after the settings were read: a letter without it.
    logo.unlink()
    without = pymupdf.open("pdf", render_pdf(CASE, ALL, ON, settings))
    assert not without[0].get_images()


def test_no_placeholder_in_any_configured_letter_for_any_law_and_item():
    kinds = [MEDICAL_RETURNED, MEDICAL_FORWARDED, ID_DESTROYED, OTHER_RETURNED]
    kinds += [LetterItem("id.png", None, Disposition.DESTROY, Category.ID_COPY)]
    for law in ("participatiewet", "wmo", "jeugdwet", "schuldhulpverlening"):
        case = parse_case({**CASE_DATA, "law": law})
        for item in kinds:
            for settings in (CONFIG, DRAFT):
                t = render_text(case, [item], ON, settings)
                assert not PLACEHOLDER.search(t), (law, item)
                assert not re.search(r"\bFAQ\b", t)
