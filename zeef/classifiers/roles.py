"""Whose data is it: the case's subject, a professional in their role, or a third party.

- **subject**: matched against the case file: name variants (full name, surname with a
  title, initials with surname, given name), BSN, birth date, address (postcode and
  house number, or street and number), IBAN.
- **professional**: a person acting in a role: a professional title (dr.), a function
  next to the name (huisarts, medisch adviseur, consulent ...), or an AGB/BIG code near it.
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
from datetime import date

from presidio_analyzer import RecognizerResult
from stdnum import iban as std_iban

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold
from zeef.classifiers.person_names import PARTICLE_WORDS, PersonMention
from zeef.classifiers.recognizers.iban import ocr_read_back
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
        if case is None:
            return
        s = case.subject
        self.given, self.surnames = split_name(s.name)
        self.bsn = s.bsn
        self.birth = s.birth_date
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
        single = (m.surname and not m.given) or (len(m.given) == 1 and not m.surname)
        if single and not m.initials:
            # One word: "mevrouw Shurmaine" (a given name after a title), "Martina".
            word = m.surname or m.given[0]
            return word in self.given or word in self.surnames
        if m.surname:
            if m.surname not in self.surnames:
                return False
            if m.given:
                if self.initials_only:  # case file "H.J. ten Brink", text "Henk ten Brink"
                    return m.given[0][:1] == self.given[0][:1]
                return self._given_matches(m.given[0])
            if m.initials:
                return bool(self.given) and m.initials[0].lower() == self.given[0][:1]
            return True
        if m.given:
            return m.given[0] in self.given
        return False

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
        # The mention parser keeps a hyphenated surname whole, particles included.
        forms.add(fold(" ".join(words[len(given) :])).split(" ", 1)[-1])
    return tuple(fold(g) for g in given), forms


_MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mrt": 3,
    "maart": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "augustus": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}


def parse_dutch_date(value: str) -> str | None:
    """A Dutch date as ISO text, or None: '12 maart 1984', '12-03-1984', "12 mrt. '84"."""
    v = value.lower().strip()
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.search(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2,4})", v)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            m = re.search(r"(\d{1,2})\s+([a-z]+)\.?\s+'?(\d{2,4})", v)
            if not m or m.group(2) not in _MONTHS:
                return None
            d, mo, y = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    if y < 100:
        y += 1900 if y > (date.today().year % 100) else 2000
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


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
    r"^\s*(?:[,(–-]|\n)\s*(?:[\w.-]+\s+){0,2}?(?:" + _FUNCTION_ALTS + r")\b",
    re.IGNORECASE,
)


_RELATION_AFTER = re.compile(
    r"\s*[(,]\s*(?:haar|zijn|mijn|de)?\s*(?:zus|broer|moeder|vader|zoon|dochter|partner|"
    r"echtgeno(?:o|te)t?e?|vriend(?:in)?|buurman|buurvrouw|tante|oom|neef|nicht|opa|oma|"
    r"schoon\w+|ex(?:-partner)?|kind|mantelzorger)\b",
    re.IGNORECASE,
)


def _is_professional(text: str, m: PersonMention) -> bool:
    """A title (dr.), or a function right before the name ("huisarts P. Jansen",
    "Behandeld door: K. Visser") or right after it ("K. Visser, consulent",
    "K. Visser\nconsulent Werk en Inkomen")."""
    if _RELATION_AFTER.match(text, m.end):
        return False  # "Khadija Bouzid (zus)": family, whatever the field is called
    if m.professional_title:
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
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


def assign_roles(text: str, results: list[RecognizerResult], case: Case | None) -> list[Finding]:
    """Turn analyzer results into findings with roles."""
    profile = SubjectProfile(case)
    persons = [(r, _person_of(r)) for r in results if r.entity_type == PERSON]
    cluster_role: dict[str, Role] = {}
    # Subject first: one matching mention makes the whole person the subject.
    for _r, m in persons:
        if m is not None and profile.is_person(m):
            cluster_role[m.key] = Role.SUBJECT
    for _r, m in persons:
        if m is None or m.key in cluster_role:
            continue
        if _is_professional(text, m):
            cluster_role[m.key] = Role.PROFESSIONAL
    for _r, m in persons:
        if m is not None and m.key not in cluster_role:
            cluster_role[m.key] = Role.THIRD_PARTY

    spans = sorted(
        (r.start, r.end, cluster_role[m.key], m.key) for r, m in persons if m is not None
    )
    layout = _TextLayout(text)
    writer = _writer(text, persons, cluster_role)
    findings: list[Finding] = []
    for r in results:
        owner = ""
        if r.entity_type == PERSON:
            m = _person_of(r)
            role = cluster_role.get(m.key, Role.UNKNOWN) if m else Role.UNKNOWN
            owner = m.key if m else ""
        elif profile.owns(r.entity_type, text[r.start : r.end]):
            role = Role.SUBJECT
        elif r.entity_type in _PROFESSIONAL_CODES:
            role = Role.PROFESSIONAL
        elif r.entity_type == "EMAIL_ADDRESS" and (
            named := _named_in_address(text[r.start : r.end], persons, cluster_role, profile)
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
    return findings


def _named_in_address(
    address: str, persons, cluster_role, profile: SubjectProfile
) -> tuple[Role, str] | None:
    """The person whose surname the e-mail address spells ("marieke.scholten@..."), the
    subject's surname from the case file first."""
    local = fold(address.split("@", 1)[0])
    flat = re.sub(r"[._\-+\d]", "", local)
    for _r, m in persons:  # given name (or its initial) and surname spelled: that person
        if m is not None and m.surname and m.given:
            surname = m.surname.replace(" ", "")
            if surname in flat and (m.given[0] in flat or flat.startswith(m.given[0][0] + surname)):
                return cluster_role[m.key], m.key
    if any(len(s) >= 4 and s.replace(" ", "") in flat for s in profile.surnames):
        return Role.SUBJECT, ""
    for _r, m in persons:
        if m is None or not m.surname or len(m.surname) < 4:
            continue
        if m.surname.replace(" ", "") in local.replace(".", "").replace("_", ""):
            return cluster_role[m.key], m.key
    return None


class _TextLayout:
    """Paragraph, sentence and line boundaries of a text, for bisecting."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n", text)]
        self.sentences = [m.end() for m in _SENTENCE_END.finditer(text)]

    def paragraph_start(self, pos: int) -> int:
        return self.paragraphs[bisect.bisect_right(self.paragraphs, pos) - 1]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos) - 1
        return max(self.sentences[i] if i >= 0 else 0, self.paragraph_start(pos))

    def paragraph_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.paragraphs, pos)
        return self.paragraphs[i] if i < len(self.paragraphs) else len(self.text)

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end


_FIRST_PERSON = re.compile(r"\b(?:ik|mij|mijn|me|m'n)\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"(?i)\b(?:groet(?:en|jes)?|hoogachtend|liefs|mvg|namens)\b|^(?:van|from|afzender)\s*:"
)


_UNNAMED_RELATION = re.compile(
    r"\b(?:mijn|haar|zijn|hun|onze|z'n|m'n)\s+(zoon|dochter|broer|zus|moeder|vader|"
    r"partner|vriend|vriendin|ex|buurman|buurvrouw|neef|nicht|oom|tante|opa|oma|"
    r"schoonmoeder|schoonvader|werkgever|huisbaas|verhuurder)\b",
    re.IGNORECASE,
)


def _writer(text: str, persons, cluster_role) -> tuple[Role, str] | None:
    """Who wrote this text: the person named in its signature or sender line."""
    for r, m in reversed(persons):
        if m is None:
            continue
        line_start = text.rfind("\n", 0, r.start) + 1
        before_on_line = text[line_start : r.start]
        prev_line = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : line_start]
        if (
            m.rule == "signature"
            or _CLOSING.search(before_on_line)
            or (not before_on_line.strip() and _CLOSING.search(prev_line))
        ):
            return cluster_role[m.key], m.key
    return None


def _nearest_person(
    layout: _TextLayout,
    start: int,
    end: int,
    spans: list[tuple[int, int, Role, str]],
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
    i = bisect.bisect_left(spans, (start,))
    before = None
    for j in range(i - 1, -1, -1):
        s = spans[j]
        if s[1] <= start:
            before = s
            break
    if before is not None and before[0] >= sent_start:
        return before[2], before[3]
    sentence = layout.text[sent_start:end]
    relation = _UNNAMED_RELATION.search(layout.text, max(sent_start, start - 60), start)
    if relation and not (before is not None and before[1] > relation.start()):
        # "u kunt ook mijn zoon bellen op 06-...": someone else's, though unnamed.
        return Role.THIRD_PARTY, f"relation:{relation.group(1).lower()}"
    if writer is not None and _FIRST_PERSON.search(sentence):
        return writer
    if before is not None and before[0] >= para_start and start - before[1] < 250:
        if before[2] is not Role.SUBJECT:
            return before[2], before[3]
        # The subject's block (a form, a sender's address block): theirs only if no one
        # else is named in the same paragraph.
        para_end = layout.paragraph_end(start)
        others = any(s[2] is not Role.SUBJECT for s in spans if para_start <= s[0] < para_end)
        return (Role.UNKNOWN, "") if others else (before[2], before[3])
    line_end = layout.line_end(end)
    if i < len(spans) and end <= spans[i][0] <= line_end:
        return spans[i][2], spans[i][3]
    return Role.UNKNOWN, ""
