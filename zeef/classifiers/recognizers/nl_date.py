"""Recognizer for dates written the Dutch way."""

from __future__ import annotations

import datetime

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mrt": 3,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m == "mei"]
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_MONTH_ALT = "|".join(sorted(_FULL_MONTHS, key=len, reverse=True))
# A weekday right before a date ("maandag 3 januari 2022", "ma. 3 jan. 2022") is added
# to the date's span afterwards (cheaper than a pattern that starts with it).
_WEEKDAY_BEFORE = re.compile(
    r"(?<!\w)(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|ma|di|wo|do|vr|za|zo)\.?,?[ \u00a0]+\Z",
    re.IGNORECASE,
)
_WEEKDAY_WINDOW = 16
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR4 = r"(?:1[89]\d\d|2[01]\d\d)"
# The leading lookahead lets the regex engine skip positions cheaply.
_BEFORE = r"(?=\d)(?<![\w.,/-])"
_AFTER_NUMERIC = r"(?!\w|[-./:,]\d)"
_WRITTEN_WITH_YEAR = (
    rf"{_DAY}[ \u00a0]+(?i:{_MONTH_ALT})(?![\p{{L}}])\.?,?[ \u00a0]+(?:{_YEAR4}|['’]\d\d)(?!\w)"
)
_WRITTEN_NO_YEAR = (
    rf"{_DAY}[ \u00a0]+(?i:{_FULL_MONTH_ALT})(?![\p{{L}}])(?!\.?,?[ \u00a0]+(?:\d|['’]\d))"
)

# Passports and ID cards print the month in Dutch and English: "04 JAN/JAN 1982",
# "31 MEI/MAY 1983", "12 MAA/MAR 1990" (MAA for maart on Dutch documents).
_ENGLISH_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_BILINGUAL = rf"{_DAY}[ \u00a0]+(?i:{_MONTH_ALT}|maa)/(?i:{_ENGLISH_MONTH})[ \u00a0]+{_YEAR4}(?!\w)"

_WRITTEN = re.compile(
    r"(?:\p{L}+\.?,?[ \u00a0]+)?(?P<d>\d{1,2})[ \u00a0]+(?P<m>\p{L}+)(?:/\p{L}{3})?\.?"
    r"(?:,?[ \u00a0]+(?P<y>\d{4}|['’]\d\d))?",
    re.IGNORECASE,
)
_NUMERIC_DMY = re.compile(r"(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4}|\d\d)")
_NUMERIC_YMD = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


def _year(text: str) -> int:
    digits = text.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    # Two-digit years: up to ten years ahead counts as this century (birth dates of
    # elderly people written '38 land in 1938).
    two = int(digits)
    return 2000 + two if two <= (datetime.date.today().year % 100) + 10 else 1900 + two


def parse_dutch_date(text: str) -> datetime.date | None:
    """Parse a date in one of the recognised forms; None when it is not a real date."""
    text = text.strip()
    for regex in (_NUMERIC_YMD, _NUMERIC_DMY, _WRITTEN):
        match = regex.fullmatch(text)
        if not match:
            continue
        month_text = match.group("m").lower()
        month = MONTHS.get(month_text, 3 if month_text == "maa" else None)
        if month_text.isdigit():
            month = int(month_text)
        if not month:
            return None
        year_text = match.group("y")
        # Without a year the date only has to exist in a leap year (29 februari).
        year = _year(year_text) if year_text else 2000
        try:
            return datetime.date(year, month, int(match.group("d")))
        except ValueError:
            return None
    return None


class NlDateRecognizer(PatternRecognizer):
    """
    Recognizes dates written the Dutch way (DATE_TIME).

    Forms: day, month name and year (12 maart 1984, maandag 3 januari 2022), with the
    Dutch abbreviations jan, feb, mrt, apr, mei, jun, jul, aug, sep/sept, okt, nov,
    dec, with or without a dot and with a two-digit year (12 mrt. '84, 3 jan. 2022);
    day-month-year in digits with "-", "/" or "." (12-03-1984, 12/3/1984,
    12.03.1984; two-digit years with "-" or "/" only: 12-03-84); ISO 8601
    (1984-03-12); day and full month name without a year (12 maart); the month in
    Dutch and English as travel documents print it (04 JAN/JAN 1982, 12 MAA/MAR 1990).

    Check: the date must exist in the calendar (31-02-2020 and 1984-13-01 are
    rejected); four-digit years run from 1800 to 2199.

    Scores: a full date 0.85, a two-digit year 0.5, no year 0.4. Birth dates are
    the sensitive ones; context words (geboren, geboortedatum) raise the score.

    Example: 12 maart 1984, 12-03-1984.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    PATTERNS = [
        Pattern("Dag maand jaar (maandnaam)", rf"{_BEFORE}{_WRITTEN_WITH_YEAR}", 0.85),
        Pattern(
            "dd-mm-jjjj",
            rf"{_BEFORE}{_DAY}(?P<sep>[-./]){_MONTH_NUM}(?P=sep){_YEAR4}{_AFTER_NUMERIC}",
            0.85,
        ),
        Pattern("jjjj-mm-dd (ISO 8601)", rf"{_BEFORE}{_YEAR4}-\d\d-\d\d(?!\d|-\d)", 0.85),
        Pattern(
            "dd-mm-jj",
            rf"{_BEFORE}{_DAY}(?P<sep>[-/]){_MONTH_NUM}(?P=sep)\d\d{_AFTER_NUMERIC}",
            0.5,
        ),
        Pattern("Dag maand (zonder jaar)", rf"{_BEFORE}{_WRITTEN_NO_YEAR}", 0.4),
        Pattern("Dag maand/month jaar (reisdocument)", rf"{_BEFORE}{_BILINGUAL}", 0.85),
    ]

    # Presidio matches context words as substrings of nearby lemmas, so no short ones
    # ("geb" would match "gebruik", "tot" "totaal").
    CONTEXT = [
        "datum",
        "geboren",
        "geboortedatum",
        "overleden",
        "overlijdensdatum",
        "ingangsdatum",
        "einddatum",
        "sinds",
    ]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "DATE_TIME",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=re.MULTILINE,
            name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """
        Reject impossible dates.

        :return: False when the text is not a real calendar date, else None: a real
            date is plausible, not proven, so the pattern's score stands.
        """
        return None if parse_dutch_date(pattern_text) else False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find dates; a weekday right before one becomes part of its span."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            weekday = _WEEKDAY_BEFORE.search(
                text, max(0, result.start - _WEEKDAY_WINDOW), result.start
            )
            if weekday:
                result.start = weekday.start()
        return results
