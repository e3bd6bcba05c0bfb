"""The reviewer's choices: the policy's own disposition first, back to the citizen
always, and never a medical document or an ID copy in a dossier part, under every law."""

from __future__ import annotations

import pytest

from zeef.domain import review_choices
from zeef.domain.policy import LEGAL_BASES, Law, rule_for
from zeef.domain.vocabulary import Category, Disposition

DOSSIER = {Disposition.ARCHIVE, Disposition.WORKING}


@pytest.mark.parametrize("law", list(Law))
@pytest.mark.parametrize("category", list(Category))
def test_every_choice_cites_a_legal_basis_and_none_is_unsafe(category, law):
    choices = review_choices.choices(category, law.value)
    dispositions = [c.disposition for c in choices]
    assert Disposition.RETURN_TO_SENDER in dispositions
    assert Disposition.REVIEW not in dispositions
    assert len(set(dispositions)) == len(dispositions)
    assert all(c.legal_basis in LEGAL_BASES for c in choices)
    if category in (Category.MEDICAL, Category.ID_COPY):
        assert not DOSSIER & set(dispositions)
        assert Disposition.EXCLUDE not in dispositions
    if Disposition.DESTROY in dispositions:
        assert category is Category.ID_COPY
    own = rule_for(category, law).disposition
    if own not in (None, Disposition.REVIEW):
        assert dispositions[0] is own


def test_allowed_refuses_what_the_table_does_not_hold():
    assert review_choices.allowed("other", "working", "wmo").disposition is Disposition.WORKING
    with pytest.raises(ValueError):
        review_choices.allowed("medical", "archive", "wmo")
    with pytest.raises(ValueError):
        review_choices.allowed("application", "destroy", None)
