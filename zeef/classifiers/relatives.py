"""Relatives: a name introduced as someone's relative, and a child's case.

A family member is a third party in the subject's copy (FAQ Q24), also when they share
the subject's surname: "zijn vader Van Dam" is not the subject Daan van Dam, and
"dochter Femke Smit, casemanager ..." is no professional. In a child's case "de heer Van
Dam" (a form of address for adults) with the surname alone is a parent. The relatives'
nouns are `lexicons/relatives.txt`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from zeef.classifiers.lexicon import own_list
from zeef.classifiers.person_names import PersonMention

# Forms of address for adults: with only the surname, in a child's case, a parent.
ADULT_TITLES = frozenset({"de heer", "dhr.", "dhr", "meneer", "mijnheer", "heer", "mevrouw",
                          "mevr.", "mevr", "mw.", "mw"})  # fmt: skip
_MINOR_BELOW = 16  # years of age
# In a child's case a child's noun may introduce the subject ("Naam kind: Van Dam").
_CHILD_NOUNS = frozenset({"zoon", "dochter", "zoontje", "dochtertje", "stiefzoon", "stiefdochter",
                          "kind", "kinderen", "pleegkind", "kleinkind", "kleinzoon",
                          "kleindochter"})  # fmt: skip


def is_minor(birth: str | None, today: date | None = None) -> bool:
    """Is someone born on `birth` (ISO) younger than 16 today?"""
    if birth is None:
        return False
    born, today = date.fromisoformat(birth), today or date.today()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < _MINOR_BELOW


@cache
def _relative_before() -> re.Pattern[str]:
    """A relative's noun right before a name on its line: "vader (de heer ...",
    "dochter Femke ...", "Moeder: ..."."""
    words = "|".join(re.escape(w) for w in sorted(own_list("relatives.txt"), key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{words})[ \t]*[(:,]?[ \t]*\Z")


def named_as_relative(text: str, m: PersonMention) -> str | None:
    """The relative's noun the name is introduced with ("zijn vader Van Dam": "vader")."""
    found = _relative_before().search(text, max(0, m.start - 40), m.start)
    return re.match(r"[\w-]+", found.group()).group().lower() if found else None


def not_subject_as_relative(text: str, m: PersonMention, subject_is_minor: bool) -> bool:
    """Is a mention of the surname alone introduced as a relative ("vader Van Dam"), and
    so not the subject? In a child's case not after a child's noun ("kind: Van Dam")."""
    if m.given or m.initials:
        return False
    noun = named_as_relative(text, m)
    return noun is not None and not (subject_is_minor and noun in _CHILD_NOUNS)
