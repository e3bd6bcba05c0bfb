"""Dates as the subject's birth date is compared: any Dutch way of writing one, as ISO."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mrt": 3,
    "maa": 3,
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
    # A travel document's "04 JAN/JAN 1982": the Dutch month.
    v = re.sub(r"([a-z]+)/[a-z]{3}\b", r"\1", value.lower().strip())
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
