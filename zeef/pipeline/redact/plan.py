"""What to remove from a text for the subject's inspection copy, and what to put instead.

Removed: every third party's name (every mention), and data that belong to a third party
(address, phone, e-mail, BSN, IBAN, birth date, licence plate, ID numbers). Data that
nobody can be tied to are removed too when they identify a person (a phone number, an
IBAN), since they are not the subject's (fail towards removal); plain dates and web
addresses of unknown owner stay. Kept: everything of the subject, professionals acting in
their role (unless asked otherwise), and the rest of the text.

Replacements are labels that keep the text readable without telling who it was:
``[derde 1]``, ``[adres derde 1]``, numbered per person in order of first mention.

Details that identify a third party without naming them (a tipster's "ik ben zijn
zwager", "de buren op 96", a signature line, a town: `zeef.classifiers.
identifying_details`) are passed as `details` and become ``[gegevens derde]``, where no
other replacement or a name that stays already covers them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from zeef.classifiers import budget, lexicon
from zeef.classifiers.identifying_details import HOUSE_NUMBER, PLACE, Detail
from zeef.classifiers.lexicon import fold
from zeef.classifiers.roles import Finding
from zeef.domain.vocabulary import Role

# The entity type of a replaced identifying detail (not a recognizer's finding).
DETAIL_TYPE = "IDENTIFYING_DETAIL"
# Dutch label words per entity type (what the citizen reads).
_LABEL_WORD = {
    "ADDRESS": "adres",
    "PHONE_NUMBER": "telefoon",
    "EMAIL_ADDRESS": "e-mail",
    "NL_BSN": "bsn",
    "IBAN_CODE": "rekening",
    "DATE_TIME": "datum",
    "NL_LICENCE_PLATE": "kenteken",
    "NL_PASSPORT": "documentnummer",
    "NL_ID_CARD": "documentnummer",
    "NL_DRIVING_LICENCE": "rijbewijsnummer",
    "URL": "website",
    "NL_AGB": "agb-code",
    "NL_BIG": "big-nummer",
    DETAIL_TYPE: "gegevens derde",
}
# Of unknown owner, these stay: they do not identify a person by themselves.
_KEEP_WHEN_UNKNOWN = {"DATE_TIME", "URL", "NL_AGB", "NL_BIG"}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    label: str
    entity_type: str


@dataclass
class RedactionPlan:
    replacements: list[Replacement]
    kept_names: set[str] = field(default_factory=set)  # names that stay (subject, professionals)

    @property
    def third_parties(self) -> int:
        return len({r.label for r in self.replacements if r.entity_type == "PERSON"})


def _removable(f: Finding, keep_professionals: bool) -> bool:
    if f.role is Role.SUBJECT:
        return False
    if f.role is Role.PROFESSIONAL:
        return not keep_professionals
    if f.role is Role.THIRD_PARTY:
        return True
    return f.type not in _KEEP_WHEN_UNKNOWN


class _Labels:
    """Consistent numbering of people within one document (or one e-mail)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self._count = 0  # the numbers given out are 1 .. _count
        # The persons (in order of numbering) by each part of their key before and after
        # a "|": who a one-word name may be, without going through everyone.
        self._by_surname: dict[str, list[tuple[int, str]]] = {}
        self._by_given: dict[str, list[tuple[int, str]]] = {}

    def number(self, person: str) -> int:
        if person not in self.numbers:
            same = self._same_person(person)
            if same:
                self.numbers[person] = self.numbers[same]
            else:
                self._count += 1
                self.numbers[person] = self._count
            self._file(person)
        return self.numbers[person]

    @property
    def people(self) -> int:
        return self._count

    def _file(self, person: str) -> None:
        order = len(self.numbers)
        for i, char in enumerate(person):
            if char == "|":
                self._by_surname.setdefault(person[:i], []).append((order, person))
                self._by_given.setdefault(person[i + 1 :], []).append((order, person))

    def _same_person(self, person: str) -> str | None:
        """A part of a message may name someone by one word only ("Gerrit"): the same
        person as a fuller name elsewhere in the message when only one fits."""
        surname, _, given = person.partition("|")
        if surname and given:
            return None
        # Those whose key ends in "|given" or starts with "surname|", in order.
        found = dict(self._by_given.get(given, ()) if given else ())
        found.update(self._by_surname.get(surname, ()) if surname else ())
        fits = [k for _, k in sorted(found.items())]
        return fits[0] if len({self.numbers[k] for k in fits}) == 1 else None

    def label(self, f: Finding) -> str:
        who = "professional" if f.role is Role.PROFESSIONAL else "derde"
        if f.type == "PERSON":
            return f"[{who} {self.number(f.person or f'?{f.start}')}]"
        word = _LABEL_WORD.get(f.type, "gegevens")
        if f.person:
            return f"[{word} {who} {self.number(f.person)}]"
        return f"[{word}]"


def plan_redaction(
    text: str,
    findings: list[Finding],
    keep_professionals: bool = True,
    labels: _Labels | None = None,
    details: Sequence[Detail] | None = None,
) -> RedactionPlan:
    """What to replace in `text`. `details`: spans that identify a third party without a
    name (`find_identifying_details`), replaced with ``[gegevens derde]``."""
    with budget.document(spent=budget.spent_before(findings)):
        plan = _plan(text, findings, keep_professionals, labels or _Labels())
        if details:
            plan.replacements = _with_details(text, plan.replacements, findings, details)
        return plan


def _plan(text: str, findings: list[Finding], keep_professionals: bool, labels: _Labels):
    chosen = [f for f in findings if _removable(f, keep_professionals)]
    replacements = [Replacement(f.start, f.end, labels.label(f), f.type) for f in chosen]
    replacements += _leftover_name_words(text, findings, chosen, replacements, labels)
    removed = set(chosen)  # a set: `f not in chosen` compared every finding with all
    kept_spans = [(f.start, f.end) for f in findings if f.type == "PERSON" and f not in removed]
    replacements += _every_occurrence(text, _merge(replacements), kept_spans)
    kept = {text[s:e] for s, e in kept_spans}
    return RedactionPlan(_merge(replacements), kept)


# --- identifying details ---------------------------------------------------------------

_DETAIL_LABEL = f"[{_LABEL_WORD[DETAIL_TYPE]}]"
_PIECE_WORD = re.compile(r"[^\W_]{2,}|\b[A-Z]\b")  # a word, or an initial
_LEAD = re.compile(r"[\s,.;:()\-–]+")
_TRAIL = re.compile(r"[\s,.;:()\-–]+\Z")
# Between the subject's name and a house number that is theirs: "mevrouw X op nummer 12".
_AFTER_SUBJECT = re.compile(r"[ \t]*,?[ \t]*(?:op|van|aan|in|te)?[ \t]*\Z", re.IGNORECASE)


def _with_details(
    text: str, replacements: list[Replacement], findings: list[Finding], details
) -> list[Replacement]:
    """The replacements with the details added: each detail minus what a replacement or
    a finding that stays (the subject's, a professional's) already covers, cut into the
    pieces between; a piece of blanks and punctuation only is left. A detail that is the
    subject's own is left whole (`_subject_detail`)."""
    subject = [f for f in findings if f.role is Role.SUBJECT]
    replaced = {(r.start, r.end) for r in replacements}
    kept = {(f.start, f.end) for f in findings if f.role in (Role.SUBJECT, Role.PROFESSIONAL)}
    taken = _SpanIndex(list(replaced | kept))
    numbers = _subject_numbers(text, details, subject)
    extra: list[Replacement] = []
    for d in details:
        if _subject_detail(text, d, subject, numbers):
            continue
        for start, end in _pieces(d.start, d.end, taken):
            start, end = _trimmed(text, start, end)
            if _says_something(text[start:end]):
                extra.append(Replacement(start, end, _DETAIL_LABEL, DETAIL_TYPE))
    return _merge(replacements + extra) if extra else replacements


def _pieces(start: int, end: int, taken: _SpanIndex) -> list[tuple[int, int]]:
    """start..end without the taken spans."""
    out, pos = [], start
    for s, e in taken.overlapping(start, end):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        out.append((pos, end))
    return out


def _says_something(piece: str) -> bool:
    """A piece of a detail worth a label: a word other than form vocabulary ("tel.")."""
    return any(fold(w) not in lexicon.not_names() for w in _PIECE_WORD.findall(piece))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """start..end without blanks and punctuation at either end."""
    lead = _LEAD.match(text, start, end)
    new_start = lead.end() if lead else start
    trail = _TRAIL.search(text, new_start, end)
    return new_start, trail.start() if trail else end


def _subject_numbers(text: str, details, subject: list[Finding]) -> set[str]:
    """The subject's house numbers as the text writes them: after the subject's name
    ("mevrouw X op nummer 12"), or in the subject's address."""
    numbers = {
        n
        for f in subject
        if f.type == "ADDRESS"
        for n in re.findall(r"\d+[a-zA-Z]?(?:-\w+)?", text[f.start : f.end])
    }
    numbers |= {re.match(r"\d+", n).group() for n in numbers}  # "112" of "112-2": the building
    names = [f for f in subject if f.type == "PERSON"]
    ends = [f.end for f in names]
    for d in details:
        if d.kind != HOUSE_NUMBER:
            continue
        i = bisect.bisect_right(ends, d.start) - 1
        if i >= 0 and _AFTER_SUBJECT.match(text, ends[i], d.start):
            numbers.add(_number_of(text, d))
    return numbers


def _number_of(text: str, d) -> str:
    return re.sub(r"^\D+", "", text[d.start : d.end]).replace(" ", "")


def _subject_detail(text: str, d, subject: list[Finding], numbers: set[str]) -> bool:
    """Is this detail the subject's own: a house number the subject's name or address
    carries in this text (`numbers`), or the town of the subject's address?"""
    if d.kind == HOUSE_NUMBER:
        return _number_of(text, d) in numbers
    if d.kind == PLACE:
        place = " ".join(text[d.start : d.end].split()).casefold()
        return any(
            f.type == "ADDRESS" and place in " ".join(text[f.start : f.end].split()).casefold()
            for f in subject
        )
    return False


def _merge(replacements: list[Replacement]) -> list[Replacement]:
    """Sorted, without overlaps (an overlapping one extends the one before)."""
    merged: list[Replacement] = []
    for r in sorted(replacements, key=lambda r: (r.start, -r.end)):
        if merged and r.start < merged[-1].end:
            if r.end > merged[-1].end:
                last = merged[-1]
                merged[-1] = Replacement(last.start, r.end, last.label, last.entity_type)
            continue
        merged.append(r)
    return merged


class _SpanIndex:
    """Spans (start, end), to ask whether any overlaps a match by bisection: the same
    answer as ``any(s < end and start < e for s, e in spans)``."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []  # the largest end up to each index
        for _, e in self.spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap start..end, in order."""
        i = bisect.bisect_left(self.starts, end) - 1
        found = []
        while i >= 0 and self.reach[i] > start:
            s, e = self.spans[i]
            if s < end and start < e:
                found.append((s, e))
            i -= 1
        return found[::-1]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            s, e = self.spans[i]
            if s < end and start < e:
                return True
            i -= 1
        return False


def _whole_words(strings) -> re.Pattern:
    """One pattern for any of the (folded) strings as whole words, any case, any white
    space between their words; longest first."""
    alternatives = sorted(strings, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, a.split())) for a in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _every_occurrence(
    text: str, replacements: list[Replacement], kept_spans: list[tuple[int, int]]
) -> list[Replacement]:
    """What is removed once is removed everywhere: the same date, address or name
    elsewhere in the text (whole words, any case and white space), unless it stands
    inside a name that stays. The PDF redaction works the same way, and the check after
    writing searches the whole output, so the plan must leave no copy behind."""
    labels: dict[str, Replacement] = {}
    for r in replacements:
        s = " ".join(text[r.start : r.end].split()).casefold()
        if len(s) >= 3:
            labels.setdefault(s, r)
    if not labels:
        return []
    pattern = _whole_words(labels)
    taken = sorted([(r.start, r.end) for r in replacements] + kept_spans)
    starts = [s for s, _ in taken]
    extra: list[Replacement] = []
    kept = _SpanIndex(kept_spans)
    for n, m in enumerate(pattern.finditer(text)):
        if n % 1024 == 0:
            budget.check()
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and taken[i][0] <= m.start() < taken[i][1]:
            continue
        if kept.overlaps(m.start(), m.end()):
            continue
        source = labels[" ".join(m.group().split()).casefold()]
        extra.append(Replacement(m.start(), m.end(), source.label, source.entity_type))
    return extra


def _leftover_name_words(text, findings, chosen, replacements, labels) -> list[Replacement]:
    """A safety net: words of a removed name that still stand alone elsewhere.

    "Gerrit de Wit" was found and removed; "Gerrit" at the start of a sentence was not
    recognised as a mention. Any capitalised occurrence of a removed name's words (three
    letters or more, not a word of the subject's or a kept professional's name) goes too.
    """
    removed_words: dict[str, Finding] = {}
    for f in chosen:
        if f.type != "PERSON":
            continue
        for w in _WORD.findall(text[f.start : f.end]):
            if len(w) >= 3 and w[0].isupper():
                removed_words.setdefault(w, f)
    if not removed_words:
        return []
    kept_words = set()
    removed = set(chosen)
    for f in findings:
        if f.type == "PERSON" and f not in removed:
            kept_words.update(_WORD.findall(text[f.start : f.end]))
    covered = sorted((r.start, r.end) for r in replacements)
    starts = [s for s, _ in covered]
    extra: list[Replacement] = []
    for n, m in enumerate(_WORD.finditer(text)):
        if n % 4096 == 0:
            budget.check()
        w = m.group()
        owner = removed_words.get(w)
        if owner is None or w in kept_words:
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and covered[i][0] <= m.start() < covered[i][1]:
            continue
        extra.append(Replacement(m.start(), m.end(), labels.label(owner), "PERSON"))
    return extra


def apply_plan(text: str, plan: RedactionPlan) -> str:
    out: list[str] = []
    pos = 0
    for r in plan.replacements:
        out.append(text[pos : r.start])
        out.append(r.label)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def removed_strings(text: str, plan: RedactionPlan) -> list[str]:
    """The distinct strings a plan removes, to verify the output against (never logged).

    A removed string that is also part of a name that stays ("Gerrit" removed as a third
    party's given name, "Gerrit Jansen" kept as the subject) cannot be verified by
    searching, so it is left out of the list; so are strings under three characters.
    """
    # Identifying details depend on their place ("Groningen" of a relative's, not of the
    # subject's address): they are not searched for elsewhere.
    strings = {text[r.start : r.end] for r in plan.replacements if r.entity_type != DETAIL_TYPE}
    return sorted(
        (s for s in strings if len(s.strip()) >= 3 and not any(s in k for k in plan.kept_names)),
        key=len,
        reverse=True,
    )


def label_map(text: str, plan: RedactionPlan) -> dict[str, str]:
    """Each removed string (folded) and its label, for removing it from other texts (not
    the identifying details: they depend on where they stand)."""
    out: dict[str, str] = {}
    for r in plan.replacements:
        if r.entity_type == DETAIL_TYPE:
            continue
        key = " ".join(text[r.start : r.end].split()).casefold()
        if len(key) >= 3:
            out.setdefault(key, r.label)
    return out


def replace_everywhere(text: str, labels: dict[str, str], keep: set[str]) -> str:
    """Replace every whole-word occurrence of the removed strings in `labels` that does
    not stand inside a name in `keep` (an e-mail's parts share what one part removed)."""
    if not labels:
        return text
    pattern = _whole_words(labels)
    kept = _SpanIndex([(m.start(), m.end()) for k in keep for m in re.finditer(re.escape(k), text)])
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if kept.overlaps(m.start(), m.end()):
            continue
        out.append(text[pos : m.start()])
        out.append(labels[" ".join(m.group().split()).casefold()])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
