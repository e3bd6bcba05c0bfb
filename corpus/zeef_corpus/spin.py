"""Small text-variation helpers: `[a|b|c]` alternatives, optional pieces and typos.

`spin(rng, "Ik [heb|had] [sinds|vanaf] vorig jaar[ veel|] last")` picks one alternative
per bracket group (innermost first, so groups nest). An empty alternative makes a piece
optional. Brackets are reserved for this: generated content never holds literal ones.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

_GROUP = re.compile(r"\[([^\[\]]*)\]")


def spin(rng: random.Random, text: str) -> str:
    """Expand every `[a|b|...]` group in `text` with a random alternative."""
    while True:
        new = _GROUP.sub(lambda m: rng.choice(m.group(1).split("|")), text)
        if new == text:
            break
        text = new
    # Tidy doubled spaces and spaces before punctuation left by empty alternatives.
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    return text.strip(" ")


def ucfirst(s: str) -> str:
    """Capitalise the first letter only (str.capitalize() would lowercase names)."""
    return s[:1].upper() + s[1:]


def pick(rng: random.Random, items: Sequence):
    return items[rng.randrange(len(items))]


def sample(rng: random.Random, items: Sequence, k: int) -> list:
    k = max(0, min(k, len(items)))
    return rng.sample(list(items), k)


def maybe(rng: random.Random, p: float = 0.5) -> bool:
    return rng.random() < p


def shuffled(rng: random.Random, items: Iterable) -> list:
    out = list(items)
    rng.shuffle(out)
    return out


# --- informal spelling for citizens' own writing -------------------------------------

_WORD_SWAPS: dict[str, tuple[str, ...]] = {
    "wordt": ("word",),
    "word": ("wordt",),
    "gebeurt": ("gebeurd",),
    "gebeurd": ("gebeurt",),
    "eigenlijk": ("eigelijk", "eigenlijks"),
    "natuurlijk": ("natuurlijk", "natuurlyk"),
    "alstublieft": ("aub", "alsjeblieft", "alstublief"),
    "even": ("ff", "effe"),
    "ongeveer": ("ongv", "ongeveer"),
    "misschien": ("miscchien", "mischien"),
    "helemaal": ("helemaal", "hellemaal"),
    "financiële": ("financiele", "finaciele"),
    "financiën": ("financien",),
    "gemeente": ("gemeente", "gemeete"),
    "uitkering": ("uitkering", "uitkeering"),
    "omdat": ("omdat", "om dat"),
    "daarom": ("daarom", "darom"),
    "echt": ("echt", "egt"),
    "vriendelijke": ("vriendelijke", "vriendlijke", "vr."),
    "groet": ("groet", "groeten", "gr"),
    "bijvoorbeeld": ("bv", "bijv", "bijvoorbeeld"),
    "'s avonds": ("s'avonds", "savonds"),
    "'s nachts": ("s'nachts", "snachts"),
    "'s ochtends": ("s'ochtends", "sochtends"),
    "het": ("het", "'t"),
    "een": ("een", "n", "'n"),
    "mevrouw": ("mevr", "mw"),
    "meneer": ("mnr", "meneer"),
    "contact": ("kontakt", "contact"),
    "Ik": ("ik",),
    "Hallo": ("hallo", "Hoi"),
}


def _typo_word(rng: random.Random, w: str) -> str:
    if len(w) < 5 or not w.isalpha():
        return w
    i = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:  # swap two letters
        return w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :]
    if kind == 1:  # drop a letter
        return w[:i] + w[i + 1 :]
    if kind == 2:  # double a letter
        return w[:i] + w[i] + w[i:]
    return w.lower()


def _informalise(rng: random.Random, text: str, level: float) -> str:
    for src, alts in _WORD_SWAPS.items():
        pattern = re.compile(r"(?<![\w'])" + re.escape(src) + r"(?![\w'])")
        text = pattern.sub(
            lambda m, alts=alts: pick(rng, alts) if rng.random() < level else m.group(0), text
        )
    words = re.split(r"(\s+)", text)
    for k, w in enumerate(words):
        if w.strip() and rng.random() < level * 0.12:
            words[k] = _typo_word(rng, w)
    text = "".join(words)
    if rng.random() < level:
        text = re.sub(
            r"(?<=[.!?] )([A-Z])",
            lambda m: m.group(1).lower() if rng.random() < 0.5 else m.group(1),
            text,
        )
    if rng.random() < level * 0.5:
        text = text.replace(", ", " ", 1 + rng.randrange(3))
    if rng.random() < level * 0.4:
        text = re.sub(r"\.$", pick(rng, ("..", "!!", "", "!", "...")), text)
    return text


def informalise(rng: random.Random, text: str, level: float, protected: Sequence[str]) -> str:
    """Typos and informal spelling, never touching any of the `protected` strings."""
    if level <= 0 or not text:
        return text
    spans: list[tuple[int, int]] = []
    for s in sorted({p for p in protected if p}, key=lambda x: (-len(x), x)):
        start = 0
        while True:
            j = text.find(s, start)
            if j < 0:
                break
            if not any(a < j + len(s) and j < b for a, b in spans):
                spans.append((j, j + len(s)))
            start = j + 1
    spans.sort()
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(_informalise(rng, text[pos:a], level))
        out.append(text[a:b])
        pos = b
    out.append(_informalise(rng, text[pos:], level))
    return "".join(out)
