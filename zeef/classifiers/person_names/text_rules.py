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
from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names.mention import PersonMention
from zeef.classifiers.person_names.spans import Spans
from zeef.classifiers.person_names.tokens import LOWER, UPPER
from zeef.classifiers.person_names.vocabulary import alternatives, is_street


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
def _surname_first_re() -> re.Pattern[str]:
    """Surname first, as registers and lists write it: "Vries, J.H. de", "YILDIZ, A."."""
    return re.compile(
        rf"(?<![\w.])(?P<sur>[{UPPER}][{LOWER}{UPPER}]+(?:-[{UPPER}][{LOWER}{UPPER}]+)?),"
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


def _surname_first(text: str, found: list[PersonMention]) -> list[PersonMention]:
    """A surname, a comma, initials and an optional trailing particle: "Vries, J.H. de",
    "Bakker, P.", "YILDIZ, A.". The initials after the comma make it a name even where the
    word alone is a place. Not a known non-name, an organisation or a street."""
    out = []
    taken = Spans(found)
    for match in _surname_first_re().finditer(text):
        if taken.any_overlapping(match.start(), match.end()):
            continue
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
                particle=(match.group("part") or "").lower(),
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
)
