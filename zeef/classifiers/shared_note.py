"""Whether a professional's personal working note was passed on (FAQ Q28).

A `personal_note` is the professional's own: it stays out of the dossier (disposition
`exclude`). Once it is shared with a colleague or another organisation, forwarded, put
in the dossier or brought into a case meeting (MDO), it is dossier material (`working`).
`shared_with_others` returns the names of the cues that say so ("addressee_header",
"forwarded", "in_dossier", ...), never text, in the order they first occur.

The cues are phrases in ``lexicons/note_shared.txt`` ("gedeeld met", "doorgestuurd naar",
"notitie ... gemaild", "in het dossier gezet", "voor het MDO", an "Aan:" or "cc:" line),
matched on whole words of the folded text, with three guards from the same file: a
negation ("wordt niet in het dossier opgenomen"), another thing sent or shared just before
the cue ("brief verstuurd naar", "kosten gedeeld met": the kostendelersnorm), and a person
right before it ("mevrouw doorgestuurd naar": a referral). A note that only mentions a
conversation ("gebeld met collega", "overleg met teamleider") was not passed on and
gives no cue.

Each pattern is a regex whose repetitions are all bounded, tried from word starts only,
so the whole is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zeef.classifiers import budget, lexicon
from zeef.classifiers.diagnostic_language import fold_text
from zeef.classifiers.lexicon import fold

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_GUARD_WORDS = 6  # how many words before a cue the negation and object guards look at
_GUARD_CHARS = 80  # ... within this many characters
_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"
_BLANKS = r"\s{1,5}"
# "...": up to six other words of the same sentence
_GAP = r"(?:\s{1,5}[^\s.!?;:]{1,40}){0,6}?"
_LINE_START = r"^[ \t]{0,8}(?:[-*\u2022>][ \t]{0,3})?"


@dataclass(frozen=True)
class _Cues:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (cue name, its patterns in one)
    negations: frozenset[str]
    objects: frozenset[str]
    persons: frozenset[str]


def _word(token: str, first: bool) -> str:
    """One word slot of a pattern: alternatives, a prefix star, any word ("_"), a trailing
    colon or comma, an abbreviation's optional full stop. The first word's start is
    checked once for all of a cue's patterns (`_cues`)."""
    mark = token[-1] if token[-1] in ":," and len(token) > 1 else ""
    token = token.removesuffix(mark)
    dot = token.endswith(".")
    token = token.removesuffix(".")
    alternatives = []
    for alt in token.split("|"):
        if alt == "_":
            alternatives.append(r"[^\W_]{1,40}")
        elif alt.endswith("*"):
            alternatives.append(re.escape(fold(alt[:-1])) + r"[^\W_]{0,30}")
        else:
            alternatives.append(re.escape(fold(alt)))
    body = ("" if first else _WORD_START) + "(?:" + "|".join(alternatives) + ")"
    if dot:
        return body + r"(?:\.|(?![^\W_]))"
    return body + (rf"[ \t]{{0,3}}{mark}" if mark else _WORD_END)


def compile_pattern(pattern: str) -> tuple[bool, str]:
    """Whether one lexicon pattern (see the header of note_shared.txt) is anchored at a
    line start, and its regex, to be put after `_LINE_START` or `_WORD_START`."""
    pattern = pattern.strip()
    parts: list[str] = []
    gap = False
    for token in pattern.lstrip("^").split():
        if token == "...":
            gap = True
            continue
        if parts:
            parts.append(_GAP + _BLANKS if gap else _BLANKS)
        parts.append(_word(token, first=not parts))
        gap = False
    return pattern.startswith("^"), "".join(parts)


def _one(anchored: list[str], free: list[str]) -> re.Pattern[str]:
    """A cue's patterns as one regex: a line start or a word start is checked once."""
    branches = []
    if free:
        branches.append(_WORD_START + "(?:" + "|".join(free) + ")")
    if anchored:
        branches.append(_LINE_START + "(?:" + "|".join(anchored) + ")")
    return re.compile("|".join(branches), re.MULTILINE)


@cache
def _cues() -> _Cues:
    by_cue: dict[str, tuple[list[str], list[str]]] = {}
    negations, objects, persons = set(), set(), set()
    for line in lexicon.own_list("note_shared.txt"):
        if "\t" in line:
            cue, pattern = line.split("\t", 1)
            anchored, regex = compile_pattern(pattern)
            by_cue.setdefault(cue.strip(), ([], []))[0 if anchored else 1].append(regex)
        elif line.startswith("~"):
            negations.add(fold(line[1:].strip()))
        elif line.startswith("!"):
            objects.add(fold(line[1:].strip()))
        elif line.startswith("@"):
            persons.add(fold(line[1:].strip()))
    patterns = tuple((cue, _one(*regexes)) for cue, regexes in by_cue.items())
    return _Cues(patterns, frozenset(negations), frozenset(objects), frozenset(persons))


def _words_before(folded: str, start: int) -> list[str]:
    """The last few words before `start` in the same sentence."""
    window = folded[max(0, start - _GUARD_CHARS) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1] :]
    return _WORD.findall(window)[-_GUARD_WORDS:]


def _is_evidence(cues: _Cues, folded: str, match: re.Match[str]) -> bool:
    before = _words_before(folded, match.start())
    inside = _WORD.findall(match.group())
    if any(w in cues.negations for w in before + inside):
        return False
    if any(w in cues.objects for w in before):
        return False
    return not (before and before[-1] in cues.persons)


def shared_with_others(text: str) -> list[str]:
    """The names of the cues in `text` that say the note was passed on to someone else
    (empty: no evidence it was), in the order they first occur. Names only, no text."""
    if not text:
        return []
    cues = _cues()
    folded = fold_text(text)
    found: list[tuple[int, str]] = []
    for cue, pattern in cues.patterns:
        for n, match in enumerate(pattern.finditer(folded)):
            if n % 1024 == 0:
                budget.check()
            if _is_evidence(cues, folded, match):
                found.append((match.start(), cue))
                break
    return [cue for _, cue in sorted(found)]
