"""The words of a text as name finding sees them, and where they stand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold

UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽŁŚŻŹĆŃÇŞĞİ"
LOWER = "a-zß-öø-ÿā-žłśżźćńçşğı"
_CAP = rf"[{UPPER}][{LOWER}]+(?:['’][{LOWER}]+)?"
# Two-letter titles that read like an initial with a small letter ("Mw. C. Bakker",
# "Dr. P. Jansen"): a word of their own, so the title rules see them.
_TITLE_ABBREVIATION = r"(?:Mw|Dr|Mr|Ir|Ds)\."
_TOKEN_RE = re.compile(
    rf"(?P<ini>(?!{_TITLE_ABBREVIATION})(?:[{UPPER}][{LOWER}]?\.[ \t]?){{1,6}}(?![{LOWER}])"
    rf"|(?:[{UPPER}][ \t]){{1,3}}(?=[{UPPER}]{{2}}))"
    # A double surname joins with a hyphen ("Jansen-de Boer"); a spaced dash does not
    # ("Joyce Brouwer - Spreekt goed Nederlands").
    rf"|(?P<cap>{_CAP}(?:-(?:(?:[{LOWER}]+[ \t])*{_CAP}))*)"
    # An upper-case word may hold a 0 or 1 that OCR read for an O or I ("KOO1MAN").
    rf"|(?P<upper>[{UPPER}]{{2,}}(?:[01][{UPPER}]{{2,}})*(?:-[{UPPER}]{{2,}})*)"
    rf"|(?P<low>[{LOWER}]+(?:['’][{LOWER}]+)?\.?|['’][t]|[dl]['’])"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\s\w])"
    r"|(?P<num>\d+)"
)


@dataclass
class Tok:
    """A token: initials (``ini``), a capitalised word (``cap``), an upper-case word
    (``upper``), a lower-case word (``low``), a newline (``nl``), punctuation (``p``) or
    a number (``num``)."""

    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Tok]:
    return [
        Tok(m.lastgroup or "p", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    ]


def is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return True
    return text[i] in ".!?:;\n\"'“‘-•*>"


def blank_run_start(text: str, pos: int) -> int:
    """Where the run of spaces and tabs that ends at `pos` starts."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i


def line_name_end(toks: list[Tok], i: int) -> int:
    """Index after the run of name-like tokens on this line (at most 8)."""
    j = i
    while j < len(toks) and j - i < 8 and toks[j].kind in ("cap", "upper", "ini", "low"):
        j += 1
    return j


def starts_organisation(toks: list[Tok], i: int) -> bool:
    orgs = lexicon.organisations()
    first = fold(toks[i].text)
    if first in orgs:
        return True
    return i + 1 < len(toks) and f"{first} {fold(toks[i + 1].text)}" in orgs
