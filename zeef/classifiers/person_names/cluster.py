"""Tying mentions together: a person key for every mention, and later bare mentions.

A person is keyed by surname and full given name, or initial: "Jakub Mazur" and "J.
Mazur" may be two people (a son and his mother), so they stay apart. A bare surname or
given name that a fuller mention introduced elsewhere in the text joins that person
(rule "coreference" for a bare word no token rule found: "Volgens Lotte rijdt Jansen").
"""

from __future__ import annotations

import re

from zeef.classifiers import budget, lexicon
from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names.mention import PersonMention
from zeef.classifiers.person_names.spans import Spans
from zeef.classifiers.person_names.tokens import is_sentence_start, tokenize


def cluster(mentions: list[PersonMention], text: str) -> list[PersonMention]:
    """Give every mention a person key, and find later bare mentions of known names."""
    persons: dict[str, PersonMention] = {}
    by_surname: dict[str, set[str]] = {}
    by_given: dict[str, set[str]] = {}
    keyed: list[PersonMention] = []
    for m in mentions:
        first = m.given[0] if m.given else m.initials[:1].lower()
        key = f"{m.surname}|{first}" if m.surname else f"|{m.given[0] if m.given else ''}"
        keyed.append(_with_key(m, key))
        if m.surname:
            persons.setdefault(key, m)
            by_surname.setdefault(m.surname, set()).add(key)
            for g in m.given:
                by_given.setdefault(g, set()).add(key)
    keyed = _call_names(text, keyed)
    # Resolve given-name-only and surname-only mentions to a unique fuller mention.
    resolved: list[PersonMention] = []
    for m in keyed:
        single = None
        if not m.surname and len(m.given) == 1 and not m.initials:
            single = m.given[0]
        elif m.surname and not m.given and not m.initials:
            single = m.surname
        if single is not None:
            # A lone word joins the unique person it names, as given name or surname.
            for table in (by_given, by_surname) if not m.surname else (by_surname,):
                keys = table.get(single, ())
                if len(keys) == 1:
                    m = _with_key(m, next(iter(keys)))
                    break
        resolved.append(m)
    resolved += _bare_mentions(text, resolved, persons, by_surname, by_given)
    resolved.sort(key=lambda m: m.start)
    return resolved


# Between a name and the name the person is called by: "J. Bakker (roepnaam Jopie)".
_CALLED = re.compile(r"[ \t]*[(,]?[ \t]*(?:roepnaam|ook wel|alias)[ \t]*:?[ \t]*", re.IGNORECASE)


def _call_names(text: str, keyed: list[PersonMention]) -> list[PersonMention]:
    """A given name right after a name and "roepnaam" is the same person's."""
    out = keyed[:1]
    for m in keyed[1:]:
        before = out[-1]
        if (
            m.given
            and not m.surname
            and before.surname
            and _CALLED.fullmatch(text, before.end, m.start)
        ):
            m = _with_key(m, before.key)
        out.append(m)
    return out


def _with_key(m: PersonMention, key: str) -> PersonMention:
    # Not dataclasses.replace: this runs for every mention, and replace is slower.
    return PersonMention(
        start=m.start,
        end=m.end,
        score=m.score,
        given=m.given,
        initials=m.initials,
        particle=m.particle,
        surname=m.surname,
        title=m.title,
        rule=m.rule,
        key=key,
    )


def _bare_mentions(
    text: str,
    found: list[PersonMention],
    persons: dict[str, PersonMention],
    by_surname: dict[str, set[str]],
    by_given: dict[str, set[str]],
) -> list[PersonMention]:
    """Bare later mentions of a known surname or given name ("Jansen", "Lotte"), where the
    word names one person only. Not a common word at a sentence's start ("Roos was ...")."""
    words: dict[str, str] = {}
    for name, keys in by_surname.items():
        if len(keys) == 1:
            words[name] = next(iter(keys))
    for name, keys in by_given.items():
        if len(keys) == 1 and name not in words:
            words[name] = next(iter(keys))
    if not words:
        return []
    covered = Spans(found)
    out = []
    for n, tok in enumerate(tokenize(text)):
        if n % 4096 == 0:
            budget.check()
        if tok.kind not in ("cap", "upper"):
            continue
        f = fold(tok.text)
        key = words.get(f)
        if key is None or covered.covers(tok.start):
            continue
        if f in lexicon.common_words() and is_sentence_start(text, tok.start):
            continue
        base = persons[key]
        is_surname = f == base.surname
        out.append(
            PersonMention(
                start=tok.start,
                end=tok.end,
                score=0.7,
                given=() if is_surname else (f,),
                surname=base.surname if is_surname else "",
                particle="",
                rule="coreference",
                key=key,
            )
        )
    return out
