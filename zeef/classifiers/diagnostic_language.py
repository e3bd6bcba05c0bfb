"""Diagnoses, medicines and Zelfredzaamheid-Matrix scores in the municipality's own reports.

A report the municipality writes itself (`case_report`: keukentafelverslag, rapportage,
onderzoeksverslag, huisbezoek, plan, beschikking) records the person's LIMITATION, not
their diagnosis: no medical diagnosis by a non-medic ("meeleesgedachte", FAQ Q14, Q18,
Q22). `find_diagnostic_language` finds where a report does name one, so that the report
goes to review (reason ``diagnostic_language``) with the offsets, never the words.

Three kinds of span:
- ``diagnosis``: an entry of ``lexicons/diagnoses.txt`` (hand-curated Dutch diagnoses,
  multiword forms spanned whole, plus deduce's medical terms ending in -itis, -kanker and
  -pathie), or "ziekte/syndroom van <eponym>";
- ``medication``: an entry of ``lexicons/medications.txt`` (generic and brand names,
  drug classes), or a dose ("50 mg", "2 dd 1", "2 tabletten"), with the capitalised
  brand name right before it ("Xarelto 20 mg");
- ``zrm_score``: a score statement ("Financiën: 2", "scoort een 3") near a mention of the
  ZRM (Zelfredzaamheid-Matrix); a mention of the ZRM without scores is not flagged.

Limitations ("pijn", "kan niet lang staan", "rolstoel", "vermoeidheid"), care words
("huisarts", "ziekenhuis", "medisch adviseur") and generic words ("ziekte", "klachten",
"medicatie") are not flagged: a false positive sends a clean report to review. Negation
does not matter: a report that names a diagnosis to deny it still names one.

Matching is on whole words of the folded text (lower case, no diacritics), offsets into
the original text. Everything is linear in the text: one pass over the words with
dictionary look-ups, and regexes whose repetitions are all bounded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from zeef.classifiers import budget, lexicon
from zeef.classifiers.lexicon import fold

DIAGNOSIS = "diagnosis"
MEDICATION = "medication"
ZRM_SCORE = "zrm_score"
KINDS = (DIAGNOSIS, MEDICATION, ZRM_SCORE)


@dataclass(frozen=True)
class DiagnosticSpan:
    """Where a report names a diagnosis, a medicine or a ZRM score (offsets, no text)."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = fold(char)
    if len(folded) == 1:
        return folded
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold_text(text: str) -> str:
    """`fold` character by character, keeping the length, so that offsets found in the
    folded text are offsets into `text` (a character that folds to more or fewer than
    one, such as 'ß', is only lower-cased or kept)."""
    if text.isascii():
        return text.lower()
    return "".join([_fold_char(c) for c in text])


# --- the lexicons ----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
# What may stand between the words of a multiword entry: blanks, a hyphen, a slash, an
# apostrophe, at most one line break; never a full stop or comma.
_JOIN = frozenset(" \t\n\xa0-/'\u2019\u2010\u2011\u2013")
_MAX_JOIN = 4
_EPONYM_SLOT = "<naam>"


@dataclass(frozen=True)
class _Entry:
    kind: str
    block: bool = False  # "MS Teams": never flagged, nor what is inside it
    exact: tuple[str, ...] | None = None  # match only in this case ("MS", "ALS")
    weak: bool = False  # only with a dose nearby ("paracetamol 500 mg")


@dataclass
class _Lexicon:
    phrases: dict[tuple[str, ...], list[_Entry]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)  # of multiword phrases
    eponym_heads: list[str] = field(default_factory=list)

    def add(self, phrase: str, entry: _Entry) -> None:
        words = tuple(_WORD.findall(fold(phrase)))
        if not words:
            return
        self.phrases.setdefault(words, []).append(entry)
        self.prefixes.update(words[:n] for n in range(1, len(words)))


def _read(lex: _Lexicon, name: str, kind: str) -> None:
    for line in lexicon.own_list(name):
        if line.startswith("deduce:*"):
            suffix = fold(line[len("deduce:*") :].strip())
            for term in lexicon.medical_terms():
                if term.endswith(suffix):
                    lex.add(term, _Entry(kind))
        elif line.startswith("!"):
            lex.add(line[1:], _Entry(kind, block=True))
        elif line.startswith("="):
            lex.add(line[1:], _Entry(kind, exact=tuple(_WORD.findall(line[1:]))))
        elif line.startswith("?"):
            lex.add(line[1:], _Entry(kind, weak=True))
        elif fold(line).endswith(_EPONYM_SLOT):
            lex.eponym_heads.append(fold(line)[: -len(_EPONYM_SLOT)].strip())
        else:
            lex.add(line, _Entry(kind))


@cache
def _lexicon() -> _Lexicon:
    lex = _Lexicon()
    _read(lex, "diagnoses.txt", DIAGNOSIS)
    _read(lex, "medications.txt", MEDICATION)
    return lex


@cache
def _eponym_pattern() -> re.Pattern[str] | None:
    heads = [r"[ \t]+".join(map(re.escape, head.split())) for head in _lexicon().eponym_heads]
    if not heads:
        return None
    return re.compile(
        rf"(?<![^\W_])(?:{'|'.join(heads)})[ \t]+"
        r"(?P<name>[^\W\d_][^\W_]{1,30}(?:-[^\W\d_][^\W_]{1,30})?)(?![^\W_])"
    )


def lexicon_sizes() -> dict[str, int]:
    """How many phrases each kind has (blockers and eponym heads not counted)."""
    sizes = dict.fromkeys((DIAGNOSIS, MEDICATION), 0)
    for entries in _lexicon().phrases.values():
        for kind in {e.kind for e in entries if not e.block}:
            sizes[kind] += 1
    return sizes


# --- doses and ZRM scores (patterns on the folded text) ---------------------------------

_AMOUNT = r"\d{1,4}(?:[.,]\d{1,3})?"
_PER_VOLUME = r"/(?:d?l|mmol)(?![^\W_])"  # a laboratory value ("CRP 38 mg/l"), not a dose
_UNIT = r"(?:mg|mcg|\u00b5g|\u03bcg|microgram(?:men)?|milligram(?:men)?)"
_DOSE = re.compile(
    rf"(?<![\w.,]){_AMOUNT}[ \t]?{_UNIT}(?![^\W_]|{_PER_VOLUME})"
    rf"|(?<![\w.,])\d[ \t]?dd(?:[ \t]?{_AMOUNT}(?:[ \t]?{_UNIT})?)?(?![^\W_]|[-/]\d)"
    r"|(?<![\w.,])\d{1,2}[ \t]?(?:tablet(?:ten)?|capsules?|pillen)(?![^\W_])"
)
_POSTCODE = re.compile(r"[1-9]\d{3} ?MG")  # "4880 MG Breda" is a postcode, not a dose
_DOSE_REACH = 40  # a weak entry ("paracetamol") counts with a dose this close
_SENTENCE_END = frozenset(".!?;\n")
_BRAND_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_][^\W_]{2,30})[ \t]{1,3}\Z")

_ZRM = re.compile(r"(?<![^\W_])(?:zrm|zelfredzaamheids?[ \t-]?matrix)(?![^\W_])")
_ZRM_DOMAIN = (
    r"financien|werk[ \t]*(?:&|en|/)[ \t]*opleiding|dagbesteding|tijdsbesteding"
    r"|huisvesting|huiselijke[ \t]+relaties|geestelijke[ \t]+gezondheid"
    r"|lichamelijke[ \t]+gezondheid|verslaving|middelengebruik"
    r"|(?:basale[ \t]+|instrumentele[ \t]+)?adl(?:[ \t-]?vaardigheden)?"
    r"|sociaal[ \t]+netwerk|maatschappelijke[ \t]+participatie|justitie"
)
_SCORE_WORD = r"(?:score|scores|scoort|scoorde|scoren)(?:[ \t]+[a-z]{1,10}){0,3}?[ \t]*[:=]?[ \t]*"
_ZRM_SCORE = re.compile(
    rf"(?<![^\W_])(?:(?:{_ZRM_DOMAIN})[ \t]{{0,40}}(?:[:|=(\-\u2013][ \t]{{0,40}}){{0,2}}"
    rf"(?:{_SCORE_WORD})?"
    rf"|(?:zrm[ \t-]{{0,3}})?{_SCORE_WORD}"
    r"|zrm[ \t]{0,3}[:=][ \t]{0,3})"
    r"[1-5](?!\d|[.,]\d)"
)
_ZRM_AFTER = 1500  # score statements up to this far after a mention of the ZRM
_ZRM_BEFORE = 120  # ... or this far before one ("Financiën 2 (ZRM)")
_ZRM_CHAIN = 250  # ... or this close after the previous score statement (a long table)


def _doses(folded: str, text: str) -> list[DiagnosticSpan]:
    spans = []
    for n, m in enumerate(_DOSE.finditer(folded)):
        if n % 1024 == 0:
            budget.check()
        start = m.start()
        if _POSTCODE.fullmatch(text, start, m.end()):
            continue
        before = _BRAND_BEFORE.search(text, max(0, start - 40), start)
        if before and _is_brand(text, before.start(1), before.group(1)):
            start = before.start(1)
        spans.append(DiagnosticSpan(start, m.end(), MEDICATION))
    spans.sort(key=lambda s: s.start)
    return spans


def _is_brand(text: str, start: int, word: str) -> bool:
    """A capitalised word that is not a common word and does not start a sentence or a
    line: a brand name before a dose ("gebruikt Xarelto 20 mg")."""
    if not word[0].isupper() or fold(word) in lexicon.common_words():
        return False
    before = text[max(0, start - 8) : start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?\n"


def _zrm_scores(folded: str) -> list[DiagnosticSpan]:
    mentions = [(m.start(), m.end()) for m in _ZRM.finditer(folded)]
    if not mentions:
        return []
    starts = [s for s, _ in mentions]
    spans: list[DiagnosticSpan] = []
    for n, m in enumerate(_ZRM_SCORE.finditer(folded)):
        if n % 1024 == 0:
            budget.check()
        start, end = m.span()
        i = bisect.bisect_left(starts, end) - 1  # the last mention that starts before `end`
        near = (i >= 0 and start - mentions[i][1] <= _ZRM_AFTER) or (
            i + 1 < len(starts) and starts[i + 1] - end <= _ZRM_BEFORE
        )
        chained = bool(spans) and start - spans[-1].end <= _ZRM_CHAIN
        if near or chained:
            spans.append(DiagnosticSpan(start, end, ZRM_SCORE))
    return spans


# --- the word pass ---------------------------------------------------------------------


class _Shouting:
    """Whether a line is written in capitals (a heading such as "ALS U VRAGEN HEEFT"),
    where an upper-case abbreviation proves nothing: it has at least two upper-case words
    that are not in the lexicons, and no more words with lower-case letters. Worked out
    once per line, when first asked."""

    def __init__(self, text: str, folded: str) -> None:
        self.text, self.folded = text, folded
        self.starts: list[int] | None = None
        self.lines: dict[int, bool] = {}

    def __call__(self, position: int) -> bool:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self.starts, position) - 1
        if line not in self.lines:
            lo = self.starts[line]
            hi = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
            self.lines[line] = self._capitals(lo, hi)
        return self.lines[line]

    def _capitals(self, lo: int, hi: int) -> bool:
        phrases = _lexicon().phrases
        upper = lower = 0
        for n, m in enumerate(_WORD.finditer(self.text, lo, hi)):
            if n % 4096 == 0:
                budget.check()
            word = m.group()
            if any(c.islower() for c in word):
                lower += 1
            elif (
                len(word) > 1
                and word.isupper()
                and (self.folded[m.start() : m.end()],) not in phrases
            ):
                upper += 1
        return upper >= 2 and upper >= lower


def _accepts(
    entry: _Entry,
    words: list[re.Match[str]],
    text: str,
    doses: list[DiagnosticSpan],
    shouting: _Shouting,
) -> bool:
    start, end = words[0].start(), words[-1].end()
    if entry.exact is not None:
        if len(entry.exact) != len(words):
            return False
        if any(text[w.start() : w.end()] != x for w, x in zip(words, entry.exact, strict=True)):
            return False
        if shouting(start):
            return False
    if entry.weak:
        return _dose_near(text, doses, start, end)
    return True


def _dose_near(text: str, doses: list[DiagnosticSpan], start: int, end: int) -> bool:
    """Whether a dose stands within `_DOSE_REACH` characters of start..end in the same
    sentence (`doses` in text order; a dose's start reaches back at most 40 characters
    over a brand name)."""
    i = bisect.bisect_left(doses, start - _DOSE_REACH - 80, key=lambda d: d.start)
    for j in range(i, len(doses)):
        dose = doses[j]
        if dose.start > end + _DOSE_REACH:
            return False
        if dose.end < start - _DOSE_REACH:
            continue
        between = text[end : dose.start] if dose.start >= end else text[dose.end : start]
        if not any(c in _SENTENCE_END for c in between):
            return True
    return False


def _joinable(folded: str, end: int, start: int) -> bool:
    gap = folded[end:start]
    return len(gap) <= _MAX_JOIN and gap.count("\n") <= 1 and all(c in _JOIN for c in gap)


def _lexicon_spans(text: str, folded: str, doses: list[DiagnosticSpan]) -> list[DiagnosticSpan]:
    lex = _lexicon()
    shouting = _Shouting(text, folded)
    matches = list(_WORD.finditer(folded))
    words = [m.group() for m in matches]
    spans: list[DiagnosticSpan] = []
    i, count = 0, len(words)
    while i < count:
        if i % 2048 == 0:
            budget.check()
        key = (words[i],)
        lengths = [1] if key in lex.phrases else []  # the phrases that start here
        # Longer phrases: while the words so far begin one and stand joined.
        while key in lex.prefixes and i + len(key) < count:
            after = i + len(key)
            if not _joinable(folded, matches[after - 1].end(), matches[after].start()):
                break
            key += (words[after],)
            if key in lex.phrases:
                lengths.append(len(key))
        taken = 0
        for length in reversed(lengths):  # the longest that is accepted wins
            entries = lex.phrases[tuple(words[i : i + length])]
            if any(e.block for e in entries):
                taken = length  # a blocker: skip it whole, flag nothing
                break
            found = matches[i : i + length]
            entry = next((e for e in entries if _accepts(e, found, text, doses, shouting)), None)
            if entry is not None:
                spans.append(DiagnosticSpan(found[0].start(), found[-1].end(), entry.kind))
                taken = length
                break
        i += taken or 1
    return spans


def _eponym_qualifies(name: str) -> bool:
    if not name[0].isupper():
        return False
    key = fold(name)
    if key in lexicon.organisations():  # deduce's eponymous diseases among them
        return True
    return not (
        key in lexicon.first_names()
        or key in lexicon.particle_surnames()
        or key in lexicon.common_words()
    )


def _eponyms(text: str, folded: str) -> list[DiagnosticSpan]:
    pattern = _eponym_pattern()
    if pattern is None:
        return []
    spans = []
    for n, m in enumerate(pattern.finditer(folded)):
        if n % 1024 == 0:
            budget.check()
        if _eponym_qualifies(text[m.start("name") : m.end("name")]):
            spans.append(DiagnosticSpan(m.start(), m.end(), DIAGNOSIS))
    return spans


# --- putting it together ---------------------------------------------------------------

_PRIORITY = {ZRM_SCORE: 0, MEDICATION: 1, DIAGNOSIS: 2}


def _merge(text: str, spans: list[DiagnosticSpan]) -> list[DiagnosticSpan]:
    """Same-kind spans that overlap or stand a few blanks apart become one ("sertraline"
    and "50 mg"); a span inside a span of another kind goes ("Verslaving" in the ZRM
    score "Verslaving: 2")."""
    merged: list[DiagnosticSpan] = []
    for kind in KINDS:
        last: DiagnosticSpan | None = None
        for span in sorted((s for s in spans if s.kind == kind), key=lambda s: s.start):
            if last is not None and (
                span.start <= last.end
                or (span.start - last.end <= 3 and not text[last.end : span.start].strip(" \t"))
            ):
                last = DiagnosticSpan(last.start, max(last.end, span.end), kind)
                continue
            if last is not None:
                merged.append(last)
            last = span
        if last is not None:
            merged.append(last)
    merged.sort(key=lambda s: (s.start, -s.end, _PRIORITY[s.kind]))
    kept: list[DiagnosticSpan] = []
    reach = -1
    for span in merged:
        if span.end <= reach:
            continue  # inside an earlier span (of another kind: same kinds were merged)
        kept.append(span)
        reach = span.end
    return kept


def find_diagnostic_language(text: str) -> list[DiagnosticSpan]:
    """Where `text` names a diagnosis, a medicine or a ZRM score, in text order.

    Offsets only: callers record them, never the words (special-category data)."""
    if not text:
        return []
    folded = fold_text(text)
    doses = _doses(folded, text)
    spans = doses + _lexicon_spans(text, folded, doses) + _eponyms(text, folded)
    spans += _zrm_scores(folded)
    return _merge(text, spans)
