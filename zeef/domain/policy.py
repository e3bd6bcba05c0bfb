"""The policy: what happens to each kind of document, and on what legal ground.

One row per category. `legal_basis` holds the articles of law only: what letters cite
under "Wet en regels" and what the audit trail records. `guidance` names the questions
of the municipalities' FAQ "Privacy in het sociaal domein" (VNG Realisatie, Divosa,
NDSD, 2019/2021) that explain the rule; the FAQ is explanation, not law. `medical` has
no fixed disposition: the case's `medical_policy` picks between forwarding to the
medical adviser and returning to the citizen; neither keeps a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from zeef.domain.vocabulary import Category, Disposition


@dataclass(frozen=True)
class PolicyRule:
    category: Category
    disposition: Disposition | None  # None: decided by the case's medical_policy
    legal_basis: str  # statutes and articles, nothing else
    reason: str
    guidance: str = ""  # the FAQ questions that explain the rule (not law)


POLICY: tuple[PolicyRule, ...] = (
    PolicyRule(
        Category.MEDICAL,
        None,
        "AVG art. 9 lid 1; UAVG art. 30 lid 3",
        "medical data are for the medical adviser; no copy is kept in the dossier",
        guidance="FAQ Q3, Q22, Q29",
    ),
    PolicyRule(
        Category.MEDICAL_ADVICE,
        Disposition.ARCHIVE,
        "AVG art. 9 lid 2 sub h; Archiefwet 1995 art. 3",
        "the medical adviser's advice without diagnosis contributed to the decision",
        guidance="FAQ Q3, Q22",
    ),
    PolicyRule(
        Category.BANK_STATEMENT,
        Disposition.WORKING,
        "Participatiewet art. 17 lid 1, art. 53a",
        "needed to establish the right to assistance while the case is assessed",
        guidance="FAQ Q11",
    ),
    PolicyRule(
        Category.ID_COPY,
        Disposition.DESTROY,
        "Participatiewet art. 17 lid 3; Wmo 2015 art. 2.3.4; Jeugdwet art. 7.2.2",
        "no law allows keeping a copy of an ID document; number and expiry are noted",
        guidance="FAQ Q2, Q17",
    ),
    PolicyRule(
        Category.THIRD_PARTY_TIP,
        Disposition.WORKING,
        "AVG art. 6 lid 1 sub e; UAVG art. 41 lid 1 sub h",
        "a tip is part of the assessment; third parties are anonymised on inspection",
        guidance="FAQ Q12",
    ),
    PolicyRule(
        Category.APPLICATION,
        Disposition.ARCHIVE,
        "Awb art. 4:1, 4:2; Archiefwet 1995 art. 3",
        "the application is the basis of the decision",
        guidance="FAQ Q1, Q14",
    ),
    PolicyRule(
        Category.PERSONAL_NOTE,
        Disposition.EXCLUDE,
        "AVG art. 5 lid 1 sub b, c",
        "a professional's personal working note is not part of the dossier",
        guidance="FAQ Q14, Q28",
    ),
    PolicyRule(
        Category.OTHER,
        Disposition.REVIEW,
        "AVG art. 5 lid 1 sub c",
        "no rule says it is needed; a reviewer decides whether to keep or return it",
        guidance="FAQ Q1",
    ),
)

_BY_CATEGORY = {rule.category: rule for rule in POLICY}

MEDICAL_POLICIES = (Disposition.FORWARD_MEDICAL_ADVISER, Disposition.RETURN_TO_SENDER)
DEFAULT_MEDICAL_POLICY = Disposition.FORWARD_MEDICAL_ADVISER

REVIEW_RULE_BASIS = "AVG art. 5 lid 1 sub a, d"

# What the citizen is told about in a letter (FAQ Q1, Q3, Q22), in the order of its
# sections: what was given back, forwarded without a copy, or destroyed.
LETTER_DISPOSITIONS = (
    Disposition.RETURN_TO_SENDER,
    Disposition.FORWARD_MEDICAL_ADVISER,
    Disposition.DESTROY,
)


def rule_for(category: Category) -> PolicyRule:
    return _BY_CATEGORY[category]


def decide(
    category: Category,
    medical_policy: Disposition = DEFAULT_MEDICAL_POLICY,
    needs_review: bool = False,
) -> Disposition:
    """The disposition of a document of `category` in a case with `medical_policy`."""
    if needs_review:
        return Disposition.REVIEW
    rule = rule_for(category)
    if rule.disposition is None:
        return medical_policy
    return rule.disposition
