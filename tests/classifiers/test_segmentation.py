"""Page segmentation: where documents glued into one file begin (zeef.classifiers.segmentation).

Pages are written here in Dutch as a scanner or PDF reader gives them; the predictions
are fake (`PageView`s made by hand), so each case tests the rules, not the model.
"""

from __future__ import annotations

import pytest

from zeef.classifiers.segmentation import (
    PageView,
    continuation_cues,
    decide,
    ending_cues,
    numbering,
    segment_pages,
    split_reasons,
    start_cues,
)
from zeef.domain.vocabulary import Category

A = Category.APPLICATION
M = Category.MEDICAL
B = Category.BANK_STATEMENT
ID = Category.ID_COPY
O = Category.OTHER  # noqa: E741
T = Category.THIRD_PARTY_TIP

# --- page texts --------------------------------------------------------------------------

APPLICATION_1 = """Aanvraagformulier bijzondere bijstand
Gemeente Zoetermeer - Team Inkomen
1. Persoonsgegevens
Naam: Y. Ouali
Geboortedatum: 04-02-1960
Straat en huisnummer: Populierenlaan 33 A
Postcode/plaats: 2796 SE Zoetermeer
Telefoonnummer: 079-3911318
2. Uw aanvraag
Ik vraag bijzondere bijstand aan voor een nieuwe wasmachine, omdat de oude kapot is
gegaan en ik geen geld heb om een nieuwe te kopen.
Pagina 1 van 2"""

APPLICATION_2 = """3. Inkomen en vermogen
Soort inkomen: bijstandsuitkering
Bedrag per maand: € 1.236,40
Heeft u vermogen boven de grens? Nee
4. Ondertekening
Ik verklaar dat ik dit formulier naar waarheid heb ingevuld.
Datum: 12-03-2025
Handtekening: Y. Ouali
Pagina 2 van 2"""

GP_LETTER = """Huisartsenpraktijk De Linde
Lindelaan 4
2712 AB Zoetermeer
Tel. 079-3412233
www.huisartsdelinde.nl

Gemeente Zoetermeer
t.a.v. Team Inkomen
Postbus 15
2700 AA Zoetermeer

Zoetermeer, 10 maart 2025
Betreft: de heer Y. Ouali, geboren 04-02-1960

Geachte heer/mevrouw,

Op verzoek van patiënt bericht ik u dat hij bekend is met diabetes mellitus type 2 en
artrose van beide knieën. Hij gebruikt metformine 500 mg 2 dd. Langdurig staan en het
dragen van zware lasten zijn voor hem niet mogelijk.

Met vriendelijke groet,

dr. A. de Vries
huisarts"""

ID_CARD_BACK = """Persoonsnummer
389527063
Datum van afgifte
30.07.2024
Afgegeven door
Burgemeester van Zoetermeer
I<NLDUX8G54F988389527063<<<<<<
6002047M3407297NLD<<<<<<<<<<<2
OUALI<<YOUSSEF<<<<<<<<<<<<<<<<"""

ID_CARD_FRONT = """IDENTITEITSKAART
Koninkrijk der Nederlanden
Naam / Surname
Ouali
Voornamen / Given names
Youssef
Nationaliteit / Nationality
Nederlandse
Geboortedatum / Date of birth
04.02.1960
Documentnummer / Document no
UX8G54F98
Geldig tot / Date of expiry
29 JUL 2034"""

PASSPORT = """PASPOORT
Koninkrijk der Nederlanden
Naam/Surname ten Hove
Nationaliteit/Nationality Nederlandse
Geboortedatum/Date of birth 13 AUG 1983
Geldig tot/Date of expiry 23 AUG 2026
P<NLDTEN<HOVE<<WILLEM<ANTONIUS<<<<<<<<<<<<<<
NVYOFTGF6NLD8308132M2608237792541388<<<<<04"""

PASSPORT_2 = PASSPORT.replace(
    "TEN<HOVE<<WILLEM<ANTONIUS<<<<<<<<", "OUALI<<YOUSSEF<<<<<<<<<<<<<<<<<<"
)

LETTER_1 = """Gemeente Utrecht
Maatschappelijke Ontwikkeling
Stadsplateau 1
3521 AZ Utrecht
T 14 030
www.utrecht.nl

De heer K. Visser
Oudegracht 12
3511 AB Utrecht

Datum: 3 april 2025
Ons kenmerk: WMO/2025/01234
Onderwerp: uw aanvraag huishoudelijke ondersteuning

Geachte heer Visser,

Op 12 februari 2025 heeft u een melding gedaan voor ondersteuning in het huishouden. In
dit besluit leest u wat wij hebben onderzocht en welke ondersteuning u krijgt. Wij
hebben met u gesproken over uw situatie thuis, uw netwerk en de mogelijkheden om
zelf of met hulp van anderen het huishouden te doen. Uit het gesprek is gebleken dat
Pagina 1 van 3"""

LETTER_2 = """u door uw beperkingen niet zelf kunt schoonmaken en dat uw netwerk dit niet kan
overnemen. Daarom kent u een maatwerkvoorziening toe in de vorm van huishoudelijke
ondersteuning van drie uur per week, voor de duur van twee jaar. De ondersteuning
wordt geleverd door een aanbieder waarmee de gemeente een contract heeft.
Pagina 2 van 3"""

LETTER_3 = """Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken bezwaar maken.
Stuur uw bezwaarschrift naar het college van burgemeester en wethouders.

Met vriendelijke groet,

namens het college van burgemeester en wethouders,
mevrouw J. Bakker
consulent Wmo
Pagina 3 van 3"""

STATEMENT_MARCH = """ING Bank N.V.
Rekeningoverzicht
Periode: 01-03-2025 t/m 31-03-2025
Rekeninghouder: K. Visser
IBAN: NL91 INGB 0001 2345 67
Beginsaldo: € 412,18
03-03 Albert Heijn BEA af 45,20
05-03 Woningcorporatie Mitros huur af 712,00
25-03 Gemeente Utrecht uitkering bij 1.380,00
28-03 Eneco termijnbedrag af 98,00
Eindsaldo: € 937,98"""

STATEMENT_APRIL = """ING Bank N.V.
Rekeningoverzicht
Periode: 01-04-2025 t/m 30-04-2025
Rekeninghouder: K. Visser
IBAN: NL91 INGB 0001 2345 67
Beginsaldo: € 937,98
02-04 Jumbo BEA af 61,75
05-04 Woningcorporatie Mitros huur af 712,00
25-04 Gemeente Utrecht uitkering bij 1.380,00
27-04 Vitens drinkwater af 21,40
Eindsaldo: € 1.522,83"""

STATEMENT_APRIL_P2 = """ING Bank N.V.
Rekeningoverzicht
Periode: 01-04-2025 t/m 30-04-2025
Rekeninghouder: K. Visser
IBAN: NL91 INGB 0001 2345 67
28-04 Kruidvat BEA af 12,99
29-04 CZ zorgverzekering incasso af 148,20
30-04 Bol.com iDEAL af 24,99
Eindsaldo: € 1.336,65"""

TIP_1 = """Aan de gemeente Zoetermeer, afdeling handhaving,

Ik wil graag melden dat mijn buurvrouw op nummer 12 al maanden een man in huis heeft
wonen. Zijn auto staat elke nacht voor de deur en hij brengt de kinderen naar school.
Volgens mij krijgt zij een uitkering als alleenstaande. Ik vind het niet eerlijk dat"""

TIP_2 = """zij op deze manier geld krijgt terwijl anderen hard moeten werken. Ik wil graag
anoniem blijven, want ik ben bang voor ruzie in de straat. Ik heb ook foto's van de
auto gemaakt, die kan ik sturen als u dat wilt.
Een bezorgde buurtbewoner"""

GP_LETTER_P2 = """Medicatie:
metformine 500 mg 2 dd 1, paracetamol 500 mg zo nodig, naproxen 250 mg zo nodig.
Voor verdere informatie kunt u contact opnemen met de praktijk op werkdagen tussen
13.00 en 14.00 uur. Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd."""

BLANK = " \n "
SCANNER_NOISE = "- ."


def page(index: int, text: str, category: Category, confidence: float = 0.95) -> PageView:
    rest = (1.0 - confidence) / (len(Category) - 1)
    probabilities = {c.value: (confidence if c is category else rest) for c in Category}
    return PageView(index, text, category, confidence, probabilities)


def pages(*specs: tuple) -> list[PageView]:
    return [page(n, *spec) for n, spec in enumerate(specs)]


# --- segmentation, table-driven ----------------------------------------------------------

CASES = {
    "application, GP letter and ID copy: three documents": (
        [(APPLICATION_1, A), (APPLICATION_2, A), (GP_LETTER, M), (ID_CARD_BACK, ID)],
        [[0, 1], [2], [3]],
    ),
    "one application page, GP letter, MRZ page": (
        [(APPLICATION_1.replace("Pagina 1 van 2", ""), A), (GP_LETTER, M), (ID_CARD_BACK, ID)],
        [[0], [1], [2]],
    ),
    "a three-page letter numbered 'Pagina k van 3' stays one": (
        [(LETTER_1, O, 0.7), (LETTER_2, M, 0.8), (LETTER_3, A, 0.9)],
        [[0, 1, 2]],
    ),
    "two monthly bank statements of one bank are two documents": (
        [(STATEMENT_MARCH, B, 0.99), (STATEMENT_APRIL, B, 0.99)],
        [[0], [1]],
    ),
    "a statement's second page with the same header stays with it": (
        [(STATEMENT_MARCH, B), (STATEMENT_APRIL, B), (STATEMENT_APRIL_P2, B)],
        [[0], [1, 2]],
    ),
    "a continuation page with a low-confidence prediction joins": (
        [(TIP_1, T, 0.9), (TIP_2, O, 0.41)],
        [[0, 1]],
    ),
    "a continuation page without any cue joins its letter": (
        [(GP_LETTER.split("Met vriendelijke")[0], M), (GP_LETTER_P2, M, 0.7)],
        [[0, 1]],
    ),
    "an ID page with a machine-readable zone after an application is split off": (
        [(APPLICATION_1, A), (ID_CARD_BACK, A, 0.4)],
        [[0], [1]],
    ),
    "an ID page the model calls id_copy is split off even without a zone": (
        [(APPLICATION_1.replace("Pagina 1 van 2", ""), A), (ID_CARD_FRONT, ID, 0.97)],
        [[0], [1]],
    ),
    "an ID page is split off even when numbering says the form goes on": (
        [(APPLICATION_1, A), (ID_CARD_BACK + "\nPagina 2 van 2", A, 0.55)],
        [[0], [1]],
    ),
    "the page after an ID copy begins a document of its own": (
        [(ID_CARD_BACK, ID, 0.99), (APPLICATION_2.replace("Pagina 2 van 2", ""), A, 0.7)],
        [[0], [1]],
    ),
    "front and back of one ID card stay together": (
        [(APPLICATION_2, A), (ID_CARD_FRONT, ID, 0.99), (ID_CARD_BACK, ID, 0.99)],
        [[0], [1, 2]],
    ),
    "two passports are two documents": (
        [(PASSPORT, ID, 0.99), (PASSPORT_2, ID, 0.99)],
        [[0], [1]],
    ),
    "a blank page joins the document before it": (
        [(GP_LETTER, M), (BLANK, O, 0.3), (STATEMENT_MARCH, B)],
        [[0, 1], [2]],
    ),
    "a leading blank page joins the first document": (
        [(SCANNER_NOISE, O, 0.2), (GP_LETTER, M), (APPLICATION_1, A), (APPLICATION_2, A)],
        [[0, 1], [2, 3]],
    ),
    "a confident category change next to a medical page splits without cues": (
        [(TIP_2, T, 0.9), (GP_LETTER_P2, M, 0.95)],
        [[0], [1]],
    ),
    "a doubtful medical prediction next to an application still splits": (
        [(APPLICATION_2.replace("Pagina 2 van 2", ""), A, 0.9), (GP_LETTER_P2, M, 0.45)],
        [[0], [1]],
    ),
    "a doubtful medical page that goes on mid-sentence joins": (
        [(TIP_1, T, 0.9), (TIP_2, M, 0.45)],
        [[0, 1]],
    ),
    "two letters from one GP are two documents": (
        [(GP_LETTER, M), (GP_LETTER.replace("10 maart", "2 april"), M)],
        [[0], [1]],
    ),
    "a single page": ([(GP_LETTER, M)], [[0]]),
    "no pages": ([], []),
}


@pytest.mark.parametrize("specs, expected", CASES.values(), ids=CASES.keys())
def test_segments(specs, expected):
    views = pages(*specs)
    groups = segment_pages(views)
    assert groups == expected
    flat = [index for group in groups for index in group]
    assert flat == [view.index for view in views]  # every page once, in order
    reasons = split_reasons(views)
    assert len(reasons) == len(groups)
    if groups:
        assert reasons[0] == ("first_page",)


def test_indices_are_the_pages_own():
    views = [page(7, GP_LETTER, M), page(8, ID_CARD_BACK, ID)]
    assert segment_pages(views) == [[7], [8]]


# --- why: cue names only, for the audit trail ------------------------------------------

KNOWN_REASONS = {
    "first_page", "after_weak", "weak_page", "id_boundary", "id_front_back", "page_one",
    "page_sequence", "no_cues", "header_changed", "category_change", "letterhead",
    "address_block", "date_salutation", "salutation", "subject_line", "title",
    "mail_header", "id_document", "mrz", "prev_closing", "prev_last_page", "page_k",
    "numbering_open", "vervolg", "carried_over", "mid_sentence", "lowercase_start",
    "running_header", "closing_start",
}  # fmt: skip


@pytest.mark.parametrize("specs, expected", CASES.values(), ids=CASES.keys())
def test_reasons_are_cue_names_never_text(specs, expected):
    views = pages(*specs)
    for decision in decide(views):
        assert decision.reasons
        assert set(decision.reasons) <= KNOWN_REASONS
        for reason in decision.reasons:
            assert reason not in views[0].text if views else True


def test_split_reasons_say_why():
    views = pages((APPLICATION_1, A), (APPLICATION_2, A), (GP_LETTER, M), (ID_CARD_BACK, ID))
    reasons = split_reasons(views)
    assert reasons[1][:1] != ("first_page",)
    assert {"letterhead", "date_salutation", "subject_line"} <= set(reasons[1])
    assert reasons[2] == ("id_boundary",)
    joined = decide(views)[1]
    assert not joined.split and joined.reasons == ("page_sequence",)


# --- the cues ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (GP_LETTER, {"letterhead", "subject_line", "date_salutation"}),
        (LETTER_1, {"page_one", "letterhead", "subject_line", "reference_block",
                    "date_salutation"}),
        ("GEMEENTE TILBURG\nTeam Parkeren\n\nNAHEFFINGSAANSLAG PARKEERBELASTING\n"
         "Aanslagnummer: 2026.0014.77381\nDagtekening: 19-01-2026\n\nKenteken: GZ-713-R",
         {"reference_block"}),
        (STATEMENT_MARCH, {"title"}),
        (APPLICATION_1, {"page_one", "title"}),
        (ID_CARD_BACK, {"mrz"}),
        (ID_CARD_FRONT, {"id_document"}),
        (PASSPORT, {"id_document", "mrz"}),
        (
            "Van: J. Bakker <j.bakker@zoetermeer.nl>\nVerzonden: dinsdag 4 maart 2025\n"
            "Aan: Team Inkomen\nOnderwerp: stukken aanvraag\n\nBeste collega,\n\nHierbij de "
            "stukken.",
            {"mail_header", "subject_line", "date_salutation"},
        ),
        (LETTER_2, set()),
        (TIP_2, set()),
        (APPLICATION_2, set()),
        (BLANK, set()),
    ],
)
def test_start_cues(text, expected):
    assert set(start_cues(text)) == expected


def test_a_citizens_details_in_a_form_are_no_letterhead():
    form_page = (
        "Postcode/plaats: 2796 SE Zoetermeer\nTelefoonnummer: 079-3911318\n"
        "E-mail: y.ouali@example.nl\nNationaliteit: Nederlands\nLeefsituatie\n"
        "[x] Ik woon alleen"
    )
    assert "letterhead" not in start_cues(form_page)


def test_a_citizens_details_in_a_form_drawn_as_a_table_are_no_letterhead():
    """A form's second page, its fields in cells with borders (as pypdf extracts a boxed
    form): the citizen's postcode and phone are still form fields."""
    rule = "+" + "-" * 60 + "+"
    form_page = "\n".join(
        (rule, "| 1  Uw gegevens" + " " * 44 + "|", "|    Naam:       K. Ouali" + " " * 35 + "|",
         "|    Adres:      Bos en Lommerweg 12" + " " * 24 + "|",
         "|    Postcode:   1055 DK Amsterdam" + " " * 26 + "|",
         "|    Telefoon:   06-41234567" + " " * 32 + "|", rule,
         "| 2  Uw situatie" + " " * 45 + "|", "|    [x] Ik woon alleen" + " " * 38 + "|",
         "|    [ ] Ik woon samen" + " " * 38 + "|", rule)
    )  # fmt: skip
    assert "letterhead" not in start_cues(form_page)
    # an organisation's letterhead in a box is still one
    head = "| Gemeente Amsterdam |\n| Postbus 2758, 1000 CT Amsterdam |\n| T 14 020 |"
    body = "\n".join(("Geachte mevrouw,", "U vroeg ons om bijzondere bijstand.",
                      "Wij hebben uw aanvraag ontvangen.", "Met vriendelijke groet,"))
    assert "letterhead" in start_cues(head + "\n\n" + body)


def test_transaction_dates_are_no_phone_numbers():
    rows = "\n".join(f"0{d}-04-2026 Albert Heijn BEA af 4{d},50" for d in range(1, 9))
    assert start_cues(rows) == []


def test_a_footer_on_a_short_last_page_is_no_letterhead():
    last = (
        "Met vriendelijke groet,\n\ndr. A. de Vries\nhuisarts\n"
        "Huisartsenpraktijk De Linde · Lindelaan 4 · 2712 AB Zoetermeer · www.delinde.nl"
    )
    assert "letterhead" not in start_cues(last)


def test_an_ocr_read_zone_with_noise_is_found():
    noisy = (
        "Burgemeester van Zaandam\nI<NLDUX8G54F988389527063<<<<<<\n9106271M3407297NLDs<s<<<<oooT2\n"
    )
    assert "mrz" in start_cues(noisy)


def test_text_with_angle_brackets_is_no_zone():
    assert "mrz" not in start_cues("Saldo <100 euro en bedrag > 50 euro\nzie <www.ing.nl>\n" * 3)


@pytest.mark.parametrize(
    "prev, text, expected",
    [
        (LETTER_1, LETTER_2, {"page_sequence", "mid_sentence"}),
        (LETTER_2, LETTER_3, {"page_sequence", "closing_start"}),
        (TIP_1, TIP_2, {"mid_sentence"}),
        ("", "en verder wil ik nog zeggen dat het goed gaat.\nTot ziens", {"lowercase_start"}),
        ("", "Hoi,\nkun je me bellen?\nGroetjes,\nAnna", set()),  # a note of its own
        (STATEMENT_APRIL, STATEMENT_APRIL_P2, {"running_header"}),
        (STATEMENT_MARCH, STATEMENT_APRIL, set()),
        ("Pagina 1 van 3", "Een nieuwe alinea.\nNog een.", {"numbering_open"}),
        ("Rekeningoverzicht", "Vervolgblad\nTransport € 412,18\n05-03 huur af 712,00", {
            "vervolg", "carried_over"}),
        (GP_LETTER.split("Met vriendelijke")[0], "Met vriendelijke groet,\n\ndr. A. de Vries",
         {"closing_start"}),
        ("Blad 1", "Blad 3\nEen andere tekst.", {"page_k"}),
        (LETTER_3, GP_LETTER, set()),
    ],
)  # fmt: skip
def test_continuation_cues(prev, text, expected):
    assert set(continuation_cues(prev, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (GP_LETTER, {"closing"}),
        (LETTER_3, {"closing", "last_page"}),
        (LETTER_1, set()),
        (APPLICATION_2, {"last_page"}),
        ("Tot slot.\nMet vriendelijke groet, Jan\nPostbus 15", {"closing"}),
        ("Met vriendelijke groet,\n" + "nog een hele lange regel met veel woorden erin\n" * 10,
         set()),
    ],
)  # fmt: skip
def test_ending_cues(text, expected):
    assert set(ending_cues(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tekst\nPagina 2 van 5", (2, 5)),
        ("Blad 1\ntekst", (1, None)),
        ("tekst\n3/4", (3, 4)),
        ("tekst\n- 2 -", (2, None)),
        ("tekst\npag. 7", (7, None)),
        ("tekst\nPagina 4 van 3", None),  # not a page number
        ("tekst\n12/03", None),
        ("zie pagina 3 van het rapport voor de details van de berekening\n" + "regel\n" * 12,
         None),  # in the body, not a header or footer
        ("Datum 12-03-2025\ntekst", None),
    ],
)  # fmt: skip
def test_numbering(text, expected):
    assert numbering(text) == expected
