"""A person mention: where a name stands, how sure we are, and the name's parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names.vocabulary import professional_titles


@dataclass(frozen=True)
class PersonMention:
    """One mention of a person: where it is, how sure we are, and the name's parts. Its
    repr leaves the name's parts out (a log line or a test failure must not print them)."""

    start: int
    end: int
    score: float
    given: tuple[str, ...] = field(default=(), repr=False)
    initials: str = field(default="", repr=False)
    particle: str = field(default="", repr=False)
    surname: str = field(default="", repr=False)
    title: str = ""
    rule: str = ""
    key: str = field(default="", compare=False, repr=False)

    @property
    def professional_title(self) -> bool:
        return self.title in professional_titles()


class NameParts(NamedTuple):
    """The parts of a name, folded to lower case without diacritics (initials upper case)."""

    given: tuple[str, ...]
    initials: str
    particle: str
    surname: str

    @classmethod
    def given_only(cls, word: str) -> NameParts:
        return cls((fold(word),), "", "", "")


def mention(
    start: int, end: int, score: float, parts: NameParts, rule: str, title: str = ""
) -> PersonMention:
    return PersonMention(
        start=start,
        end=end,
        score=score,
        given=parts.given,
        initials=parts.initials,
        particle=parts.particle,
        surname=parts.surname,
        title=title,
        rule=rule,
    )
