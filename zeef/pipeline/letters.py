"""The letter to the citizen: which documents we did not keep, what we did with them, and why.

One letter per run and case, in plain Dutch (B1, "u"): the documents returned, forwarded
to the medical adviser or destroyed, each with the reason in plain words and the statutes
it rests on (the policy table's `legal_basis`), the general basis of the letter itself
(AVG art. 5 lid 1 sub c and art. 13/14, and the case's own law), and the promise to ask
again when a document is needed after all. The municipalities' FAQ "Privacy in het
sociaal domein" is named as further explanation only, never as law. Archived, working,
excluded and review items are not mentioned; when nothing is left, there is no letter
(None).

Who writes comes from the settings (`zeef.domain.settings`): the municipality's name and
postal address in the letterhead, its telephone number and e-mail address in the contact
line, its logo at the top of the PDF. Without a municipality in the settings the letter
is a draft: "CONCEPT — niet verzenden" at the top of the text and of every PDF page, no
contact data at all (no placeholder either), and one warning in the log per process.

`render_text` gives plain text, `render_pdf` an A4 PDF with the same words in the same
order (built-in Helvetica, which has é, ë, ğ, ł and more; no ligatures, so the text copies
and reads back exactly). Both are deterministic for a given date and settings. All Dutch
is in `TEXT`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zeef.domain.case import Case
from zeef.domain.display import strip_controls
from zeef.domain.policy import LETTER_DISPOSITIONS, PolicyRule, rule_for
from zeef.domain.settings import Municipality, Settings
from zeef.domain.settings import current as current_settings
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.mupdf import pymupdf

log = logging.getLogger(__name__)

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
    "why_destroyed_id_other": (
        "Dit is een kopie van een identiteitsbewijs van iemand anders. Wij mogen die kopie "
        "niet bewaren. Daarom hebben we hem vernietigd. We hebben er niets van genoteerd, "
        "ook het documentnummer niet. Misschien vragen we u nog om uw eigen "
        "identiteitsbewijs te laten zien."
    ),
    "id_noted_values": "Genoteerd: documentnummer {number}, geldig tot {valid_until}.",
    "id_noted_value": "Genoteerd: documentnummer {number}.",
    "why_destroyed": (
        "We hebben dit document niet nodig. Dan mogen we het ook niet bewaren. "
        "Daarom hebben we het vernietigd."
    ),
    "why_destroyed_after_decision": (
        "We hebben dit document vernietigd na het besluit over uw aanvraag. We hadden het "
        "nodig om uw aanvraag te beoordelen. Het besluit steunt er niet op, en de termijn "
        "om bezwaar te maken is voorbij. Daarom mogen we het niet langer bewaren."
    ),
    "again": (
        "Hebben we een van deze documenten later toch nodig? Dan vragen we het opnieuw aan u."
    ),
    "draft": "CONCEPT — niet verzenden",
    "basis": "Wet en regels voor deze brief:",
    "basis_line": "- {reference}: {meaning}",
    "basis_general": (
        ("AVG art. 5 lid 1 sub c", "we bewaren alleen de gegevens die we echt nodig hebben."),
        ("AVG art. 13 en art. 14", "we vertellen u wat we met uw gegevens doen."),
    ),
    "basis_law": {
        "participatiewet": (
            "Participatiewet art. 17 lid 1",
            "u geeft ons de informatie die we nodig hebben om uw aanvraag te beoordelen.",
        ),
        "wmo": (
            "Wmo 2015 art. 2.3.2 en art. 5.1.1",
            "we onderzoeken welke hulp u nodig hebt. Daarvoor gebruiken we alleen de "
            "gegevens die nodig zijn.",
        ),
        "jeugdwet": (
            "Jeugdwet art. 7.4.0 lid 1",
            "we gebruiken alleen de gegevens die nodig zijn voor de jeugdhulp.",
        ),
        "schuldhulpverlening": (
            "Wgs art. 5",
            "we gebruiken alleen de gegevens die nodig zijn voor de hulp bij schulden.",
        ),
    },
    "guidance": (
        "Meer uitleg: de vragen en antwoorden 'Privacy in het sociaal domein' van VNG "
        "Realisatie, Divosa en NDSD, {questions}. Dit is uitleg, geen wet."
    ),
    "question": "vraag {number}",
    "questions": "vragen {numbers} en {last}",
    "contact": (
        "Hebt u vragen over deze brief? Bel ons op {phone} of mail naar {email}. "
        "Noem dan uw zaaknummer."
    ),
    "contact_draft": (
        "Dit is een concept. Het telefoonnummer en het e-mailadres van de gemeente komen in "
        "deze brief zodra de gegevens van de gemeente zijn ingesteld."
    ),
    "signature_draft": "De gemeente",
    "closing": "Met vriendelijke groet,",
    "glossary": "Uitleg van de afkortingen:",
    "months": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split(),
    "laws": {
        "participatiewet": "Participatiewet",
        "wmo": "Wet maatschappelijke ondersteuning 2015",
        "jeugdwet": "Jeugdwet",
        "schuldhulpverlening": "Wet gemeentelijke schuldhulpverlening",
    },
    "abbreviations": {
        "AVG": "Algemene verordening gegevensbescherming",
        "UAVG": "Uitvoeringswet Algemene verordening gegevensbescherming",
        "Wmo": "Wet maatschappelijke ondersteuning",
        "Awb": "Algemene wet bestuursrecht",
        "Wgs": "Wet gemeentelijke schuldhulpverlening",
    },
}


@dataclass(frozen=True)
class LetterItem:
    """One document as the letter names it. `description` is chosen by the caller (a file
    name, "bijlage bij uw e-mail van 3 november"); it is printed as given, on one line,
    with brackets as parentheses."""

    description: str
    received: date | None
    disposition: Disposition
    category: Category
    id_number: str | None = None
    id_valid_until: date | None = None
    id_not_subject: bool = False  # a copy of someone else's ID document: nothing noted
    law: str | None = None  # the case's law: the policy row for it
    # Destroyed from the working dossier once the decision's objection period passed
    # (`zeef.pipeline.retention`): not supporting the decision, no longer needed.
    after_decision: bool = False

    def __post_init__(self) -> None:  # accept plain strings for the closed sets
        object.__setattr__(self, "disposition", Disposition(self.disposition))
        object.__setattr__(self, "category", Category(self.category))


# -- settings --------------------------------------------------------------------------

_warned = threading.Event()  # set once the draft warning is logged (tests clear it)
_warn_lock = threading.Lock()


def _settings(settings: Settings | None) -> Settings:
    """The settings to write with (those in force when not given). A draft is logged once
    per process: the operator sees it, the letters say it."""
    settings = settings if settings is not None else current_settings()
    if settings.is_draft and not _warned.is_set():
        with _warn_lock:
            if not _warned.is_set():
                _warned.set()
                log.warning(
                    "letters are drafts: no [municipality] in the settings "
                    "(zeef --config or ZEEF_CONFIG)"
                )
    return settings


# -- content ---------------------------------------------------------------------------

# A letter is a list of blocks (separated by a blank line), a block a list of lines, a line
# a (style, text) pair. Styles: draft, title, text, heading, item, detail.
Line = tuple[str, str]


def dutch_date(day: date) -> str:
    return f"{day.day} {TEXT['months'][day.month - 1]} {day.year}"


_OPEN, _CLOSE = str.maketrans("[{<", "((("), str.maketrans("]}>", ")))")


def _clean(text: str) -> str:
    """One line: control characters and runs of white space become one space; bidi
    controls (U+202E would turn a file name around) are removed."""
    return " ".join(strip_controls(text).split())


def _given(text: str) -> str:
    """A caller's or case file's text (a file name, a name, an address) on one line, with
    brackets as parentheses: "scan [2].pdf" must not read as a template's placeholder."""
    return _clean(text).translate(_OPEN).translate(_CLOSE)


def _rule(item: LetterItem) -> PolicyRule:
    """The policy rule `item` was handled by. A document handled otherwise than its
    category's rule (a reviewer's decision) was not kept because it was not needed: the
    `other` rule (data minimisation)."""
    rule = rule_for(item.category, item.law)
    if rule.disposition in (None, item.disposition) or item.category is Category.ID_COPY:
        return rule
    return rule_for(Category.OTHER, item.law)


# A working-dossier document destroyed after the decision: storage limitation (AVG art. 5
# lid 1 sub e) once the objection period (Awb art. 6:7) has passed; FAQ Q1 and Q14 explain
# the split between the working and the archival dossier.
AFTER_DECISION_BASIS = "AVG art. 5 lid 1 sub e; Awb art. 6:7"
AFTER_DECISION_GUIDANCE = "FAQ Q1, Q14"


def legal_reference(item: LetterItem) -> str:
    """The statutes for what was done with `item`: the policy table's `legal_basis`."""
    if item.after_decision:
        return AFTER_DECISION_BASIS
    return _rule(item).legal_basis


def guidance_questions(item: LetterItem) -> list[int]:
    """The FAQ questions that explain the rule (`guidance`, "FAQ Q3, Q22"), as numbers."""
    guidance = AFTER_DECISION_GUIDANCE if item.after_decision else _rule(item).guidance
    return [int(n) for n in re.findall(r"Q(\d+)", guidance)]


def general_basis(case: Case) -> list[tuple[str, str]]:
    """The basis of the letter itself, (statute, what it means in plain Dutch): data
    minimisation, the duty to inform, and the case's own law."""
    by_law = TEXT["basis_law"].get(case.law)
    return [*TEXT["basis_general"], *([by_law] if by_law else [])]


def _questions(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return TEXT["question"].format(number=numbers[0])
    head = ", ".join(str(n) for n in numbers[:-1])
    return TEXT["questions"].format(numbers=head, last=numbers[-1])


def _why(item: LetterItem) -> list[str]:
    if item.disposition is Disposition.FORWARD_MEDICAL_ADVISER:
        return [TEXT["why_forwarded"]]
    if item.disposition is Disposition.RETURN_TO_SENDER:
        medical = item.category is Category.MEDICAL
        return [TEXT["why_returned_medical" if medical else "why_returned"]]
    if item.after_decision:
        return [TEXT["why_destroyed_after_decision"]]
    if item.category is not Category.ID_COPY:
        return [TEXT["why_destroyed"]]
    if item.id_not_subject:  # never its number, expiry or whose it was
        return [TEXT["why_destroyed_id_other"]]
    number = _given(item.id_number or "")
    if not number:
        return [TEXT["why_destroyed_id"], TEXT["id_not_read"]]
    if item.id_valid_until is None:
        noted = [TEXT["id_noted_number"], TEXT["id_noted_value"].format(number=number)]
    else:
        valid = dutch_date(item.id_valid_until)
        noted = [TEXT["id_noted"], TEXT["id_noted_values"].format(number=number, valid_until=valid)]
    return [TEXT["why_destroyed_id"], *noted]


def _item_block(item: LetterItem) -> list[Line]:
    description = _given(item.description) or "-"
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
    settings: Settings | None = None,
) -> list[list[Line]] | None:
    """The letter's content, or None when no item was returned, forwarded or destroyed.
    `settings`: those in force when not given; without a municipality, a draft."""
    sections = {d: [i for i in items if i.disposition is d] for d in LETTER_DISPOSITIONS}
    if not any(sections.values()):
        return None
    municipality = _settings(settings).municipality
    blocks = head_blocks(case, on, settings, TEXT["subject"])
    blocks.append([("text", TEXT["intro"].format(law=TEXT["laws"].get(case.law, case.law)))])
    references = []
    questions: set[int] = set()
    for disposition, chosen in sections.items():
        if not chosen:
            continue
        blocks.append([("heading", TEXT["heading"][disposition])])
        for item in chosen:
            blocks.append(_item_block(item))
            references.append(legal_reference(item))
            questions.update(guidance_questions(item))
    blocks.append([("text", TEXT["again"])])
    basis = general_basis(case)
    references += [reference for reference, _ in basis]
    blocks.append(
        [
            ("text", TEXT["basis"]),
            *(("item", TEXT["basis_line"].format(reference=r, meaning=m)) for r, m in basis),
        ]
    )
    if questions:
        blocks.append([("text", TEXT["guidance"].format(questions=_questions(sorted(questions))))])
    blocks.append([("text", _contact(municipality))])
    signature = TEXT["signature_draft"] if municipality is None else municipality.name
    blocks.append([("text", TEXT["closing"]), ("text", signature)])
    used = [
        f"{abbr}: {meaning}."
        for abbr, meaning in TEXT["abbreviations"].items()
        if any(re.search(rf"\b{abbr}\b", ref) for ref in references)
    ]
    if used:
        blocks.append([("text", TEXT["glossary"]), *(("item", f"- {u}") for u in used)])
    return blocks


def head_blocks(
    case: Case, on: date, settings: Settings | None, subject_line: str
) -> list[list[Line]]:
    """A letter's head: the letterhead (or the draft marker), the subject's name and
    address, date, case number and `subject_line`, and the greeting. Other letters (the
    inspection package's) begin the same way."""
    municipality = _settings(settings).municipality
    subject = case.subject
    address = [_given(part) for part in (subject.address or "").split(",") if part.strip()]
    if municipality is None:
        blocks: list[list[Line]] = [[("draft", TEXT["draft"])]]
    else:
        blocks = [[("title", municipality.name), *_lines(municipality.postal_address)]]
    return blocks + [
        [("text", line) for line in (_given(subject.name), *address)],
        [
            ("text", TEXT["date"].format(date=dutch_date(on))),
            ("text", TEXT["case"].format(case_id=case.case_id)),
            ("text", subject_line),
        ],
        [("text", TEXT["greeting"].format(name=_given(subject.name)))],
    ]


def _lines(address: str) -> list[Line]:
    """A postal address as letterhead lines, split at commas."""
    return [("text", _clean(part)) for part in address.split(",") if part.strip()]


def _contact(municipality: Municipality | None) -> str:
    """The contact line with the configured telephone number and e-mail address; a draft
    says where they will come, and invents none."""
    if municipality is None:
        return TEXT["contact_draft"]
    return TEXT["contact"].format(phone=municipality.phone, email=municipality.email)


# -- text ------------------------------------------------------------------------------


def render_text(
    case: Case,
    items: Sequence[LetterItem],
    on: date | None = None,
    settings: Settings | None = None,
) -> str | None:
    """The letter as plain text; None when there is nothing to tell. `on`: the letter's
    date (today when not given); `settings`: those in force when not given."""
    blocks = letter_blocks(case, items, on or date.today(), settings)
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
_WRAP_WIDTH = _PAGE.width - 2 * _MARGIN  # the text's width on the page
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


_RED = (0.75, 0.0, 0.0)
_LOGO_HEIGHT = 48.0  # points; the logo keeps its proportions, at most the text's width


class _Pages:
    """Lines on A4 pages, top to bottom, starting a new page when one is full. A draft
    carries its marker ("CONCEPT — niet verzenden", red, over a red rule) in the top
    margin of every page, as text."""

    def __init__(self, marker: str | None = None) -> None:
        self.doc = pymupdf.open()
        self.page: pymupdf.Page | None = None
        self.writer: pymupdf.TextWriter | None = None
        self.marker = marker
        self.y = _BOTTOM  # no page yet: the first line starts one

    def new_page(self) -> None:
        self.flush()
        self.page = self.doc.new_page(width=_PAGE.width, height=_PAGE.height)
        if self.marker:
            font, size = _font("hebo"), 14.0
            writer = pymupdf.TextWriter(self.page.rect)
            writer.append((_MARGIN, _MARGIN - 26.0), self.marker, font, size)
            writer.write_text(self.page, color=_RED)
            rule = _MARGIN - 18.0
            self.page.draw_line(
                (_MARGIN, rule), (_PAGE.width - _MARGIN, rule), color=_RED, width=1.5
            )
        self.writer = pymupdf.TextWriter(self.page.rect)
        self.y = _MARGIN

    def room(self) -> float:
        return _BOTTOM - self.y

    def line(self, font: pymupdf.Font, size: float, indent: float, text: str) -> None:
        if self.writer is None or self.room() < size * _LEADING:
            self.new_page()
        self.y += size * _LEADING
        self.writer.append((_MARGIN + indent, self.y - size * (_LEADING - 1)), text, font, size)

    def image(self, data: bytes) -> None:
        """An image (the logo) at the left, `_LOGO_HEIGHT` high, before the next line."""
        if self.writer is None:
            self.new_page()
        pixmap = pymupdf.Pixmap(data)
        width = min(_LOGO_HEIGHT * pixmap.width / pixmap.height, _PAGE.width - 2 * _MARGIN)
        height = width * pixmap.height / pixmap.width
        box = pymupdf.Rect(_MARGIN, self.y, _MARGIN + width, self.y + height)
        self.page.insert_image(box, stream=data)
        self.y += height + 11.0

    def flush(self) -> None:
        if self.writer is not None:
            self.writer.write_text(self.page)
            self.writer = None


def _logo(municipality: Municipality | None) -> bytes | None:
    """The logo's bytes; None when there is none or it cannot be read any more (the
    settings checked it; a letter without the logo is still a letter)."""
    if municipality is None or municipality.logo is None:
        return None
    try:
        data = municipality.logo.read_bytes()
        pymupdf.Pixmap(data)  # decodes: a damaged image is left out, not a failed letter
    except Exception:  # OSError, or MuPDF's errors for an image it cannot decode
        log.warning("letters: the logo in the settings cannot be read; letters go without it")
        return None
    return data


def render_pdf(
    case: Case,
    items: Sequence[LetterItem],
    on: date | None = None,
    settings: Settings | None = None,
) -> bytes | None:
    """The letter as an A4 PDF with the same text as `render_text`; None when there is
    nothing to tell. A draft's marker is at the top of every page. The same input, date
    and settings give the same bytes: the metadata dates are the letter's date and the
    file has no random /ID."""
    on = on or date.today()
    blocks = letter_blocks(case, items, on, settings)
    if blocks is None:
        return None
    return blocks_pdf(blocks, title=f"Brief zaak {case.case_id}", on=on, settings=settings)


def blocks_pdf(
    blocks: list[list[Line]], *, title: str, on: date, settings: Settings | None = None
) -> bytes:
    """Blocks of styled lines (`letter_blocks`' shape: a first block of one ``draft``
    line marks a draft) as an A4 PDF with the municipality's logo; deterministic for the
    same blocks, date and settings. Other letters (the inspection package's) use it too."""
    settings = _settings(settings)
    municipality = settings.municipality
    draft = blocks[0][0][0] == "draft"
    if draft:
        blocks = blocks[1:]  # the marker is every page's header instead
    pages = _Pages(marker=TEXT["draft"] if draft else None)
    logo = _logo(municipality)
    if logo is not None:
        pages.image(logo)
    width = _WRAP_WIDTH
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
            "title": f"{TEXT['draft']}: {title}" if draft else title,
            "author": "" if municipality is None else municipality.name,
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
