"""Finding Dutch person names in running text, and tying later mentions to earlier ones.

No Dutch spaCy pipeline with named-entity recognition can be installed here, so names are
found the way a careful reader finds them in a Dutch letter: Dutch capitalises proper
nouns only, so a capitalised word inside a sentence is a proper noun, and what stands
around it says whether it is a person. Each of these is one named rule:

- text rules (`text_rules.py`), over the whole text first: a surname before initials
  (``Vries, J.H. de``), a bank's upper-case name (``B VOS-VAN DER WAL``);
- token rules (`rules.py`, in `TOKEN_RULES` order), at every word: a title or form of
  address (``dhr.``, ``de heer``, ``dr.``), a form field or signature (``Naam: ...``,
  ``Met vriendelijke groet,\\n<name>``), an organisation (skipped), a word for a relation
  (``haar vriend Gerrit``), initials (``J.H. de Vries``), a known first name (``Gerrit
  Jansen``), an Arabic article (``El Idrissi``), a particle before a known surname (``de
  Wit``), a lone known surname (``zei Jansen``), upper-case names (``A NOWAK``);
- coreference (`cluster.py`): a mention of someone already named (``Jansen``, ``Lotte``).

Each mention carries the parts of the name (given names, initials, particle, surname)
folded to lower case without diacritics, so roles can be matched against the case file.
The word lists are in ``zeef/classifiers/lexicons/`` (`vocabulary.py` reads them).
"""

from __future__ import annotations

from zeef.classifiers import budget
from zeef.classifiers.person_names.cluster import cluster
from zeef.classifiers.person_names.context import Context
from zeef.classifiers.person_names.mention import PersonMention
from zeef.classifiers.person_names.rules import (
    TOKEN_RULES,
    WORD_KINDS,
    Found,
    TokenRule,
    Verdict,
)
from zeef.classifiers.person_names.spans import Spans
from zeef.classifiers.person_names.text_rules import TEXT_RULES
from zeef.classifiers.person_names.vocabulary import particle_words

__all__ = ["PARTICLE_WORDS", "PersonMention", "find_person_mentions", "token_mentions"]


def __getattr__(name: str) -> object:
    # PARTICLE_WORDS is read from lexicons/name_particles.txt on first use.
    if name == "PARTICLE_WORDS":
        return particle_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def token_mentions(text: str, rules: tuple[TokenRule, ...] = TOKEN_RULES) -> list[PersonMention]:
    """The names the token rules find, left to right: at each word not inside a name
    already found, the first rule (of those for its kind of token) that answers decides."""
    ctx = Context(text)
    toks = ctx.toks
    by_kind = {kind: [r.find for r in rules if kind in r.kinds] for kind in WORD_KINDS}
    out: list[PersonMention] = []
    taken_until = -1
    i = 0
    while i < len(toks):
        if i % 4096 == 0:
            budget.check()
        tok = toks[i]
        if tok.start < taken_until or tok.kind not in by_kind:
            i += 1
            continue
        outcome = None
        for find in by_kind[tok.kind]:
            outcome = find(ctx, i)
            if outcome is not None:
                break
        if isinstance(outcome, Found):
            out.append(outcome.mention)
            taken_until = outcome.mention.end
            i = outcome.next
        elif outcome is Verdict.SKIP_RUN:
            i += 1
            while i < len(toks) and toks[i].kind in ("cap", "upper"):
                i += 1
        else:
            i += 1
    return out


def find_person_mentions(text: str) -> list[PersonMention]:
    """All person-name mentions in `text`, in order, each with a person key."""
    # The text rules' names win over token-rule mentions that overlap them; a bank name
    # only where it covers more than what overlaps it.
    first: list[PersonMention] = []
    for rule in TEXT_RULES:
        first += rule.find(text, first)
    budget.check()
    firsts = Spans(first)
    found = [
        m
        for m in token_mentions(text)
        if not any(
            f.rule != "bank" or f.end - f.start > m.end - m.start
            for f in firsts.overlapping(m.start, m.end)
        )
    ]
    founds = Spans(found)
    found += [f for f in first if not founds.any_overlapping(f.start, f.end)]
    found.sort(key=lambda m: m.start)
    budget.check()
    return cluster(found, text)
