"""Whose data is it: the case's subject, a professional in their role, or a third party.

- **subject**: matched against the case file: name variants (full name, surname with a
  title, initials with surname, given name, the given names of a form's field, a double
  surname with or without its particles and hyphen), BSN, birth date, address (postcode
  and house number, or street and number), IBAN; the number of the subject's own ID
  document (`own_document.py`); the telephone and e-mail of the subject's block in a form
  (`subject_block.py`). Not the subject: a surname alone after a relative's noun
  ("vader Van Dam"), or after "de heer"/"mevrouw" in a child's case (a parent).
- **professional**: a person acting in a role: a professional title (dr.), a function
  next to the name (huisarts, medisch adviseur, consulent ...), or an AGB/BIG code near
  it; never someone introduced as a relative ("dochter Femke Smit, casemanager ...").
- **third_party**: any other person, and data that belong to them (an address or phone
  number in the same sentence as their name).
- **unknown**: data that cannot be tied to anyone (a date in a letterhead).

Roles are decided per person (all mentions of one person share a role), then for the
other findings by the nearest person in the same sentence or paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from presidio_analyzer import RecognizerResult
from stdnum import iban as std_iban

from zeef.classifiers import budget, lexicon
from zeef.classifiers.birth_dates import parse_dutch_date
from zeef.classifiers.budget import Findings
from zeef.classifiers.lexicon import fold
from zeef.classifiers.own_document import ID_NUMBER_TYPES, compact, subject_document_number
from zeef.classifiers.person_names import PARTICLE_WORDS, PersonMention
from zeef.classifiers.recognizers.iban import ocr_read_back
from zeef.classifiers.relatives import (
    ADULT_TITLES,
    is_minor,
    named_as_relative,
    not_subject_as_relative,
)
from zeef.classifiers.subject_block import claim_subject_block
from zeef.domain.case import Case, postcode_of
from zeef.domain.vocabulary import Role

PERSON = "PERSON"
_NEVER_SUBJECT_BY_PROXIMITY = {"NL_LICENCE_PLATE"}
_PROFESSIONAL_CODES = {"NL_AGB", "NL_BIG"}

# Functions that make the person next to them a professional acting in a role.
_FUNCTION_WORDS = re.compile(
    r"\b(?:huisarts(?:en)?|arts|medisch adviseur|adviserend arts|controlerend arts|"
    r"bedrijfsarts|verzekeringsarts|jeugdarts|specialist|internist|cardioloog|neuroloog|"
    r"orthopeed|orthopedisch chirurg|chirurg|reumatoloog|longarts|psychiater|psycholoog|"
    r"gz-psycholoog|psychotherapeut|fysiotherapeut|ergotherapeut|verpleegkundige|"
    r"wijkverpleegkundige|praktijkondersteuner|poh|apotheker|tandarts|verloskundige|"
    r"consulent|klantmanager|casemanager|regisseur|wijkcoach|jeugdconsulent|"
    r"schuldhulpverlener|budgetcoach|bewindvoerder|maatschappelijk werker|"
    r"beleidsmedewerker|medewerker|teamleider|afdelingshoofd|behandelaar|behandeld door|"
    r"contactpersoon|coördinator|coordinator|advocaat|notaris|handhaver|"
    r"sociaal rechercheur|rechercheur|inspecteur|toezichthouder|accountmanager|"
    r"adviseur|directeur|secretaris|burgemeester|wethouder|ambtenaar|huisartsenpraktijk|"
    r"namens|i\.o\.|big|agb)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Finding:
    """What the contract prints: a type, offsets, a score and a role. Never the text."""

    type: str
    start: int
    end: int
    score: float
    role: Role
    person: str = field(default="", repr=False)  # key of the person (a name): never printed

    def to_json(self) -> dict:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "role": self.role.value,
        }


class SubjectProfile:
    """The case subject's identifiers in the forms they are compared in."""

    def __init__(self, case: Case | None) -> None:
        self.given: tuple[str, ...] = ()
        self.surnames: set[str] = set()
        self.bsn = self.birth = self.iban = self.postcode = None
        self.house_number: str | None = None
        self.street: str | None = None
        self.minor = False  # a child: "de heer"/"mevrouw" with the surname is a parent
        if case is None:
            return
        s = case.subject
        self.given, self.surnames = split_name(s.name)
        self.bsn = s.bsn
        self.birth = s.birth_date
        self.minor = is_minor(s.birth_date)
        self.iban = s.iban
        self.postcode = postcode_of(s.address)
        if s.address:
            m = re.match(r"\s*(.+?)\s+(\d+)\s*([A-Za-z]{0,2})\b", s.address)
            if m:
                self.street = fold(m.group(1))
                self.house_number = m.group(2)

    def _given_matches(self, given: str) -> bool:
        if given in self.given:
            return True
        variants = lexicon.given_name_variants()
        return any(given in variants.get(g, ()) for g in self.given)

    @property
    def initials_only(self) -> bool:
        return bool(self.given) and all(
            re.fullmatch(r"(?:\w\.?)+", g) and len(g.replace(".", "")) <= 3 and "." in g
            for g in self.given
        )

    @property
    def known(self) -> bool:
        return bool(self.surnames)

    def is_person(self, m: PersonMention) -> bool:
        if not self.known:
            return False
        surname = m.surname.translate(_OCR_LETTERS)
        words = (*m.given, surname) if surname else m.given
        if len(words) > 1 and not m.initials and all(self._given_matches(w) for w in words):
            return True  # the given names as a field prints them: "GERARDA JOHANNA"
        if self.minor and m.title in ADULT_TITLES and not (m.given or m.initials):
            return False  # a child's parent: "de heer Van Dam" in a child's case
        if len(words) == 1 and not m.initials:
            # One word: "mevrouw Shurmaine" (a given name after a title), "Martina".
            return words[0] in self.given or words[0] in self.surnames
        if surname:
            known = surname in self.surnames or canonical_surname(surname) in self.surnames
            return known and self._rest_matches(m)
        return bool(m.given) and m.given[0] in self.given

    def _rest_matches(self, m: PersonMention) -> bool:
        """The given name or initials of a mention whose surname is the subject's."""
        if m.given:
            if self.initials_only:  # case file "H.J. ten Brink", text "Henk ten Brink"
                return m.given[0][:1] == self.given[0][:1]
            return self._given_matches(m.given[0])
        if m.initials:
            return bool(self.given) and m.initials[0].lower() in self._initials()
        return True

    def _initials(self) -> set[str]:
        """The first initial the subject may go by: of the first given name or of a
        known form of it ("M." for a "Ria" whose official name is Maria)."""
        first = self.given[0]
        return {first[:1]} | {v[:1] for v in lexicon.given_name_variants().get(first, ())}

    def knows(self, entity_type: str) -> bool:
        """Does the case file give the subject's own value of this type?"""
        return {
            "NL_BSN": self.bsn,
            "IBAN_CODE": self.iban,
            "ADDRESS": self.postcode or self.street,
        }.get(entity_type) is not None

    def owns(self, entity_type: str, value: str) -> bool:
        """Does this value (as found in the text) belong to the subject?"""
        digits = re.sub(r"\D", "", value)
        if entity_type == "NL_BSN":
            return self.bsn is not None and digits.zfill(9) == self.bsn
        if entity_type == "IBAN_CODE":
            if self.iban is None:
                return False
            # As written, or as OCR misread it on a scan (letters for digits ...).
            return self.iban in (std_iban.compact(value), ocr_read_back(value))
        if entity_type == "DATE_TIME":
            return self.birth is not None and parse_dutch_date(value) == self.birth
        if entity_type == "ADDRESS":
            compact = re.sub(r"\s", "", value).upper()
            if self.postcode and self.postcode in compact:
                # Same postcode, other house number: a neighbour, not the subject.
                numbers = re.findall(r"\d+", compact.replace(self.postcode, ""))
                return not numbers or self.house_number in numbers
            if self.street and self.house_number:
                numbers = re.findall(r"\d+", value)
                return fold(value).startswith(self.street) and self.house_number in numbers
        return False


# Digits OCR reads for letters in an upper-case name ("KOO1MAN").
_OCR_LETTERS = str.maketrans("01", "oi")
# Words of name particles ("van", "der", "el", "'t" ...), from the name finder's list.
_PARTICLES = PARTICLE_WORDS


def split_name(name: str) -> tuple[tuple[str, ...], set[str]]:
    """Given names and acceptable surname forms of a full name as written in a case file.

    "Fatima el Amrani" -> (("fatima",), {"amrani"}); "Anna Jansen-de Boer" ->
    (("anna",), {"jansen-de boer", "jansen", "boer"}).
    """
    words = [w for w in re.split(r"\s+", re.sub(r"\s*-\s*", "-", name.strip())) if w]
    idx = next(
        (i for i, w in enumerate(words) if i > 0 and (fold(w) in _PARTICLES or "-" in w)), None
    )
    if idx is None:
        given, rest = words[:-1], words[-1:]
    else:
        given = words[:idx]
        rest = [w for w in words[idx:] if fold(w) not in _PARTICLES] or words[-1:]
    surname = fold(" ".join(rest))
    forms = {surname}
    if "-" in surname:
        for part in re.split(r"\s*-\s*", surname):
            tail = [w for w in part.split() if w not in _PARTICLES]
            if tail:
                forms.add(" ".join(tail))
        # The mention parser keeps a hyphenated surname whole, particles included
        # ("dekker-van der linden"), without a leading particle ("vries-jansen").
        whole = fold(" ".join(words[len(given) :])).split(" ")
        while len(whole) > 1 and whole[0] in _PARTICLES:
            whole = whole[1:]
        forms.add(" ".join(whole))
    forms |= {canonical_surname(f) for f in forms}
    return tuple(fold(g) for g in given), forms


def canonical_surname(surname: str) -> str:
    """A (folded) surname without particles and hyphens, as banks and ID documents may
    write it: "dekker-van der linden" and "DEKKER VAN DER LINDEN" -> "dekker linden"."""
    return " ".join(w for w in re.split(r"[\s-]+", surname) if w and w not in _PARTICLES)


def _person_of(result: RecognizerResult) -> PersonMention | None:
    meta = result.recognition_metadata or {}
    return meta.get("person")


_FUNCTION_ALTS = _FUNCTION_WORDS.pattern[len(r"\b(?:") : -len(r")\b")]
# Between a function word and the name: only a title, "uw"/"de", or a label's colon.
_BEFORE_NAME = re.compile(
    r"(?:^|\W)(?:" + _FUNCTION_ALTS + r")\s*(?:[:,]\s*)?"
    r"(?:(?:uw|de|onze|mijn|behandelend|dhr\.?|mevr\.?|mw\.?)\s+)*$",
    re.IGNORECASE,
)
# After the name: a comma, a bracket or a line break, then the function.
_AFTER_NAME = re.compile(
    r"^\s*(?:[,(–-]|\n)\s*(?:[\w.-]+[ \t]+){0,2}?(?:" + _FUNCTION_ALTS + r")\b",
    re.IGNORECASE,
)


# "\s*(?:haar|...)?\s*" as "\s*(?:(?:haar|...)\s*)?": the same words, but a long run of
# blanks is not tried split in two at every place (quadratic).
_RELATION_AFTER = re.compile(
    r"\s*[(,]\s*(?:(?:haar|zijn|mijn|de)\s*)?(?:zus|broer|moeder|vader|zoon|dochter|partner|"
    r"echtgeno(?:o|te)t?e?|vriend(?:in)?|buurman|buurvrouw|tante|oom|neef|nicht|opa|oma|"
    r"schoon\w+|ex(?:-partner)?|kind|mantelzorger)\b",
    re.IGNORECASE,
)


def _is_professional(layout: _TextLayout, m: PersonMention) -> bool:
    """A title (dr.), or a function right before the name ("huisarts P. Jansen",
    "Behandeld door: K. Visser") or right after it ("K. Visser, consulent",
    "K. Visser\nconsulent Werk en Inkomen")."""
    text = layout.text
    if _RELATION_AFTER.match(text, m.end) or named_as_relative(text, m):
        return False  # "Khadija Bouzid (zus)", "dochter Femke Smit": family, whatever follows
    if m.professional_title:
        return True
    line_start = layout.line_start(m.start)
    if _BEFORE_NAME.search(text[max(line_start, m.start - 40) : m.start]):
        return True
    after = text[m.end : m.end + 80]
    if _AFTER_NAME.match(after):
        return True
    if m.rule == "signature":
        # A signature block: the function may follow on one of the next two lines.
        block = "\n".join(text[m.end : m.end + 160].split("\n")[:3])
        return bool(_FUNCTION_WORDS.search(block))
    return False


def assign_roles(text: str, results: list[RecognizerResult], case: Case | None) -> Findings:
    """Turn analyzer results into findings with roles.

    Linear in the text and the results (bisection and indexes, no result compared with
    every other), and within the document's time budget (`budget.py`)."""
    with budget.document(spent=budget.spent_before(results)) as spending:
        findings = Findings(_assign_roles(text, results, case))
        findings.seconds_spent = spending.spent
    return findings


def _assign_roles(text: str, results: list[RecognizerResult], case: Case | None) -> list[Finding]:
    profile = SubjectProfile(case)
    layout = _TextLayout(text)
    persons = [(r, _person_of(r)) for r in results if r.entity_type == PERSON]
    cluster_role: dict[str, Role] = {}
    # Subject first: one matching mention makes the whole person the subject.
    for _r, m in persons:
        if m is None or not profile.is_person(m):
            continue
        if not not_subject_as_relative(text, m, profile.minor):
            cluster_role[m.key] = Role.SUBJECT
    for n, (_r, m) in enumerate(persons):
        if n % 1024 == 0:
            budget.check()
        if m is None or m.key in cluster_role:
            continue
        if _is_professional(layout, m):
            cluster_role[m.key] = Role.PROFESSIONAL
    for _r, m in persons:
        if m is not None and m.key not in cluster_role:
            cluster_role[m.key] = Role.THIRD_PARTY

    spans = _Spans(
        sorted((r.start, r.end, cluster_role[m.key], m.key) for r, m in persons if m is not None)
    )
    writer = _writer(layout, persons, cluster_role)
    addresses = _AddressIndex(persons)
    own_id = subject_document_number(text, {r.entity_type for r in results}, case)
    findings: list[Finding] = []
    for n, r in enumerate(results):
        if n % 1024 == 0:
            budget.check()
        owner = ""
        if r.entity_type == PERSON:
            m = _person_of(r)
            role = cluster_role.get(m.key, Role.UNKNOWN) if m else Role.UNKNOWN
            owner = m.key if m else ""
        elif profile.owns(r.entity_type, text[r.start : r.end]) or (
            r.entity_type in ID_NUMBER_TYPES and compact(text[r.start : r.end]) == own_id
        ):
            role = Role.SUBJECT
        elif r.entity_type in _PROFESSIONAL_CODES:
            role = Role.PROFESSIONAL
        elif r.entity_type == "EMAIL_ADDRESS" and (
            named := _named_in_address(text[r.start : r.end], addresses, cluster_role, profile)
        ):
            role, owner = named
        else:
            role, owner = _nearest_person(layout, r.start, r.end, spans, writer)
            if role is Role.SUBJECT and (
                profile.knows(r.entity_type) or r.entity_type in _NEVER_SUBJECT_BY_PROXIMITY
            ):
                # The case file holds the subject's own value of this type, and this is
                # another one (a neighbour's address, someone else's account); or a
                # licence plate, which next to the subject's name is as often a visitor's.
                role, owner = Role.UNKNOWN, ""
        findings.append(Finding(r.entity_type, r.start, r.end, r.score, role, owner))
    findings.sort(key=lambda f: (f.start, f.end))
    return claim_subject_block(text, findings, _with_role)


def _with_role(f: Finding, role: Role) -> Finding:
    return Finding(f.type, f.start, f.end, f.score, role, "")


def _substrings(word: str, lengths: set[int], known) -> list[str]:
    """The substrings of `word` of the given lengths that are keys of `known`."""
    return [
        word[i : i + n]
        for n in lengths
        for i in range(len(word) - n + 1)
        if word[i : i + n] in known
    ]


class _AddressIndex:
    """The persons an e-mail address may spell, by their surname (spaces left out), so
    each address is compared with the names it contains, not with every person."""

    def __init__(self, persons) -> None:
        self.persons = persons
        # surname -> given name -> the first person (index) with both
        self.full: dict[str, dict[str, int]] = {}
        self.full_initial: dict[str, dict[str, int]] = {}  # surname -> initial -> first
        self.full_given: set[str] = set()
        self.bare: dict[str, int] = {}  # surname (4 letters or more) -> the first person
        for n, (_r, m) in enumerate(persons):
            if m is None or not m.surname:
                continue
            surname = m.surname.replace(" ", "")
            if m.given:
                given = m.given[0]
                self.full.setdefault(surname, {}).setdefault(given, n)
                self.full_given.add(given)
                if given:
                    self.full_initial.setdefault(surname, {}).setdefault(given[0], n)
            if len(m.surname) >= 4:
                self.bare.setdefault(surname, n)
        self.full_lengths = {len(k) for k in self.full}
        self.given_lengths = {len(g) for g in self.full_given}
        self.bare_lengths = {len(k) for k in self.bare}

    def spelled_in_full(self, flat: str) -> int | None:
        """The first person whose surname the address holds, with their given name or
        starting with its initial and the surname."""
        best: int | None = None
        givens = set(_substrings(flat, self.given_lengths, self.full_given))
        for surname in set(_substrings(flat, self.full_lengths, self.full)):
            by_given = self.full[surname]
            if len(by_given) <= len(givens) + 1:
                candidates = [
                    n
                    for given, n in by_given.items()
                    if given in givens or flat.startswith(given[0] + surname)
                ]
            else:
                candidates = [by_given[g] for g in givens if g in by_given]
                if flat and flat[1:].startswith(surname):
                    first = self.full_initial.get(surname, {}).get(flat[0])
                    if first is not None:
                        candidates.append(first)
            if candidates:
                n = min(candidates)
                best = n if best is None else min(best, n)
        return best

    def spelled_bare(self, local: str) -> int | None:
        """The first person whose surname (4 letters or more) the address holds."""
        found = [self.bare[s] for s in set(_substrings(local, self.bare_lengths, self.bare))]
        return min(found) if found else None


def _named_in_address(
    address: str, index: _AddressIndex, cluster_role, profile: SubjectProfile
) -> tuple[Role, str] | None:
    """The person whose surname the e-mail address spells ("marieke.scholten@..."), the
    subject's surname from the case file first."""
    local = fold(address.split("@", 1)[0])
    flat = re.sub(r"[._\-+\d]", "", local)
    # given name (or its initial) and surname spelled: that person
    n = index.spelled_in_full(flat)
    if n is not None:
        m = index.persons[n][1]
        return cluster_role[m.key], m.key
    if any(len(s) >= 4 and s.replace(" ", "") in flat for s in profile.surnames):
        return Role.SUBJECT, ""
    n = index.spelled_bare(local.replace(".", "").replace("_", ""))
    if n is not None:
        m = index.persons[n][1]
        return cluster_role[m.key], m.key
    return None


class _TextLayout:
    """Paragraph, sentence and line boundaries of a text, and where the words that tell
    who writes stand, for bisecting (never a search through the text per finding)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n", text)]
        self.sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.first_person = _Matches(_FIRST_PERSON, text)

    def paragraph_start(self, pos: int) -> int:
        return self.paragraphs[bisect.bisect_right(self.paragraphs, pos) - 1]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos) - 1
        return max(self.sentences[i] if i >= 0 else 0, self.paragraph_start(pos))

    def paragraph_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.paragraphs, pos)
        return self.paragraphs[i] if i < len(self.paragraphs) else len(self.text)

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i > 0 else 0

    def line_end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i] if i < len(self.newlines) else len(self.text)


class _Matches:
    """Where a pattern of whole words (``\\b(?:...)\\b``) matches in a text, to ask whether
    it would match in a slice that starts after a non-word character without searching
    the slice: the same answer as ``pattern.search(text[start:end])``."""

    def __init__(self, pattern: re.Pattern[str], text: str, longest: int = 16) -> None:
        self.pattern = pattern
        self.text = text
        self.longest = longest  # no match is longer
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def within(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.starts) and self.ends[i] <= end:
            return True
        # A match that ends where the slice does ("\\b" holds at a slice's end, not
        # always in the text): look at the slice's last few characters only.
        return self.pattern.search(self.text, max(start, end - self.longest), end) is not None


class _Spans:
    """The persons' spans (start, end, role, key), sorted, with how many before each are
    not the subject's, to count the others in a paragraph by bisection."""

    def __init__(self, spans: list[tuple[int, int, Role, str]]) -> None:
        self.spans = spans
        self.starts = [s[0] for s in spans]
        self.not_subject = [0]
        for s in spans:
            self.not_subject.append(self.not_subject[-1] + (s[2] is not Role.SUBJECT))

    def others_in(self, start: int, end: int) -> bool:
        """Is anyone but the subject named from `start` up to `end`?"""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.not_subject[hi] > self.not_subject[lo]


_FIRST_PERSON = re.compile(r"\b(?:ik|mij|mijn|me|m'n)\b", re.IGNORECASE)
# A closing word anywhere before a name on its line, or a sender label at the line's start.
_CLOSING_WORD = re.compile(r"(?i)\b(?:groet(?:en|jes)?|hoogachtend|liefs|mvg|namens)\b")
_CLOSING_LABEL = re.compile(r"(?i)(?:van|from|afzender)\s*:")
_BLANKS = re.compile(r"\s*")


_UNNAMED_RELATION = re.compile(
    r"\b(?:mijn|haar|zijn|hun|onze|z'n|m'n)\s+(zoon|dochter|broer|zus|moeder|vader|"
    r"partner|vriend|vriendin|ex|buurman|buurvrouw|neef|nicht|oom|tante|opa|oma|"
    r"schoonmoeder|schoonvader|werkgever|huisbaas|verhuurder)\b",
    re.IGNORECASE,
)


class _Closings:
    """Does a closing ("Met vriendelijke groet", "Van:") stand on a line before a
    position: bisection in the closing words found once, and per line its label and
    leading blanks found once, where searching each name's line was quadratic on a text
    of one long line."""

    def __init__(self, layout: _TextLayout) -> None:
        self.layout = layout
        self.words = _Matches(_CLOSING_WORD, layout.text)
        self.lines: dict[int, tuple[int, int]] = {}  # line start -> (label end, blanks end)

    def _line(self, start: int) -> tuple[int, int]:
        if start not in self.lines:
            text, end = self.layout.text, self.layout.line_end(start)
            label = _CLOSING_LABEL.match(text, start, end)
            blanks = _BLANKS.match(text, start, end).end()
            self.lines[start] = (label.end() if label else -1, blanks)
        return self.lines[start]

    def before(self, line_start: int, pos: int) -> bool:
        """``_CLOSING.search(text[line_start:pos])``, for a `line_start` that starts a line
        and a `pos` on that line."""
        label_end, _ = self._line(line_start)
        return 0 <= label_end <= pos or self.words.within(line_start, pos)

    def blank_before(self, line_start: int, pos: int) -> bool:
        """``not text[line_start:pos].strip()``."""
        return self._line(line_start)[1] >= pos


def _writer(layout: _TextLayout, persons, cluster_role) -> tuple[Role, str] | None:
    """Who wrote this text: the person named in its signature or sender line (a closing
    before the name on its line, or on the line before)."""
    closings = _Closings(layout)
    for n, (r, m) in enumerate(reversed(persons)):
        if n % 1024 == 0:
            budget.check()
        if m is None:
            continue
        line_start = layout.line_start(r.start)
        if (
            m.rule == "signature"
            or closings.before(line_start, r.start)
            or (
                line_start > 0
                and closings.blank_before(line_start, r.start)
                and closings.before(layout.line_start(line_start - 1), line_start)
            )
        ):
            return cluster_role[m.key], m.key
    return None


def _nearest_person(
    layout: _TextLayout,
    start: int,
    end: int,
    spans: _Spans,
    writer: tuple[Role, str] | None = None,
) -> tuple[Role, str]:
    """The role and key of the person this datum most likely belongs to.

    The nearest person named before it in the same sentence; else, in a sentence in the
    first person ("bel mij op ..."), the writer; else the nearest person before it in the
    same paragraph within 250 characters, unless that is the subject (data are tied to
    the subject only by the case file or the same sentence: a wrong tie would leak a
    third party's data into the subject's copy); else after it on the same line.
    """
    para_start = layout.paragraph_start(start)
    sent_start = layout.sentence_start(start)
    people = spans.spans
    i = bisect.bisect_left(people, (start,))
    before = None
    for j in range(i - 1, -1, -1):
        s = people[j]
        if s[1] <= start:
            before = s
            break
    if before is not None and before[0] >= sent_start:
        return before[2], before[3]
    relation = _UNNAMED_RELATION.search(layout.text, max(sent_start, start - 60), start)
    if relation and not (before is not None and before[1] > relation.start()):
        # "u kunt ook mijn zoon bellen op 06-...": someone else's, though unnamed.
        return Role.THIRD_PARTY, f"relation:{relation.group(1).lower()}"
    if writer is not None and layout.first_person.within(sent_start, end):
        return writer
    if before is not None and before[0] >= para_start and start - before[1] < 250:
        if before[2] is not Role.SUBJECT:
            return before[2], before[3]
        # The subject's block (a form, a sender's address block): theirs only if no one
        # else is named in the same paragraph.
        others = spans.others_in(para_start, layout.paragraph_end(start))
        return (Role.UNKNOWN, "") if others else (before[2], before[3])
    line_end = layout.line_end(end)
    if i < len(people) and end <= people[i][0] <= line_end:
        return people[i][2], people[i][3]
    return Role.UNKNOWN, ""
