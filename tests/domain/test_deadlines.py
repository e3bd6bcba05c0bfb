"""Review deadlines: counted in working days, shortest for what may not wait whole."""

from __future__ import annotations

import datetime as dt

import pytest

from zeef.domain import settings
from zeef.domain.deadlines import add_working_days, is_urgent, review_deadline, working_days_for
from zeef.domain.errors import SettingsError
from zeef.domain.settings import parse_settings

FRIDAY = dt.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _defaults():
    settings.use(None)
    yield
    settings.use(None)


def test_working_days_skip_the_weekend():
    assert add_working_days(FRIDAY, 1) == dt.date(2026, 12, 7)  # Monday
    assert add_working_days(FRIDAY, 5) == dt.date(2026, 12, 11)
    assert add_working_days(dt.date(2026, 12, 5), 1) == dt.date(2026, 12, 7)  # Saturday


@pytest.mark.parametrize(
    ("categories", "days"),
    [
        ({"id_copy"}, 1),
        ({"medical"}, 1),
        ({"application", "id_copy"}, 1),  # a glued file holding an ID copy
        ({"other"}, 10),
        ({"application", "bank_statement"}, 10),
    ],
)
def test_an_id_copy_or_medical_document_may_wait_one_working_day(categories, days):
    assert working_days_for(categories) == days
    assert is_urgent(categories) is (days == 1)


def test_the_deadlines_are_settings():
    settings.use(
        parse_settings({"deadlines": {"id_copy_review_working_days": 2, "review_working_days": 3}})
    )
    assert review_deadline(FRIDAY, {"id_copy"}) == dt.date(2026, 12, 8)
    assert review_deadline(FRIDAY, {"other"}) == dt.date(2026, 12, 9)
    assert review_deadline(FRIDAY, {"medical"}) == dt.date(2026, 12, 7)  # default kept


@pytest.mark.parametrize(
    "table",
    [{"review_days": 3}, {"review_working_days": 0}, {"review_working_days": 1.5}],
)
def test_a_bad_deadline_setting_is_refused_by_name(table):
    with pytest.raises(SettingsError, match="deadlines"):
        parse_settings({"deadlines": table})
