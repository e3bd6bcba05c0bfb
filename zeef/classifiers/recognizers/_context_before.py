"""Scoring by a context word in the raw text just before a match.

For identifiers whose digits alone mean little (an AGB code and a BIG number are any 8 or
11 digits) the word before them decides: "AGB-code 01234567". The recognizer checks the
raw text itself and marks the result as context-enhanced, so Presidio does not add its
own context boost on top.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


def mark_context(result: RecognizerResult, score: float, word: str) -> None:
    """Raise `result` to `score` because the context word `word` stands before it (a label
    word such as "BIG-nummer", never the data), as Presidio's explanation records it."""
    result.score = score
    result.analysis_explanation.set_supportive_context_word(word)
    result.analysis_explanation.set_improved_score(score)
    result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True


class ContextBeforeRecognizer(PatternRecognizer):
    """A pattern recognizer scored `CONTEXT_SCORE` when `CONTEXT_REGEX` matches within
    `CONTEXT_WINDOW` characters before the match."""

    CONTEXT_REGEX: re.Pattern
    CONTEXT_WINDOW = 60
    CONTEXT_SCORE = 0.85

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            start = max(0, result.start - self.CONTEXT_WINDOW)
            match = self.CONTEXT_REGEX.search(text, start, result.start)
            if match:
                mark_context(result, self.CONTEXT_SCORE, match.group())
        return results
