"""One redaction over many documents (an inspection package): what one document's copy
removes goes from every document, with the same label, except where it stands inside a
name that stays somewhere in the package (the subject's, a professional's, a third party
who consented).

`plan_document` (with one shared `Labels`) gives each document its own plan and the
strings it removes; `extend` adds to each plan every whole-word occurrence, in that
document, of what any other document removed. The numbering is shared, so the same
tipster is ``[derde 1]`` in every document the package holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zeef.pipeline.redact import DocumentPlan
from zeef.pipeline.redact.plan import (
    RedactionPlan,
    Replacement,
    _merge,
    _SpanIndex,
    _whole_words,
    replace_everywhere,
)


def package_labels(plans: Iterable[DocumentPlan]) -> tuple[dict[str, str], set[str]]:
    """Every removed string (folded) with its label, and every name that stays."""
    labels: dict[str, str] = {}
    kept: set[str] = set()
    for planned in plans:
        for key, label in planned.labels.items():
            labels.setdefault(key, label)
        kept |= planned.kept
    return labels, kept


def label_types(plans: Iterable[DocumentPlan]) -> dict[str, str]:
    """Each label's entity type (``[derde 1]``: PERSON), for the index's counts."""
    types: dict[str, str] = {}
    for planned in plans:
        for r in planned.plan.replacements:
            types.setdefault(r.label, r.entity_type)
    return types


def verification_strings(plans: Iterable[DocumentPlan], kept: set[str]) -> list[str]:
    """What the whole package is checked against: every string removed anywhere, except
    those that are part of a name that stays (they cannot be checked by searching)."""
    strings = {s for planned in plans for s in planned.removed}
    return sorted((s for s in strings if not any(s in k for k in kept)), key=len, reverse=True)


def _kept_spans(text: str, kept: set[str]) -> list[tuple[int, int]]:
    spans = []
    for name in kept:
        if len(name) >= 3:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    return spans


def extend(
    planned: DocumentPlan,
    labels: dict[str, str],
    kept: set[str],
    types: dict[str, str] | None = None,
) -> DocumentPlan:
    """`planned` with every occurrence of the package's removed strings added (typed by
    `types`, from `label_types`)."""
    if not labels:
        return planned
    if planned.kind == "message":  # its text is already redacted
        planned.text = replace_everywhere(planned.text, labels, kept)
        return planned
    text = planned.text
    own = planned.plan.replacements
    taken = _SpanIndex([(r.start, r.end) for r in own])
    inside_kept = _SpanIndex(_kept_spans(text, kept))
    extra = []
    for m in _whole_words(labels).finditer(text):
        if taken.overlaps(m.start(), m.end()) or inside_kept.overlaps(m.start(), m.end()):
            continue
        label = labels[" ".join(m.group().split()).casefold()]
        kind = (types or {}).get(label, "PERSON")
        extra.append(Replacement(m.start(), m.end(), label, kind))
    if extra:
        planned.plan = RedactionPlan(_merge(list(own) + extra), planned.plan.kept_names)
        planned.removed = sorted(
            set(planned.removed) | {text[r.start : r.end] for r in extra}, key=len, reverse=True
        )
    return planned
