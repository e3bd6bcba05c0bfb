"""What waits for a reviewer (`zeef review list`): every document under `review/`, with
why it waits, its deadline and whether it is overdue.

Review is not a bin: each document in review has a deadline (`zeef.domain.deadlines`),
set when it was recorded: one working day for an ID copy or a medical document (or a
glued file holding one), which must not wait whole for long; ten for everything else
(settings `[deadlines]`). Past it, the document is listed as overdue. The list is sorted
with what may not wait first, then by deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zeef.domain.deadlines import is_urgent, review_deadline
from zeef.domain.records import DocumentRecord, RecordError, record_from_bytes
from zeef.pipeline.route import record_key
from zeef.storage import ObjectNotFound, Store

REVIEW_PREFIX = "review/"
POLICY_REVIEW = "policy_review"  # the policy row sends the category to a person


def _waiting_keys(store: Store, case_id: str | None) -> Iterator[tuple[str, str]]:
    prefix = f"{REVIEW_PREFIX}{case_id}/" if case_id else REVIEW_PREFIX
    for key in store.list(prefix):
        rest = key[len(REVIEW_PREFIX) :]
        case, _, sha = rest.rpartition("/")
        if case and len(sha) == 64:
            yield case, sha


def waiting(store: Store, case_id: str | None = None, today: dt.date | None = None) -> list[dict]:
    """One line per document waiting in review: `case_id`, `sha256`, `category`,
    `confidence`, `reasons`, `received`, `deadline`, `overdue`, `urgent`; ids, codes and
    dates only."""
    today = today or dt.datetime.now(dt.UTC).date()
    lines = []
    for case, sha in _waiting_keys(store, case_id):
        try:
            record = record_from_bytes(store.get(record_key(case, sha)))
        except (ObjectNotFound, RecordError):
            record = None  # stored by a run interrupted before its record: a rerun ends it
        if not isinstance(record, DocumentRecord):
            lines.append(
                {
                    "case_id": case,
                    "sha256": sha,
                    "category": None,
                    "reasons": ["unrecorded"],
                    "received": None,
                    "deadline": None,
                    "overdue": False,
                    "urgent": False,
                    "law": None,
                    "source": None,
                }
            )
            continue
        received = dt.datetime.fromisoformat(record.received).date() if record.received else today
        categories = {record.category.value}
        if record.review_deadline:
            deadline = dt.date.fromisoformat(record.review_deadline)
        else:  # recorded before deadlines existed: from the settings now
            deadline = review_deadline(received, categories)
        # A glued file's record carries its most restrictive segment's category: one
        # holding an ID copy or a medical page is urgent by it.
        urgent = is_urgent(categories)
        lines.append(
            {
                "case_id": case,
                "sha256": sha,
                "category": record.category.value,
                "confidence": record.confidence,
                # No reason of its own: the policy row itself says a person decides
                # (`other`).
                "reasons": list(record.reasons) or [POLICY_REVIEW],
                "received": received.isoformat(),
                "deadline": deadline.isoformat(),
                "overdue": today > deadline,
                "urgent": urgent,
                "law": record.law,
                "source": record.source,
            }
        )
    lines.sort(key=lambda x: (not x["urgent"], x["deadline"] or "9999", x["case_id"], x["sha256"]))
    return lines
