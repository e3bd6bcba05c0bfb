"""How long a document may wait for a person: the review deadline.

Review is not a bin: everything waiting has a deadline, counted in working days (Monday
to Friday) from the day it was received, set in `[deadlines]` of the settings. An ID
copy and a medical document (or a glued file holding one) must not wait whole for long:
one working day by default; everything else ten. Public holidays are not counted out
(a deadline on a holiday is a day early, never late).
"""

from __future__ import annotations

import datetime as dt

from zeef.domain import settings
from zeef.domain.vocabulary import Category

# What may not wait whole for long, and which setting says how long.
URGENT = {
    Category.ID_COPY: "id_copy_review_working_days",
    Category.MEDICAL: "medical_review_working_days",
}


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) after `start`."""
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def working_days_for(categories: set[Category] | set[str]) -> int:
    """The review deadline in working days for a document holding these categories (a
    glued file: every segment's): the shortest that applies."""
    limits = settings.deadlines()
    found = {Category(c) for c in categories}
    days = [getattr(limits, key) for category, key in URGENT.items() if category in found]
    return min(days, default=limits.review_working_days)


def review_deadline(received: dt.date, categories: set[Category] | set[str]) -> dt.date:
    return add_working_days(received, working_days_for(categories))


def is_urgent(categories: set[Category] | set[str]) -> bool:
    return any(Category(c) in URGENT for c in categories)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or the month's last day when it has
    no such day (31 January + 1 month: 28 or 29 February), as AVG art. 12 lid 3 counts
    its month (Awb art. 1:3 and the Algemene termijnenwet count the same way)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")
