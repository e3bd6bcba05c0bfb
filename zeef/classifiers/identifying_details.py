"""What identifies a third party without their name: relation, house number, signature, town.

A tip stays a third party's statement after their name, address and phone are gone: "ik
ben zijn zwager", "als buurvrouw zie ik ...", "mijn zus woont bij hem", "de buren op 96",
a signature line ("Een bezorgde buurvrouw"), "ik woon in Epe". The FAQ (Q12) asks for
the tipster to be anonymised, so these go too; and the same details of other third
parties in any document ("de buurman van nummer 94" in a report, "haar dochter woont in
Tholen"). `find_identifying_details` finds them; `plan_redaction(details=...)`
replaces them with ``[gegevens derde]``.

Kinds (`Detail.kind`, offsets into the text, never the words):
- ``relation``: the writer's relation to the subject, in the first person: "ik ben [de
  ex-partner] van", "als [buurvrouw]", "[mijn zus] woont bij hem", "ik woon [naast
  haar]". Only where the writer is a third party (`writer_is_third_party`, a tip): in the
  subject's own letter "mijn zus" is the subject's relation, which is theirs to read.
- ``house_number``: a house number other than by a street: "op [nummer 12]", "van [nr.
  94]", "de buren op [96]". Always (a house number next to the subject's is a
  neighbour's); the plan keeps one that is the subject's own (after the subject's name,
  or the number of the subject's address in the same text).
- ``signature``: the lines after a closing ("Groet,", "Met vriendelijke groet,") in a
  third party's text: whatever they sign with.
- ``place``: a town in a sentence about a relative ("bij zijn moeder in [Epe]", "de
  dochter woont in [Tholen]", "dochter ([Meppel], ...)"), or, in a third party's
  text, in a sentence in the first person ("ik woon in [Zwolle]"). A town the lists know
  anywhere in such a sentence; an unknown capitalised name only right after "in", "uit",
  "naar", "te" ("in [Herat]"). The plan keeps the town of the subject's own
  address.

The phrase lists are `lexicons/identifying_details.txt` (by section) and
`lexicons/relatives.txt`. Everything is regular expressions over the text with bounded
repetitions, linear in its length; nothing is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zeef.classifiers import budget, lexicon
from zeef.classifiers.lexicon import fold, own_list

RELATION = "relation"
HOUSE_NUMBER = "house_number"
SIGNATURE = "signature"
PLACE = "place"
KINDS = (RELATION, HOUSE_NUMBER, SIGNATURE, PLACE)


@dataclass(frozen=True)
class Detail:
    """Where a detail that identifies a third party stands (offsets, no text)."""

    start: int
    end: int
    kind: str


def find_identifying_details(text: str, writer_is_third_party: bool) -> list[Detail]:
    """The details in `text` that identify a third party, in order, without overlaps.
    `writer_is_third_party`: the text is a third party's own (a tip), so what its writer
    says of themself identifies a third party too."""
    found = _house_numbers(text) + _places(text, writer_is_third_party)
    if writer_is_third_party:
        found += _relations(text) + _signatures(text)
    return _without_overlaps(found)


# --- the phrase lists ------------------------------------------------------------------


@cache
def _sections() -> dict[str, tuple[str, ...]]:
    """`identifying_details.txt` by section: ``[name]`` lines start a section."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in own_list("identifying_details.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        elif current:
            out[current].append(line)
    return {name: tuple(phrases) for name, phrases in out.items()}


def _alt(*phrases_lists: tuple[str, ...]) -> str:
    """Phrases as an alternation, longest first, any blanks (one line break) between
    their words."""
    phrases = sorted({p for ps in phrases_lists for p in ps}, key=len, reverse=True)
    return "|".join(r"[ \t]*\n?[ \t]*".join(map(re.escape, p.split())) for p in phrases)


def _section(name: str) -> str:
    return _alt(_sections()[name])


@cache
def _relatives() -> tuple[str, ...]:
    return own_list("relatives.txt")


_GAP = r"[ \t]+\n?[ \t]*|\n[ \t]*"  # blanks between two words, at most one line break


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    s = _section
    relation = _alt(_relatives(), _sections()["work"])
    modified = rf"(?:(?:{s('modifier')})(?:-|{_GAP}))?(?:{relation})"
    noun_phrase = rf"(?:(?:{s('determiner')})(?:{_GAP}))?{modified}"
    number = (
        r"[1-9]\d{0,3}(?!\d)(?:[ ]?[a-zA-Z](?![\w-])|-(?:[a-zA-Z]{1,2}|I{1,3}|\d{1,2})(?![\w-]))?"
        r"(?![\w-]|[.,/]\d)"
    )
    gap = f"(?:{_GAP})"
    return {
        "be": re.compile(rf"(?i)\b(?:{s('be')}){gap}(?P<d>{noun_phrase})\b"),
        # "als buurvrouw", "als zijn zwager"; not "net als de buurman" (like) nor "als de
        # buurman belt" (if): no "de", "het" or "een" after "als", no "net"/"zo" before.
        "as": re.compile(
            rf"(?i)(?<!\bnet )(?<!\bzo )(?<!\bevenals )\bals{gap}"
            rf"(?P<d>(?:(?:zijn|haar|hun|z'n|d'r){gap})?{modified})\b"
        ),
        "own": re.compile(rf"(?i)(?<![\w'])(?P<d>(?:{s('own')}){gap}{modified})\b"),
        "live": re.compile(
            rf"(?i)\b(?:{s('live')}){gap}(?:(?:er|hier|daar){gap})?"
            rf"(?P<d>(?:{s('position')})(?:{gap}(?:{s('object')})\b)?)\b"
        ),
        "number": re.compile(
            rf"(?i)\b(?:{s('number_preposition')}){gap}(?P<d>(?:{s('number_word')})[ \t]*{number})"
        ),
        "neighbour_number": re.compile(
            rf"(?i)\b(?:{s('neighbours')}){gap}(?:(?:{s('number_preposition')}){gap})?"
            rf"(?P<d>(?:(?:{s('number_word')})[ \t]*)?{number})"
        ),
        "closing": re.compile(
            rf"(?im)^[ \t]*(?:{_alt(_sections()['closing'], own_list('closing_phrases.txt'))})"
            r"\b[ \t]*[,!.:]?"
        ),
        "relative": re.compile(rf"(?i)(?<![\w-])(?:{_alt(_relatives())})(?![\w-])"),
        "first_person": re.compile(rf"(?i)(?<![\w'])(?:{s('first_person')})(?![\w'])"),
        "after_preposition": re.compile(rf"(?i)\b(?:{s('place_preposition')})[ \t]+$"),
    }


# --- relation and house number ---------------------------------------------------------


def _relations(text: str) -> list[Detail]:
    p = _patterns()
    return [
        Detail(m.start("d"), m.end("d"), RELATION)
        for name in ("be", "as", "own", "live")
        for m in p[name].finditer(text)
    ]


def _house_numbers(text: str) -> list[Detail]:
    p = _patterns()
    return [
        Detail(m.start("d"), m.end("d"), HOUSE_NUMBER)
        for name in ("number", "neighbour_number")
        for m in p[name].finditer(text)
    ]


# --- signature -------------------------------------------------------------------------

_MAX_SIGNATURE_LINES = 4


def _signatures(text: str) -> list[Detail]:
    """The lines after each closing, up to the first blank line after them (at most
    four): "Groet, Lotte" or "Met vriendelijke groet,\\n\\nEen bezorgde buurvrouw"."""
    out = []
    for m in _patterns()["closing"].finditer(text):
        end, lines = m.end(), 0
        start = None
        while end < len(text) and lines <= _MAX_SIGNATURE_LINES:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            line = text[end:line_end]
            if line.strip():
                if start is None:
                    start = end + len(line) - len(line.lstrip())
                last = end + len(line.rstrip())
            elif start is not None:
                break
            lines += 1
            end = line_end + 1
        if start is not None:
            out.append(Detail(start, last, SIGNATURE))
    return out


# --- place -----------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽŁŚŻŹĆŃÇŞĞİ"
_CAP_WORD = rf"(?:['’]s-|['’]t[ ])?[{_UPPER}][^\W\d_]*(?:-[^\W\d_]+)*"
_CAP_RUN = re.compile(rf"{_CAP_WORD}(?:[ ]{_CAP_WORD}){{0,3}}")
# A town's name may go on with a link and another name: "Alphen aan den Rijn".
_LINKED = re.compile(
    rf"[ ](?:aan|op|bij|in|onder|over|ter|a/d|en)(?:[ ](?:de|den|het))?[ ]{_CAP_WORD}"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n(?=[ \t]*[-•*>][ \t])")
_BACK_REFERENCE = re.compile(r"[ \t\n\"'“(]*(?:Hij|Zij|Ze)\b")
_MAX_PLACE_WORDS = 4


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _places(text: str, writer_is_third_party: bool) -> list[Detail]:
    """Towns in sentences about a relative (or the previous sentence's relative, when a
    sentence goes on with "Hij"/"Zij"), or in a third party's first-person sentences."""
    p = _patterns()
    out: list[Detail] = []
    about_relative = False
    for n, (start, end) in enumerate(_sentences(text)):
        if n % 512 == 0:
            budget.check()
        before = about_relative
        about_relative = p["relative"].search(text, start, end) is not None
        goes_on = before and _BACK_REFERENCE.match(text, start, end) is not None
        first_person = writer_is_third_party and p["first_person"].search(text, start, end)
        if about_relative or goes_on or first_person:
            out += _places_in(text, start, end)
    return out


def _places_in(text: str, start: int, end: int) -> list[Detail]:
    out = []
    for m in _CAP_RUN.finditer(text, start, end):
        if _glued_to_a_name(text, m.start()):
            continue
        linked = _LINKED.match(text, m.end(), end)
        if linked and _known_place([text[m.start() : linked.end()]]):
            out.append(Detail(m.start(), linked.end(), PLACE))
            continue
        words = m.group().split(" ")
        known = _known_place(words)
        if known:
            out.append(Detail(m.start(), m.start() + len(" ".join(words[:known])), PLACE))
        elif _patterns()["after_preposition"].search(text, max(start, m.start() - 12), m.start()):
            if _unknown_place_ok(words):
                out.append(Detail(m.start(), m.end(), PLACE))
    return out


def _glued_to_a_name(text: str, start: int) -> bool:
    """Is the run the end of a longer name ("Gemeente Groningen", "Aldi Meppel")?"""
    before = text[max(0, start - 40) : start]
    return bool(re.search(rf"[{_UPPER}][^\W\d_]*[ ]\Z", before))


def _known_place(words: list[str]) -> int:
    """How many of the run's first words form a town the lists know (0: none)."""
    for n in range(min(len(words), _MAX_PLACE_WORDS), 0, -1):
        name = fold(" ".join(words[:n]))
        if (
            name in lexicon.place_names()
            and name not in lexicon.common_words()
            and name not in lexicon.not_names()  # "Nederland" identifies no one
        ):
            return n
    return 0


def _unknown_place_ok(words: list[str]) -> bool:
    """A capitalised name no list knows as a town, after "in", "uit", "naar", "te": a
    place, unless a word is a known word, an organisation or form vocabulary (a person
    named there is removed or kept as that person: the plan keeps no detail over a name
    that stays)."""
    folded = [fold(w) for w in words]
    if " ".join(folded[:2]) in lexicon.organisations():
        return False  # "Albert Heijn"
    return not any(
        f in lexicon.common_words() or f in lexicon.organisations() or f in lexicon.not_names()
        for f in folded
    )


def _without_overlaps(details: list[Detail]) -> list[Detail]:
    out: list[Detail] = []
    for d in sorted(details, key=lambda d: (d.start, -d.end)):
        if d.end > d.start and (not out or d.start >= out[-1].end):
            out.append(d)
    return out
