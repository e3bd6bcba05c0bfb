"""The letter to the citizen: which documents we did not keep, what we did with them, and why.

One letter per run and case, in plain Dutch (B1, "u"): the documents returned, forwarded
to the medical adviser or destroyed, each with the reason in plain words and the legal
reference from the policy table, and the promise to ask again when a document is needed
after all (FAQ Q1, Q2, Q3, Q14, Q28). Archived, working, excluded and review items are not
mentioned; when nothing is left, there is no letter (None).

`render_text` gives plain text, `render_pdf` an A4 PDF with the same words in the same
order (built-in Helvetica, which has é, ë, ğ, ł and more; no ligatures, so the text copies
and reads back exactly). Both are deterministic for a given date. All Dutch is in `TEXT`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zeef.domain.case import Case
from zeef.domain.policy import LETTER_DISPOSITIONS, rule_for
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.mupdf import pymupdf

# Every Dutch sentence of the letter, in one place.
TEXT = {
    "date": "Datum: {date}",
    "case": "Zaaknummer: {case_id}",
    "subject": "Onderwerp: wat we hebben gedaan met uw documenten",
    "greeting": "Beste {name},",
    "intro": (
        "U hebt ons documenten gegeven voor uw aanvraag ({law}). Wij mogen alleen bewaren "
        "wat we echt nodig hebben. In deze brief leest u welke documenten we niet bewaren, "
        "wat we ermee hebben gedaan en waarom."
    ),
    "heading": {
        Disposition.RETURN_TO_SENDER: "Deze documenten sturen we aan u terug",
        Disposition.FORWARD_MEDICAL_ADVISER: "Deze documenten hebben we naar onze medisch "
        "adviseur gestuurd",
        Disposition.DESTROY: "Deze documenten hebben we vernietigd",
    },
    "item": "- {description}",
    "received": "- {description} (ontvangen op {date})",
    "why": "Waarom: {why}",
    "law": "Wet en regels: {reference}",
    "why_returned_medical": (
        "Dit document bevat medische gegevens. Die mogen wij als gemeente niet bewaren. "
        "Heeft onze medisch adviseur het document nodig? Dan vraagt de adviseur het aan u."
    ),
    "why_returned": (
        "We hebben dit document nu niet nodig. Daarom bewaren we het niet. "
        "We hebben er ook geen kopie van gemaakt."
    ),
    "why_forwarded": (
        "Dit document bevat medische gegevens. Alleen een arts mag die lezen. Onze medisch "
        "adviseur is een arts. De adviseur geeft ons een advies zonder uw medische gegevens. "
        "Wij hebben geen kopie van het document gehouden."
    ),
    "why_destroyed_id": (
        "Dit is een kopie van een identiteitsbewijs. Geen wet geeft ons het recht om zo'n "
        "kopie te bewaren."
    ),
    "id_noted": (
        "We hebben het documentnummer en de geldigheidsdatum genoteerd; de kopie zelf hebben "
        "we vernietigd."
    ),
    "id_noted_number": (
        "We hebben het documentnummer genoteerd; de kopie zelf hebben we vernietigd."
    ),
    "id_not_read": (
        "We konden het documentnummer niet lezen. De kopie zelf hebben we vernietigd. "
        "Misschien vragen we u nog om uw identiteitsbewijs te laten zien."
    ),
    "id_noted_values": "Genoteerd: documentnummer {number}, geldig tot {valid_until}.",
    "id_noted_value": "Genoteerd: documentnummer {number}.",
    "why_destroyed": (
        "We hebben dit document niet nodig. Dan mogen we het ook niet bewaren. "
        "Daarom hebben we het vernietigd."
    ),
    "again": (
        "Hebben we een van deze documenten later toch nodig? Dan vragen we het opnieuw aan u."
    ),
    "closing": "Met vriendelijke groet,",
    "glossary": "Uitleg van de afkortingen:",
    "months": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split(),
    "laws": {
        "participatiewet": "Participatiewet",
        "wmo": "Wet maatschappelijke ondersteuning",
        "jeugdwet": "Jeugdwet",
        "schuldhulpverlening": "Wet gemeentelijke schuldhulpverlening",
    },
    "abbreviations": {
        "AVG": "Algemene verordening gegevensbescherming",
        "UAVG": "Uitvoeringswet Algemene verordening gegevensbescherming",
        "Wmo": "Wet maatschappelijke ondersteuning",
        "Awb": "Algemene wet bestuursrecht",
        "FAQ": "de vragen en antwoorden 'Privacy in het sociaal domein' van VNG Realisatie, "
        "Divosa en NDSD",
    },
}


@dataclass(frozen=True)
class LetterConfig:
    """What differs per municipality. The contact line is a placeholder to fill in."""

    municipality: str = "Gemeente"
    contact: str = (
        "Hebt u vragen over deze brief? Bel ons op [telefoonnummer] of mail naar "
        "[e-mailadres]. Noem dan uw zaaknummer."
    )


DEFAULT_CONFIG = LetterConfig()


@dataclass(frozen=True)
class LetterItem:
    """One document as the letter names it. `description` is chosen by the caller (a file
    name, "bijlage bij uw e-mail van 3 november"); it is printed as given."""

    description: str
    received: date | None
    disposition: Disposition
    category: Category
    id_number: str | None = None
    id_valid_until: date | None = None

    def __post_init__(self) -> None:  # accept plain strings for the closed sets
        object.__setattr__(self, "disposition", Disposition(self.disposition))
        object.__setattr__(self, "category", Category(self.category))


# -- content ---------------------------------------------------------------------------

# A letter is a list of blocks (separated by a blank line), a block a list of lines, a line
# a (style, text) pair. Styles: title, text, heading, item, detail.
Line = tuple[str, str]


def dutch_date(day: date) -> str:
    return f"{day.day} {TEXT['months'][day.month - 1]} {day.year}"


def _clean(text: str) -> str:
    """One line: control characters and runs of white space become one space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def legal_reference(item: LetterItem) -> str:
    """The policy table's legal basis for what was done with `item`. A document handled
    otherwise than its category's rule (a reviewer's decision) was not kept because it was
    not needed: data minimisation, the basis of the `other` rule."""
    rule = rule_for(item.category)
    if rule.disposition in (None, item.disposition) or item.category is Category.ID_COPY:
        return rule.legal_basis
    return rule_for(Category.OTHER).legal_basis


def _why(item: LetterItem) -> list[str]:
    if item.disposition is Disposition.FORWARD_MEDICAL_ADVISER:
        return [TEXT["why_forwarded"]]
    if item.disposition is Disposition.RETURN_TO_SENDER:
        medical = item.category is Category.MEDICAL
        return [TEXT["why_returned_medical" if medical else "why_returned"]]
    if item.category is not Category.ID_COPY:
        return [TEXT["why_destroyed"]]
    number = _clean(item.id_number or "")
    if not number:
        return [TEXT["why_destroyed_id"], TEXT["id_not_read"]]
    if item.id_valid_until is None:
        noted = [TEXT["id_noted_number"], TEXT["id_noted_value"].format(number=number)]
    else:
        valid = dutch_date(item.id_valid_until)
        noted = [TEXT["id_noted"], TEXT["id_noted_values"].format(number=number, valid_until=valid)]
    return [TEXT["why_destroyed_id"], *noted]


def _item_block(item: LetterItem) -> list[Line]:
    description = _clean(item.description) or "-"
    if item.received is None:
        head = TEXT["item"].format(description=description)
    else:
        head = TEXT["received"].format(description=description, date=dutch_date(item.received))
    why = TEXT["why"].format(why=" ".join(_why(item)))
    law = TEXT["law"].format(reference=legal_reference(item))
    return [("item", head), ("detail", why), ("detail", law)]


def letter_blocks(
    case: Case,
    items: Sequence[LetterItem],
    on: date,
    config: LetterConfig = DEFAULT_CONFIG,
) -> list[list[Line]] | None:
    """The letter's content, or None when no item was returned, forwarded or destroyed."""
    sections = {d: [i for i in items if i.disposition is d] for d in LETTER_DISPOSITIONS}
    if not any(sections.values()):
        return None
    subject = case.subject
    municipality = _clean(config.municipality)
    address = [_clean(part) for part in (subject.address or "").split(",") if part.strip()]
    blocks: list[list[Line]] = [
        [("title", municipality)],
        [("text", line) for line in (_clean(subject.name), *address)],
        [
            ("text", TEXT["date"].format(date=dutch_date(on))),
            ("text", TEXT["case"].format(case_id=case.case_id)),
            ("text", TEXT["subject"]),
        ],
        [("text", TEXT["greeting"].format(name=_clean(subject.name)))],
        [("text", TEXT["intro"].format(law=TEXT["laws"].get(case.law, case.law)))],
    ]
    references = []
    for disposition, chosen in sections.items():
        if not chosen:
            continue
        blocks.append([("heading", TEXT["heading"][disposition])])
        for item in chosen:
            blocks.append(_item_block(item))
            references.append(legal_reference(item))
    blocks.append([("text", TEXT["again"])])
    blocks.append([("text", _clean(config.contact))])
    blocks.append([("text", TEXT["closing"]), ("text", municipality)])
    used = [
        f"{abbr}: {meaning}."
        for abbr, meaning in TEXT["abbreviations"].items()
        if any(re.search(rf"\b{abbr}\b", ref) for ref in references)
    ]
    if used:
        blocks.append([("text", TEXT["glossary"]), *(("item", f"- {u}") for u in used)])
    return blocks


# -- text ------------------------------------------------------------------------------


def render_text(
    case: Case,
    items: Sequence[LetterItem],
    on: date | None = None,
    config: LetterConfig = DEFAULT_CONFIG,
) -> str | None:
    """The letter as plain text; None when there is nothing to tell. `on`: the letter's
    date (today when not given)."""
    blocks = letter_blocks(case, items, on or date.today(), config)
    if blocks is None:
        return None
    indent = {"detail": "  "}
    return (
        "\n\n".join("\n".join(indent.get(s, "") + t for s, t in block) for block in blocks) + "\n"
    )


# -- PDF -------------------------------------------------------------------------------

_PAGE = pymupdf.paper_rect("a4")
_MARGIN = 72.0  # 2.5 cm
_STYLES = {  # font, size, indent of the first line, indent of the following lines
    "title": ("hebo", 14.0, 0.0, 0.0),
    "heading": ("hebo", 12.0, 0.0, 0.0),
    "text": ("helv", 11.0, 0.0, 0.0),
    "item": ("helv", 11.0, 0.0, 9.0),
    "detail": ("helv", 11.0, 9.0, 9.0),
}
_LEADING = 1.35
_BOTTOM = _PAGE.height - _MARGIN
_FONTS: dict[str, pymupdf.Font] = {}


def _font(name: str) -> pymupdf.Font:
    if name not in _FONTS:
        _FONTS[name] = pymupdf.Font(name)
    return _FONTS[name]


_ADVANCES: dict[tuple[str, str], float] = {}


def _length(font: pymupdf.Font, text: str, size: float) -> float:
    """`font.text_length(text, size)`, from cached advances per character (the built-in
    fonts are not kerned, so widths add up). Asking MuPDF for every candidate line made
    the letter PDF 40 % of ingest time in a profile (cProfile, 20 dev-corpus cases)."""
    total = 0.0
    for ch in text:
        advance = _ADVANCES.get((font.name, ch))
        if advance is None:
            advance = _ADVANCES[(font.name, ch)] = font.text_length(ch, 1.0)
        total += advance
    return total * size


def _wrap(text: str, font: pymupdf.Font, size: float, first: float, rest: float) -> list[str]:
    """Break `text` into lines at spaces to fit widths `first`, then `rest`. A word wider
    than a line is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        width = first if not lines else rest
        candidate = f"{current} {word}" if current else word
        if _length(font, candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            width = rest
        while _length(font, word, size) > width:
            cut = len(word) - 1
            while cut > 1 and _length(font, word[:cut], size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            width = rest
        current = word
    lines.append(current)
    return lines


class _Pages:
    """Lines on A4 pages, top to bottom, starting a new page when one is full."""

    def __init__(self) -> None:
        self.doc = pymupdf.open()
        self.page: pymupdf.Page | None = None
        self.writer: pymupdf.TextWriter | None = None
        self.y = _BOTTOM  # no page yet: the first line starts one

    def new_page(self) -> None:
        self.flush()
        self.page = self.doc.new_page(width=_PAGE.width, height=_PAGE.height)
        self.writer = pymupdf.TextWriter(self.page.rect)
        self.y = _MARGIN

    def room(self) -> float:
        return _BOTTOM - self.y

    def line(self, font: pymupdf.Font, size: float, indent: float, text: str) -> None:
        if self.writer is None or self.room() < size * _LEADING:
            self.new_page()
        self.y += size * _LEADING
        self.writer.append((_MARGIN + indent, self.y - size * (_LEADING - 1)), text, font, size)

    def flush(self) -> None:
        if self.writer is not None:
            self.writer.write_text(self.page)
            self.writer = None


def render_pdf(
    case: Case,
    items: Sequence[LetterItem],
    on: date | None = None,
    config: LetterConfig = DEFAULT_CONFIG,
) -> bytes | None:
    """The letter as an A4 PDF with the same text as `render_text`; None when there is
    nothing to tell. The same input and date give the same bytes: the metadata dates are
    the letter's date and the file has no random /ID."""
    on = on or date.today()
    blocks = letter_blocks(case, items, on, config)
    if blocks is None:
        return None
    pages = _Pages()
    width = _PAGE.width - 2 * _MARGIN
    for block in blocks:
        laid = []
        for style, text in block:
            font_name, size, first, rest = _STYLES[style]
            font = _font(font_name)
            for n, line in enumerate(_wrap(text, font, size, width - first, width - rest)):
                laid.append((font, size, first if n == 0 else rest, line))
        # Keep a block on one page (a heading with the start of what follows) when it fits.
        need = sum(size * _LEADING for _, size, _, _ in laid)
        if block[0][0] == "heading":
            need += 4 * 11.0 * _LEADING
        if pages.writer is not None and pages.room() < need < _BOTTOM - _MARGIN:
            pages.new_page()
        for laid_line in laid:
            pages.line(*laid_line)
        pages.y += 11.0 * 0.8  # the blank line between blocks
    pages.flush()
    doc = pages.doc
    stamp = f"D:{on:%Y%m%d}000000Z"
    doc.set_metadata(
        {
            "title": f"Brief zaak {case.case_id}",
            "author": _clean(config.municipality),
            "creator": "zeef",
            "producer": "zeef",
            "creationDate": stamp,
            "modDate": stamp,
        }
    )
    doc.subset_fonts()
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return data
