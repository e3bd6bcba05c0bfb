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
    field_label_words,
    field_re,
    is_place,
    is_street,
    known_first,
    name_word_ok,
    particle_index,
    title_index,
)

_MAX_GIVEN = 5  # given names before a surname ("Johannes Cornelis Maria Petrus")
_GIVEN_LABEL = re.compile(r"(?i)[ \t]*(?:voornamen|voornaam|given names?|roepnaam)\b")


class Context:
    """One text, tokenised, with where its form fields' values and signatures start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.low = [t.text.lower().replace("’", "'") for t in self.toks]
        fields = list(field_re().finditer(text))
        self.field_starts = {m.end() for m in fields}
        # Fields that hold given names only ("Voornamen: GERARDA JOHANNA").
        self.given_field_starts = {m.end() for m in fields if _GIVEN_LABEL.match(m.group())}
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

    def _unknown_given_at(self, j: int, anchored: bool) -> bool:
        """A capitalised word no list knows as a first name, right before initials on
        the same line, where a name is expected: a given name ("Quintella R. ...")."""
        toks = self.toks
        if not anchored or j + 1 >= len(toks) or toks[j].kind != "cap":
            return False
        if toks[j + 1].kind != "ini" or self.text[toks[j].end : toks[j + 1].start] != " ":
            return False  # one blank between: not a label's column ("Cliënt<TAB>E. ...")
        word = toks[j].text
        if "-" in word or fold(word) in field_label_words():
            return False  # "Cliënt E. van Dijk": a label without its colon
        return name_word_ok(word) and not is_place(word)

    def given_names(self, i: int) -> tuple[NameParts, int] | None:
        """The capitalised words from token i to the line's end (at most four), all
        given names: the value of a given-names field."""
        toks = self.toks
        j = i
        while j < len(toks) and j - i < 4 and toks[j].kind in ("cap", "upper"):
            if not name_word_ok(toks[j].text) or is_place(toks[j].text):
                return None
            j += 1
        if j == i or (j < len(toks) and toks[j].kind not in ("nl", "p")):
            return None
        return NameParts(tuple(fold(t.text) for t in toks[i:j]), "", "", ""), j

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
            while (
                j < len(toks)
                and j - i < _MAX_GIVEN  # bounded: a run of names is not re-read at each word
                and toks[j].kind in ("cap", "upper")
                and "-" not in toks[j].text
            ):
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
            if self._unknown_given_at(j, anchored or bool(given)):
                given.append(toks[j].text)  # "Naam: Quintella R. Feddema"
                j += 1
            if given:  # middle initials: "Wobbe E. Hoogland"
                while j < len(toks) and toks[j].kind == "ini":
                    initials += re.sub(r"[.\s]", "", toks[j].text)
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
