"""The policy: what happens to each kind of document, under each law, and on what ground.

One row per law and category (`POLICY`, keyed by (law, category)): a bank statement is
needed to establish the right to assistance under the Participatiewet and to draw up a
plan of approach under the Wgs, but a youth-care decision does not depend on income, so
under the Jeugdwet it is given back. Each row holds:

- `disposition`: what happens to the document (None for `medical`: the case's
  `medical_policy` picks between forwarding to the medical adviser and returning it to
  the citizen; neither keeps a copy, under every law);
- `legal_basis`: the articles of law only, of THAT law (plus the general AVG, UAVG, Awb
  and Archiefwet 1995 articles that hold under every law). It is what letters cite under
  "Wet en regels" and what the audit trail records. No row of one social-domain law
  cites another's: data collected under one law are used under another only where a
  rule allows it (FAQ Q4, Q21), which is not a question of one document's disposition;
- `purpose`: the processing purpose under that law (AVG art. 5 lid 1 sub b; what an
  inspection answer names, AVG art. 15 lid 1 sub a);
- `reason`: why, in one line;
- `guidance`: the questions of the municipalities' FAQ "Privacy in het sociaal domein"
  (VNG Realisatie, Divosa, NDSD, 2019/2021) that explain the rule; the FAQ is
  explanation, not law.

A personal working note is excluded under every law, but once it is shared with a
colleague or another organisation it is dossier material (FAQ Q28): `shared_note_rule`.

`rule_for`, `decide` and `shared_note_rule` take the case file's law as a string (or a
`Law`); None is the Participatiewet, the table's behaviour before it was kept per law;
an unknown law is a ValueError. docs/policy.md shows the table per law.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from enum import StrEnum

from zeef.domain.vocabulary import Category, Disposition


class Law(StrEnum):
    """The laws a case is handled under: the values of a case file's `law`."""

    PARTICIPATIEWET = "participatiewet"
    WMO = "wmo"
    JEUGDWET = "jeugdwet"
    SCHULDHULPVERLENING = "schuldhulpverlening"


# The law a caller that names none gets: the table before it was kept per law.
DEFAULT_LAW = Law.PARTICIPATIEWET

# How `legal_basis` names each law's own statute.
STATUTE: dict[Law, str] = {
    Law.PARTICIPATIEWET: "Participatiewet",
    Law.WMO: "Wmo 2015",
    Law.JEUGDWET: "Jeugdwet",
    Law.SCHULDHULPVERLENING: "Wgs",
}


@dataclass(frozen=True)
class PolicyRule:
    category: Category
    disposition: Disposition | None  # None: decided by the case's medical_policy
    legal_basis: str  # statutes and articles, nothing else
    reason: str
    guidance: str = ""  # the FAQ questions that explain the rule (not law)
    _: KW_ONLY
    law: Law
    purpose: str  # the processing purpose under `law`


MEDICAL_POLICIES = (Disposition.FORWARD_MEDICAL_ADVISER, Disposition.RETURN_TO_SENDER)
DEFAULT_MEDICAL_POLICY = Disposition.FORWARD_MEDICAL_ADVISER

REVIEW_RULE_BASIS = "AVG art. 5 lid 1 sub a, d"

# A case report that records a diagnosis, medication or ZRM scores goes to review: write
# with the subject reading along, record the limitation and never the diagnosis.
DIAGNOSTIC_LANGUAGE_GUIDANCE = "FAQ Q14, Q18, Q22"

# What the citizen is told about in a letter (FAQ Q1, Q3, Q22), in the order of its
# sections: what was given back, forwarded without a copy, or destroyed.
LETTER_DISPOSITIONS = (
    Disposition.RETURN_TO_SENDER,
    Disposition.FORWARD_MEDICAL_ADVISER,
    Disposition.DESTROY,
)

# The processing purpose of each law, in a phrase the rows build on.
_PURPOSE: dict[Law, str] = {
    Law.PARTICIPATIEWET: "establishing the right to assistance (bijstand)",
    Law.WMO: "investigating the need for social support and deciding on a provision (Wmo)",
    Law.JEUGDWET: "assessing the need for youth care and deciding on a provision (jeugdhulp)",
    Law.SCHULDHULPVERLENING: (
        "deciding on access to debt help and its plan of approach (plan van aanpak)"
    ),
}

# Law-neutral pieces: they hold under every law.
_MEDICAL_BASIS = "AVG art. 9 lid 1; UAVG art. 30 lid 3"
_MEDICAL_REASON = "medical data are for the medical adviser; no copy is kept in the dossier"
_NOTE_BASIS = "AVG art. 5 lid 1 sub b, c"
_NOTE_REASON = "a professional's personal working note is not part of the dossier"
_NOTE_PURPOSE = "none: a professional's own aide-memoire is not processed for the case"
_OTHER_BASIS = "AVG art. 5 lid 1 sub c"
_OTHER_REASON = "no rule says it is needed; a reviewer decides whether to keep or return it"
_TIP_REASON = "a tip is part of the assessment; third parties are anonymised on inspection"
_REPORT_REASON = "the municipality's own report or decision about the case belongs in its dossier"
_ID_REASON = "no law allows keeping a copy of an ID document; number and expiry are noted"


def _rows(
    law: Law, rows: dict[Category, tuple[Disposition | None, str, str, str, str]]
) -> tuple[PolicyRule, ...]:
    """`rows`: category -> (disposition, legal_basis, purpose, reason, guidance)."""
    return tuple(
        PolicyRule(category, d, basis, reason, guidance, law=law, purpose=purpose)
        for category, (d, basis, purpose, reason, guidance) in rows.items()
    )


_PW = _PURPOSE[Law.PARTICIPATIEWET]
_WMO = _PURPOSE[Law.WMO]
_JW = _PURPOSE[Law.JEUGDWET]
_WGS = _PURPOSE[Law.SCHULDHULPVERLENING]

_PARTICIPATIEWET = _rows(
    Law.PARTICIPATIEWET,
    {
        Category.MEDICAL: (
            None,
            _MEDICAL_BASIS,
            f"{_PW}: the medical adviser (controlerend arts) assesses it, not the municipality",
            _MEDICAL_REASON,
            "FAQ Q3, Q22, Q29",
        ),
        Category.MEDICAL_ADVICE: (
            Disposition.ARCHIVE,
            "AVG art. 9 lid 2 sub h; Participatiewet art. 53a lid 6; Archiefwet 1995 art. 3",
            f"{_PW}: the adviser's conclusion on capacity, without diagnosis",
            "the medical adviser's advice without diagnosis contributed to the decision",
            "FAQ Q3, Q22",
        ),
        Category.BANK_STATEMENT: (
            Disposition.WORKING,
            "Participatiewet art. 17 lid 1, art. 53a",
            f"{_PW}: income and assets",
            "needed to establish the right to assistance while the case is assessed",
            "FAQ Q11",
        ),
        Category.ID_COPY: (
            Disposition.DESTROY,
            "Participatiewet art. 17 lid 3; AVG art. 5 lid 1 sub c",
            "establishing the applicant's identity; only number and expiry are kept",
            _ID_REASON,
            "FAQ Q2, Q17",
        ),
        Category.THIRD_PARTY_TIP: (
            Disposition.WORKING,
            "Participatiewet art. 53a lid 6; AVG art. 6 lid 1 sub e, art. 15 lid 4; "
            "UAVG art. 41 lid 1 sub h",
            f"{_PW}: checking the facts a third party reported (investigation)",
            _TIP_REASON,
            "FAQ Q12",
        ),
        Category.APPLICATION: (
            Disposition.ARCHIVE,
            "Awb art. 4:1, 4:2; Archiefwet 1995 art. 3",
            f"{_PW}: the request the decision answers",
            "the application is the basis of the decision",
            "FAQ Q1, Q14",
        ),
        Category.CASE_REPORT: (
            Disposition.ARCHIVE,
            "Participatiewet art. 53a lid 6; Awb art. 3:2; Archiefwet 1995 art. 3",
            f"{_PW}: the municipality's own record of its investigation and decision",
            _REPORT_REASON,
            "FAQ Q1, Q14, Q28",
        ),
        Category.PERSONAL_NOTE: (
            Disposition.EXCLUDE,
            _NOTE_BASIS,
            _NOTE_PURPOSE,
            _NOTE_REASON,
            "FAQ Q14, Q28",
        ),
        Category.OTHER: (
            Disposition.REVIEW,
            _OTHER_BASIS,
            f"{_PW}, if a reviewer finds it needed",
            _OTHER_REASON,
            "FAQ Q1",
        ),
    },
)

_WMO_ROWS = _rows(
    Law.WMO,
    {
        Category.MEDICAL: (
            None,
            _MEDICAL_BASIS,
            f"{_WMO}: the medical adviser assesses it; the dossier records the limitation",
            _MEDICAL_REASON,
            "FAQ Q22, Q29",
        ),
        Category.MEDICAL_ADVICE: (
            Disposition.ARCHIVE,
            "AVG art. 9 lid 2 sub h; Wmo 2015 art. 2.3.2 lid 4, art. 5.1.1; Archiefwet 1995 art. 3",
            f"{_WMO}: the adviser's conclusion on needs and limitations, without diagnosis",
            "the medical adviser's advice without diagnosis contributed to the decision",
            "FAQ Q22",
        ),
        # The Wmo investigation (art. 2.3.2 lid 4) covers needs, abilities, the network
        # and general provisions, not income; the cost contribution is not set from the
        # citizen's bank statements. Only a municipality's own income-dependent
        # arrangement could need one, which the pipeline cannot know: a person decides,
        # and gives it back otherwise. Never `working` by default.
        # The Wmo investigation weighs what the client can do on their own strength
        # (eigen kracht, art. 2.3.2 lid 4), which the municipal regulation may extend to
        # financial means (a pgb, an algemeen gebruikelijke voorziening): a statement
        # handed in is working material while the case is assessed, destroyed with the
        # working dossier after the decision. Never archived.
        Category.BANK_STATEMENT: (
            Disposition.WORKING,
            "Wmo 2015 art. 2.3.2 lid 4, art. 5.1.1; AVG art. 5 lid 1 sub c",
            "the investigation of the client's own strength (eigen kracht), "
            "including financial means where the municipal regulation asks for them",
            "working material while the request is assessed; not archived",
            "FAQ Q11, Q16",
        ),
        Category.ID_COPY: (
            Disposition.DESTROY,
            "Wmo 2015 art. 2.3.4; AVG art. 5 lid 1 sub c",
            "establishing the client's identity; only number and expiry are kept",
            _ID_REASON,
            "FAQ Q17",
        ),
        Category.THIRD_PARTY_TIP: (
            Disposition.WORKING,
            "Wmo 2015 art. 2.3.2 lid 4, art. 5.1.1; AVG art. 6 lid 1 sub e, art. 15 lid 4",
            f"{_WMO}: checking the facts a third party reported",
            _TIP_REASON,
            "FAQ Q12",
        ),
        Category.APPLICATION: (
            Disposition.ARCHIVE,
            "Wmo 2015 art. 2.3.2 lid 1, art. 2.3.5; Awb art. 4:1, 4:2; Archiefwet 1995 art. 3",
            f"{_WMO}: the report (melding) and request the decision answers",
            "the application is the basis of the decision",
            "FAQ Q14, Q16",
        ),
        Category.CASE_REPORT: (
            Disposition.ARCHIVE,
            "Wmo 2015 art. 2.3.2; Awb art. 3:2; Archiefwet 1995 art. 3",
            f"{_WMO}: the municipality's own record of the investigation "
            "(keukentafelverslag) and decision",
            _REPORT_REASON,
            "FAQ Q14, Q18, Q28",
        ),
        Category.PERSONAL_NOTE: (
            Disposition.EXCLUDE,
            _NOTE_BASIS,
            _NOTE_PURPOSE,
            _NOTE_REASON,
            "FAQ Q14, Q28",
        ),
        Category.OTHER: (
            Disposition.REVIEW,
            _OTHER_BASIS,
            f"{_WMO}, if a reviewer finds it needed",
            _OTHER_REASON,
            "FAQ Q16, Q22",
        ),
    },
)

_JEUGDWET = _rows(
    Law.JEUGDWET,
    {
        Category.MEDICAL: (
            None,
            _MEDICAL_BASIS,
            f"{_JW}: the medical adviser assesses it; the dossier records the limitation",
            _MEDICAL_REASON,
            "FAQ Q22, Q29",
        ),
        Category.MEDICAL_ADVICE: (
            Disposition.ARCHIVE,
            "AVG art. 9 lid 2 sub h; Jeugdwet art. 2.3 lid 1, art. 7.4.0; Archiefwet 1995 art. 3",
            f"{_JW}: the adviser's conclusion on the need for help, without diagnosis",
            "the medical adviser's advice without diagnosis contributed to the decision",
            "FAQ Q22",
        ),
        # A youth-care decision (art. 2.3) does not depend on income: not needed, given
        # back, and asked for again if it ever becomes necessary (FAQ Q1, Q16, Q22).
        Category.BANK_STATEMENT: (
            Disposition.RETURN_TO_SENDER,
            "AVG art. 5 lid 1 sub c; Jeugdwet art. 2.3 lid 1",
            "none: a youth-care decision does not depend on income",
            "a youth-care decision does not depend on income; not needed, so given back",
            "FAQ Q16, Q22",
        ),
        Category.ID_COPY: (
            Disposition.DESTROY,
            "Jeugdwet art. 7.2.2; AVG art. 5 lid 1 sub c",
            "establishing the young person's identity; only number and expiry are kept",
            _ID_REASON,
            "FAQ Q17",
        ),
        Category.THIRD_PARTY_TIP: (
            Disposition.WORKING,
            "Jeugdwet art. 7.4.0; AVG art. 6 lid 1 sub e, art. 15 lid 4",
            f"{_JW}: checking the facts a third party reported",
            _TIP_REASON,
            "FAQ Q12",
        ),
        Category.APPLICATION: (
            Disposition.ARCHIVE,
            "Jeugdwet art. 2.3 lid 1; Awb art. 4:1, 4:2; Archiefwet 1995 art. 3",
            f"{_JW}: the request the decision answers",
            "the application is the basis of the decision",
            "FAQ Q14, Q16",
        ),
        Category.CASE_REPORT: (
            Disposition.ARCHIVE,
            "Jeugdwet art. 2.3 lid 1, art. 7.4.0; Awb art. 3:2; Archiefwet 1995 art. 3",
            f"{_JW}: the municipality's own record of its investigation and decision",
            _REPORT_REASON,
            "FAQ Q14, Q18, Q28",
        ),
        Category.PERSONAL_NOTE: (
            Disposition.EXCLUDE,
            _NOTE_BASIS,
            _NOTE_PURPOSE,
            _NOTE_REASON,
            "FAQ Q14, Q28",
        ),
        Category.OTHER: (
            Disposition.REVIEW,
            _OTHER_BASIS,
            f"{_JW}, if a reviewer finds it needed",
            _OTHER_REASON,
            "FAQ Q16, Q22",
        ),
    },
)

_WGS_ROWS = _rows(
    Law.SCHULDHULPVERLENING,
    {
        Category.MEDICAL: (
            None,
            _MEDICAL_BASIS,
            f"{_WGS}: the medical adviser assesses it, not the debt counsellor",
            _MEDICAL_REASON,
            "FAQ Q22, Q29",
        ),
        Category.MEDICAL_ADVICE: (
            Disposition.ARCHIVE,
            "AVG art. 9 lid 2 sub h; Wgs art. 4a lid 1; Archiefwet 1995 art. 3",
            f"{_WGS}: the adviser's conclusion, without diagnosis",
            "the medical adviser's advice without diagnosis contributed to the decision",
            "FAQ Q22",
        ),
        # Debt help needs income, expenses and debts: the access decision and the plan
        # of approach (art. 4a) are built on them.
        Category.BANK_STATEMENT: (
            Disposition.WORKING,
            "Wgs art. 4a lid 1; AVG art. 6 lid 1 sub e",
            f"{_WGS}: income, expenses and debts",
            "needed to establish income and debts for the access decision and the plan of approach",
            "FAQ Q1",
        ),
        # The Wgs has no identification article of its own: identity is established as
        # data needed for the decision (Awb art. 4:2 lid 2), and no law allows a copy.
        Category.ID_COPY: (
            Disposition.DESTROY,
            "Awb art. 4:2 lid 2; AVG art. 5 lid 1 sub c",
            "establishing the applicant's identity; only number and expiry are kept",
            _ID_REASON,
            "FAQ Q2, Q17",
        ),
        Category.THIRD_PARTY_TIP: (
            Disposition.WORKING,
            "Wgs art. 4a lid 1; AVG art. 6 lid 1 sub e, art. 15 lid 4",
            f"{_WGS}: checking the facts a third party reported",
            _TIP_REASON,
            "FAQ Q12",
        ),
        Category.APPLICATION: (
            Disposition.ARCHIVE,
            "Wgs art. 4a lid 1; Awb art. 4:1, 4:2; Archiefwet 1995 art. 3",
            f"{_WGS}: the request the decision answers",
            "the application is the basis of the decision",
            "FAQ Q1, Q13",
        ),
        Category.CASE_REPORT: (
            Disposition.ARCHIVE,
            "Wgs art. 4a lid 1; Awb art. 3:2; Archiefwet 1995 art. 3",
            f"{_WGS}: the municipality's own decision and plan of approach",
            _REPORT_REASON,
            "FAQ Q14, Q28",
        ),
        Category.PERSONAL_NOTE: (
            Disposition.EXCLUDE,
            _NOTE_BASIS,
            _NOTE_PURPOSE,
            _NOTE_REASON,
            "FAQ Q14, Q28",
        ),
        Category.OTHER: (
            Disposition.REVIEW,
            _OTHER_BASIS,
            f"{_WGS}, if a reviewer finds it needed",
            _OTHER_REASON,
            "FAQ Q1",
        ),
    },
)

POLICY: tuple[PolicyRule, ...] = _PARTICIPATIEWET + _WMO_ROWS + _JEUGDWET + _WGS_ROWS

_BY_KEY: dict[tuple[Law, Category], PolicyRule] = {(r.law, r.category): r for r in POLICY}

# A personal note shared with a colleague or another organisation is no longer personal:
# it is dossier material and open to inspection (FAQ Q28). Working, not archive: whether
# it contributed to the decision is for the dossier's closing to tell.
_SHARED_NOTE_BASIS: dict[Law, str] = {
    Law.PARTICIPATIEWET: "Participatiewet art. 53a lid 6; AVG art. 6 lid 1 sub e, art. 15",
    Law.WMO: "Wmo 2015 art. 5.1.1; AVG art. 6 lid 1 sub e, art. 15",
    Law.JEUGDWET: "Jeugdwet art. 7.4.0; AVG art. 6 lid 1 sub e, art. 15",
    Law.SCHULDHULPVERLENING: "Wgs art. 4a lid 1; AVG art. 6 lid 1 sub e, art. 15",
}

SHARED_NOTE_RULES: tuple[PolicyRule, ...] = tuple(
    PolicyRule(
        Category.PERSONAL_NOTE,
        Disposition.WORKING,
        _SHARED_NOTE_BASIS[law],
        "a note shared with others is no longer personal: it is dossier material, open "
        "to inspection",
        "FAQ Q28",
        law=law,
        purpose=f"{_PURPOSE[law]}: a note shared with others is part of the case",
    )
    for law in Law
)

_SHARED_BY_LAW = {rule.law: rule for rule in SHARED_NOTE_RULES}

# Reading another case of the same subject (`zeef.domain.reuse`, FAQ Q4, Q6, Q20, Q21) and
# the consent that may allow it (`zeef.pipeline.consents`, FAQ Q19, Q32): the articles
# those rules and their audit events cite. Article numbers as the FAQ (2021) gives them.
REUSE_SAME_TASK_BASIS = "AVG art. 5 lid 1 sub b, art. 6 lid 1 sub e"  # the same law's task
REUSE_WGS_BASIS = "Wgs art. 8d"  # debt help may use Pw, Wmo and Jeugdwet data
REUSE_WMO_BASIS = "Wmo 2015 art. 5.1.1 lid 4"  # the Wmo only with the citizen's consent
REUSE_PW_BASIS = "Participatiewet art. 53a lid 6"  # only with a concrete reason
REUSE_REFUSED_BASIS = "AVG art. 5 lid 1 sub b"  # purpose limitation: no rule allows it
CONSENT_RECORDED_BASIS = "AVG art. 7 lid 1"  # the controller can show consent was given
CONSENT_WITHDRAWN_BASIS = "AVG art. 7 lid 3"  # consent may be withdrawn at any time
REUSE_BASES: frozenset[str] = frozenset(
    {
        REUSE_SAME_TASK_BASIS,
        REUSE_WGS_BASIS,
        REUSE_WMO_BASIS,
        REUSE_PW_BASIS,
        REUSE_REFUSED_BASIS,
        CONSENT_RECORDED_BASIS,
        CONSENT_WITHDRAWN_BASIS,
    }
)

# Every legal reference a rule of this module can give: the audit trail's closed set.
LEGAL_BASES: frozenset[str] = (
    frozenset({r.legal_basis for r in POLICY} | {r.legal_basis for r in SHARED_NOTE_RULES})
    | {REVIEW_RULE_BASIS}
    | REUSE_BASES
)


def law_of(law: str | Law | None) -> Law:
    """The `Law` of a case file's `law` value; None is `DEFAULT_LAW` (the Participatiewet).
    ValueError for anything else."""
    if law is None:
        return DEFAULT_LAW
    try:
        return Law(law)
    except ValueError:
        known = ", ".join(member.value for member in Law)
        raise ValueError(f"unknown law {law!r}: must be one of {known}") from None


def rule_for(category: Category | str, law: str | Law | None = None) -> PolicyRule:
    """The rule for a document of `category` in a case under `law` (None: the
    Participatiewet). ValueError for an unknown category or law."""
    return _BY_KEY[(law_of(law), Category(category))]


def rules_for_law(law: str | Law) -> tuple[PolicyRule, ...]:
    """The rows of one law, one per category in `Category` order."""
    key = law_of(law)
    return tuple(_BY_KEY[(key, category)] for category in Category)


def shared_note_rule(law: str | Law | None = None) -> PolicyRule:
    """The rule for a personal note that was shared with others (FAQ Q28): working."""
    return _SHARED_BY_LAW[law_of(law)]


def decide(
    category: Category,
    medical_policy: Disposition = DEFAULT_MEDICAL_POLICY,
    needs_review: bool = False,
    law: str | Law | None = None,
) -> Disposition:
    """The disposition of a document of `category` in a case under `law` (None: the
    Participatiewet) with `medical_policy`."""
    rule = rule_for(category, law)  # an unknown law is an error even when reviewed
    if needs_review:
        return Disposition.REVIEW
    if rule.disposition is None:
        return medical_policy
    return rule.disposition
