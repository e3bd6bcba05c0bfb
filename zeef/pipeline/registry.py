"""The case registry: the cases the store knows, one JSON object each.

`zeef cases add CASE.json` registers a case (and `zeef ingest --case CASE.json` does so on
the fly); later commands find it by its id (`zeef dossier CASE_ID`). The case file is
validated field by field (`case.parse_case`): a bad BSN, law or date is refused with the
field's name, never its value. `related_cases` names other cases of the same subject
(`zeef.pipeline.reuse` reads them where the law allows it); stored only when not empty.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime

from zeef.domain.case import CASE_ID, Case, loads_case_json, parse_case
from zeef.domain.errors import CaseFileError, UnknownCase
from zeef.storage import ObjectNotFound, Store, check_key


def case_key(case_id: str) -> str:
    """Where the case file is; ValueError for an id that cannot be part of a key."""
    return check_key(f"cases/{case_id}/case.json")


def case_to_json(case: Case) -> dict:
    subject = {k: v for k, v in asdict(case.subject).items() if v is not None}
    out = {
        "case_id": case.case_id,
        "law": case.law,
        "subject": subject,
        "enforcement_investigation": case.enforcement_investigation,
        "medical_policy": case.medical_policy.value,
    }
    # Only when there are any: a case registered before the field existed is stored
    # byte for byte as it was (`register_case` says 'unchanged').
    if case.related_cases:
        out["related_cases"] = list(case.related_cases)
    return out


def registered_case_ids(store: Store) -> list[str]:
    """Every registered case id, sorted (one listing of ``cases/``)."""
    ids = set()
    for key in store.list("cases/"):
        parts = key.split("/")
        if len(parts) == 3 and parts[2] == "case.json" and CASE_ID.fullmatch(parts[1]):
            ids.add(parts[1])
    return sorted(ids)


def is_registered(store: Store, case_id: str) -> bool:
    """Whether `case_id` is a registered case (one lookup; False for a malformed id)."""
    try:
        return store.exists(case_key(case_id))
    except ValueError:
        return False


def register_case(store: Store, case: Case) -> str:
    """Store `case`: 'registered' (new), 'updated' (changed) or 'unchanged'."""
    data = json.dumps(case_to_json(case), sort_keys=True, ensure_ascii=False).encode()
    key = case_key(case.case_id)
    try:
        old = store.get(key)
    except ObjectNotFound:
        store.put(key, data, {"kind": "case"})
        return "registered"
    if old == data:
        return "unchanged"
    try:
        was = bool(json.loads(old).get("enforcement_investigation"))
    except (ValueError, AttributeError):
        was = False
    store.put(key, data, {"kind": "case"})
    # An investigation that starts or closes is dated: once closed, the subject must be
    # told of it within three months (FAQ Q12; `zeef inzage status` shows by when).
    from zeef.pipeline.inzage.investigation import note_change

    today = datetime.now(UTC).date()
    note_change(store, case.case_id, was, case.enforcement_investigation, today)
    return "updated"


def load_registered(store: Store, case_id: str) -> Case:
    """The registered case `case_id`; UnknownCase when there is none."""
    try:
        key = case_key(case_id)
    except ValueError:
        raise UnknownCase("unknown case id (not a simple identifier)") from None
    try:
        raw = store.get(key)
    except ObjectNotFound:
        raise UnknownCase(
            f"unknown case id (register it with `zeef cases add`): {case_id}"
        ) from None
    try:
        return parse_case(loads_case_json(raw))
    except (ValueError, CaseFileError):
        raise UnknownCase("the registered case file is damaged") from None
