"""The policy per law: every law has a row for every category, each row cites the
statutes of its own law (never another social-domain law's), and what a document is
worth differs where the laws differ (a bank statement in a youth-care case is given back,
in a debt-help case it is worked with)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zeef.domain import policy
from zeef.domain.case import LAWS
from zeef.domain.policy import (
    DEFAULT_LAW,
    DEFAULT_MEDICAL_POLICY,
    DIAGNOSTIC_LANGUAGE_GUIDANCE,
    LEGAL_BASES,
    LETTER_DISPOSITIONS,
    MEDICAL_POLICIES,
    POLICY,
    REVIEW_RULE_BASIS,
    SHARED_NOTE_RULES,
    STATUTE,
    Law,
    decide,
    law_of,
    rule_for,
    rules_for_law,
    shared_note_rule,
)
from zeef.domain.vocabulary import Category, Disposition

DOCS = Path(__file__).resolve().parents[2] / "docs" / "policy.md"
ALL_RULES = (*POLICY, *SHARED_NOTE_RULES)

# Each law's identification article (FAQ Q2, Q17); the Wgs has none of its own.
ID_ARTICLE = {
    Law.PARTICIPATIEWET: "Participatiewet art. 17 lid 3",
    Law.WMO: "Wmo 2015 art. 2.3.4",
    Law.JEUGDWET: "Jeugdwet art. 7.2.2",
    Law.SCHULDHULPVERLENING: "Awb art. 4:2 lid 2",
}

# The social-domain statutes as a legal basis names them. "Wmo" alone: an older Wmo
# must not be cited either.
SOCIAL_DOMAIN_STATUTE = {
    Law.PARTICIPATIEWET: re.compile(r"\bParticipatiewet\b"),
    Law.WMO: re.compile(r"\bWmo\b"),
    Law.JEUGDWET: re.compile(r"\bJeugdwet\b"),
    Law.SCHULDHULPVERLENING: re.compile(r"\bWgs\b|schuldhulpverlening", re.IGNORECASE),
}


def test_the_laws_are_the_case_files_laws():
    assert tuple(law.value for law in Law) == LAWS
    assert set(STATUTE) == set(Law)
    assert DEFAULT_LAW is Law.PARTICIPATIEWET


def test_every_law_has_exactly_one_row_per_category():
    keys = [(rule.law, rule.category) for rule in POLICY]
    assert len(keys) == len(set(keys)) == len(Law) * len(Category)
    for law in Law:
        assert [rule.category for rule in rules_for_law(law)] == list(Category)
        assert all(rule.law is law for rule in rules_for_law(law))
        for category in Category:
            assert rule_for(category, law).law is law
            assert rule_for(category, law).category is category


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.law}-{r.category}")
def test_every_row_has_a_legal_basis_a_purpose_a_reason_and_guidance(rule):
    assert rule.legal_basis.strip() and rule.purpose.strip() and rule.reason.strip()
    # Letters quote `legal_basis` under "Wet en regels": statutes only, the FAQ is not law.
    assert "FAQ" not in rule.legal_basis
    assert re.fullmatch(r"FAQ Q\d+(, Q\d+)*", rule.guidance), rule.guidance
    assert rule.legal_basis in LEGAL_BASES


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.law}-{r.category}")
def test_no_row_cites_another_social_domain_law(rule):
    # Data collected under one law are used under another only where a rule allows it
    # (FAQ Q4, Q21); the table has no row that needs such a cross-reference.
    for other, statute in SOCIAL_DOMAIN_STATUTE.items():
        if other is not rule.law:
            assert not statute.search(rule.legal_basis), (other, rule.legal_basis)


def test_each_law_cites_its_own_statute_where_it_has_an_article():
    for law in Law:
        own = [r for r in rules_for_law(law) if SOCIAL_DOMAIN_STATUTE[law].search(r.legal_basis)]
        # At least the bank statement, the report and the application or tip rows.
        assert len(own) >= 4, law
        assert SOCIAL_DOMAIN_STATUTE[law].search(shared_note_rule(law).legal_basis), law


def test_the_bank_statement_is_not_cited_under_the_participatiewet_in_other_laws():
    # The bug this table fixes: a Wmo or debt-help case kept a bank statement citing
    # "Participatiewet art. 17 lid 1, art. 53a".
    pw = rule_for(Category.BANK_STATEMENT, Law.PARTICIPATIEWET).legal_basis
    assert pw == "Participatiewet art. 17 lid 1, art. 53a"
    for law in (Law.WMO, Law.JEUGDWET, Law.SCHULDHULPVERLENING):
        assert "Participatiewet" not in rule_for(Category.BANK_STATEMENT, law).legal_basis


@pytest.mark.parametrize("law", list(Law))
def test_an_id_copy_is_destroyed_under_every_law_with_that_laws_identification_article(law):
    rule = rule_for(Category.ID_COPY, law)
    assert rule.disposition is Disposition.DESTROY
    assert decide(Category.ID_COPY, law=law) is Disposition.DESTROY
    assert rule.legal_basis.startswith(ID_ARTICLE[law])
    for other, article in ID_ARTICLE.items():
        if other is not law:
            assert article not in rule.legal_basis


@pytest.mark.parametrize("law", list(Law))
def test_medical_data_are_never_kept_under_any_law(law):
    assert rule_for(Category.MEDICAL, law).disposition is None
    for medical_policy in MEDICAL_POLICIES:
        got = decide(Category.MEDICAL, medical_policy, law=law)
        assert got is medical_policy
        assert got not in (Disposition.ARCHIVE, Disposition.WORKING)
    assert decide(Category.MEDICAL, law=law) is DEFAULT_MEDICAL_POLICY


@pytest.mark.parametrize("law", [Law.JEUGDWET])
def test_a_bank_statement_is_not_worked_with_where_the_law_does_not_assess_income(law):
    rule = rule_for(Category.BANK_STATEMENT, law)
    assert rule.disposition in (Disposition.RETURN_TO_SENDER, Disposition.REVIEW)
    assert decide(Category.BANK_STATEMENT, law=law) is not Disposition.WORKING
    assert "AVG art. 5 lid 1 sub c" in rule.legal_basis  # data minimisation
    assert "income" in rule.reason


def test_the_bank_statement_per_law():
    # Youth care never depends on income: given back. The Wmo investigation weighs the
    # client's own strength, financial means included where the municipal regulation
    # asks for them: working material, never archived. Income and debts are what debt
    # help is about.
    expected = {
        Law.PARTICIPATIEWET: Disposition.WORKING,
        Law.WMO: Disposition.WORKING,
        Law.JEUGDWET: Disposition.RETURN_TO_SENDER,
        Law.SCHULDHULPVERLENING: Disposition.WORKING,
    }
    for law, disposition in expected.items():
        assert decide(Category.BANK_STATEMENT, law=law) is disposition, law
    assert "Wgs art. 4a" in rule_for(Category.BANK_STATEMENT, Law.SCHULDHULPVERLENING).legal_basis
    assert "Wmo 2015 art. 2.3.2" in rule_for(Category.BANK_STATEMENT, Law.WMO).legal_basis


@pytest.mark.parametrize("law", list(Law))
def test_the_same_categories_are_handled_alike_under_every_law(law):
    assert decide(Category.CASE_REPORT, law=law) is Disposition.ARCHIVE
    report = rule_for(Category.CASE_REPORT, law).legal_basis
    assert "Awb art. 3:2" in report and "Archiefwet 1995 art. 3" in report
    assert SOCIAL_DOMAIN_STATUTE[law].search(report)  # plus the law's own article
    assert decide(Category.PERSONAL_NOTE, law=law) is Disposition.EXCLUDE
    assert decide(Category.APPLICATION, law=law) is Disposition.ARCHIVE
    assert decide(Category.MEDICAL_ADVICE, law=law) is Disposition.ARCHIVE
    assert decide(Category.THIRD_PARTY_TIP, law=law) is Disposition.WORKING
    assert decide(Category.OTHER, law=law) is Disposition.REVIEW


@pytest.mark.parametrize("law", list(Law))
def test_a_shared_personal_note_is_dossier_material(law):
    rule = shared_note_rule(law)
    assert rule.law is law and rule.category is Category.PERSONAL_NOTE
    assert rule.disposition is Disposition.WORKING
    assert "Q28" in rule.guidance
    assert rule not in POLICY  # the table's personal-note row stays `exclude`
    assert shared_note_rule(law.value) is rule


def test_the_diagnostic_language_guidance():
    assert DIAGNOSTIC_LANGUAGE_GUIDANCE == "FAQ Q14, Q18, Q22"


def test_the_law_is_the_case_files_string_and_none_is_the_participatiewet():
    for law in Law:
        bank = rule_for(Category.BANK_STATEMENT, law)
        assert rule_for(Category.BANK_STATEMENT, law.value) is bank
        assert rules_for_law(law.value) == rules_for_law(law)
        assert law_of(law.value) is law
    for category in Category:
        assert rule_for(category) is rule_for(category, None) is rule_for(category, DEFAULT_LAW)
        assert rule_for(category.value) is rule_for(category)
    assert shared_note_rule() is shared_note_rule(DEFAULT_LAW)


@pytest.mark.parametrize("law", ["", "WMO", "Wmo 2015", "bijstand", "participatiewet "])
def test_an_unknown_law_is_a_value_error(law):
    with pytest.raises(ValueError, match="unknown law"):
        rule_for(Category.BANK_STATEMENT, law)
    with pytest.raises(ValueError, match="unknown law"):
        decide(Category.BANK_STATEMENT, law=law)
    with pytest.raises(ValueError, match="unknown law"):
        decide(Category.BANK_STATEMENT, needs_review=True, law=law)
    with pytest.raises(ValueError, match="unknown law"):
        rules_for_law(law)
    with pytest.raises(ValueError, match="unknown law"):
        shared_note_rule(law)


def test_the_existing_call_forms_still_work():
    # Positional, as zeef.pipeline calls them before they pass the case's law.
    assert decide(Category.BANK_STATEMENT) is Disposition.WORKING
    assert decide(Category.MEDICAL, Disposition.RETURN_TO_SENDER) is Disposition.RETURN_TO_SENDER
    assert decide(Category.ID_COPY, DEFAULT_MEDICAL_POLICY, True) is Disposition.REVIEW
    assert decide(Category.BANK_STATEMENT, DEFAULT_MEDICAL_POLICY, False, "jeugdwet") is (
        Disposition.RETURN_TO_SENDER
    )
    assert rule_for(Category.ID_COPY).legal_basis.startswith("Participatiewet art. 17 lid 3")
    assert {rule.legal_basis for rule in POLICY} | {REVIEW_RULE_BASIS} <= LEGAL_BASES
    assert LETTER_DISPOSITIONS == (
        Disposition.RETURN_TO_SENDER,
        Disposition.FORWARD_MEDICAL_ADVISER,
        Disposition.DESTROY,
    )
    assert MEDICAL_POLICIES == (Disposition.FORWARD_MEDICAL_ADVISER, Disposition.RETURN_TO_SENDER)
    assert policy.PolicyRule.__dataclass_params__.frozen


def _docs_section(law: Law) -> list[str]:
    """The lines of docs/policy.md under the heading that names `law` (`law.value`)."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    start = next(
        (i for i, line in enumerate(lines) if line.startswith("## ") and f"`{law}`" in line),
        None,
    )
    assert start is not None, f"docs/policy.md has no section for `{law}`"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start + 1 : end]


@pytest.mark.parametrize("law", list(Law))
def test_the_docs_list_every_row_of_every_law(law):
    section = _docs_section(law)
    for rule in rules_for_law(law):
        rows = [line for line in section if line.startswith(f"| `{rule.category}` |")]
        assert len(rows) == 1, (law, rule.category)
        assert rule.legal_basis in rows[0], (law, rule.category)
        shown = "medical_policy" if rule.disposition is None else f"`{rule.disposition}`"
        assert shown in rows[0], (law, rule.category)
    shared = [line for line in section if line.startswith("| `personal_note`, shared |")]
    assert len(shared) == 1 and shared_note_rule(law).legal_basis in shared[0], law
