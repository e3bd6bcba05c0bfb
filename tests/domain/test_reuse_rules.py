"""The rules for reading another case of the same subject across laws (FAQ Q4, Q6, Q20,
Q21), and the case file's `related_cases` that names those cases."""

import pytest

from zeef.domain.case import MAX_RELATED_CASES, parse_case
from zeef.domain.errors import CaseFileError
from zeef.domain.policy import LEGAL_BASES, Law
from zeef.domain.reuse import RULES, Kind, rule_for
from zeef.pipeline.audit import LEGAL_REFERENCES

PW, WMO, JW, WGS = Law.PARTICIPATIEWET, Law.WMO, Law.JEUGDWET, Law.SCHULDHULPVERLENING


def test_every_pair_of_laws_has_exactly_one_rule():
    pairs = [(r.asking, r.read) for r in RULES]
    assert len(pairs) == len(set(pairs)) == len(Law) ** 2
    for asking in Law:
        for read in Law:
            rule = rule_for(asking.value, read.value)
            assert (rule.asking, rule.read) == (asking, read)
            assert rule_for(asking, read) is rule


def test_every_rule_cites_a_legal_reference_the_audit_trail_accepts():
    for rule in RULES:
        assert rule.legal_reference in LEGAL_BASES
        assert rule.legal_reference in LEGAL_REFERENCES
        assert rule.guidance.startswith("FAQ Q")
        assert rule.reason and "\n" not in rule.reason and len(rule.reason) <= 120


@pytest.mark.parametrize("law", list(Law))
def test_same_law_old_reports_are_allowed_faq_q20(law):
    rule = rule_for(law, law)
    assert rule.kind is Kind.ALLOWED
    assert rule.guidance == "FAQ Q20"


@pytest.mark.parametrize("read", [PW, WMO, JW])
def test_wgs_art_8d_debt_help_reads_pw_wmo_and_jeugdwet_without_consent_faq_q21(read):
    rule = rule_for(WGS, read)
    assert rule.kind is Kind.ALLOWED
    assert rule.legal_reference == "Wgs art. 8d"


@pytest.mark.parametrize("read", [PW, JW, WGS])
def test_wmo_art_5_1_1_lid_4_needs_the_citizens_consent_faq_q21(read):
    rule = rule_for(WMO, read)
    assert rule.kind is Kind.NEEDS_CONSENT
    assert rule.legal_reference == "Wmo 2015 art. 5.1.1 lid 4"


@pytest.mark.parametrize("read", [WMO, JW, WGS])
def test_pw_art_53a_lid_6_needs_a_concrete_reason_faq_q4_q6(read):
    rule = rule_for(PW, read)
    assert rule.kind is Kind.NEEDS_REASON
    assert rule.legal_reference == "Participatiewet art. 53a lid 6"


@pytest.mark.parametrize("read", [PW, WMO, WGS])
def test_jeugdwet_has_no_reuse_rule_so_it_is_refused_faq_q21(read):
    rule = rule_for(JW, read)
    assert rule.kind is Kind.REFUSED
    assert rule.legal_reference == "AVG art. 5 lid 1 sub b"


def test_the_rules_are_one_way_faq_q21():
    # Debt help may read the Wmo case; the Wmo needs consent to read the debt-help case.
    assert rule_for(WGS, WMO).kind is Kind.ALLOWED
    assert rule_for(WMO, WGS).kind is Kind.NEEDS_CONSENT
    # The Participatiewet reads youth care with a reason; youth care never reads it.
    assert rule_for(PW, JW).kind is Kind.NEEDS_REASON
    assert rule_for(JW, PW).kind is Kind.REFUSED


@pytest.mark.parametrize("asking, read", [("bijstand", "wmo"), ("wmo", "zorg"), (None, "wmo")])
def test_an_unknown_law_is_an_error(asking, read):
    with pytest.raises(ValueError, match="unknown law"):
        rule_for(asking, read)


# -- the case file's related_cases ---------------------------------------------------------

CASE = {
    "case_id": "2026-0042",
    "law": "schuldhulpverlening",
    "subject": {"name": "Fatima el Amrani", "bsn": "111222333"},
}


def test_related_cases_default_to_none():
    assert parse_case(CASE).related_cases == ()
    assert parse_case({**CASE, "related_cases": []}).related_cases == ()


def test_related_cases_keep_their_order_without_duplicates():
    case = parse_case({**CASE, "related_cases": ["2025-0007", "W.2024_12", "2025-0007"]})
    assert case.related_cases == ("2025-0007", "W.2024_12")


@pytest.mark.parametrize(
    "value, field",
    [
        ("2025-0007", "related_cases"),
        ({"case": "2025-0007"}, "related_cases"),
        (["2025-0007"] * (MAX_RELATED_CASES + 1), "related_cases"),
        (["2025-0007", "Jan Jansen"], "related_cases[1]"),
        (["../2025-0007"], "related_cases[0]"),
        ([7], "related_cases[0]"),
        (["2025-0007", "2026-0042"], "related_cases[1]"),
    ],
)
def test_bad_related_cases_are_named_without_their_value(value, field):
    with pytest.raises(CaseFileError) as exc:
        parse_case({**CASE, "related_cases": value})
    message = str(exc.value)
    assert message.startswith(f"{field}:")
    for shown in ("Jan Jansen", "../2025-0007", "2025-0007", "2026-0042"):
        assert shown not in message
