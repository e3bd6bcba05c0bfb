"""The token rules: at one token, does a person's name start here, and where does it end?

The driver (`token_mentions` in ``__init__``) asks the rules in `TOKEN_RULES` order at every
word not yet inside a found name. A rule answers:

- `Found`: a name, with the index of the token after it (the driver goes on there);
- `Verdict.NOT_A_NAME`: no name starts here, and the later rules are not asked;
- `Verdict.SKIP_RUN`: an organisation's name: skip its capitalised words;
- ``None``: the rule does not apply; the next rule is asked.

The order matters: the more a rule's context says (a title, a form label), the earlier it
stands, and its reading wins over what a later, looser rule would make of the same words.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names.context import Context
from zeef.classifiers.person_names.mention import NameParts, PersonMention, mention
from zeef.classifiers.person_names.tokens import (
    blank_run_start,
    is_sentence_start,
    line_name_end,
    starts_organisation,
)
from zeef.classifiers.person_names.vocabulary import (
    is_place,
    is_place_phrase,
    is_street,
    known_first,
    known_surname,
    name_word_ok,
    place_prepositions,
    relation_words,
)

# Arabic articles that begin a surname written with a capital: "El Idrissi", "Al Khatib".
_ARABIC_ARTICLES = ("El", "Al")


@dataclass(frozen=True)
class Found:
    mention: PersonMention
    next: int  # the index of the token after the name


class Verdict(Enum):
    NOT_A_NAME = "not a name"  # no name starts at this token; later rules are not asked
    SKIP_RUN = "skip run"  # an organisation's name: skip its capitalised words


Outcome = Found | Verdict | None


@dataclass(frozen=True)
class TokenRule:
    """A named rule; its function's docstring says what it finds, excludes, and why."""

    name: str
    find: Callable[[Context, int], Outcome]
    kinds: frozenset[str]  # the token kinds it can answer at (the driver asks no others)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.find) or ""


# The kinds of token a name can start at (not "nl", "p", "num").
WORD_KINDS = ("ini", "cap", "upper", "low")


def _rule(name: str, *kinds: str) -> Callable[[Callable[[Context, int], Outcome]], TokenRule]:
    def make(find: Callable[[Context, int], Outcome]) -> TokenRule:
        return TokenRule(name, find, frozenset(kinds))

    return make


def _found(ctx: Context, i: int, end_i: int, score: float, parts: NameParts, rule: str,
           title: str = "") -> Found:  # fmt: skip
    """A mention from token i up to (not including) token end_i."""
    m = mention(ctx.toks[i].start, ctx.toks[end_i - 1].end, score, parts, rule, title)
    return Found(m, end_i)


@_rule("title", *WORD_KINDS)
def title(ctx: Context, i: int) -> Outcome:
    """A title or form of address and the name after it: "de heer Smit", "Dhr. J.H. de
    Vries", "dr. P. Jansen", "mevrouw Lotte". After a title a single capitalised word is
    taken as a name even when it is also a word; a lone known first name that is not
    also a surname is a given name ("mevrouw Lotte"), else a surname."""
    t = ctx.title_at(i)
    if t is None:
        return None
    title_words, j = t
    body = ctx.name_body(j, anchored=True)
    if body is None or body[1] <= j:
        return None
    parts, end_i = body
    word = ctx.toks[j].text
    if end_i == j + 1 and known_first(word) and not known_surname(word):
        parts = NameParts.given_only(word)
    return _found(ctx, i, end_i, 0.85, parts, "title", title_words)


@_rule("field_or_signature", *WORD_KINDS)
def field_or_signature(ctx: Context, i: int) -> Outcome:
    """The value of a form field whose label says it is a name ("Naam: ...", "Naam
    kind<TAB>...", lexicons/name_field_labels.txt), or the line after a closing ("Met
    vriendelijke groet,\\n\\nK. Visser", lexicons/closing_phrases.txt), if it reads as a
    name; the value of a given-names field ("Voornamen: GERARDA JOHANNA") is all given names.
    Labelled as rule "field" or "signature" (a signature is the writer's)."""
    text, tok = ctx.text, ctx.toks[i]
    # Only blanks between the line's start (or a field label) and this token?
    blank_from = blank_run_start(text, tok.start)
    at_field = tok.start in ctx.field_starts or blank_from in ctx.field_starts
    at_signature = tok.start in ctx.closing_ends or blank_from in ctx.closing_ends
    if not (at_field or at_signature) or line_name_end(ctx.toks, i) <= i:
        return None
    given_field = tok.start in ctx.given_field_starts or blank_from in ctx.given_field_starts
    body = (given_field and ctx.given_names(i)) or ctx.name_body(i, anchored=True)
    if body is None or body[1] <= i:
        return None
    parts, end_b = body
    return _found(ctx, i, end_b, 0.8, parts, "field" if at_field else "signature")


@_rule("organisation", "cap", "upper")
def organisation(ctx: Context, i: int) -> Outcome:
    """Not a name: an organisation's or brand's name ("Albert Heijn", lexicons/
    organisations.txt), whose capitalised words are all skipped, so that "Heijn" is not
    taken for a surname either."""
    tok = ctx.toks[i]
    if tok.kind in ("cap", "upper") and starts_organisation(ctx.toks, i):
        return Verdict.SKIP_RUN
    return None


@_rule("relation", "cap", "upper")
def relation(ctx: Context, i: int) -> Outcome:
    """A capitalised word after a word for a relation ("haar vriend Gerrit", "buurman Kees
    de Boer", "genaamd Youssef", lexicons/relation_words.txt): a name, a single word a
    given name. Not a known non-name or a place ("naar zijn vader Utrecht ...")."""
    toks = ctx.toks
    tok = toks[i]
    if tok.kind not in ("cap", "upper") or i == 0:
        return None
    if toks[i - 1].text.lower() not in relation_words():
        return None
    if not name_word_ok(tok.text) or is_place(tok.text):
        return None
    body = ctx.name_body(i, anchored=True)
    if body is not None and body[1] > i:
        parts, end_b = body
        if end_b == i + 1 and known_first(tok.text) and not known_surname(tok.text):
            parts = NameParts.given_only(tok.text)
        return _found(ctx, i, end_b, 0.7, parts, "relation")
    # A single capitalised word after a relation word is a given name.
    return _found(ctx, i, i + 1, 0.7, NameParts.given_only(tok.text), "relation")


@_rule("initials", "ini")
def initials(ctx: Context, i: int) -> Outcome:
    """Initials, an optional particle and a surname: "J. van der Berg", "K. Visser". Not a
    single initial at a sentence's start before a word that is no known surname: that is
    an enumerated heading ("A. Gegevens aanvrager"). Initials that start no name end the
    search at this token."""
    tok = ctx.toks[i]
    if tok.kind != "ini":
        return None
    body = ctx.name_body(i, anchored=False)
    if body is None or body[1] <= i + 1:
        return Verdict.NOT_A_NAME
    parts, end_b = body
    single = len(parts.initials) == 1 and not parts.particle
    if single and is_sentence_start(ctx.text, tok.start) and not _known_surname(parts.surname):
        return Verdict.NOT_A_NAME  # "A. Gegevens aanvrager": an enumerated heading
    return _found(ctx, i, end_b, 0.8, parts, "initials")


def _known_surname(folded: str) -> bool:
    """A surname the lists know, also double ("kooiman-de bruin": each part's last word)."""
    if folded in lexicon.surnames():
        return True
    parts = [p.split() for p in folded.split("-")]
    return len(parts) > 1 and all(
        p and (p[-1] in lexicon.surnames() or p[-1] in lexicon.particle_surnames()) for p in parts
    )


@_rule("first_name", "cap", "upper")
def first_name(ctx: Context, i: int) -> Outcome:
    """A known first name with what follows it ("Gerrit Jansen", "Fatima el Amrani"), or a
    lone known first name inside a sentence ("belde Ayşe"), as a sentence's subject
    ("Esther wil ..."), with an age ("Kinderen: Esther (6)") or starting a table's row
    ("Esther<TAB>12-03-2015"). Not a street named after a person ("Tjerk Hiddesstraat"),
    and not a lone first name that is also a place or a known non-name."""
    toks, text = ctx.toks, ctx.text
    tok = toks[i]
    if tok.kind not in ("cap", "upper") or not known_first(tok.text):
        return None
    body = ctx.name_body(i, anchored=False)
    if body is not None and body[1] > i + 1:
        parts, end_b = body
        return _found(ctx, i, end_b, 0.8 if parts.surname else 0.6, parts, "first_name")
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "cap" and is_street(fold(nxt.text)):
        return Verdict.NOT_A_NAME  # "Tjerk Hiddesstraat": a street named after a person
    if "-" in tok.text or is_place(tok.text) or not name_word_ok(tok.text):
        return None
    parts = NameParts.given_only(tok.text)
    if not is_sentence_start(text, tok.start):
        return _found(ctx, i, i + 1, 0.55, parts, "first_name")
    if nxt is not None and ((nxt.kind == "low" and not ctx.particle_at(i + 1)) or nxt.text == ","):
        # "Esther wil ...": a known given name as a sentence's subject.
        return _found(ctx, i, i + 1, 0.5, parts, "first_name")
    if _AGE_AFTER.match(text, tok.end) or _TABLE_CELL_AFTER.match(text, tok.end):
        # "Kinderen: Esther (6)"; a table's row "Esther<TAB>12-03-2015"
        return _found(ctx, i, i + 1, 0.5, parts, "first_name")
    return None


# A table's next cell after a name that starts its row: a tab or a run of blanks, or a
# date ("Esther  12-03-2015", "Esther 27 juni 2012").
_TABLE_CELL_AFTER = re.compile(
    r"\t|[ ]{2,}\S|[ ]\d{1,2}[-./ ](?:\d{1,2}|[a-z]{3,9})[-./ ]\d{2,4}\b"
)
# A child's age after their name: "Esther (6)", "Esther (6 jaar)".
_AGE_AFTER = re.compile(r"[ \t]*\(\d{1,2}(?:[ \t]*(?:jaar|jr\.?|mnd|maanden))?\)")


@_rule("given_before_initials", "cap")
def given_before_initials(ctx: Context, i: int) -> Outcome:
    """A capitalised word no list knows as a first name, then initials and a surname on
    the same line: "Quintella R. Feddema" (a given name, a middle initial), inside a
    sentence (a capital there marks a proper noun) or as a line of its own (an address
    block). Not a word, a place, a street or an organisation before the initials
    ("Bijlage A. Jansen"), nor a sentence's first word within a line ("Zie A. Jansen
    voor ...")."""
    toks, text = ctx.toks, ctx.text
    tok = toks[i]
    if tok.kind != "cap" or ctx.title_at(i) is not None:
        return None
    if is_sentence_start(text, tok.start) and not _own_line(text, tok.start):
        return None
    body = ctx.name_body(i, anchored=True)
    if body is None or not body[0].given or not body[0].initials or not body[0].surname:
        return None
    parts, end_b = body
    if is_sentence_start(text, tok.start) and not _own_line(text, tok.start, toks[end_b - 1].end):
        return None
    return _found(ctx, i, end_b, 0.7, parts, "given_before_initials")


def _own_line(text: str, start: int, end: int | None = None) -> bool:
    """Only blanks before `start` on its line (and, given `end`, after `end` on it up to
    a line break, a comma or the text's end)."""
    before = blank_run_start(text, start)
    if before > 0 and text[before - 1] != "\n":
        return False
    return end is None or _LINE_ENDS.match(text, end) is not None


_LINE_ENDS = re.compile(r"[ \t]*(?:,|\r?\n|\Z)")


@_rule("arabic_article", "cap")
def arabic_article(ctx: Context, i: int) -> Outcome:
    """A capitalised Arabic article and a surname: "El Idrissi", "Al Khatib" (the lower-
    case "el" is a particle, found with the names around it). Not before a place or a
    known non-name."""
    toks = ctx.toks
    tok = toks[i]
    if tok.kind != "cap" or tok.text not in _ARABIC_ARTICLES or i + 1 >= len(toks):
        return None
    nxt = toks[i + 1]
    if nxt.kind == "cap" and name_word_ok(nxt.text) and not is_place(nxt.text):
        parts = NameParts((), "", tok.text.lower(), fold(nxt.text))
        return _found(ctx, i, i + 2, 0.6, parts, "particle")
    return None


@_rule("particle", "low", "cap")
def particle(ctx: Context, i: int) -> Outcome:
    """A particle and a known surname inside a sentence: "de Wit", "van Dijk". Not a place
    ("in de Bilt", "naar Den Haag": a place name, or a place preposition before), a
    municipality, an organisation or a known non-name; and not a particle before a given
    name ("van Lotte Bakker": the first-name rule finds her at "Lotte")."""
    toks, text = ctx.toks, ctx.text
    tok = toks[i]
    if tok.kind not in ("low", "cap") or is_sentence_start(text, tok.start):
        return None
    p = ctx.particle_at(i)
    if p is None or p[1] >= len(toks) or toks[p[1]].kind != "cap":
        return None
    word = toks[p[1]].text
    before = toks[i - 1].text.lower() if i > 0 else ""
    after = toks[p[1] + 1] if p[1] + 1 < len(toks) else None
    if after is not None and after.kind == "cap" and known_first(word):
        return Verdict.NOT_A_NAME  # "van Lotte Bakker": a given name follows the particle
    f = fold(word)
    if (
        f in lexicon.particle_surnames()
        and not is_place_phrase(p[0].split() + [word])
        and f not in lexicon.municipalities()
        and f not in lexicon.organisations()
        and f not in lexicon.not_names()
        and before not in place_prepositions()
    ):
        return _found(ctx, i, p[1] + 1, 0.6, NameParts((), "", p[0], f), "particle")
    return None


@_rule("surname", "cap")
def surname(ctx: Context, i: int) -> Outcome:
    """A known surname alone inside a sentence: "(Bakker)", "zei Jansen". Not at a
    sentence's start (a capital there says nothing), not a word, a place, or a name that
    is also a first name (the first-name rule decides those)."""
    tok = ctx.toks[i]
    if tok.kind != "cap" or is_sentence_start(ctx.text, tok.start):
        return None
    f = fold(tok.text)
    if (
        f in lexicon.surnames()
        and name_word_ok(tok.text)
        and not is_place(tok.text)
        and f not in lexicon.first_names()
    ):
        return _found(ctx, i, i + 1, 0.45, NameParts((), "", "", f), "surname")
    return None


@_rule("upper", "upper")
def upper(ctx: Context, i: int) -> Outcome:
    """Up to four upper-case words on one line that end in a known surname, as banks and
    ID documents print names ("A NOWAK", "NOWAK A", "YILDIZ AYSE"), with a lone initial
    before or after. Not when any word is a common word, an organisation, a place or a
    known non-name, nor a lone upper-case first name."""
    toks, text = ctx.toks, ctx.text
    if toks[i].kind != "upper":
        return None
    j = i
    words: list[str] = []
    while j < len(toks) and j - i < 4 and toks[j].kind == "upper":
        if "\n" in text[toks[j - 1].end : toks[j].start] and j > i:
            break
        words.append(toks[j].text)
        j += 1
    folded = [fold(w) for w in words]
    if any(
        f in lexicon.common_words()
        or f in lexicon.organisations()
        or f in lexicon.not_names()
        or is_place(f)
        for f in folded
    ):
        return None
    last = next((f for f in reversed(folded) if f in lexicon.surnames()), None)
    given = tuple(f for f in folded if f in lexicon.first_names() and f != last)
    if last is None or (not given and len(folded) > 1 and not known_surname(words[-1])):
        return None
    start, end = toks[i].start, toks[j - 1].end
    # A lone initial before or after ("A NOWAK", "NOWAK A").
    found_initials = ""
    prev = text[max(0, start - 3) : start]
    m = re.fullmatch(r"(?:^|.*\s)([A-Z])\.?\s", prev) if prev else None
    if m:
        found_initials = m.group(1)
        start = start - len(prev) + prev.index(m.group(1))
    if not given and not found_initials and len(folded) == 1 and folded[0] in lexicon.first_names():
        return None
    parts = NameParts(given, found_initials, "", last)
    return Found(mention(start, end, 0.6, parts, "upper"), j)


# In order: the first rule that answers decides at a token.
TOKEN_RULES: tuple[TokenRule, ...] = (
    title,
    field_or_signature,
    organisation,
    relation,
    initials,
    first_name,
    given_before_initials,
    arabic_article,
    particle,
    surname,
    upper,
)
