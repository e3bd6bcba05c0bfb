"""Page segmentation: where, in one file holding several documents glued together, each
document begins.

Citizens send one PDF or one multi-page scan with an application, a GP letter and an ID
copy behind each other. Each page is classified on its own (a `PageView`: its text and
the categoriser's prediction); this module decides, page by page, whether the page
begins a new document or continues the one before, from three kinds of evidence, each
reported as a short cue name (never text, so the names can go into the audit trail):

- `start_cues(text)`: what the top of a first page looks like: a letterhead (contact
  lines in the first lines), "Pagina 1 van N", a date line followed by a salutation, a
  "Betreft:" line, a reference block ("Ons kenmerk:", "Dagtekening:",
  "Aanslagnummer:"), a title ("Rekeningoverzicht", "Verwijsbrief", ...), a printed e-mail
  header, a machine-readable zone (an ID copy is a document of its own).
- `continuation_cues(prev, text)`: what a following page looks like: "Pagina k van N"
  with k > 1 (and k - 1 on the page before), "vervolg", a carried-over balance, a page
  that starts lower-case or in the middle of the previous page's sentence, a running
  header repeated from the page before.
- `ending_cues(text)`: what the last page of a document looks like: a closing formula
  with a signature block at the end, "Pagina N van N".

`decide(pages)` weighs them, in this order (first rule that applies wins):

1. ID pages: a page that is an ID copy (a machine-readable zone, or ID keywords with ID
   field labels, or the categoriser saying id_copy) is never merged with a page that is
   not; two ID pages stay together (the front and back of one card) unless both have a
   machine-readable zone (two passports).
2. Explicit numbering: "Pagina 1 van N" (or "1/N", "blad 1") always begins a document;
   "Pagina k" right after "Pagina k-1" of the same numbering always continues it.
3. Weak pages (too little text to judge: blank backs, separator sheets, bad OCR) join
   the page before; a page after a segment of weak pages only joins it. A short page
   with a strong start cue or a confident medical or ID prediction is not weak.
4. A score: start cues and the previous page's ending cues count for a split, a
   category change with confidence on both sides counts for a split (more when one
   side is medical: when in doubt around a medical page, split), continuation cues count
   against. The page begins a new document when the score reaches `SPLIT_AT`.

Comparisons are made against the segment's last substantive (non-weak) page, so a blank
page in between does not hide a category change or a running header. Two documents of
the same category (two monthly bank statements) are separated by their start cues and by
a header whose data changed (same template, other dates or numbers).

Pure logic, no I/O. Limitations: a fax or scanner transmission header that numbers the
whole bundle ("P. 2/5") reads as one numbering and keeps pages together (except around
ID pages); pages that carry no cues and are classified the same stay together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from zeef.classifiers import lexicon
from zeef.domain.vocabulary import Category

__all__ = [
    "CONFIDENT",
    "SPLIT_AT",
    "Decision",
    "PageView",
    "continuation_cues",
    "decide",
    "ending_cues",
    "numbering",
    "segment_pages",
    "split_reasons",
    "start_cues",
]

# A prediction counts when its confidence reaches this (the categoriser is calibrated).
CONFIDENT = 0.6
# A change next to a medical or ID page counts from this confidence on.
LEAN = 0.4
# A change from or to "other" counts in full only when both sides are this sure.
SURE = 0.9
# A page begins a new segment when its score reaches this.
SPLIT_AT = 2.0
# A page with fewer words than this is too short to judge on its own ("weak"); with
# fewer than EMPTY_WORDS it holds nothing but a page number, a stamp or OCR noise.
MIN_WORDS = 12
EMPTY_WORDS = 3

_TOP = 8  # lines that count as the top of a page (letterhead, title)
_HEAD = 30  # lines within which a salutation or subject line still counts as "near the top"
_EDGE = 4  # lines at the top and bottom searched for page numbering

# Evidence weights: positive for a split, negative against.
START_WEIGHTS: dict[str, float] = {
    "letterhead": 2.0,
    "address_block": 1.0,
    "date_salutation": 2.0,
    "salutation": 1.5,
    "subject_line": 1.5,
    "title": 1.5,
    "reference_block": 1.5,
    "mail_header": 2.0,
    "id_document": 2.0,
    "mrz": 4.0,
    "page_one": 4.0,
}
CONTINUATION_WEIGHTS: dict[str, float] = {
    "page_sequence": 6.0,
    "page_k": 3.0,
    "numbering_open": 1.5,
    "vervolg": 3.0,
    "carried_over": 2.0,
    "mid_sentence": 2.5,
    "lowercase_start": 1.5,
    "running_header": 3.0,
    "closing_start": 2.5,
}
ENDING_WEIGHTS: dict[str, float] = {"closing": 2.0, "last_page": 2.0}
HEADER_CHANGED = 2.0
CATEGORY_CHANGE = 2.5
CATEGORY_CHANGE_SENSITIVE = 3.5  # one side medical: when in doubt, split
CATEGORY_CHANGE_VAGUE = 1.5  # one side "other": the catch-all of text out of context
_SENSITIVE = frozenset({Category.MEDICAL, Category.ID_COPY})


@dataclass(frozen=True)
class PageView:
    """One page as classified: its 0-based index in the file, its text and the
    categoriser's prediction for the page on its own."""

    index: int
    text: str
    category: Category
    confidence: float
    probabilities: dict[str, float]


@dataclass(frozen=True)
class Decision:
    """Whether page `page` begins a segment, and why: `reasons` are cue names (no text),
    those that counted for the outcome. `score` is the evidence sum (0.0 when a rule
    decided)."""

    page: int
    split: bool
    reasons: tuple[str, ...]
    score: float = 0.0


# --- the text of a page -------------------------------------------------------------------

_MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = re.compile(
    rf"\b\d{{1,2}}\s*[-./]\s*\d{{1,2}}\s*[-./]\s*(?:19|20)?\d{{2}}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}\b"
    rf"|\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:(?:zeer\s+)?geachte|beste|waarde|hallo|hoi|lieve|dag)\b"
    r"|^aan\s+wie\s+het\s+aangaat|^aan\s+(?:de|het)\b[^:]*,\s*$",
    re.IGNORECASE,
)
# "Betreft: ...", "Onderwerp ....... ...", "Inzake    ..." (a label, not a sentence).
_SUBJECT = re.compile(
    r"^(?:betreft|onderwerp|inzake|betreffende|re)\s*(?::|\.{2,}|\t|\s{2,})\s*\S", re.IGNORECASE
)
# A letter's or decision's reference block: "Ons kenmerk: ...", "Dagtekening: ...",
# "Aanslagnummer: ..." (a label, then its value).
_REFERENCE = re.compile(
    r"^(?:(?:ons|uw)\s+(?:kenmerk|referentie)|kenmerk|dagtekening|verzenddatum|"
    r"dossiernummer|zaaknummer|aanslagnummer|beschikkingsnummer|klantnummer|"
    r"relatienummer|factuurnummer)\s*(?::|\.{2,}|\t|\s{2,})\s*\S",
    re.IGNORECASE,
)
_MAIL_FIELD = re.compile(r"^(van|aan|onderwerp|verzonden|datum|cc|from|to|sent|subject)\s*:",
                         re.IGNORECASE)  # fmt: skip
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA\b|SD\b|SS\b)[A-Z]{2}\b")
_PHONE = re.compile(
    r"(?:\+31|\b0)\s?[1-9](?:[\s-]?\d){7,8}\b|\b14\s?0\d{2,3}\b"
    r"|\b(?:tel|telefoon|t)\b\.?\s*:?\s*\+?\d",
    re.IGNORECASE,
)
_WEB = re.compile(r"\bwww\.|\b[\w-]+\.(?:nl|com|org|eu|net|info)\b|@[\w-]+\.", re.IGNORECASE)
_ORG_LINE = re.compile(
    r"\b(?:postbus\s*\d|kvk|k\.v\.k\.|agb[- ]?code|big[- ]?(?:nr|nummer|registratie)"
    r"|btw[- ]?(?:nr|nummer)|fax)\b",
    re.IGNORECASE,
)
# "Telefoonnummer: ..." or "Postcode/plaats: ...": a form field (the citizen's own
# details), not an organisation's letterhead ("T 030 ...", "Tel.: 030 ...").
_FORM_FIELD = re.compile(r"^[^\W\d_][\w /.()'-]{5,40}:\s*\S")
# A form drawn as a table: its cell borders ("|  Naam:  K. Ouali  |", "+----+"), and a
# field's number in its cell ("1  Uw gegevens"), around the field.
_CELL_EDGE = re.compile(r"^[|│┃║+\s]*(?:\d{1,2}[a-z]?\s{2,})?|[|│┃║+\s]*$")
_STREET = re.compile(r"^[A-Za-zÀ-ÿ'.\- ]{3,}\s\d{1,5}(?:\s?[a-zA-Z]{1,2}\b|\s?-\s?\d+)?\b")
_TITLES = (
    r"rekeningoverzicht|rekeningafschrift|bankafschrift|afschrift|dagafschrift|"
    r"saldo-?opgave|saldoverklaring|jaaroverzicht|jaaropgave|financieel overzicht|"
    r"loonstrook|salarisstrook|loonspecificatie|uitkeringsspecificatie|betaalspecificatie|"
    r"aanvraagformulier|aanvraag|wijzigingsformulier|inlichtingenformulier|formulier|"
    r"verwijsbrief|verwijzing|ontslagbrief|medische verklaring|medische informatie|"
    r"medisch advies|medisch adviesrapport|specialistenbrief|huisartsverklaring|"
    r"geneeskundige verklaring|melding|verklaring|beschikking|besluit|rapportage|"
    r"gespreksverslag|verslag|adviesrapport|advies|plan van aanpak|ondersteuningsplan|"
    r"zorgplan|indicatiebesluit|huurovereenkomst|huurcontract|arbeidsovereenkomst|"
    r"machtiging|volmacht|factuur|nota|aanmaning|herinnering|bezwaarschrift|"
    r"uittreksel|inkomensverklaring|brief"
)
_TITLE = re.compile(rf"^(?:[=*#\-\s]*)(?:{_TITLES})\b", re.IGNORECASE)
_ID_WORDS = re.compile(
    r"\b(?:identiteitskaart|identity\s+card|carte\s+d.identit|paspoort|passport|passeport|"
    r"rijbewijs|driving\s+licen[cs]e|verblijfsdocument|verblijfsvergunning|"
    r"residence\s+permit|vreemdelingendocument)\b",
    re.IGNORECASE,
)
_ID_LABELS = re.compile(
    r"\b(?:documentnummer|document\s+no|nationaliteit|nationality|geldig\s+tot|"
    r"date\s+of\s+expiry|persoonsnummer|personal\s+no|geboortedatum|date\s+of\s+birth|"
    r"geslacht|sex|lengte|height|afgiftedatum|date\s+of\s+issue|handtekening\s+houder|"
    r"koninkrijk\s+der\s+nederlanden|kingdom\s+of\s+the\s+netherlands)\b",
    re.IGNORECASE,
)
# The numbered fields of a European driving licence ("4a. 11.05.2018").
_LICENCE_FIELD = re.compile(r"^(?:[1-359]|4[a-d])\.\s+\S")
_MRZ_LINE = re.compile(r"^[A-Z0-9<«]{28,46}$")
_UPPER = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_MRZ_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<«")
_VERVOLG = re.compile(r"\bvervolg(?:blad|pagina)?\b|\(vervolg\)", re.IGNORECASE)
_CARRIED = re.compile(
    r"\b(?:transport|saldo\s+vorige\s+(?:pagina|blad|zijde)|van\s+vorige\s+(?:pagina|blad)|"
    r"overgebracht|vervolg\s+van\s+blad)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"\b(?:pagina|pag|blad|bladzijde|page|pg)\.?\s*:?\s*(\d{1,3})"
    r"(?:\s*(?:van|of|/|uit|de)\s*(\d{1,3}))?(?!\s*[-./]\s*\d)\b",
    re.IGNORECASE,
)
_BARE_NUMBERED = re.compile(
    r"^\s*(?:-\s*)?(\d{1,3})\s*(?:/|van|of)\s*(\d{1,3})(?:\s*-)?\s*$|^\s*-\s*(\d{1,3})\s*-\s*$",
    re.IGNORECASE,
)
_NUMBER_AT_END = re.compile(r"\d\s*[-)]?\s*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOWER_START = re.compile(r"^[a-zà-ÿ]")
_UNFINISHED_END = re.compile(r"(?:[a-zà-ÿ0-9,;\-–])\s*$")
_DIGITS = re.compile(r"\d+")
_AMOUNT = re.compile(r"\d,\d{2}\b")
_NON_WORD = re.compile(r"[^\w]+")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def numbering(text: str) -> tuple[int, int | None] | None:
    """The page number this page states, ``(k, N)`` or ``(k, None)`` when it gives no
    total, searched on the first and last lines only ("Pagina 2 van 3", "blad 2",
    "2/3", "- 2 -"); None when there is none. A number with a total is preferred."""
    lines = _lines(text)
    # Bottom up from the last line (footers), then top down (headers).
    edge = lines[::-1] if len(lines) <= 2 * _EDGE else lines[: -_EDGE - 1 : -1] + lines[:_EDGE]
    found: tuple[int, int | None] | None = None
    for line in edge:
        if _words(line) > 8 and not _NUMBER_AT_END.search(line):
            continue  # a sentence that mentions a page, not a header or footer
        for k_text, n_text in _numbers_in(line):
            k, n = int(k_text), int(n_text) if n_text else None
            if k < 1 or (n is not None and (n < k or n > 999)):
                continue
            if n is not None:
                return k, n
            found = found or (k, None)
    return found


def _numbers_in(line: str) -> list[tuple[str, str | None]]:
    bare = _BARE_NUMBERED.match(line)
    if bare:
        if bare.group(3):
            return [(bare.group(3), None)]
        return [(bare.group(1), bare.group(2))]
    return [(m.group(1), m.group(2)) for m in _NUMBERED.finditer(line)]


def _is_numbering_line(line: str) -> bool:
    return bool(_BARE_NUMBERED.match(line) or (_NUMBERED.search(line) and _words(line) <= 4))


@cache
def _closings() -> re.Pattern[str]:
    phrases = [re.escape(p) for p in lexicon.own_list("closing_phrases.txt")]
    phrases += [r"met\s+collegiale\s+groet(?:en)?", r"hoogachtend"]
    phrases.sort(key=len, reverse=True)
    # The formula alone on its line, or followed by a comma and a short name.
    return re.compile(rf"^(?:{'|'.join(phrases)})(?:\s*[,.!]?\s*$|\s*,\s*\S.{{0,40}}$)", re.I)


def _mrz_like(line: str) -> float:
    """How much `line` looks like a line of a machine-readable zone: the share of its
    characters that an MRZ may hold (0.0 when it is no candidate). OCR reads the filler
    "<" as "s", "o", "e" or "K" often enough that a share of a half is kept."""
    compact = line.replace(" ", "")
    if not 25 <= len(compact) <= 50 or "<" not in compact:
        return 0.0
    return sum(1 for c in compact if c in _MRZ_CHARS) / len(compact)


def _mrz(lines: list[str]) -> bool:
    """Two MRZ-like lines one after another, or one clean line that starts like one
    ("P<NLD", "I<NLD", "IDNLD", ...)."""
    shares = [_mrz_like(line) for line in lines]
    for n, share in enumerate(shares):
        if share >= 0.5 and n + 1 < len(shares) and shares[n + 1] >= 0.5:
            return True
        compact = lines[n].replace(" ", "")
        if share >= 0.9 and "<<" in compact and _MRZ_LINE.match(compact):
            if compact[:1] in "PIACV" and compact[1:2] in ("<", *_UPPER):
                return True
    return False


def _letterhead(top: list[str]) -> str | None:
    """The cue "letterhead" when the first lines hold contact details of an organisation
    (at least two kinds among postcode, phone, website or e-mail, Postbus/KvK-like lines,
    one of them not a postcode; form fields such as "Telefoonnummer: ..." do not count);
    "address_block" for a street and postcode only."""
    top = [line for line in top if not _FORM_FIELD.match(_CELL_EDGE.sub("", line))]
    joined = _DATE.sub(" ", "\n".join(top))  # "03-04-2026" is no phone number
    kinds = {
        "postcode": bool(_POSTCODE.search(joined)),
        "phone": bool(_PHONE.search(joined)),
        "web": bool(_WEB.search(joined)),
        "org": bool(_ORG_LINE.search(joined)),
    }
    found = sum(kinds.values())
    if found >= 2 and (kinds["phone"] or kinds["web"] or kinds["org"]):
        return "letterhead"
    if kinds["postcode"] and any(_STREET.match(line) for line in top):
        return "address_block"
    return None


def start_cues(text: str) -> list[str]:
    """Cue names of the evidence that this page BEGINS a document, in a fixed order:
    page_one, letterhead or address_block, mail_header, title, subject_line,
    reference_block, date_salutation or salutation, id_document, mrz."""
    lines = _lines(text)
    if not lines:
        return []
    cues: list[str] = []
    number = numbering(text)
    if number is not None and number[0] == 1:
        cues.append("page_one")
    top = lines[:_TOP]
    head = lines[:_HEAD]
    mail = sum(1 for line in top if _MAIL_FIELD.match(line))
    if mail >= 2 and _MAIL_FIELD.match(lines[0]):
        place = None  # a printed e-mail: its header, not a letterhead
    else:
        # Contact lines at the very bottom are a footer, also on a short page.
        place = _letterhead(lines[: min(_TOP + 2, len(lines) - 3)])
    if place:
        cues.append(place)
    if mail >= 2:
        cues.append("mail_header")
    if any(_TITLE.match(line) and _words(line) <= 8 and len(line) <= 70 for line in top):
        cues.append("title")
    if any(_SUBJECT.match(line) for line in head):
        cues.append("subject_line")
    if any(_REFERENCE.match(line) and _words(line) <= 8 for line in head):
        cues.append("reference_block")
    for n, line in enumerate(head):
        if _SALUTATION.match(line) and (_words(line) <= 6 or line.endswith(",")):
            before = head[max(0, n - 12) : n]
            dated = any(_DATE.search(b) and _words(b) <= 8 for b in before)
            cues.append("date_salutation" if dated else "salutation")
            break
    if any(_ID_WORDS.search(line) and _words(line) <= 6 for line in lines[:6]):
        labels = {m.group(0).lower() for m in _ID_LABELS.finditer(text)}
        if len(labels) >= 2 or sum(1 for line in lines if _LICENCE_FIELD.match(line)) >= 4:
            cues.append("id_document")
    if _mrz(lines):
        cues.append("mrz")
    return cues


def ending_cues(text: str) -> list[str]:
    """Cue names of the evidence that this page ENDS a document: "last_page" (it says
    "Pagina N van N") and "closing" (a closing formula near the end, only a signature
    block and footer lines after it)."""
    cues: list[str] = []
    number = numbering(text)
    if number is not None and number[1] is not None and number[0] == number[1]:
        cues.append("last_page")
    lines = _lines(text)
    closing = _closings()
    tail = lines[-12:]
    for n, line in enumerate(tail):
        if closing.match(line):
            after = tail[n + 1 :]
            if len(after) <= 8 and all(_words(a) <= 8 for a in after):
                cues.append("closing")
            break
    return cues


def _norm(line: str) -> str:
    return _NON_WORD.sub(" ", line.lower()).strip()


def _header_compare(prev: str, text: str) -> tuple[int, int]:
    """(lines repeated, lines whose data changed) between the tops of two pages: a top
    line of `text` is repeated when it is (nearly) the same as a top line of `prev`, and
    changed when it is the same but for its numbers. Page numbering lines are ignored."""
    theirs = [_norm(x) for x in _lines(prev)[:6] if not _is_numbering_line(x)]
    theirs = [x for x in theirs if len(x) >= 6]
    same = changed = 0
    for n, line in enumerate(_lines(text)[:6]):
        if _is_numbering_line(line):
            continue
        mine = _norm(line)
        if len(mine) < 6:
            continue
        if mine in theirs:
            same += 1
            continue
        masked = _DIGITS.sub("0", mine)
        for other in theirs:
            if _DIGITS.sub("0", other) == masked:
                # A header line with other data; not a row of a table (amounts).
                if n < 4 and mine != masked and not _AMOUNT.search(line):
                    changed += 1
                break
            if SequenceMatcher(None, mine, other).ratio() >= 0.92:
                if _DIGITS.findall(mine) == _DIGITS.findall(other):
                    same += 1
                break
    return same, changed


def _body_lines(text: str) -> list[str]:
    """The page's lines without page numbering lines and footer-like contact lines."""
    out = []
    for line in _lines(text):
        if _is_numbering_line(line):
            continue
        if _words(line) <= 12 and (
            _POSTCODE.search(line) and (_PHONE.search(line) or _WEB.search(line))
        ):
            continue
        out.append(line)
    return out


def _closing_first(lines: list[str]) -> bool:
    """A closing formula among `lines` with no salutation before it: a page that begins
    by ending a letter (not a short note of its own)."""
    for line in lines:
        if _SALUTATION.match(line):
            return False
        if _closings().match(line):
            return True
    return False


def continuation_cues(prev: str, text: str) -> list[str]:
    """Cue names of the evidence that `text` CONTINUES the page before it (`prev`; "" for
    none): page_sequence (it is page k, `prev` page k-1 of the same numbering), page_k
    (page k > 1 otherwise), numbering_open (`prev` is page k of N, k < N, and this page
    states no number), vervolg, carried_over (a balance carried from the page before),
    running_header (top lines repeated from `prev`), closing_start (a closing formula in
    its first lines: the end of a letter), mid_sentence (`prev` ends mid-sentence and
    this page goes on in lower case) or lowercase_start."""
    lines = _lines(text)
    if not lines:
        return []
    cues: list[str] = []
    mine, theirs = numbering(text), numbering(prev) if prev else None
    if mine is not None and mine[0] > 1:
        if (
            theirs is not None
            and theirs[0] == mine[0] - 1
            and (mine[1] is None or theirs[1] is None or mine[1] == theirs[1])
        ):
            cues.append("page_sequence")
        else:
            cues.append("page_k")
    elif mine is None and theirs is not None and theirs[1] is not None and theirs[0] < theirs[1]:
        cues.append("numbering_open")
    if any(_VERVOLG.search(line) for line in lines[:3]):
        cues.append("vervolg")
    if any(_CARRIED.search(line) for line in lines[:_TOP]):
        cues.append("carried_over")
    if prev:
        same, changed = _header_compare(prev, text)
        if same >= 2 and not changed:
            cues.append("running_header")
    body = _body_lines(text)
    repeated = {_norm(x) for x in _lines(prev)[:6]} if prev else set()
    body = [line for line in body if _norm(line) not in repeated]
    if _closing_first(body[:3]):
        cues.append("closing_start")
    elif body and _LOWER_START.match(body[0]) and _words(body[0]) >= 2:
        before = _body_lines(prev) if prev else []
        if before and _UNFINISHED_END.search(before[-1]) and not _closings().match(before[-1]):
            cues.append("mid_sentence")
        else:
            cues.append("lowercase_start")
    return cues


# --- deciding -----------------------------------------------------------------------------


def _id_like(page: PageView, cues: list[str]) -> bool:
    if "mrz" in cues or "id_document" in cues:
        return True
    return (
        page.category == Category.ID_COPY
        and _confident(page)
        and _words(page.text) >= EMPTY_WORDS  # a prediction on (almost) no text is a guess
    )


def _weak(page: PageView, cues: list[str]) -> bool:
    """Too little text to judge, and nothing that makes it count anyway: a strong start
    cue, or a confident medical or ID prediction (when in doubt around those, split)."""
    words = _words(page.text)
    if words >= MIN_WORDS:
        return False
    if words < EMPTY_WORDS:
        return True
    if {"letterhead", "date_salutation", "page_one", "mail_header"} & set(cues):
        return False
    return not (page.category in _SENSITIVE and _confident(page))


def _confident(page: PageView) -> bool:
    return page.confidence >= CONFIDENT


@dataclass
class _Segment:
    """The segment being built: its last substantive page (None while it holds weak
    pages only), that page's start cues, and its ID pages."""

    anchor: PageView | None = None
    cues: list[str] = field(default_factory=list)
    is_id: bool = False
    id_pages: int = 0


def decide(pages: list[PageView]) -> list[Decision]:
    """One decision per page, in order: does it begin a new segment, and why (see the
    module docstring for the rules). The first page always begins one ("first_page")."""
    decisions: list[Decision] = []
    segment = _Segment()
    for n, page in enumerate(pages):
        cues = start_cues(page.text)
        is_id = _id_like(page, cues)
        weak = not is_id and _weak(page, cues)
        if n == 0:
            decision = Decision(page.index, True, ("first_page",))
        elif segment.anchor is None:
            decision = Decision(page.index, False, ("after_weak",))
        else:
            decision = _decide(page, cues, is_id, weak, segment, pages[n - 1])
        decisions.append(decision)
        if decision.split:
            segment = _Segment()
        if not weak:
            segment.anchor, segment.cues, segment.is_id = page, cues, is_id
            segment.id_pages += is_id
    return decisions


def _decide(
    page: PageView,
    cues: list[str],
    is_id: bool,
    weak: bool,
    segment: _Segment,
    before: PageView,
) -> Decision:
    anchor = segment.anchor
    assert anchor is not None
    # 1. ID pages are never merged with other pages; two stay together only as the
    # front and back of one card (one of them with a machine-readable zone).
    if is_id != segment.is_id:
        return Decision(page.index, True, ("id_boundary",))
    if is_id:
        if segment.id_pages == 1 and ("mrz" in cues) != ("mrz" in segment.cues):
            return Decision(page.index, False, ("id_front_back",))
        return Decision(page.index, True, ("id_boundary",))
    # 2. Empty pages join, whatever number they carry; then explicit numbering.
    if _words(page.text) < EMPTY_WORDS:
        return Decision(page.index, False, ("weak_page",))
    continuation = continuation_cues(before.text, page.text)
    if "page_one" in cues:
        return Decision(page.index, True, ("page_one",))
    if "page_sequence" in continuation:
        return Decision(page.index, False, ("page_sequence",))
    # 3. Weak pages join.
    if weak:
        return Decision(page.index, False, ("weak_page",))
    # 4. The score.
    if before is not anchor:  # weak pages in between: compare with the substantive one
        continuation = continuation_cues(anchor.text, page.text)
    for_split: list[tuple[str, float]] = [(c, START_WEIGHTS.get(c, 0.0)) for c in cues]
    for_split += [(f"prev_{c}", ENDING_WEIGHTS[c]) for c in ending_cues(anchor.text)]
    _same, changed = _header_compare(anchor.text, page.text)
    if changed and cues and "running_header" not in continuation:
        for_split.append(("header_changed", HEADER_CHANGED))
    change = _category_change(page, anchor)
    if change:
        for_split.append(("category_change", change))
    against = [(c, CONTINUATION_WEIGHTS.get(c, 0.0)) for c in continuation]
    score = sum(w for _, w in for_split) - sum(w for _, w in against)
    split = score >= SPLIT_AT
    reasons = tuple(c for c, _ in (for_split if split else against))
    return Decision(page.index, split, reasons or ("no_cues",), round(score, 2))


def _category_change(page: PageView, anchor: PageView) -> float:
    """The weight of a change of category between two confidently predicted pages; a
    medical or ID prediction next to another category counts from `LEAN` on (when in
    doubt around those, split)."""
    if page.category == anchor.category:
        return 0.0
    pair = {page.category, anchor.category}
    if pair & _SENSITIVE and min(page.confidence, anchor.confidence) >= LEAN:
        return CATEGORY_CHANGE_SENSITIVE
    if not (_confident(page) and _confident(anchor)):
        return 0.0
    if Category.OTHER in pair and min(page.confidence, anchor.confidence) < SURE:
        return CATEGORY_CHANGE_VAGUE
    return CATEGORY_CHANGE


def segment_pages(pages: list[PageView]) -> list[list[int]]:
    """The pages grouped into documents: lists of page indices (`PageView.index`), every
    page in exactly one group, in order. An empty list gives no groups."""
    groups: list[list[int]] = []
    for decision in decide(pages):
        if decision.split or not groups:
            groups.append([decision.page])
        else:
            groups[-1].append(decision.page)
    return groups


def split_reasons(pages: list[PageView]) -> list[tuple[str, ...]]:
    """For each segment of `segment_pages(pages)`, in order, the cue names that made its
    first page begin a document ("first_page" for the first segment). Names only, no
    text: fit for the audit trail."""
    return [d.reasons for d in decide(pages) if d.split]
