"""What the rules see of a text: its tokens, its form fields and closings, and the
shared matchers (a title, a particle, the body of a name) they build on."""

from __future__ import annotations

import re

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names.mention import NameParts
from zeef.classifiers.person_names.tokens import tokenize
from zeef.classifiers.person_names.vocabulary import (
    closing_re,
    field_re,
    is_place,
    is_street,
    known_first,
    name_word_ok,
    particle_index,
    title_index,
)


class Context:
    """One text, tokenised, with where its form fields' values and signatures start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.low = [t.text.lower().replace("’", "'") for t in self.toks]
        self.field_starts = {m.end() for m in field_re().finditer(text)}
        self.closing_ends = {m.end() for m in closing_re().finditer(text)}

    def _match_words(self, i: int, index: dict[str, list[str]]) -> tuple[str, int] | None:
        """Match one of several (possibly multi-word) lower-case phrases at token i."""
        low = self.low
        if i >= len(low):
            return None
        for opt in index.get(low[i].rstrip("."), ()):
            j = i
            for w in opt.split(" "):
                if j >= len(low):
                    break
                t = low[j]
                if w.endswith(".") and t + "." == w and j + 1 < len(low) and low[j + 1] == ".":
                    j += 2
                    continue
                if t != w:
                    break
                j += 1
            else:
                return opt, j
        return None

    def title_at(self, i: int) -> tuple[str, int] | None:
        """A title or form of address at token i, and the index after it."""
        return self._match_words(i, title_index())

    def particle_at(self, i: int) -> tuple[str, int] | None:
        """A name particle at token i, and the index after it."""
        return self._match_words(i, particle_index())

    def name_body(self, i: int, anchored: bool) -> tuple[NameParts, int] | None:
        """Parse [given names | initials] [particle] surname from token i.

        Returns the parts and the index after the name, or None. With `anchored` (a title
        or field label stood before), a single capitalised word is accepted as a surname.
        """
        toks = self.toks
        given: list[str] = []
        initials = ""
        j = i
        while j < len(toks) and toks[j].kind == "ini":
            initials += re.sub(r"[.\s]", "", toks[j].text)
            j += 1
        if not initials:
            while j < len(toks) and toks[j].kind in ("cap", "upper") and "-" not in toks[j].text:
                word = toks[j].text
                if not known_first(word):
                    break
                # Stop if the next token cannot continue a name: this word is the surname.
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if nxt is None or (nxt.kind not in ("cap", "upper", "low", "ini")):
                    break
                if nxt.kind == "low" and not self.particle_at(j + 1):
                    break
                given.append(word)
                j += 1
        particle = ""
        p = self.particle_at(j)
        if p is not None:
            cand = p[1]
            if cand < len(toks) and toks[cand].kind in ("cap", "upper"):
                particle, j = p[0], cand
        if j < len(toks) and toks[j].kind in ("cap", "upper"):
            word = toks[j].text
            folded = fold(word)
            if (
                is_street(folded)
                or folded in lexicon.organisations()
                or (folded in lexicon.not_names() and not particle)
            ):
                pass
            elif name_word_ok(word) or particle or anchored or initials:
                if not (is_place(word) and not (anchored or initials or given or particle)):
                    parts = NameParts(
                        tuple(fold(g) for g in given),
                        initials.upper(),
                        particle.lower(),
                        fold(word),
                    )
                    return parts, j + 1
        if given and (anchored or initials):
            # "mevrouw Lotte" / "Gerrit" after a relation word: given name only.
            return NameParts(tuple(fold(g) for g in given), initials.upper(), "", ""), j
        return None
