"""The text rules: names found by a pattern over the whole text, before the token rules.

Registers, lists and bank statements write names in a fixed shape that the token rules
would misread ("Vries, J.H. de" would give a place "Vries"; "B VOS-VAN DER WAL" a run of
upper-case words). A text rule's names win over token-rule mentions that overlap them
(a bank name only where it covers more).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold, own_list
from zeef.classifiers.person_names.mention import PersonMention
from zeef.classifiers.person_names.spans import Spans
from zeef.classifiers.person_names.tokens import LOWER, UPPER
from zeef.classifiers.person_names.vocabulary import (
    alternatives,
    is_place_phrase,
    is_street,
    particle_words,
)


@dataclass(frozen=True)
class TextRule:
    """A named rule; its function's docstring says what it finds, excludes, and why. It is
    given the names found so far and finds none that overlap them."""

    name: str
    find: Callable[[str, list[PersonMention]], list[PersonMention]]

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.find) or ""


@cache
def _upper_particle() -> str:
    return f"(?:{alternatives('upper_case_particles.txt')})"


@cache
def _leading_particle() -> str:
    """A particle that starts a surname written first: "De Vries, Y.", "Van der Berg, J."."""
    phrases = [p for p in own_list("name_particles.txt") if p[0].isalpha()]
    return "|".join(re.escape(p[0].upper() + p[1:]).replace("\\ ", " ") for p in phrases)


@cache
def _surname_first_re() -> re.Pattern[str]:
    """Surname first, as registers and lists write it: "Vries, J.H. de", "YILDIZ, A.",
    "De Vries, Y."."""
    return re.compile(
        rf"(?<![\w.])(?:(?P<lead>{_leading_particle()})[ \t])?"
        rf"(?P<sur>[{UPPER}][{LOWER}{UPPER}]+"
        rf"(?:-(?:(?:{alternatives('name_particles.txt')})[ ])*[{UPPER}][{LOWER}{UPPER}]+)?),"
        rf"[ \t](?P<ini>(?:[{UPPER}]\.[ \t]?){{1,5}})"
        rf"(?:[ \t]?(?P<part>{alternatives('trailing_particles.txt')}))?(?![\w])"
    )


@cache
def _bank_name_re() -> re.Pattern[str]:
    """Names as banks print them: initials, then the surname in capitals ("B VOS-VAN DER
    WAL", "HR J H DE VRIES", "A KAYA")."""
    particle = _upper_particle()
    return re.compile(
        rf"(?<![\w.])(?:(?:{alternatives('upper_case_titles.txt')})\.?[ \t])?"
        rf"(?P<ini>(?:[{UPPER}]\.?[ \t]){{1,3}})"
        rf"(?P<sur>(?:{particle}[ \t])*[{UPPER}]{{2,}}"
        rf"(?:-(?:{particle}[ \t])*[{UPPER}]{{2,}})*)(?![\w])"
    )


# Company forms that look like initials after a name ("Visser B.V.").
_COMPANY_FORMS = frozenset({"BV", "NV", "CV", "VOF"})


@cache
def _surname_initials_re() -> re.Pattern[str]:
    """A surname and then its initials, in a column of a bank statement or a list:
    "Feddema S", "DE VRIES J", "Terpstra S.P."; the column starts at a line's start,
    after a tab or two blanks, or after a number (a date), and ends the same way."""
    particle = f"(?:{_leading_particle()}|{_upper_particle()}|{alternatives('name_particles.txt')})"
    word = rf"[{UPPER}][{LOWER}{UPPER}]+"
    return re.compile(
        rf"(?:^|(?<=\t)|(?<=[ ]{{2}})|(?<=\d[ \t]))"
        rf"(?P<sur>(?:{particle}[ \t])*{word}(?:-(?:{particle}[ \t])*{word})?)"
        rf"[ \t](?P<ini>[{UPPER}]\.?(?:[ \t]?[{UPPER}]\.?){{0,2}})"
        rf"(?=\t|[ ]{{2}}|[ \t]*$|[ \t]+[-+€]?[ ]?\d)",
        re.MULTILINE,
    )


def _surname_initials(text: str, found: list[PersonMention]) -> list[PersonMention]:
    """A known surname followed by its initials, as bank statements print the other
    party: "Feddema S", "DE VRIES J", "Visser P.J.". Only in a column (see the
    pattern), only a surname the lists know, and not a common word (unless after a
    particle), a place, an organisation, a street or a company form ("Visser B.V.")."""
    out = []
    taken = Spans(found)
    for match in _surname_initials_re().finditer(text):
        if taken.any_overlapping(match.start("sur"), match.end()):
            continue
        initials = re.sub(r"[.\s]", "", match.group("ini"))
        if initials in _COMPANY_FORMS:
            continue
        words = re.split(r"[ \t-]+", match.group("sur"))
        particles = [w for w in words[:-1] if fold(w) in particle_words()]
        names = [fold(w) for w in words if fold(w) not in particle_words()]
        if not names or not _surname_ok(names, particles):
            continue
        out.append(
            PersonMention(
                start=match.start("sur"),
                end=match.end("ini"),
                score=0.6,
                initials=initials,
                particle=" ".join(fold(w) for w in particles),
                surname=" ".join(names),
                rule="surname_initials",
            )
        )
    return out


def _surname_ok(names: list[str], particles: list[str]) -> bool:
    """Is this (folded, particles left out) a surname a list knows, and nothing else? A
    word that is also a place counts after a particle ("DE VRIES"), unless the whole is
    a place ("DEN HAAG")."""
    last = names[-1]
    if last not in lexicon.surnames():
        return False
    after_particle = bool(particles) and last in lexicon.particle_surnames()
    if last in lexicon.common_words() and not after_particle:
        return False
    if any(w in lexicon.organisations() or w in lexicon.not_names() or is_street(w) for w in names):
        return False
    if after_particle:
        return not is_place_phrase([*particles, *names])
    return not any(w in lexicon.place_names() for w in names)


@cache
def _bank_row_re() -> re.Pattern[str]:
    """A column of two or three capitalised words on a transaction line, then an account
    number, or an amount that ends the line (a country code may stand between):
    "Jonas Weru  NL12ABNA0123456789  + 60,00", "Transfer  Amani Odhiambo KEN  - 150,00"."""
    word = rf"[{UPPER}][{LOWER}]+"
    return re.compile(
        rf"(?:^|(?<=\t)|(?<=[ ]{{2}}))(?P<name>{word}(?:[ ]{word}){{1,2}})"
        rf"(?P<code>[ ][{UPPER}]{{2,3}})?(?:\t|[ ]{{2,}})"
        rf"(?:[{UPPER}]{{2}}\d{{2}}[ ]?[{UPPER}]{{4}}(?:[ ]?\d){{7,}}"
        rf"|[-+]?[ ]?€?[ ]?\d{{1,3}}(?:\.\d{{3}})*,\d{{2}}[ \t]*$)",
        re.MULTILINE,
    )


def _bank_row(text: str, found: list[PersonMention]) -> list[PersonMention]:
    """The other party of a transaction as a column of two or three capitalised words
    followed by its account number, or by the amount at the line's end: a name even when
    no list knows it. Not when any word is a common word, bank or form vocabulary
    (lexicons/not_names.txt), an organisation, a place or a street ("Gemeente Groningen",
    "Aldi Meppel Centrum", "Geldautomaat Centrum")."""
    out = []
    taken = Spans(found)
    for match in _bank_row_re().finditer(text):
        start, end = (
            match.start("name"),
            match.end("code") if match.group("code") else match.end("name"),
        )
        if taken.any_overlapping(start, end):
            continue
        words = match.group("name").split(" ")
        folded = [fold(w) for w in words]
        if any(
            f in lexicon.common_words()
            or f in lexicon.organisations()
            or f in lexicon.place_names()
            or f in particle_words()
            or is_street(f)
            for f in folded
        ):
            continue
        out.append(
            PersonMention(
                start=start,
                end=end,
                score=0.6,
                given=tuple(folded[:-1]),
                surname=folded[-1],
                rule="bank_row",
            )
        )
    return out


_WORD_BEFORE = re.compile(rf"([{UPPER}][{LOWER}]+)[ \t]+\Z")


def _after_a_first_name(text: str, start: int) -> bool:
    """Does a known first name stand right before `start` on its line?"""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(before) and fold(before.group(1)) in lexicon.first_names()


def _surname_first(text: str, found: list[PersonMention]) -> list[PersonMention]:
    """A surname, a comma, initials and an optional trailing particle: "Vries, J.H. de",
    "Bakker, P.", "YILDIZ, A.". The initials after the comma make it a name even where the
    word alone is a place. Not a known non-name, an organisation or a street, nor a
    surname after a known first name ("Demi Bos, K. Visser": a list of names)."""
    out = []
    taken = Spans(found)
    for match in _surname_first_re().finditer(text):
        if taken.any_overlapping(match.start(), match.end()):
            continue
        if _after_a_first_name(text, match.start()):
            continue  # "Demi Bos, K. Martens": a list of names, not "Bos, K."
        word = match.group("sur")
        folded = fold(word)
        if folded in lexicon.not_names() or folded in lexicon.organisations() or is_street(folded):
            continue
        out.append(
            PersonMention(
                start=match.start(),
                end=match.end(),
                score=0.7,
                initials=re.sub(r"[.\s]", "", match.group("ini")),
                particle=(match.group("lead") or match.group("part") or "").lower(),
                surname=fold(word),
                rule="surname_first",
            )
        )
    return out


def _bank(text: str, found: list[PersonMention]) -> list[PersonMention]:
    """Initials and an upper-case surname as bank statements print the other party: "B
    VOS-VAN DER WAL", "MW D POLAT", "HR J H DE VRIES". Not an organisation or a known
    non-name ("A BV"), nor a common word unless it is also a surname after a particle."""
    upper_particle = _upper_particle()
    out = []
    taken = Spans(found)
    for match in _bank_name_re().finditer(text):
        if taken.any_overlapping(match.start(), match.end()):
            continue
        words = re.split(r"[ \t-]+", match.group("sur"))
        last = fold(words[-1])
        names = [fold(w) for w in words if not re.fullmatch(upper_particle, w)]
        if any(w in lexicon.organisations() or w in lexicon.not_names() for w in names):
            continue
        if last in lexicon.common_words() and last not in lexicon.particle_surnames():
            continue
        particle = " ".join(fold(w) for w in words[:-1] if re.fullmatch(upper_particle, w))
        out.append(
            PersonMention(
                start=match.start(),
                end=match.end(),
                score=0.6,
                initials=re.sub(r"[.\s]", "", match.group("ini")),
                particle=particle,
                surname=fold(" ".join(w for w in words if not re.fullmatch(upper_particle, w))),
                rule="bank",
            )
        )
    return out


# In order: each rule sees what the ones before it found.
TEXT_RULES: tuple[TextRule, ...] = (
    TextRule("surname_first", _surname_first),
    TextRule("bank", _bank),
    TextRule("surname_initials", _surname_initials),
    TextRule("bank_row", _bank_row),
)
