"""Documents that wait to be told about in the citizen's next letter.

A reviewer's decision to return, forward or destroy a document (`review_decision`) is
news for the citizen, like ingest's own decisions; rather than a letter per decision, the
document waits under ``letters/<case>/pending/<sha256>`` and the next letter written for
the case (`IngestRun.finish`, `write_run_letter`, the intake DAG's letter step, which also
takes every case with something pending) tells about it, after which it is removed.
"""

from __future__ import annotations

from zeef.storage import Store

_PENDING = "letters/{case}/pending/"


def add(store: Store, case_id: str, sha256: str) -> None:
    store.put(_PENDING.format(case=case_id) + sha256, b"", {"kind": "pending_letter"})


def waiting(store: Store, case_id: str) -> list[str]:
    """The documents (sha256) waiting for the case's next letter."""
    prefix = _PENDING.format(case=case_id)
    return [key[len(prefix) :] for key in store.list(prefix)]


def clear(store: Store, case_id: str, shas: list[str]) -> None:
    for sha in shas:
        store.delete(_PENDING.format(case=case_id) + sha)


def cases_waiting(store: Store) -> list[str]:
    """Every case with a document waiting for its next letter."""
    cases = set()
    for key in store.list("letters/"):
        parts = key.split("/")
        if len(parts) == 4 and parts[2] == "pending":
            cases.add(parts[1])
    return sorted(cases)
