"""Dutch word lists: names, name particles, titles, places and common words.

The lists come from two places:
- deduce's lookup sources (``deduce/data/lookup/src``), read as plain text. deduce itself
  builds trie structures from them that take ~100 s on first use and ~9 s per load; we
  only need set membership, which a frozenset gives in ~50 ms, so deduce's engine is
  never started.
- small supplements shipped here (``lexicons/*.txt``) for names deduce lacks.

Everything is loaded lazily, once per process.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

_DEDUCE_SRC = ("deduce", "data", "lookup", "src")
_HERE = Path(__file__).with_name("lexicons")


@cache
def _deduce_root() -> Path:
    # Find deduce's files without importing it: importing `deduce` runs
    # logging.basicConfig(stream=sys.stdout, level=DEBUG), which would put log lines
    # on our JSON Lines output.
    spec = importlib.util.find_spec(_DEDUCE_SRC[0])
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the deduce package (its word lists) is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*_DEDUCE_SRC[1:])


def _deduce_lines(*parts: str) -> list[str]:
    return _deduce_root().joinpath(*parts).read_text(encoding="utf-8").splitlines()


def _own_lines(name: str) -> list[str]:
    text = (_HERE / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def own_list(name: str) -> tuple[str, ...]:
    """The entries of ``lexicons/<name>`` as written (not folded), in file order: one a
    line, blank lines and ``#`` comments left out. For phrase lists whose order or
    spelling matters (particles, titles, form labels)."""
    return tuple(line.strip() for line in _own_lines(name) if line.strip())


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower-case and strip diacritics: 'Öztürk' -> 'ozturk', 'YILDIZ' = 'Yıldız'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _folded(lines: list[str]) -> frozenset[str]:
    return frozenset(fold(line.strip()) for line in lines if line.strip())


@cache
def first_names() -> frozenset[str]:
    items = _deduce_lines("names", "lst_first_name", "items.txt")
    exceptions = _folded(_deduce_lines("names", "lst_first_name", "exceptions.txt"))
    return (_folded(items) - exceptions) | _folded(_own_lines("first_names_extra.txt"))


@cache
def surnames() -> frozenset[str]:
    items = _deduce_lines("names", "lst_surname", "items.txt")
    exceptions = _folded(_deduce_lines("names", "lst_surname", "exceptions.txt"))
    return (_folded(items) - exceptions) | _folded(_own_lines("surnames_extra.txt"))


@cache
def particle_surnames() -> frozenset[str]:
    """Surnames that follow a particle ("de Wit", "van Dijk"), words among them."""
    items = _folded(_deduce_lines("names", "lst_interfix_surname", "items.txt"))
    exceptions = _folded(_deduce_lines("names", "lst_interfix_surname", "exceptions.txt"))
    return (items - exceptions) | surnames()


@cache
def common_words() -> frozenset[str]:
    """Dutch words that are not names even when capitalised (deduce's whitelist,
    stop words, and our own list of letter vocabulary)."""
    words = _folded(_deduce_lines("whitelist", "lst_common_word", "items.txt"))
    words |= _folded(_deduce_lines("whitelist", "lst_stop_word", "items.txt"))
    return words | not_names()


@cache
def not_names() -> frozenset[str]:
    """Letter and form vocabulary that is never a name, even after a particle."""
    return _folded(_own_lines("not_names.txt"))


@cache
def organisations() -> frozenset[str]:
    """Organisations, brands and eponyms: "Albert Heijn", "Mercedes", "Crohn"."""
    names = _folded(_own_lines("organisations.txt"))
    names |= _folded(_deduce_lines("whitelist", "lst_eponymous_disease", "items.txt"))
    return names


@cache
def municipalities() -> frozenset[str]:
    return _folded(_deduce_lines("locations", "lst_placename", "lst_municipality", "items.txt"))


@cache
def given_name_variants() -> dict[str, frozenset[str]]:
    """For each given name, the names it is also known by ("hendrik" -> "henk", ...)."""
    variants: dict[str, set[str]] = {}
    for line in _own_lines("given_name_variants.txt"):
        group = {fold(n.strip()) for n in line.split(",") if n.strip()}
        for name in group:
            variants.setdefault(name, set()).update(group)
    return {name: frozenset(group) for name, group in variants.items()}


@cache
def place_names() -> frozenset[str]:
    places: set[str] = set(municipalities())
    for sub in ("lst_residence", "lst_province", "lst_region"):
        places |= _folded(_deduce_lines("locations", "lst_placename", sub, "items.txt"))
    return frozenset(places)


@cache
def medical_terms() -> frozenset[str]:
    return _folded(_deduce_lines("whitelist", "lst_medical_term", "items.txt"))
