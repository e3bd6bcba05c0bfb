"""The policy table: every category has a rule with a legal reference."""

import pytest

from zeef.domain.case import LAWS
from zeef.domain.policy import POLICY, decide, rule_for, rules_for_law
from zeef.domain.vocabulary import Category, Disposition


@pytest.mark.parametrize("law", sorted(LAWS))
def test_every_category_has_exactly_one_rule_per_law_with_a_legal_basis(law):
    rules = rules_for_law(law)
    assert sorted(r.category for r in rules) == sorted(Category)
    for rule in rules:
        assert rule.legal_basis.strip() and rule.reason.strip() and rule.purpose.strip()


@pytest.mark.parametrize(
    "category, expected",
    [
        (Category.MEDICAL_ADVICE, Disposition.ARCHIVE),
        (Category.BANK_STATEMENT, Disposition.WORKING),
        (Category.ID_COPY, Disposition.DESTROY),
        (Category.THIRD_PARTY_TIP, Disposition.WORKING),
        (Category.APPLICATION, Disposition.ARCHIVE),
        (Category.PERSONAL_NOTE, Disposition.EXCLUDE),
        (Category.CASE_REPORT, Disposition.ARCHIVE),
        (Category.OTHER, Disposition.REVIEW),
    ],
)
def test_fixed_dispositions(category, expected):
    assert decide(category) is expected


def test_medical_follows_the_case_policy_and_is_never_kept():
    for policy in (Disposition.FORWARD_MEDICAL_ADVISER, Disposition.RETURN_TO_SENDER):
        assert decide(Category.MEDICAL, policy) is policy
    assert rule_for(Category.MEDICAL).disposition is None


def test_review_overrides_everything():
    assert decide(Category.ID_COPY, needs_review=True) is Disposition.REVIEW


def test_a_legal_basis_cites_statutes_only_and_the_faq_is_guidance():
    # Letters quote `legal_basis` under "Wet en regels": the FAQ is not law.
    statutes = ("AVG", "UAVG", "Participatiewet", "Wmo 2015", "Jeugdwet", "Awb", "Archiefwet")
    for rule in POLICY:
        assert "FAQ" not in rule.legal_basis, rule.category
        assert any(s in rule.legal_basis for s in statutes), rule.category
        assert rule.guidance.startswith("FAQ Q"), rule.category
