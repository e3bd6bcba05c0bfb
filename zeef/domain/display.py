"""Names as zeef shows them: file names, e-mail part names, descriptions in letters.

A name comes from outside (a citizen's file, an e-mail's attachment) and may carry
personal data ("Femke de Wit BSN 111222333.txt") or characters that change how the text
around it reads: control characters (a line break in a JSON field, a terminal escape)
and Unicode's bidirectional controls (U+202E turns "gpj.exe" around into "exe.jpg").

- `strip_controls(text)`: without control and bidi characters (every name in output,
  records and letters);
- `mask_name(name, spans)`: also with the given spans (what zeef's recognizers found),
  every run of 6 or more digits and every e-mail address replaced by ``***``, the
  extension kept (``*** BSN ***.txt``).

Pure functions: the recognizers are run by the caller (`zeef.pipeline.display`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "***"

# C0 and C1 controls, DEL and the line and paragraph separators (each becomes a space),
# and the bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
# U+202A-202E, U+2066-2069: removed, so that one inside a word does not split it).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DIGITS = re.compile(r"\d{6,}")
# An address anywhere in a name, also with the file's extension glued to it.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_MASKS = re.compile(r"\*\*\*(?:[\s_,-]+\*\*\*)+")


def strip_controls(text: str) -> str:
    """`text` with control characters as spaces and without bidi characters."""
    return _BIDI.sub("", _CONTROLS.sub(" ", text))


def mask_name(name: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """`name` with `spans` (offsets into `name`), long digit runs and e-mail addresses
    masked, control and bidi characters removed. An extension (".pdf") is kept unless it
    is itself part of what is masked."""
    text = strip_controls(name)
    if text != name:  # offsets were into the raw name: find them again in the clean one
        spans = [(s, e) for s, e in _respan(name, spans)]
    marked = [False] * len(text)
    found = [*spans, *((m.start(), m.end()) for m in _DIGITS.finditer(text))]
    for start, end in found:
        for i in range(max(0, start), min(len(text), end)):
            marked[i] = True
    # The extension stays, unless a recognizer or a digit run covers it (an e-mail
    # address with ".txt" glued to it keeps the ".txt").
    extension = _EXTENSION.search(text)
    keep_from = extension.start() if extension and not any(marked[extension.start() :]) else None
    for match in _EMAIL.finditer(text):
        for i in range(match.start(), match.end()):
            marked[i] = True
    out: list[str] = []
    i = 0
    while i < len(text):
        if marked[i] and (keep_from is None or i < keep_from):
            while i < len(text) and marked[i] and (keep_from is None or i < keep_from):
                i += 1
            out.append(MASK)
        else:
            out.append(text[i])
            i += 1
    shown = "".join(out)
    # "*** ***" says no more than "***".
    return _MASKS.sub(MASK, shown)


def _respan(raw: str, spans: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Offsets into `raw` as offsets into `strip_controls(raw)`."""
    new_index = []
    n = 0
    for ch in raw:
        new_index.append(n)
        if not _BIDI.match(ch):
            n += 1
    new_index.append(n)
    for start, end in spans:
        start, end = max(0, min(start, len(raw))), max(0, min(end, len(raw)))
        yield new_index[start], new_index[end]
