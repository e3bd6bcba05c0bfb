"""The per-case register of third parties' consent to disclosure (FAQ Q12).

Before a third party's statements or data are shown to the subject, the third party is
asked for consent. Given: their name stays in the subject's inspection copy. Refused: they
are anonymised, unless a privacy officer weighs that the subject's weighty interest
outweighs the refusal; that weighing is recorded with the decision.

``inzage/<case>/third_parties.json`` holds the register. It necessarily names the third
parties (that is what it is about) and the weighing in the officer's words; it is read by
the inspection package only and never copied into the audit trail, logs or XCom, which get
the decision's code and the officer's user id.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from zeef.domain.errors import InvalidInput
from zeef.storage import ObjectNotFound, Store

CONSENT = "consent"
REFUSAL = "refusal"
DECISIONS = (CONSENT, REFUSAL)


def register_key(case_id: str) -> str:
    return f"inzage/{case_id}/third_parties.json"


@dataclass(frozen=True)
class ConsentEntry:
    person: str  # the third party's name as it appears in the documents
    decision: str  # consent | refusal
    outweighed: bool  # a refusal the subject's weighty interest outweighs
    weighing: str  # the privacy officer's considerations (required for `outweighed`)
    recorded_by: str
    recorded_on: str  # YYYY-MM-DD

    @property
    def disclosed(self) -> bool:
        """Whether the name stays in the subject's copy."""
        return self.decision == CONSENT or self.outweighed

    @property
    def code(self) -> str:
        """The decision as the audit trail records it."""
        if self.decision == CONSENT:
            return "third_party_consented"
        return "third_party_refusal_outweighed" if self.outweighed else "third_party_refused"


def load(store: Store, case_id: str) -> list[ConsentEntry]:
    try:
        data = json.loads(store.get(register_key(case_id)))
    except ObjectNotFound:
        return []
    return [ConsentEntry(**entry) for entry in data.get("entries", [])]


def record(
    store: Store,
    case_id: str,
    person: str,
    decision: str,
    *,
    by: str,
    on: dt.date,
    outweighed: bool = False,
    weighing: str = "",
) -> ConsentEntry:
    """Record (or replace) the decision about `person`. InvalidInput for an unknown
    decision, an empty name, or an outweighed refusal without its weighing."""
    person = " ".join(person.split())
    if not person:
        raise InvalidInput("--person: the third party's name is required")
    if decision not in DECISIONS:
        raise InvalidInput(f"--decision: must be one of {', '.join(DECISIONS)}")
    if outweighed and decision != REFUSAL:
        raise InvalidInput("--outweighed applies to a refusal only")
    if outweighed and not weighing.strip():
        raise InvalidInput("an outweighed refusal needs the weighing (--weighing)")
    entry = ConsentEntry(person, decision, outweighed, weighing.strip(), by, on.isoformat())
    entries = [e for e in load(store, case_id) if e.person.casefold() != person.casefold()]
    entries.append(entry)
    data = {"entries": [asdict(e) for e in entries]}
    store.put(register_key(case_id), json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return entry


def disclosed_names(store: Store, case_id: str) -> list[str]:
    """The third parties whose names stay in the subject's copy."""
    return [e.person for e in load(store, case_id) if e.disclosed]
