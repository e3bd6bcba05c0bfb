"""Finding Dutch person names in running text, and tying later mentions to earlier ones.

No Dutch spaCy pipeline with named-entity recognition can be installed here, so names are
found the way a careful reader finds them in a Dutch letter: Dutch capitalises proper
nouns only, so a capitalised word inside a sentence is a proper noun, and what stands
around it says whether it is a person:

- a title or form of address: ``dhr.``, ``mevrouw``, ``de heer``, ``dr.`` ...
- initials: ``J.H. de Vries``
- a known first name: ``Gerrit Jansen``, ``Fatima el Amrani``
- a name particle (tussenvoegsel) before a known surname: ``de Wit``, ``van Dijk``
- a word for a relation: ``haar vriend Gerrit``, ``buurman Kees``
- a form field or signature: ``Naam: ...``, ``Met vriendelijke groet,\\n<name>``
- a mention of someone already named: ``Jansen``, ``Lotte``, ``mevrouw De Wit``

Each mention carries the parts of the name (given names, initials, particle, surname)
folded to lower case without diacritics, so roles can be matched against the case file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold

# Particles (tussenvoegsels), longest first so "van der" wins over "van".
_PARTICLES = sorted(
    [
        "van der",
        "van den",
        "van de",
        "van het",
        "van 't",
        "van t",
        "in 't",
        "in het",
        "in den",
        "op de",
        "op den",
        "op het",
        "op 't",
        "aan de",
        "bij de",
        "uit de",
        "de la",
        "van",
        "de",
        "den",
        "der",
        "het",
        "ten",
        "ter",
        "te",
        "'t",
        "el",
        "al",
        "la",
        "le",
        "du",
        "da",
        "dos",
        "di",
        "del",
        "von",
        "zur",
        "d'",
        "l'",
        "v.d.",
    ],
    key=len,
    reverse=True,
)
PARTICLE_WORDS = frozenset(w for p in _PARTICLES for w in p.split())

# Forms of address and titles (matched case-insensitively), longest first.
_TITLES = sorted(
    [
        "de heer",
        "dhr.",
        "dhr",
        "mevrouw",
        "mevr.",
        "mevr",
        "mw.",
        "mw",
        "meneer",
        "mijnheer",
        "mej.",
        "mr.",
        "dr.",
        "drs.",
        "ir.",
        "ing.",
        "prof.",
        "prof. dr.",
        "fam.",
        "familie",
        "juffrouw",
        "zuster",
        "dokter",
        "heer",
    ],
    key=len,
    reverse=True,
)


def _index(phrases: list[str]) -> dict[str, list[str]]:
    """Phrases by their first word (without a final dot), longest phrase first."""
    out: dict[str, list[str]] = {}
    for phrase in phrases:
        out.setdefault(phrase.split(" ")[0].rstrip("."), []).append(phrase)
    return out


_TITLE_INDEX = _index(_TITLES)
_PARTICLE_INDEX = _index(_PARTICLES)

_PROFESSIONAL_TITLES = {"dr.", "drs.", "prof.", "prof. dr.", "dokter", "mr.", "ir.", "ing."}

# Words for a relation after which a capitalised word is a person's name.
_RELATIONS = (
    "buurman|buurvrouw|buren|bovenbuurman|bovenbuurvrouw|onderbuurman|onderbuurvrouw|"
    "vriend|vriendin|vriendje|vriendinnetje|ex|ex-partner|ex-man|ex-vrouw|partner|"
    "man|vrouw|echtgenoot|echtgenote|zoon|dochter|broer|zus|zuster|moeder|vader|"
    "oom|tante|neef|nicht|opa|oma|schoonmoeder|schoonvader|zwager|schoonzus|"
    "stiefvader|stiefmoeder|huisbaas|verhuurder|hospita|kennis|collega|werkgever|"
    "baas|vriendje|kind|kinderen|genaamd|heet|heette|namelijk|genoemd|mantelzorger|"
    "contactpersoon|jeugdige|pleegkind|pleegouder|kleinkind|kleinzoon|kleindochter"
)

# After these words "de X" / "den X" is a place ("in de Bilt", "naar Den Haag").
_PLACE_PREPOSITIONS = {"in", "naar", "uit", "te", "bij", "vanuit", "richting", "omgeving", "nabij"}

_FIELD_LABELS = (
    "naam|volledige naam|naam aanvrager|naam cliënt|naam client|naam klant|naam melder|"
    "naam partner|naam kind|naam ouder|naam rekeninghouder|rekeninghouder|ten name van|"
    "t\\.n\\.v\\.|tnv|voornaam|voornamen|achternaam|geslachtsnaam|voorletters|patiënt|"
    "patient|cliënt|client|betrokkene|aanvrager|melder|huisarts|behandelaar|"
    "contactpersoon|eerste contactpersoon|tweede contactpersoon|behandeld door|"
    "medisch adviseur|consulent|klantmanager|jeugdige|naam jeugdige|kind|kinderen|"
    "mantelzorger|partner|echtgenoot|echtgenote|ouder|moeder|vader|gezaghebbende ouder|"
    "verhuurder|huurder|begunstigde|tegenpartij|naam tegenpartij|naam begunstigde|"
    "casemanager|ondertekend|handtekening|van|aan|cc|surname|given names|name"
)
# A form field: the label, then a colon, a tab or a run of spaces, then the value.
_FIELD_RE = re.compile(
    rf"(?im)^[ \t]*(?:{_FIELD_LABELS})(?:[ \t]*/[ \t]*[a-z ]+)?"
    r"(?:[ \t]*:[ \t]*|\t+[ \t]*| {2,})"
)
_CLOSING_RE = re.compile(
    r"(?im)^[ \t]*(?:met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|"
    r"hoogachtend|met hartelijke groet(?:en)?|hartelijke groet(?:en)?|groet(?:en|jes)?|"
    r"mvg|m\.vr\.gr\.|liefs|namens [^\n]{0,60}?)[ \t]*,?[ \t]*\n(?:[ \t]*\n)?"
)

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽŁŚŻŹĆŃÇŞĞİ"
_LOWER = "a-zß-öø-ÿā-žłśżźćńçşğı"
_CAP = rf"[{_UPPER}][{_LOWER}]+(?:['’][{_LOWER}]+)?"
_TOKEN_RE = re.compile(
    rf"(?P<ini>(?:[{_UPPER}][{_LOWER}]?\.[ \t]?){{1,6}}(?![{_LOWER}])"
    rf"|(?:[{_UPPER}][ \t]){{1,3}}(?=[{_UPPER}]{{2}}))"
    # A double surname joins with a hyphen ("Jansen-de Boer"); a spaced dash does not
    # ("Joyce Brouwer - Spreekt goed Nederlands").
    rf"|(?P<cap>{_CAP}(?:-(?:(?:[{_LOWER}]+[ \t])*{_CAP}))*)"
    rf"|(?P<upper>[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)"
    rf"|(?P<low>[{_LOWER}]+(?:['’][{_LOWER}]+)?\.?|['’][t]|[dl]['’])"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\s\w])"
    r"|(?P<num>\d+)"
)


_SKIP_CAPITALISED = object()


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
        return self.title in _PROFESSIONAL_TITLES


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int


def _tokenize(text: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "p", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    ]


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return True
    return text[i] in ".!?:;\n\"'“‘-•*>"


_STREET_SUFFIX = re.compile(
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dreef|steeg|pad|plantsoen|boulevard|"
    r"markt|erf|hof|park|veld|dijk|kamp)$"
)


def _name_word_ok(word: str) -> bool:
    """A capitalised word that may be part of a name (not a known non-name)."""
    f = fold(word)
    return (
        f not in lexicon.common_words()
        and f not in PARTICLE_WORDS
        and f not in lexicon.organisations()
        and not _is_street(f)
    )


def _is_street(folded: str) -> bool:
    """'hiddesstraat', 'bolkesteinlaan': a street, unless a known surname ('van dijk')."""
    m = _STREET_SUFFIX.search(folded)
    return bool(m) and len(folded) > len(m.group()) + 2 and folded not in lexicon.surnames()


def _known_first(word: str) -> bool:
    f = fold(word)
    return f in lexicon.first_names() and f not in lexicon.common_words()


def _known_surname(word: str) -> bool:
    return all(fold(part) in lexicon.surnames() for part in re.split(r"\s*-\s*", word) if part)


def _is_place(word: str) -> bool:
    return fold(word) in lexicon.place_names()


def _is_place_phrase(words: list[str]) -> bool:
    """Is a tail of two or more of these words a place? ("in den Haag" -> "den Haag")."""
    return any(_is_place(" ".join(words[i:])) for i in range(len(words) - 1))


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.low = [t.text.lower().replace("’", "'") for t in self.toks]

    # -- small matchers -------------------------------------------------------------
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
        return self._match_words(i, _TITLE_INDEX)

    def particle_at(self, i: int) -> tuple[str, int] | None:
        return self._match_words(i, _PARTICLE_INDEX)

    # -- the name body after an optional anchor ---------------------------------------
    def name_body(self, i: int, anchored: bool) -> tuple[dict, int] | None:
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
                if not _known_first(word):
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
                _is_street(folded)
                or folded in lexicon.organisations()
                or (folded in lexicon.not_names() and not particle)
            ):
                pass
            elif _name_word_ok(word) or particle or anchored or initials:
                if not (_is_place(word) and not (anchored or initials or given or particle)):
                    return (
                        {
                            "given": tuple(fold(g) for g in given),
                            "initials": initials.upper(),
                            "particle": particle.lower(),
                            "surname": fold(word),
                        },
                        j + 1,
                    )
        if given and (anchored or initials):
            # "mevrouw Lotte" / "Gerrit" after a relation word: given name only.
            return {
                "given": tuple(fold(g) for g in given),
                "initials": initials.upper(),
                "particle": "",
                "surname": "",
            }, j
        return None

    def mentions(self) -> list[PersonMention]:
        toks = self.toks
        out: list[PersonMention] = []
        taken_until = -1
        field_starts = {m.end() for m in _FIELD_RE.finditer(self.text)}
        closing_ends = {m.end() for m in _CLOSING_RE.finditer(self.text)}
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.start < taken_until or tok.kind in ("nl", "p", "num"):
                i += 1
                continue
            m = self._mention_at(i, tok, field_starts, closing_ends)
            if m is _SKIP_CAPITALISED:
                # An organisation's name: skip its capitalised words ("Albert Heijn").
                i += 1
                while i < len(toks) and toks[i].kind in ("cap", "upper"):
                    i += 1
                continue
            if m is not None:
                mention, nxt = m
                out.append(mention)
                taken_until = mention.end
                i = nxt
            else:
                i += 1
        return out

    def _mention_at(self, i, tok, field_starts, closing_ends):
        toks = self.toks
        text = self.text
        # Only blanks between the line's start (or a field label) and this token?
        blank_from = _blank_run_start(text, tok.start)
        at_field = tok.start in field_starts or blank_from in field_starts
        at_signature = tok.start in closing_ends or blank_from in closing_ends
        # 1. Title + name.
        t = self.title_at(i)
        if t is not None:
            title, j = t
            body = self.name_body(j, anchored=True)
            if body is not None and body[1] > j:
                parts, end_i = body
                word = toks[j].text
                if end_i == j + 1 and _known_first(word) and not _known_surname(word):
                    parts = {"given": (fold(word),), "initials": "", "particle": "", "surname": ""}
                return self._make(
                    tok.start, toks[end_i - 1].end, 0.85, parts, title, "title"
                ), end_i
        # 2. Field label or signature line: the rest of the line, if it looks like a name.
        if at_field or at_signature:
            end_i = _line_name_end(toks, i)
            if end_i > i:
                body = self.name_body(i, anchored=True)
                if body is not None and body[1] > i:
                    parts, end_b = body
                    rule = "field" if at_field else "signature"
                    return self._make(tok.start, toks[end_b - 1].end, 0.8, parts, "", rule), end_b
        if tok.kind in ("cap", "upper") and _starts_organisation(toks, i):
            return _SKIP_CAPITALISED
        # 3. Relation word + name: "haar vriend Gerrit", "buurman Kees de Boer".
        if (
            tok.kind in ("cap", "upper")
            and i > 0
            and re.fullmatch(_RELATIONS, toks[i - 1].text.lower())
        ):
            if _name_word_ok(tok.text) and not _is_place(tok.text):
                body = self.name_body(i, anchored=True)
                if body is not None and body[1] > i:
                    parts, end_b = body
                    if end_b == i + 1 and _known_first(tok.text) and not _known_surname(tok.text):
                        parts = {
                            "given": (fold(tok.text),),
                            "initials": "",
                            "particle": "",
                            "surname": "",
                        }
                    return self._make(
                        tok.start, toks[end_b - 1].end, 0.7, parts, "", "relation"
                    ), end_b
                # A single capitalised word after a relation word is a given name.
                parts = {"given": (fold(tok.text),), "initials": "", "particle": "", "surname": ""}
                return self._make(tok.start, tok.end, 0.7, parts, "", "relation"), i + 1
        # 4. Initials + [particle] + surname.
        if tok.kind == "ini":
            body = self.name_body(i, anchored=False)
            if body is not None and body[1] > i + 1:
                parts, end_b = body
                single = len(parts["initials"]) == 1 and not parts["particle"]
                if (
                    single
                    and _is_sentence_start(text, tok.start)
                    and (parts["surname"] not in lexicon.surnames())
                ):
                    return None  # "A. Gegevens aanvrager": an enumerated heading
                return self._make(tok.start, toks[end_b - 1].end, 0.8, parts, "", "initials"), end_b
            return None
        # 5. Known first name(s) + [particle] + surname, or a lone known first name.
        if tok.kind in ("cap", "upper") and _known_first(tok.text):
            body = self.name_body(i, anchored=False)
            if body is not None and body[1] > i + 1:
                parts, end_b = body
                score = 0.8 if parts["surname"] else 0.6
                return self._make(
                    tok.start, toks[end_b - 1].end, score, parts, "", "first_name"
                ), end_b
            nxt_tok = toks[i + 1] if i + 1 < len(toks) else None
            if nxt_tok is not None and nxt_tok.kind == "cap" and _is_street(fold(nxt_tok.text)):
                return None  # "Tjerk Hiddesstraat": a street named after a person
            if "-" not in tok.text and not _is_place(tok.text) and _name_word_ok(tok.text):
                parts = {"given": (fold(tok.text),), "initials": "", "particle": "", "surname": ""}
                if not _is_sentence_start(text, tok.start):
                    return self._make(tok.start, tok.end, 0.55, parts, "", "first_name"), i + 1
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and (
                    (nxt.kind == "low" and not self.particle_at(i + 1)) or nxt.text == ","
                ):
                    # "Esther wil ...": a known given name as a sentence's subject.
                    return self._make(tok.start, tok.end, 0.5, parts, "", "first_name"), i + 1
        # 5b. Arabic article + surname: "El Idrissi", "Al Khatib".
        if tok.kind == "cap" and tok.text in ("El", "Al") and i + 1 < len(toks):
            nxt = toks[i + 1]
            if nxt.kind == "cap" and _name_word_ok(nxt.text) and not _is_place(nxt.text):
                parts = {
                    "given": (),
                    "initials": "",
                    "particle": tok.text.lower(),
                    "surname": fold(nxt.text),
                }
                return self._make(tok.start, nxt.end, 0.6, parts, "", "particle"), i + 2
        # 6. Particle + known surname inside a sentence: "de Wit", "van Dijk".
        if tok.kind in ("low", "cap") and not _is_sentence_start(text, tok.start):
            p = self.particle_at(i)
            if p is not None and p[1] < len(toks) and toks[p[1]].kind == "cap":
                word = toks[p[1]].text
                before = toks[i - 1].text.lower() if i > 0 else ""
                after = toks[p[1] + 1] if p[1] + 1 < len(toks) else None
                if after is not None and after.kind == "cap" and _known_first(word):
                    return None  # "van Lotte Bakker": a given name follows the particle
                if (
                    fold(word) in lexicon.particle_surnames()
                    and not _is_place_phrase(p[0].split() + [word])
                    and fold(word) not in lexicon.municipalities()
                    and fold(word) not in lexicon.organisations()
                    and fold(word) not in lexicon.not_names()
                    and before not in _PLACE_PREPOSITIONS
                ):
                    parts = {"given": (), "initials": "", "particle": p[0], "surname": fold(word)}
                    return self._make(tok.start, toks[p[1]].end, 0.6, parts, "", "particle"), p[
                        1
                    ] + 1
        # 7. A known surname alone inside a sentence: "(Bakker)", "zei Jansen".
        if tok.kind == "cap" and not _is_sentence_start(text, tok.start):
            f = fold(tok.text)
            if (
                f in lexicon.surnames()
                and _name_word_ok(tok.text)
                and not _is_place(tok.text)
                and f not in lexicon.first_names()
            ):
                parts = {"given": (), "initials": "", "particle": "", "surname": f}
                return self._make(tok.start, tok.end, 0.45, parts, "", "surname"), i + 1
        # 8. Upper-case names as banks and ID documents print them: "A NOWAK", "YILDIZ, A.".
        if tok.kind == "upper":
            return self._upper_name(i)
        return None

    def _upper_name(self, i: int):
        toks = self.toks
        j = i
        words: list[str] = []
        while j < len(toks) and j - i < 4 and toks[j].kind == "upper":
            if "\n" in self.text[toks[j - 1].end : toks[j].start] and j > i:
                break
            words.append(toks[j].text)
            j += 1
        folded = [fold(w) for w in words]
        if any(
            f in lexicon.common_words()
            or f in lexicon.organisations()
            or f in lexicon.not_names()
            or _is_place(f)
            for f in folded
        ):
            return None
        surname = next((f for f in reversed(folded) if f in lexicon.surnames()), None)
        given = tuple(f for f in folded if f in lexicon.first_names() and f != surname)
        if surname is None or (not given and len(folded) > 1 and not _known_surname(words[-1])):
            return None
        start, end = toks[i].start, toks[j - 1].end
        # A lone initial before or after ("A NOWAK", "NOWAK A").
        initials = ""
        prev = self.text[max(0, start - 3) : start]
        m = re.fullmatch(r"(?:^|.*\s)([A-Z])\.?\s", prev) if prev else None
        if m:
            initials = m.group(1)
            start = start - len(prev) + prev.index(m.group(1))
        if not given and not initials and len(folded) == 1 and folded[0] in lexicon.first_names():
            return None
        parts = {"given": given, "initials": initials, "particle": "", "surname": surname}
        return self._make(start, end, 0.6, parts, "", "upper"), j

    def _make(self, start, end, score, parts, title, rule) -> PersonMention:
        return PersonMention(
            start=start,
            end=end,
            score=score,
            given=parts["given"],
            initials=parts["initials"],
            particle=parts["particle"],
            surname=parts["surname"],
            title=title,
            rule=rule,
        )


def _starts_organisation(toks: list[_Tok], i: int) -> bool:
    orgs = lexicon.organisations()
    first = fold(toks[i].text)
    if first in orgs:
        return True
    return i + 1 < len(toks) and f"{first} {fold(toks[i + 1].text)}" in orgs


def _blank_run_start(text: str, pos: int) -> int:
    """Where the run of spaces and tabs that ends at `pos` starts."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i


def _line_name_end(toks: list[_Tok], i: int) -> int:
    """Index after the run of name-like tokens on this line (at most 8)."""
    j = i
    while j < len(toks) and j - i < 8 and toks[j].kind in ("cap", "upper", "ini", "low"):
        j += 1
    return j


def _cluster(mentions: list[PersonMention], text: str) -> list[PersonMention]:
    """Give every mention a person key, and find later bare mentions of known names.

    A person is keyed by surname and first initial; a bare surname or given name that a
    fuller mention introduced elsewhere in the text joins that person.
    """
    persons: dict[str, PersonMention] = {}
    by_surname: dict[str, set[str]] = {}
    by_given: dict[str, set[str]] = {}
    keyed: list[PersonMention] = []
    for m in mentions:
        # Keyed by surname and full given name, or initial: "Jakub Mazur" and
        # "J. Mazur" may be two people (a son and his mother), so they stay apart.
        first = m.given[0] if m.given else m.initials[:1].lower()
        key = f"{m.surname}|{first}" if m.surname else f"|{m.given[0] if m.given else ''}"
        keyed.append(_with_key(m, key))
        if m.surname:
            persons.setdefault(key, m)
            by_surname.setdefault(m.surname, set()).add(key)
            for g in m.given:
                by_given.setdefault(g, set()).add(key)
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
    # Bare later mentions of a known surname or given name ("Jansen", "Lotte").
    covered = [(m.start, m.end) for m in resolved]
    words: dict[str, str] = {}
    for name, keys in by_surname.items():
        if len(keys) == 1:
            words[name] = next(iter(keys))
    for name, keys in by_given.items():
        if len(keys) == 1 and name not in words:
            words[name] = next(iter(keys))
    if words:
        for tok in _tokenize(text):
            if tok.kind not in ("cap", "upper"):
                continue
            f = fold(tok.text)
            key = words.get(f)
            if key is None or any(s <= tok.start < e for s, e in covered):
                continue
            if f in lexicon.common_words() and _is_sentence_start(text, tok.start):
                continue
            base = persons[key]
            is_surname = f == base.surname
            resolved.append(
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
    resolved.sort(key=lambda m: m.start)
    return resolved


def _with_key(m: PersonMention, key: str) -> PersonMention:
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


_UPPER_PARTICLE = r"(?:VAN|DE|DER|DEN|TER|TEN|TE|EL|AL|OP|IN|HET|'T|LA|LE|DA|DOS)"
# Names as banks print them: initials, then the surname in capitals ("B VOS-VAN DER WAL",
# "HR J H DE VRIES", "A KAYA").
_BANK_NAME = re.compile(
    rf"(?<![\w.])(?:(?:HR|MW|DHR|MEVR|MEJ|FAM)\.?[ \t])?(?P<ini>(?:[{_UPPER}]\.?[ \t]){{1,3}})"
    rf"(?P<sur>(?:{_UPPER_PARTICLE}[ \t])*[{_UPPER}]{{2,}}"
    rf"(?:-(?:{_UPPER_PARTICLE}[ \t])*[{_UPPER}]{{2,}})*)(?![\w])"
)


# Surname first, as registers and lists write it: "Vries, J.H. de", "YILDIZ, A.".
_SURNAME_FIRST = re.compile(
    rf"(?<![\w.])(?P<sur>[{_UPPER}][{_LOWER}{_UPPER}]+(?:-[{_UPPER}][{_LOWER}{_UPPER}]+)?),"
    rf"[ \t](?P<ini>(?:[{_UPPER}]\.[ \t]?){{1,5}})"
    rf"(?:[ \t]?(?P<part>van der|van den|van de|van|de|den|der|ten|ter|el))?(?![\w])"
)


def _surname_first(text: str, found: list[PersonMention]) -> list[PersonMention]:
    taken = [(m.start, m.end) for m in found]
    out = []
    for match in _SURNAME_FIRST.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        word = match.group("sur")
        folded = fold(word)
        if folded in lexicon.not_names() or folded in lexicon.organisations() or _is_street(folded):
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


def _bank_names(text: str, found: list[PersonMention]) -> list[PersonMention]:
    taken = [(m.start, m.end) for m in found]
    out = []
    for match in _BANK_NAME.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        words = re.split(r"[ \t-]+", match.group("sur"))
        last = fold(words[-1])
        names = [fold(w) for w in words if not re.fullmatch(_UPPER_PARTICLE, w)]
        if any(w in lexicon.organisations() or w in lexicon.not_names() for w in names):
            continue
        if last in lexicon.common_words() and last not in lexicon.particle_surnames():
            continue
        particle = " ".join(fold(w) for w in words[:-1] if re.fullmatch(_UPPER_PARTICLE, w))
        out.append(
            PersonMention(
                start=match.start(),
                end=match.end(),
                score=0.6,
                initials=re.sub(r"[.\s]", "", match.group("ini")),
                particle=particle,
                surname=fold(" ".join(w for w in words if not re.fullmatch(_UPPER_PARTICLE, w))),
                rule="bank",
            )
        )
    return out


def find_person_mentions(text: str) -> list[PersonMention]:
    """All person-name mentions in `text`, in order, each with a person key."""
    # "Vries, J.H. de": the initials after the comma make it a name, even where the
    # word alone is a place or was taken as a bare surname; it wins over what overlaps.
    # Upper-case bank names likewise win where they cover more than what overlaps them.
    first = _surname_first(text, [])
    first += _bank_names(text, first)
    found = [
        m
        for m in _Parser(text).mentions()
        if not any(
            f.start < m.end
            and m.start < f.end
            and (f.rule != "bank" or f.end - f.start > m.end - m.start)
            for f in first
        )
    ]
    found += [f for f in first if not any(m.start < f.end and f.start < m.end for m in found)]
    found.sort(key=lambda m: m.start)
    return _cluster(found, text)
