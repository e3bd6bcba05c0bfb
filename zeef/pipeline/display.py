"""A name (a file's, an e-mail part's) as zeef shows and records it: masked.

`display_name(name)` runs zeef's own recognizers on the name and masks what they find
(people, BSNs, IBANs, addresses, ...), every run of 6 or more digits and every e-mail
address, and removes control and bidi characters (`zeef.domain.display`). The extension
stays. Every person found is masked, the case's subject too: a file name has no context
to tell who is who reliably, and the name travels further than the document (stdout,
records, the letter).
"""

from __future__ import annotations

from functools import lru_cache

from zeef.domain.display import mask_name, strip_controls

__all__ = ["display_name", "strip_controls"]


@lru_cache(maxsize=4096)
def display_name(name: str) -> str:
    """`name` with its personal data masked; see the module docstring."""
    from zeef.classifiers.analyzer import analyze

    clean = strip_controls(name)
    if not clean.strip():
        return clean
    spans = [(r.start, r.end) for r in analyze(clean)]
    return mask_name(clean, spans)
