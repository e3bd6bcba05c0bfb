"""What the recognizer tests share: running one recognizer on a text, and the offsets a
table row expects."""

from __future__ import annotations


def spans(text: str, parts: list[str]) -> list[tuple[int, int]]:
    """Offsets of each expected part, searched left to right."""
    found, position = [], 0
    for part in parts:
        start = text.index(part, position)
        found.append((start, start + len(part)))
        position = start + len(part)
    return found


def run(recognizer, entity: str, text: str):
    """The recognizer's results for `entity` on `text` (no NLP artefacts), by position."""
    results = recognizer.analyze(text, entities=[entity], nlp_artifacts=None)
    return sorted(results, key=lambda r: r.start)
