"""The word lists that name finding reads, and the questions it asks of a word.

The lists are text files in ``zeef/classifiers/lexicons/`` (particles, titles, relation
words, form labels, closing phrases, street endings), loaded on first use like the name
lists in `zeef.classifiers.lexicon`; the regular expressions built from them likewise.
"""

from __future__ import annotations

import re
from functools import cache

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold, own_list


def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


def alternatives(name: str) -> str:
    """A lexicon's phrases as a regular-expression alternation, in file order."""
    return "|".join(re.escape(phrase).replace("\\ ", " ") for phrase in own_list(name))


def _index(phrases: tuple[str, ...]) -> dict[str, list[str]]:
    """Phrases by their first word (without a final dot), longest phrase first."""
    out: dict[str, list[str]] = {}
    for phrase in _longest_first(phrases):
        out.setdefault(phrase.split(" ")[0].rstrip("."), []).append(phrase)
    return out


@cache
def particle_words() -> frozenset[str]:
    """Every word of a name particle: "van", "der", "'t", "el" ..."""
    return frozenset(w for p in own_list("name_particles.txt") for w in p.split())


@cache
def particle_index() -> dict[str, list[str]]:
    """Name particles by first word, longest first so "van der" wins over "van"."""
    return _index(own_list("name_particles.txt"))


@cache
def professional_titles() -> frozenset[str]:
    return frozenset(own_list("professional_titles.txt"))


@cache
def title_index() -> dict[str, list[str]]:
    """Forms of address and titles by first word, longest first."""
    return _index(own_list("name_titles.txt") + own_list("professional_titles.txt"))


@cache
def relation_words() -> frozenset[str]:
    return frozenset(own_list("relation_words.txt"))


@cache
def field_label_words() -> frozenset[str]:
    """The one-word form labels before a name ("cliënt", "aanvrager"), folded."""
    return frozenset(fold(w) for w in own_list("name_field_labels.txt") if " " not in w)


@cache
def place_prepositions() -> frozenset[str]:
    return frozenset(own_list("place_prepositions.txt"))


@cache
def field_re() -> re.Pattern[str]:
    """A form field: the label, then a colon, a tab or a run of spaces, then the value."""
    return re.compile(
        rf"(?im)^[ \t]*(?:{alternatives('name_field_labels.txt')})(?:[ \t]*/[ \t]*[a-z ]+)?"
        r"(?:[ \t]*:[ \t]*|\t+[ \t]*| {2,})"
    )


@cache
def closing_re() -> re.Pattern[str]:
    """A closing line ("Met vriendelijke groet,", "Namens de gemeente,") and the blank
    line after it, if any: the writer's name follows."""
    return re.compile(
        rf"(?im)^[ \t]*(?:{alternatives('closing_phrases.txt')}|namens [^\n]{{0,60}}?)"
        r"[ \t]*,?[ \t]*\n(?:[ \t]*\n)?"
    )


@cache
def _street_suffix_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives('street_suffixes.txt')})$")


def is_street(folded: str) -> bool:
    """'hiddesstraat', 'bolkesteinlaan': a street, unless a known surname ('van dijk'),
    also as the second part of a double surname ('brouwer-van dijk')."""
    m = _street_suffix_re().search(folded)
    if not m or len(folded) <= len(m.group()) + 2 or folded in lexicon.surnames():
        return False
    first, _, second = folded.rpartition("-")
    if first and " " in second:  # "brouwer-van dijk": a particle and a surname after a hyphen
        return second.split()[-1] not in lexicon.particle_surnames()
    return True


def name_word_ok(word: str) -> bool:
    """A capitalised word that may be part of a name (not a known non-name)."""
    f = fold(word)
    return (
        f not in lexicon.common_words()
        and f not in particle_words()
        and f not in lexicon.organisations()
        and not is_street(f)
    )


def known_first(word: str) -> bool:
    f = fold(word)
    return f in lexicon.first_names() and f not in lexicon.common_words()


def known_surname(word: str) -> bool:
    return all(fold(part) in lexicon.surnames() for part in re.split(r"\s*-\s*", word) if part)


def is_place(word: str) -> bool:
    return fold(word) in lexicon.place_names()


def is_place_phrase(words: list[str]) -> bool:
    """Is a tail of two or more of these words a place? ("in den Haag" -> "den Haag")."""
    return any(is_place(" ".join(words[i:])) for i in range(len(words) - 1))
