"""What the recognizers that run their own pattern loop share: a pattern compiled once
per flags, and the RecognizerResult (with Presidio's explanation) for one match."""

from __future__ import annotations

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, RecognizerResult


def compiled(pattern: Pattern, flags: int):
    """`pattern`'s regex compiled with `flags`, kept on the pattern as Presidio does."""
    if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
        pattern.compiled_with_flags = flags
        pattern.compiled_regex = re.compile(pattern.regex, flags=flags)
    return pattern.compiled_regex


def pattern_result(
    recognizer: EntityRecognizer,
    pattern: Pattern,
    start: int,
    end: int,
    score: float,
    validated: bool | None = None,
    original_score: float | None = None,
) -> RecognizerResult:
    """The result for a match of `pattern` at start..end with `score`. `validated`: the
    explanation's validation result (None: no validation ran); `original_score`: the
    score before validation raised it (default `score`)."""
    explanation = AnalysisExplanation(
        recognizer=recognizer.name,
        original_score=score if original_score is None else original_score,
        pattern_name=pattern.name,
        pattern=pattern.regex,
        validation_result=validated,
        textual_explanation=f"Detected by `{recognizer.name}` using pattern `{pattern.name}`",
    )
    if score != explanation.original_score:
        explanation.score = score
    return RecognizerResult(
        entity_type=recognizer.supported_entities[0],
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
