"""Whose ID copy is it: the case subject's own, someone else's, or not known.

Only the subject's own identity document establishes the subject's identity (Pw art. 17
lid 3, Wmo 2015 art. 2.3.4); another person's number belongs in neither the letter nor
the record. `holder_match` compares what the document says of its holder (the zone's
name field and birth date, a driving licence's fields 1 to 3: `IdDocument.holder`,
transient) with the case file's subject:

1. **Birth date**, when both are known (the zone's only when its check digit passed):
   equal → the subject; different → someone else.
2. Otherwise the **surname**: the zone's surname words (split on '<', particles such as
   DE, VAN, TEN, EL, 'T left out) against the words of the subject's name, folded to
   ASCII upper case (Ö → O or OE, ß → SS, ł → L ...; hyphenated and double names word
   by word, particles joined on as the zone may write them: ELAMRANI). A word of at least
   three letters must match:
   - one matches: the subject, unless the given names are readable on both sides and
     share nothing (no word, no initial, no known short form such as Henk for Hendrik,
     no first three letters: Gerda for Gerarda): then a relative with the same surname
     may be meant, and a person looks (unknown);
   - none matches, but a word is one letter off (an OCR misread) or unreadable, or the
     given names match (a married name in the case file): unknown;
   - none matches at all: someone else.
3. Nothing readable (no name, no birth date): unknown.

The caller sends `UNKNOWN` to review (`id_document_holder_unknown`) and notes nothing of
`OTHER` (`id_document_not_subject`). Nothing here logs, and nothing read is kept.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from zeef.classifiers.id_document.document import Holder
from zeef.domain.case import Subject


class HolderMatch(StrEnum):
    SUBJECT = "subject"  # the subject's own document
    OTHER = "other"  # someone else's
    UNKNOWN = "unknown"  # cannot tell: a person looks


# Letters NFKD does not take apart, as ICAO 9303 (part 3, 6.A) transliterates them; the
# umlauts and Å also have a two-letter form (Ä → AE), besides the plain letter.
_SINGLE = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})
_TWO_LETTER = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "Å": "AA", "Ø": "OE", "Æ": "AE", "Œ": "OE",
               "ß": "SS", "Þ": "TH", "Ĳ": "IJ"}  # fmt: skip
_WORD = re.compile(r"[A-Z]+")


def _ascii_upper(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SINGLE))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.upper().replace("ß", "SS").replace("Æ", "AE").replace("Œ", "OE")


def name_words(name: str) -> list[list[str]]:
    """The words of a name as written in a case file, folded to ASCII upper case, each
    with its alternatives ("Müller" -> [["MULLER", "MUELLER"]])."""
    out = []
    for word in re.split(r"[\s\-‐–'’`.,/]+", name.strip()):
        if not word:
            continue
        forms = {"".join(_WORD.findall(_ascii_upper(word)))}
        upper = word.upper()
        if any(ch in _TWO_LETTER for ch in upper):
            forms.add("".join(_WORD.findall(_ascii_upper("".join(
                _TWO_LETTER.get(ch, ch) for ch in upper)))))  # fmt: skip
        forms.discard("")
        if forms:
            out.append(sorted(forms))
    return out


@cache
def _particles() -> frozenset[str]:
    from zeef.classifiers.person_names import PARTICLE_WORDS

    return frozenset(w for p in PARTICLE_WORDS for w in [re.sub(r"[^A-Z]", "", p.upper())] if w)


def _zone_words(field: str) -> list[str]:
    return [w for w in field.split("<") if w]


def _readable(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _one_off(a: str, b: str) -> bool:
    """Whether a and b differ in one letter (changed, lost or added)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _SubjectName:
    """The subject's name as sets of ASCII upper-case forms."""

    def __init__(self, name: str) -> None:
        words = name_words(name)
        self.words = {form for forms in words for form in forms}
        # Particles and names run together, as a zone may write them (ELAMRANI, VANDAM).
        plain = [forms[0] for forms in words]
        for size in (2, 3):
            for i in range(len(plain) - size + 1):
                self.words.add("".join(plain[i : i + size]))
        particles = _particles()
        self.given_candidates = {w for w in self.words if w not in particles}
        self.initials = {w for w in self.words if len(w) == 1}
        self.all = "".join(plain)

    def has(self, word: str) -> bool:
        return word in self.words

    def near(self, word: str) -> bool:
        return len(word) >= 4 and any(_one_off(word, w) for w in self.words if len(w) >= 4)


def _variants_of(word: str) -> frozenset[str]:
    from zeef.classifiers import lexicon

    return frozenset(v.upper() for v in lexicon.given_name_variants().get(word.lower(), ()))


def _given_agree(given: list[str], subject: _SubjectName, surname_words: set[str]) -> bool | None:
    """Whether the zone's given names fit the subject's: True, False (they share no
    word, initial or short form), None (cannot tell: unreadable, or the case file gives
    no given name)."""
    zone = [w for w in given if _readable(w)]
    own = subject.given_candidates - surname_words
    if not zone or not own or len(zone) != len(given):
        return None
    for word in zone:
        if word in own or (len(word) >= 4 and subject.near(word)):
            return True
        if word[0] in subject.initials:
            return True
        if _variants_of(word) & own:
            return True
        if len(word) >= 3 and any(len(w) >= 3 and w[:3] == word[:3] for w in own):
            return True  # a short form the list does not know: Gerda for Gerarda
    return False


def _birth_of(subject: Subject) -> str | None:
    iso = subject.birth_date or ""
    m = re.fullmatch(r"\d{2}(\d{2})-(\d{2})-(\d{2})", iso)
    return "".join(m.groups()) if m else None


def holder_match(holder: Holder, subject: Subject) -> HolderMatch:
    """Whether the document whose holder is `holder` is `subject`'s own (module doc)."""
    birth = _birth_of(subject)
    if holder.birth and birth:
        return HolderMatch.SUBJECT if holder.birth == birth else HolderMatch.OTHER
    particles = _particles()
    surname = _zone_words(holder.surname)
    significant = [w for w in surname if w not in particles]
    if not significant:
        return HolderMatch.UNKNOWN
    name = _SubjectName(subject.name)
    forms = set(significant)
    if len(surname) > 1:
        forms |= {"".join(surname), "".join(significant)}
    long = {w for w in forms if len(w) >= 3 and _readable(w)}
    matched = {w for w in long if name.has(w)}
    given = _zone_words(holder.given)
    if matched:
        agree = _given_agree(given, name, set(surname) | set(matched))
        return HolderMatch.UNKNOWN if agree is False else HolderMatch.SUBJECT
    unsure = (
        any(name.near(w) for w in long)
        or any(not _readable(w) for w in significant)
        or not long  # only short words (NG, LI): too little to tell by
    )
    if unsure or _given_agree(given, name, set()) is True:
        return HolderMatch.UNKNOWN
    return HolderMatch.OTHER
