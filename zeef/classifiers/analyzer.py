"""The Presidio analyzer for Dutch, with zeef's recognizers, built once per process."""

from __future__ import annotations

import bisect
import logging
import re
from functools import cache

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from zeef.classifiers import budget
from zeef.classifiers.budget import Analysis
from zeef.classifiers.nlp_engine import LANGUAGE, DutchNlpEngine
from zeef.classifiers.recognizers import dutch_recognizers

# Findings below this score are dropped: a bare pattern with no checksum and no context.
MIN_SCORE = 0.35
# Longer texts are analysed in chunks of about this many characters (cut at a line
# break), so memory and regex work stay bounded on a 300-page document.
CHUNK_CHARS = 50_000


class _ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context-word enhancer, with the match's token found by bisection.

    Presidio walks every token of the text for every result to find the token a match
    starts in (results x tokens); on a 10-page document that was 90% of analysis time.
    """

    @staticmethod
    def _find_index_of_match_token(word, start, tokens, tokens_indices) -> int:
        i = bisect.bisect_right(tokens_indices, start) - 1
        if i < 0:
            return 0
        if start < tokens_indices[i] + len(tokens[i]) or i + 1 >= len(tokens_indices):
            return i
        return i + 1


@cache
def analyzer() -> AnalyzerEngine:
    # Presidio logs the words around every match at DEBUG ("Context list is: ...") and
    # each recognizer at INFO: personal data and noise. Only its errors may pass.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in dutch_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        nlp_engine=DutchNlpEngine(),
        registry=registry,
        supported_languages=[LANGUAGE],
        default_score_threshold=MIN_SCORE,
        context_aware_enhancer=_ContextEnhancer(),
    )


def _chunks(text: str):
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end


def analyze(text: str) -> Analysis:
    """Every personal-data entity in `text`, overlaps resolved, in text order.

    Runs within the document's time budget (`budget.py`): `TimeBudgetExceeded` when it is
    spent, checked between chunks and inside the stages."""
    engine = analyzer()
    with budget.document() as spending:
        results: list[RecognizerResult] = []
        for offset, chunk in _chunks(text):
            spending.check()
            for r in engine.analyze(chunk, language=LANGUAGE):
                r.start += offset
                r.end += offset
                results.append(r)
        spending.check()
        out = Analysis(resolve_overlaps(results, text))
        out.seconds_spent = spending.spent
    return out


_LEAD = re.compile(r"(?:[\s,;:()]+|[a-z]{1,4}\b)*")
# Kept results are looked up by the cells of this many characters they cover.
_CELL = 64


class _KeptIndex:
    """The kept results (which never overlap each other), found by position: a result
    is filed under every cell of `_CELL` characters it covers, so looking up what
    overlaps a span costs its length over `_CELL` plus what is found, not one comparison
    per kept result (which made overlap resolution quadratic in the findings)."""

    def __init__(self) -> None:
        self.cells: dict[int, list[RecognizerResult]] = {}

    @staticmethod
    def _cells(start: int, end: int) -> range:
        # An empty span still overlaps a result around it ("start < k.end and k.start <
        # end"): it looks in the cell it stands in.
        return range(start // _CELL, (max(end, start + 1) - 1) // _CELL + 1)

    def add(self, r: RecognizerResult) -> None:
        for cell in self._cells(r.start, r.end):
            self.cells.setdefault(cell, []).append(r)

    def overlapping(self, start: int, end: int) -> list[RecognizerResult]:
        found: dict[int, RecognizerResult] = {}
        for cell in self._cells(start, end):
            for k in self.cells.get(cell, ()):
                if start < k.end and k.start < end:
                    found[id(k)] = k
        return list(found.values())


def resolve_overlaps(results: list[RecognizerResult], text: str) -> list[RecognizerResult]:
    """Keep the best of overlapping results: higher score first, then the longer span.

    A weaker result that overlaps a kept one only at its start is trimmed rather than
    dropped ("Haitsma op Mozartlaan 80" after the name "de heer Haitsma" keeps
    "Mozartlaan 80"), so a datum is not lost because a neighbour reached into it.
    """
    ranked = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start))
    kept: list[RecognizerResult] = []
    index = _KeptIndex()
    for n, r in enumerate(ranked):
        if n % 4096 == 0:
            budget.check()
        overlapping = index.overlapping(r.start, r.end)
        if overlapping:
            cut = max(k.end for k in overlapping)
            if any(k.start <= r.start for k in overlapping) and all(
                k.end < r.end for k in overlapping
            ):
                # Skip the blank and small words between ("op", "aan de").
                r.start = cut + len(_LEAD.match(text, cut, r.end).group())
            if r.end - r.start < 4 or index.overlapping(r.start, r.end):
                continue
        kept.append(r)
        index.add(r)
    kept.sort(key=lambda r: (r.start, r.end))
    return kept
