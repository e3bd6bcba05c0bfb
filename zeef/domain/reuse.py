"""Reading another case of the same subject: what the law allows, as a table.

A case may name other cases of the same subject (`Case.related_cases`). Whether data
collected for one of them may be used for another depends on the law of the case that
asks (the case the data are read *for*) and the law of the case read: there is no
general rule (FAQ Q21). One row per pair (`RULES`, keyed by (asking law, law read)):

| asking \\ read       | participatiewet | wmo           | jeugdwet      | schuldhulpverlening |
|---------------------|-----------------|---------------|---------------|---------------------|
| participatiewet     | allowed         | needs_reason  | needs_reason  | needs_reason        |
| wmo                 | needs_consent   | allowed       | needs_consent | needs_consent       |
| jeugdwet            | refused         | refused       | allowed       | refused             |
| schuldhulpverlening | allowed         | allowed       | allowed       | allowed             |

- the same law: earlier reports of the same statutory task, as far as the new request
  needs them (FAQ Q20);
- debt help (Wgs art. 8d) may use data obtained under the Participatiewet, the Wmo 2015
  and the Jeugdwet, without the citizen's consent (FAQ Q21);
- the Wmo 2015 (art. 5.1.1 lid 4) only with the citizen's consent (FAQ Q21; a consent
  that is concrete, specific and informed, oral or written: Q19, Q32);
- the Participatiewet (art. 53a lid 6) only with a concrete reason, such as a suspicion;
  never a sweep of other departments' files beforehand (FAQ Q4, Q6);
- the Jeugdwet has no rule for reusing other social-domain laws' data: refused (FAQ Q21).
  Its multi-problem exception (an exchange needed for both laws' tasks, to attune their
  provisions) is a person's weighing, not a table row.

Each rule holds its `legal_reference` (one of `policy.LEGAL_BASES`: what the audit trail
records with the read or its refusal), a short `reason` and the FAQ questions
(`guidance`) that explain it; the FAQ is explanation, not law.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from zeef.domain.policy import (
    REUSE_PW_BASIS,
    REUSE_REFUSED_BASIS,
    REUSE_SAME_TASK_BASIS,
    REUSE_WGS_BASIS,
    REUSE_WMO_BASIS,
    Law,
    law_of,
)


class Kind(StrEnum):
    """What a rule asks before the other case may be read."""

    ALLOWED = "allowed"
    NEEDS_CONSENT = "needs_consent"  # an active consent of the subject, recorded in the case
    NEEDS_REASON = "needs_reason"  # a concrete reason, recorded with the read
    REFUSED = "refused"


@dataclass(frozen=True)
class Rule:
    asking: Law  # the law of the case the data are read for
    read: Law  # the law of the case read
    kind: Kind
    legal_reference: str  # statutes and articles only; in policy.LEGAL_BASES
    reason: str  # why, in one line
    guidance: str  # the FAQ questions that explain the rule (not law)


_SAME_LAW = (
    Kind.ALLOWED,
    REUSE_SAME_TASK_BASIS,
    "the same statutory task: earlier reports may be used as far as the new request needs them",
    "FAQ Q20",
)
_BY_ASKING_LAW: dict[Law, tuple[Kind, str, str, str]] = {
    Law.SCHULDHULPVERLENING: (
        Kind.ALLOWED,
        REUSE_WGS_BASIS,
        "debt help may use data obtained under the Participatiewet, Wmo 2015 and Jeugdwet, "
        "without the citizen's consent",
        "FAQ Q21",
    ),
    Law.WMO: (
        Kind.NEEDS_CONSENT,
        REUSE_WMO_BASIS,
        "the Wmo may use data obtained under the Jeugdwet, Participatiewet or Wgs only with "
        "the citizen's consent",
        "FAQ Q19, Q21, Q32",
    ),
    Law.PARTICIPATIEWET: (
        Kind.NEEDS_REASON,
        REUSE_PW_BASIS,
        "assistance may use data known under other laws only with a concrete reason, "
        "never as a sweep of other files",
        "FAQ Q4, Q6, Q21",
    ),
    Law.JEUGDWET: (
        Kind.REFUSED,
        REUSE_REFUSED_BASIS,
        "the Jeugdwet has no rule for reusing data of other social-domain laws",
        "FAQ Q21",
    ),
}

RULES: tuple[Rule, ...] = tuple(
    Rule(asking, read, *(_SAME_LAW if asking is read else _BY_ASKING_LAW[asking]))
    for asking in Law
    for read in Law
)

_BY_PAIR: dict[tuple[Law, Law], Rule] = {(r.asking, r.read): r for r in RULES}


def rule_for(asking: str | Law, read: str | Law) -> Rule:
    """The rule for reading a case under `read` for a case under `asking` (case files'
    `law` values or `Law`s). ValueError for an unknown law; None is not a law here."""
    if asking is None or read is None:
        raise ValueError("unknown law None: a reuse rule needs both cases' laws")
    return _BY_PAIR[(law_of(asking), law_of(read))]
