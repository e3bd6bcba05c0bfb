"""The letters of an inspection request, in plain Dutch (B1, "u"): the cover letter of the
package with what AVG art. 15 lid 1 requires, the index of documents as the subject reads
it, and the refusal letter while an enforcement investigation runs.

They are built as blocks of styled lines, like the routing letter (`zeef.pipeline.letters`),
and rendered with the same A4 layout, letterhead and draft marker. All Dutch is in `TEXT`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from zeef.domain.case import Case
from zeef.domain.settings import Settings
from zeef.domain.settings import current as current_settings
from zeef.domain.vocabulary import Category
from zeef.pipeline.inzage.contents import Entry
from zeef.pipeline.letters import TEXT as LETTER_TEXT
from zeef.pipeline.letters import (
    Line,
    _contact,
    _given,
    blocks_pdf,
    dutch_date,
    head_blocks,
)

TEXT = {
    "subject": "Onderwerp: uw verzoek om inzage in uw gegevens",
    "intro": (
        "Op {received} vroeg u ons welke gegevens wij over u hebben. Daar hebt u recht op. "
        "In deze brief leest u welke gegevens wij van u hebben, waarvoor wij ze gebruiken "
        "en wat uw rechten zijn."
    ),
    "intro_undated": (
        "U vroeg ons welke gegevens wij over u hebben. Daar hebt u recht op. In deze brief "
        "leest u welke gegevens wij van u hebben, waarvoor wij ze gebruiken en wat uw "
        "rechten zijn."
    ),
    "what_heading": "Wat u van ons krijgt",
    "what_list": (
        "- Een lijst van alle documenten die wij over u hebben of hadden ({total}). Bij elk "
        "document staat wat wij ermee hebben gedaan."
    ),
    "what_copies": "- Een kopie van de documenten in uw dossier ({included}).",
    "what_id": "- Het nummer en de geldigheid van uw identiteitsbewijs, als wij die noteerden.",
    "removed_heading": "Wat wij hebben weggelaten",
    "removed_others": (
        "In sommige documenten staan gegevens van andere mensen, bijvoorbeeld van iemand die "
        "een melding deed, van buren of van familie. Die gegevens hebben wij weggelaten om "
        "die mensen te beschermen. Op die plek staat dan bijvoorbeeld [derde 1]. Hetzelfde "
        "nummer is steeds dezelfde persoon. In de lijst staat per document wat wij hebben "
        "weggelaten."
    ),
    "removed_none": "Wij hebben geen gegevens van andere mensen weggelaten.",
    "removed_notes": (
        "Eigen werkaantekeningen van medewerkers horen niet bij uw dossier. Die krijgt u niet."
    ),
    "later": (
        "{count} documenten krijgt u nog apart, omdat wij ze nog beoordelen of met de hand "
        "moeten bewerken. U krijgt ze voor {deadline}."
    ),
    "later_undated": (
        "{count} documenten krijgt u nog apart, omdat wij ze nog beoordelen of met de hand "
        "moeten bewerken."
    ),
    "purpose_heading": "Waarvoor wij uw gegevens gebruiken",
    "purpose": {
        "participatiewet": (
            "Wij gebruiken uw gegevens om te beoordelen of u recht hebt op een uitkering of "
            "andere hulp volgens de Participatiewet, om die uit te voeren en om te "
            "controleren of alles klopt."
        ),
        "wmo": (
            "Wij gebruiken uw gegevens om te onderzoeken welke ondersteuning u nodig hebt "
            "volgens de Wmo 2015, en om die ondersteuning te geven."
        ),
        "jeugdwet": (
            "Wij gebruiken de gegevens om te beoordelen welke jeugdhulp nodig is volgens de "
            "Jeugdwet, en om die hulp te geven."
        ),
        "schuldhulpverlening": (
            "Wij gebruiken uw gegevens om u te helpen met uw schulden volgens de Wet "
            "gemeentelijke schuldhulpverlening."
        ),
    },
    "categories_heading": "Welke gegevens wij van u hebben",
    "categories_case": "Uw {fields}.",
    "case_fields": {
        "name": "naam",
        "address": "adres",
        "bsn": "burgerservicenummer",
        "birth_date": "geboortedatum",
        "iban": "rekeningnummer",
    },
    "categories_docs": "Gegevens in deze soorten documenten: {kinds}.",
    "recipients_heading": "Wie uw gegevens krijgen",
    "recipients_adviser": (
        "Onze medisch adviseur kreeg {count} documenten met medische gegevens. De adviseur "
        "is een arts en mag daar met niemand over praten. Wij kregen alleen een advies, "
        "zonder uw medische gegevens."
    ),
    "recipients_adviser_general": (
        "Stuurt u ons medische gegevens, dan gaan die naar onze medisch adviseur. De "
        "adviseur is een arts en mag daar met niemand over praten."
    ),
    "recipients_rest": (
        "Binnen de gemeente zien alleen de medewerkers die uw aanvraag behandelen uw "
        "gegevens. Aan anderen geven wij ze alleen als een wet dat verplicht."
    ),
    "retention_heading": "Hoe lang wij uw gegevens bewaren",
    "retention": (
        "Het werkdossier bewaren wij zo lang als wij uw aanvraag behandelen. Het "
        "archiefdossier bewaren wij zo lang als de Archiefwet 1995 en de Selectielijst "
        "gemeenten en intergemeentelijke organen voorschrijven. Daarna vernietigen wij het."
    ),
    "source_heading": "Waar uw gegevens vandaan komen",
    "source_subject": "De meeste documenten kregen wij van u of van iemand namens u.",
    "source_tips": "{count} documenten kregen wij van iemand anders (een melding).",
    "source_own": "Verslagen en besluiten hebben wij zelf gemaakt.",
    "automated_heading": "Beslist een computer?",
    "automated": (
        "Nee. Een computerprogramma sorteert de documenten die wij krijgen. Over uw "
        "aanvraag beslist altijd een medewerker."
    ),
    "rights_heading": "Uw rechten",
    "rights": (
        "Klopt een gegeven niet? Dan kunt u ons vragen het te verbeteren. U kunt ons ook "
        "vragen gegevens te verwijderen, het gebruik ervan te beperken, of bezwaar maken "
        "tegen het gebruik. Bent u het niet eens met hoe wij met uw gegevens omgaan? Dan "
        "kunt u een klacht indienen bij de Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl)."
    ),
    "basis": "Wet en regels voor deze brief:",
    "basis_lines": (
        ("AVG art. 15 lid 1", "u mag weten welke gegevens wij van u hebben en wat wij ermee doen."),
        ("AVG art. 15 lid 4", "wij beschermen de gegevens van andere mensen."),
        ("AVG art. 12 lid 3", "wij antwoorden binnen een maand."),
        ("AVG art. 16 tot en met 21", "uw recht op verbeteren, verwijderen, beperken en bezwaar."),
        ("AVG art. 77", "uw recht om te klagen bij de Autoriteit Persoonsgegevens."),
    ),
    "index_title": "Bijlage: lijst van documenten",
    "index_line": "{n}. {kind}, ontvangen op {date}{pages}",
    "index_pages": ", {pages} blz.",
    "index_what": "Wat wij deden: {explanation}.",
    "index_removed": "Weggelaten om anderen te beschermen: {what}.",
    "index_file": "Kopie in dit pakket: {file}",
    "index_id": "Genoteerd: documentnummer {number}, geldig tot {valid_until}.",
    "removed_words": {
        "PERSON": ("naam", "namen"),
        "ADDRESS": ("adres", "adressen"),
        "PHONE_NUMBER": ("telefoonnummer", "telefoonnummers"),
        "EMAIL_ADDRESS": ("e-mailadres", "e-mailadressen"),
        "NL_BSN": ("burgerservicenummer", "burgerservicenummers"),
        "IBAN_CODE": ("rekeningnummer", "rekeningnummers"),
        "DATE_TIME": ("datum", "datums"),
        "NL_LICENCE_PLATE": ("kenteken", "kentekens"),
    },
    "removed_other": ("ander gegeven", "andere gegevens"),
    "refusal_subject": "Onderwerp: uw verzoek om inzage in uw gegevens",
    "refusal_intro": (
        "U vroeg ons welke gegevens wij over u hebben. Op dit moment kunnen wij u die "
        "gegevens nog niet laten zien."
    ),
    "refusal_why": (
        "Wij doen een onderzoek naar uw zaak (een handhavingsonderzoek). Als wij u nu uw "
        "dossier laten zien, kan dat het onderzoek schaden. De wet staat ons toe om inzage "
        "dan uit te stellen."
    ),
    "refusal_after": (
        "Als het onderzoek klaar is, laten wij u dat binnen drie maanden weten. Daarna kunt "
        "u opnieuw om inzage vragen, en dan krijgt u uw gegevens."
    ),
    "refusal_objection": (
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de datum van "
        "deze brief bezwaar maken. U kunt ook een klacht indienen bij de Autoriteit "
        "Persoonsgegevens (autoriteitpersoonsgegevens.nl)."
    ),
    "refusal_basis": (
        ("UAVG art. 41 lid 1 sub h", "inzage mag wachten zolang een onderzoek dat nodig heeft."),
        ("UAVG art. 34 en Awb art. 6:7", "u kunt binnen zes weken bezwaar maken."),
        ("AVG art. 77", "uw recht om te klagen bij de Autoriteit Persoonsgegevens."),
    ),
}


def _tail(settings: Settings, basis: Sequence[tuple[str, str]]) -> list[list[Line]]:
    municipality = settings.municipality
    signature = LETTER_TEXT["signature_draft"] if municipality is None else municipality.name
    return [
        [("text", _contact(municipality))],
        [("text", LETTER_TEXT["closing"]), ("text", signature)],
        [
            ("text", TEXT["basis"]),
            *(("item", LETTER_TEXT["basis_line"].format(reference=r, meaning=m)) for r, m in basis),
        ],
    ]


def _section(heading: str, *lines: str) -> list[Line]:
    return [("heading", heading), *(("text", line) for line in lines if line)]


def _dutch_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def removed_phrase(removed: dict[str, int]) -> str:
    """ "2 namen en 1 adres" for {"PERSON": 2, "ADDRESS": 1}."""
    counts: Counter[tuple[str, str]] = Counter()
    for kind, count in removed.items():
        counts[TEXT["removed_words"].get(kind, TEXT["removed_other"])] += count
    parts = [f"{n} {one if n == 1 else many}" for (one, many), n in sorted(counts.items())]
    return _dutch_list(parts) if parts else ""


def cover_blocks(
    case: Case,
    entries: Sequence[Entry],
    on: dt.date,
    received: dt.date | None,
    deadline: dt.date | None,
    settings: Settings | None = None,
) -> list[list[Line]]:
    settings = settings if settings is not None else current_settings()
    blocks = head_blocks(case, on, settings, TEXT["subject"])
    intro = (
        TEXT["intro"].format(received=dutch_date(received)) if received else TEXT["intro_undated"]
    )
    blocks.append([("text", intro)])
    documents = [e for e in entries if e.reason != "split"]
    included = [e for e in documents if e.included]
    what = [TEXT["what_list"].format(total=len(documents))]
    what.append(TEXT["what_copies"].format(included=len(included)))
    if any(e.id_document for e in documents):
        what.append(TEXT["what_id"])
    blocks.append([("heading", TEXT["what_heading"]), *(("item", w) for w in what)])
    removed = sum(sum(e.removed.values()) for e in included)
    later = [e for e in documents if e.reason in ("in_review", "not_redactable", "missing")]
    lines = [TEXT["removed_others"] if removed else TEXT["removed_none"]]
    if any(e.reason == "personal_note" for e in documents):
        lines.append(TEXT["removed_notes"])
    if later:
        key = "later" if deadline else "later_undated"
        lines.append(TEXT[key].format(count=len(later), deadline=deadline and dutch_date(deadline)))
    blocks.append(_section(TEXT["removed_heading"], *lines))
    blocks.append(_section(TEXT["purpose_heading"], TEXT["purpose"][case.law]))
    fields = [w for k, w in TEXT["case_fields"].items() if k == "name" or getattr(case.subject, k)]
    kinds = sorted({e.kind for e in documents})
    blocks.append(
        _section(
            TEXT["categories_heading"],
            TEXT["categories_case"].format(fields=_dutch_list(fields)),
            TEXT["categories_docs"].format(kinds=_dutch_list(kinds)) if kinds else "",
        )
    )
    forwarded = sum(1 for e in documents if e.reason == "forwarded_medical_adviser")
    adviser = (
        TEXT["recipients_adviser"].format(count=forwarded)
        if forwarded
        else TEXT["recipients_adviser_general"]
    )
    blocks.append(_section(TEXT["recipients_heading"], adviser, TEXT["recipients_rest"]))
    blocks.append(_section(TEXT["retention_heading"], TEXT["retention"]))
    tips = sum(1 for e in documents if e.category is Category.THIRD_PARTY_TIP)
    own = any(e.category is Category.CASE_REPORT for e in documents)
    blocks.append(
        _section(
            TEXT["source_heading"],
            TEXT["source_subject"],
            TEXT["source_tips"].format(count=tips) if tips else "",
            TEXT["source_own"] if own else "",
        )
    )
    blocks.append(_section(TEXT["automated_heading"], TEXT["automated"]))
    blocks.append(_section(TEXT["rights_heading"], TEXT["rights"]))
    basis = [*TEXT["basis_lines"], LETTER_TEXT["basis_law"][case.law]]
    return blocks + _tail(settings, basis)


def index_blocks(entries: Sequence[Entry]) -> list[list[Line]]:
    """The index as the subject reads it: one block per document, numbered as the files
    in the package are."""
    blocks: list[list[Line]] = [[("title", TEXT["index_title"])]]
    n = 0
    for e in entries:
        if e.reason == "split":
            continue
        n += 1
        pages = TEXT["index_pages"].format(pages=e.pages) if e.pages else ""
        date = dutch_date(dt.date.fromisoformat(e.received)) if e.received else "onbekend"
        block: list[Line] = [
            ("item", TEXT["index_line"].format(n=n, kind=e.kind, date=date, pages=pages)),
            ("detail", TEXT["index_what"].format(explanation=e.explanation)),
        ]
        if e.file:
            block.append(("detail", TEXT["index_file"].format(file=e.file)))
        if e.removed:
            block.append(("detail", TEXT["index_removed"].format(what=removed_phrase(e.removed))))
        if e.id_document:
            block.append(
                ("detail", TEXT["index_id"].format(
                    number=_given(e.id_document.get("number") or ""),
                    valid_until=e.id_document.get("valid_until") or "onbekend",
                ))
            )  # fmt: skip
        blocks.append(block)
    return blocks


def refusal_blocks(case: Case, on: dt.date, settings: Settings | None = None):
    settings = settings if settings is not None else current_settings()
    blocks = head_blocks(case, on, settings, TEXT["refusal_subject"])
    for key in ("refusal_intro", "refusal_why", "refusal_after", "refusal_objection"):
        blocks.append([("text", TEXT[key])])
    return blocks + _tail(settings, TEXT["refusal_basis"])


def text_of(blocks: list[list[Line]]) -> str:
    indent = {"detail": "  "}
    return "\n\n".join("\n".join(indent.get(s, "") + t for s, t in b) for b in blocks) + "\n"


def pdf_of(blocks: list[list[Line]], title: str, on: dt.date, settings=None) -> bytes:
    return blocks_pdf(blocks, title=title, on=on, settings=settings)
